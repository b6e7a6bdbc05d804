#!/bin/sh
# Assemble the prototype scripts for one settings file: build.sh iris DEST
set -eu
here=$(dirname "$0")
dest=$2
mkdir -p "$dest"
cat "$here/settings_$1.R" "$here/data.R" "$here/prepare_step.R" > "$dest/prepare.R"
cat "$here/settings_$1.R" "$here/data.R" "$here/features.R" \
  "$here/train_step.R" > "$dest/train.R"
cat "$here/data.R" "$here/features.R" "$here/metrics.R" \
  "$here/evaluate_step.R" > "$dest/evaluate.R"
cat "$here/data.R" "$here/features.R" "$here/predict_step.R" > "$dest/predict.R"
