#!/usr/bin/env bash
# Ingest on PostgreSQL against ingest on SQLite (issue #17: "Ingest of the 20,000-file corpus on
# PostgreSQL at least 0.7× the SQLite ingest"; not a unit test).
#
# The generated DICOM corpus of Benchmarks/ingest.sh (FILES files, default 20,000) is ingested with
# `medlake ingest` into a new lake on SQLite and into a new lake on PostgreSQL (a fresh schema of the
# server POSTGRES_URL names, `medlake init PATH --catalog URL`), ROUNDS times (default 3), alternating
# which goes first, with the page cache warmed before each. Prints each round, the median of each
# engine and their ratio (SQLite time ÷ PostgreSQL time: 1.0 means as fast), with the load average.
#
# Usage: Benchmarks/ingest-postgres.sh        (FILES=2000 ROUNDS=1 for a quick run; BIN=… skips the build)
# Needs: swift, python3, psql (to drop the schemas afterwards), a PostgreSQL server: POSTGRES_URL
# (default: $MEDLAKE_TEST_POSTGRES_URL, as `.ci/services.sh` or /tmp/medlake-services/services.env set
# it) whose user may create schemas, with its password in MEDLAKE_CATALOG_PASSWORD or in the file
# MEDLAKE_CATALOG_PASSWORD_FILE (default: $MEDLAKE_TEST_POSTGRES_PASSWORD_FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/lib/fresh-output.sh
source Benchmarks/lib/dicom-corpus.sh

FILES=${FILES:-20000}
ROUNDS=${ROUNDS:-3}
POSTGRES_URL=${POSTGRES_URL:-${MEDLAKE_TEST_POSTGRES_URL:?set POSTGRES_URL or MEDLAKE_TEST_POSTGRES_URL}}
if [ -z "${MEDLAKE_CATALOG_PASSWORD:-}" ]; then
    export MEDLAKE_CATALOG_PASSWORD_FILE=${MEDLAKE_CATALOG_PASSWORD_FILE:-${MEDLAKE_TEST_POSTGRES_PASSWORD_FILE:?set MEDLAKE_CATALOG_PASSWORD or MEDLAKE_CATALOG_PASSWORD_FILE}}
fi
WORK=Benchmarks/.work
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)

# BIN=path/to/medlake uses a release binary built already.
if [ -z "${BIN:-}" ]; then
    swift build -c release --product medlake >&2
    BIN=$(swift build -c release --show-bin-path)/medlake
fi

now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.3f}')"; }

# MARK: - Corpus (the one Benchmarks/ingest.sh generates)
dicom_corpus "$BIN" "$WORK" "$FILES"

# MARK: - Schemas
# One schema per round, named after this run; psql (with the same password) drops them when the script
# ends, however it ends.
SCHEMA_PREFIX="bench_$(date +%s)_$$"
drop_schemas() {
    local password=${MEDLAKE_CATALOG_PASSWORD:-$(cat "$MEDLAKE_CATALOG_PASSWORD_FILE")}
    for round in $(seq "$ROUNDS"); do
        PGPASSWORD=$password psql -q "${POSTGRES_URL%%\?*}" \
            -c "DROP SCHEMA IF EXISTS ${SCHEMA_PREFIX}_$round CASCADE" > /dev/null 2>&1 || true
    done
}
trap drop_schemas EXIT

# MARK: - Rounds
OUT=$WORK/ingest-postgres-run
fresh_output "$OUT"
ingest() { # ENGINE ROUND: prints the seconds of one ingest into a new lake on ENGINE
    local lake=$OUT/$1-$2
    if [ "$1" = postgres ]; then
        local schema=${SCHEMA_PREFIX}_$2
        "$BIN" init "$lake" --catalog "$POSTGRES_URL$([[ $POSTGRES_URL == *\?* ]] && echo '&' || echo '?')schema=$schema" > /dev/null
    else
        "$BIN" init "$lake" > /dev/null
    fi
    warm_corpus
    sync
    local start
    start=$(now)
    "$BIN" ingest "$CORPUS" --dataset bench --lake "$lake" --json > "$OUT/$1-$2.json"
    elapsed "$start" "$(now)"
}
sqlite=()
postgres=()
for round in $(seq "$ROUNDS"); do
    if [ $((round % 2)) = 1 ]; then
        sqlite+=("$(ingest sqlite "$round")")
        postgres+=("$(ingest postgres "$round")")
    else
        postgres+=("$(ingest postgres "$round")")
        sqlite+=("$(ingest sqlite "$round")")
    fi
    echo "round $round: sqlite ${sqlite[-1]} s, postgres ${postgres[-1]} s" >&2
done

# MARK: - Table
python3 - "$FILES" "$OUT" "$(cut -d' ' -f1-3 /proc/loadavg)" "${sqlite[*]}" "${postgres[*]}" <<'PY'
import json, statistics, sys
files, out, load = int(sys.argv[1]), sys.argv[2], sys.argv[3]
sqlite, postgres = [list(map(float, a.split())) for a in sys.argv[4:6]]
for engine in ("sqlite", "postgres"):
    for round in range(1, len(sqlite) + 1):
        report = json.load(open(f"{out}/{engine}-{round}.json"))
        if report["filesAdded"] != files or report["errors"]:
            sys.exit(f"{engine} round {round} added {report['filesAdded']} files, {len(report['errors'])} errors")
print(f"\nLoad average (1, 5, 15 min) after the runs: {load}\n")
print(f"| {files:,} DICOM files, {len(sqlite)} alternating rounds | median s | rounds (s) | files/s |")
print("|---|---|---|---|")
for name, times in (("`medlake ingest`, catalog on SQLite", sqlite), ("`medlake ingest`, catalog on PostgreSQL", postgres)):
    median = statistics.median(times)
    print(f"| {name} | {median:.2f} | {', '.join(f'{t:.2f}' for t in times)} | {files / median:,.0f} |")
ratio = statistics.median(sqlite) / statistics.median(postgres)
print(f"\nPostgreSQL vs SQLite: {ratio:.2f}× (target ≥ 0.7); per round: "
      + ", ".join(f"{s / p:.2f}" for s, p in zip(sqlite, postgres)))
PY
