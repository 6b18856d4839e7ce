#!/usr/bin/env bash
# The README's second command and what CI runs (.ci/run): installs the Debian packages the build and the
# tests need (as root; otherwise prints the one apt-get line to run), checks that list against the
# sources, starts SeaweedFS, Orthanc and PostgreSQL 15 on 127.0.0.1 for the S3, DICOM-server and
# PostgreSQL-catalog tests (stopped on exit), then runs the whole suite (the suites that talk to S3 and Orthanc
# in-process first, in a test process of their own), then the suites that make lakes (LakeEngine, CLI,
# workbench) again with their catalogs on PostgreSQL. Arguments go to one `swift test` (`Scripts/test.sh --filter DICOMTests`).
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/setup/install-packages.sh build test
# pydicom 3 (the tests compare with its JSON model; Debian 12's python3-pydicom 2.3 lacks newer tags):
# from PyPI into a folder of its own when python3 has none, since Debian's python3 refuses installs into
# itself (PEP 668).
has_pydicom3() { python3 -c 'import sys, pydicom; sys.exit(int(pydicom.__version__.split(".")[0]) < 3)' 2>/dev/null; }
if ! has_pydicom3; then
    if [ "$(id -u)" -eq 0 ]; then python_packages=/var/cache/medlake/python; else python_packages=$HOME/.cache/medlake/python; fi
    export PYTHONPATH=$python_packages${PYTHONPATH:+:$PYTHONPATH}
    if ! has_pydicom3; then
        echo "test: installing pydicom 3 into $python_packages" >&2
        python3 -m pip install -q --upgrade --target "$python_packages" 'pydicom>=3,<4' >&2
    fi
fi
python3 Scripts/setup/check-packages.py

# Servers for the S3 tier, Orthanc ingest and PostgreSQL catalog tests: their endpoints and generated
# credentials reach the tests as MEDLAKE_TEST_* variables; with CI=true a test that finds them missing fails.
services_dir=$(mktemp -d /tmp/medlake-ci-services.XXXXXX)
# Every lake, input folder and catalog the tests create goes under one folder removed on exit, so runs
# leave nothing behind in /tmp (thousands of lakes a run otherwise). Mode 1777 like /tmp: tests run
# commands as other Unix users there.
tests_tmp=$(mktemp -d /tmp/medlake-tests.XXXXXX)
chmod 1777 "$tests_tmp"
# When the suite fails, the servers' last log lines go to the output before their folder is removed: a
# failure CI saw on a loaded machine can then be told apart from a server that was failing.
finish() {
    local status=$?
    if [ "$status" -ne 0 ]; then
        for server_log in "$services_dir"/*.log "$services_dir"/postgres/*.log; do
            [ -f "$server_log" ] || continue
            echo "test: last lines of $(basename "$server_log"):" >&2
            tail -n 60 "$server_log" >&2
        done
        # Last, so that the tail of a long output (all CI keeps) names what failed.
        if [ -s "$passes_log" ]; then
            echo "test: what failed:" >&2
            grep -aE '✘|error:|Fatal error' "$passes_log" | cut -c1-400 | tail -n 60 >&2 || true
        fi
    fi
    .ci/services.sh stop "$services_dir" || true
    rm -rf "$services_dir" "$tests_tmp"
}
# Every pass's output is also kept here, for the summary of failures at the end.
passes_log=$services_dir/test-passes.out
trap finish EXIT
.ci/services.sh start "$services_dir" >/dev/null
set -a
# shellcheck disable=SC1091
. "$services_dir/services.env"
set +a

export TMPDIR=$tests_tmp
if [ "$#" -gt 0 ]; then
    swift test "$@"
    exit
fi
# The suites that talk to SeaweedFS or Orthanc from async code in the test process itself run first, in a
# test process of their own. Swift's concurrency pool has one thread per core (two in CI) and never adds
# more; in the whole run Swift Testing starts every test at once, and the synchronous ones (most CLI tests,
# which wait for the processes they run) hold those threads for seconds each. An S3 request body whose task
# was queued behind them stalled for minutes, until SeaweedFS timed the request out (CI failed so).
server_suites='\.(S3[A-Za-z]*Tests|RemoteStagePlanTests|RemoteWorkersCLITests|RemoteWorkerCancelCLITests|OrthancIngestTests)'
# The CLI suite, whose synchronous tests wait for the `medlake` processes they run, gets a process of its
# own for the same reason: beside it, the engine's async tests (a migration worker held at a gate) waited
# more than ten minutes for a thread on a loaded machine.
swift build --build-tests
status=0
pass() { swift test --skip-build "$@" 2>&1 | tee -a "$passes_log"; }
pass --filter "$server_suites" || status=$?
pass --filter MedLakeCLITests --skip "$server_suites" || status=$?
pass --skip "MedLakeCLITests|$server_suites" || status=$?
# The suites whose lakes have a catalog once more with every test lake's catalog on PostgreSQL (issue #17:
# both stores run the same tests; docs/modules/catalog.md): LakeEngine, the CLI and the workbench, split
# into processes as above. Left out are the suites that open no lake: CLI help and usage snapshots, DICOM
# tag parsing and the Kubernetes manifest arguments (and the Catalog, DICOM, genomics, storage and terminal
# targets, which make no lake). The servers above are always started here, so this runs in CI.
if [ -n "${MEDLAKE_TEST_POSTGRES_URL:-}" ] || [ "${CI:-}" = true ]; then
    lake_targets='^(LakeEngineTests|MedLakeCLITests|WorkbenchTests)'
    lakeless_suites='\.(HelpSnapshotTests|CommandLineHelpCLITests|DICOMTagsCLITests|KubernetesManifestArgumentsTests)'
    MEDLAKE_TEST_CATALOG=postgres pass --filter "$lake_targets$server_suites" || status=$?
    MEDLAKE_TEST_CATALOG=postgres pass --filter '^MedLakeCLITests\.' --skip "$server_suites" \
        --skip "$lakeless_suites" || status=$?
    MEDLAKE_TEST_CATALOG=postgres pass --filter '^(LakeEngineTests|WorkbenchTests)\.' \
        --skip "$server_suites" || status=$?
fi
exit "$status"
