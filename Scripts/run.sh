#!/usr/bin/env bash
# The README's first command: installs the Debian packages the build needs (as root; otherwise prints the
# one apt-get line to run), builds medlake and opens the workbench — on SampleLake/ in a fresh clone,
# built on first open. Arguments go to medlake (`Scripts/run.sh datasets`, `Scripts/run.sh --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/setup/install-packages.sh build
exec swift run medlake "$@"
