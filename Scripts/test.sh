#!/usr/bin/env bash
# The README's second command and what CI runs (.ci/run): installs the Debian packages the build and the
# tests need (as root; otherwise prints the one apt-get line to run), checks that list against the
# sources, starts SeaweedFS and Orthanc on 127.0.0.1 for the S3 and DICOM-server tests (stopped on exit),
# then runs the whole suite. Arguments go to `swift test` (`Scripts/test.sh --filter DICOMTests`).
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/setup/install-packages.sh build test
# pydicom for a python3 that is not Debian's (pyenv, /usr/local): python3-pydicom serves /usr/bin/python3.
python3 -c "import pydicom" 2>/dev/null || python3 -m pip install -q pydicom
python3 Scripts/setup/check-packages.py

# Servers for the S3 tier and Orthanc ingest tests: their endpoints and generated credentials reach the
# tests as MEDLAKE_TEST_* variables; with CI=true a test that finds them missing fails.
services_dir=$(mktemp -d /tmp/medlake-ci-services.XXXXXX)
trap '.ci/services.sh stop "$services_dir" || true; rm -rf "$services_dir"' EXIT
.ci/services.sh start "$services_dir" >/dev/null
set -a
# shellcheck disable=SC1091
. "$services_dir/services.env"
set +a

swift test "$@"
