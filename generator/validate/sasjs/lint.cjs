// Lint SAS programs with @sasjs/lint's lintText; print the diagnostics as JSON.
// Usage: node lint.cjs NODE_MODULES_DIR < [{"file": ..., "text": ...}, ...]
// lintText reads its settings from the .sasjslint file found from the current
// directory upwards, so the script runs from its own folder, next to ours.
"use strict";

const path = require("path");

async function main() {
  const modulesDir = process.argv[2];
  const { lintText } = require(path.join(modulesDir, "@sasjs", "lint"));
  process.chdir(__dirname);

  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  const programs = JSON.parse(Buffer.concat(chunks).toString("utf8"));

  const results = [];
  for (const program of programs) {
    const diagnostics = await lintText(program.text);
    results.push({ file: program.file, diagnostics });
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(2);
});
