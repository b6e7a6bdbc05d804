"""aawgen's own code stays within its style: ruff clean, lines within 88."""

import subprocess

from tests.conftest import ROOT, require_tool


def test_ruff_finds_nothing_in_our_code():
    ruff = require_tool("ruff")
    result = subprocess.run(
        [ruff, "check", "--no-cache", "generator", "tests"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout
