#!/usr/bin/env bash
# The catalog at scale on both stores (issue #17: "A 10,000,000-instance / 200,000-series catalog on each
# store: the listing queries' p99 under 50 ms, and the workbench's first frame under 200 ms"; not a unit test).
#
# A lake of INSTANCES instances in SERIES series (ten a study), 50,000 genomic samples and SERIES/2
# quality flags is written straight into a new SQLite catalog by generate-catalog.py, and the same rows
# into a new lake on PostgreSQL (`medlake init --catalog`, a schema of POSTGRES_URL's database, each table
# streamed from SQLite into COPY). Both lakes are kept under Benchmarks/.work/catalog-scale-INSTANCES and
# the schema on the server, for the next run (`Benchmarks/catalog-scale.sh clean` removes both).
# `medlake catalog copy --to` (the product's way to move a catalog, an operator's operation of its own) is
# timed on a generated lake of COPY_INSTANCES (1,000,000) instances, into a schema dropped afterwards.
#
# For each store:
#   - the workbench (`medlake browse`, in-process) under a pty, RUNS times: process start to the first
#     frame and to the first frame with data (workbench-drive.py --first-frames);
#   - `medlake serve` on the lake, and every listing query the workbench and the CLI ask for (first page,
#     last page, each sort, text filters, `containing`…; catalog-scale-queries.py lists them) REQUESTS
#     times each over the service's Unix socket: p50 and p99 per query.
# Prints a table per store and PostgreSQL ÷ SQLite, with the load average. Targets: p99 < 50 ms,
# first frame < 200 ms.
#
# The lakes belong to the user `medlake-scale` when run as root (made here and removed at the end):
# `medlake serve` refuses a lake root owns.
#
# Usage: Benchmarks/catalog-scale.sh [clean]
#   INSTANCES=1000000 SERIES=20000 for a small run;
#   REQUESTS (200), RUNS (5); COPY_INSTANCES=0 skips timing the copy; BIN=path skips the build.
# Needs: swift, python3, psql, a PostgreSQL server: POSTGRES_URL (default: $MEDLAKE_TEST_POSTGRES_URL, as
# `.ci/services.sh` or /tmp/medlake-services/services.env set it) whose user may create schemas, with
# its password in MEDLAKE_CATALOG_PASSWORD or in the file MEDLAKE_CATALOG_PASSWORD_FILE (default:
# $MEDLAKE_TEST_POSTGRES_PASSWORD_FILE).
set -euo pipefail
cd "$(dirname "$0")/.."

INSTANCES=${INSTANCES:-10000000}
SERIES=${SERIES:-200000}
REQUESTS=${REQUESTS:-200}
RUNS=${RUNS:-5}
POSTGRES_URL=${POSTGRES_URL:-${MEDLAKE_TEST_POSTGRES_URL:?set POSTGRES_URL or MEDLAKE_TEST_POSTGRES_URL}}
if [ -z "${MEDLAKE_CATALOG_PASSWORD:-}" ]; then
    MEDLAKE_CATALOG_PASSWORD=$(cat "${MEDLAKE_CATALOG_PASSWORD_FILE:-${MEDLAKE_TEST_POSTGRES_PASSWORD_FILE:?set MEDLAKE_CATALOG_PASSWORD or MEDLAKE_CATALOG_PASSWORD_FILE}}")
fi
export MEDLAKE_CATALOG_PASSWORD
unset MEDLAKE_CATALOG_PASSWORD_FILE

WORK=Benchmarks/.work/catalog-scale-$INSTANCES
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
SCHEMA=catalog_scale_$INSTANCES
psql_run() { PGPASSWORD=$MEDLAKE_CATALOG_PASSWORD psql -q -v ON_ERROR_STOP=1 "${POSTGRES_URL%%\?*}" "$@"; }
SERVICE_USER=medlake-scale

if [ "${1:-}" = clean ]; then
    psql_run -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" -c "DROP SCHEMA IF EXISTS ${SCHEMA}_copy CASCADE" > /dev/null
    rm -rf "$WORK"
    echo "removed $WORK and the schema $SCHEMA"
    exit 0
fi

if [ -z "${BIN:-}" ]; then
    swift build -c release --product medlake >&2
    BIN=$(swift build -c release --show-bin-path)/medlake
fi
install -m 0755 "$BIN" "$WORK/medlake"
BIN=$WORK/medlake

# MARK: - The lakes' owner
OWNER=() # the command prefix that runs as the lakes' owner
PYTHON=python3
SERVICE=
cleanup() {
    if [ -n "$SERVICE" ]; then kill "$SERVICE" 2> /dev/null || true; wait "$SERVICE" 2> /dev/null || true; fi
    if [ "${MADE_USER:-0}" = 1 ]; then userdel "$SERVICE_USER" 2> /dev/null || true; fi
}
trap cleanup EXIT
if [ "$(id -u)" = 0 ]; then
    if ! id "$SERVICE_USER" > /dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
        MADE_USER=1
    fi
    # setpriv execs the command itself (runuser would fork), so `$!` below is the service's own pid.
    OWNER=(setpriv --reuid "$SERVICE_USER" --regid "$(id -g "$SERVICE_USER")" --clear-groups --)
    PYTHON=/usr/bin/python3 # root's PATH may name an interpreter under /root
    chown -R "$SERVICE_USER" "$WORK"
fi
as_owner() { "${OWNER[@]}" "$@"; }
now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.1f}')"; }

# MARK: - The SQLite lake
SQLITE_LAKE=$WORK/sqlite
if [ ! -f "$WORK/sqlite.complete" ]; then
    rm -rf "$SQLITE_LAKE"
    as_owner "$BIN" init "$SQLITE_LAKE" > /dev/null
    start=$(now)
    as_owner "$PYTHON" Benchmarks/generate-catalog.py "$SQLITE_LAKE/catalog.sqlite" --instances "$INSTANCES" \
        --series "$SERIES" --samples 50000 --flags $((SERIES / 2)) >&2
    elapsed "$start" "$(now)" > "$WORK/generate.seconds"
    touch "$WORK/sqlite.complete"
fi

# MARK: - The PostgreSQL lake
# The same rows on PostgreSQL: a new lake (`medlake init --catalog`, the schema migrated by the product),
# then each generated table streamed from SQLite as CSV into PostgreSQL's COPY, ids kept, and the
# identity sequences set past them. `medlake catalog copy` is the product's way (timed below on a smaller
# lake): at 20 million rows through one transaction of multi-row INSERTs it takes too long on a loaded
# two-core machine to set up a benchmark with.
POSTGRES_LAKE=$WORK/postgres
POSTGRES_CATALOG=$POSTGRES_URL$([[ $POSTGRES_URL == *\?* ]] && echo '&' || echo '?')schema=$SCHEMA
if [ ! -f "$WORK/postgres.complete" ]; then
    rm -rf "$POSTGRES_LAKE"
    psql_run -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" > /dev/null
    as_owner "$BIN" init "$POSTGRES_LAKE" --catalog "$POSTGRES_CATALOG" > /dev/null
    start=$(now)
    for table in dataset study series object instance sample genomicFile qualityFlag; do
        columns=$(sqlite3 "$SQLITE_LAKE/catalog.sqlite" "SELECT group_concat(name, ',') FROM pragma_table_info('$table')")
        echo "loading $table into PostgreSQL…" >&2
        # sqlite3 writes NULL as an empty field and '' as "": COPY reads them back the same.
        sqlite3 -csv "$SQLITE_LAKE/catalog.sqlite" "SELECT $columns FROM $table ORDER BY id" |
            PGOPTIONS="-c timezone=UTC" psql_run -c "\\copy $SCHEMA.$table ($columns) FROM pstdin WITH (FORMAT csv)"
        psql_run -c "SELECT setval(pg_get_serial_sequence('$SCHEMA.$table', 'id'), (SELECT MAX(id) FROM $SCHEMA.$table))" \
            > /dev/null
        # Planner statistics and the visibility map (for index-only scans), as autovacuum leaves them on a
        # server left running.
        psql_run -c "VACUUM ANALYZE $SCHEMA.$table"
    done
    elapsed "$start" "$(now)" > "$WORK/load.seconds"
    touch "$WORK/postgres.complete"
fi

# MARK: - `medlake catalog copy` (the product's way), timed on a lake of COPY_INSTANCES instances
COPY_INSTANCES=${COPY_INSTANCES:-1000000}
COPY_SERIES=$((COPY_INSTANCES / 50))
if [ "$COPY_INSTANCES" != 0 ] && [ ! -f "$WORK/copy.seconds" ]; then
    copy_lake=$WORK/copy-$COPY_INSTANCES
    rm -rf "$copy_lake"
    psql_run -c "DROP SCHEMA IF EXISTS ${SCHEMA}_copy CASCADE" > /dev/null
    as_owner "$BIN" init "$copy_lake" > /dev/null
    as_owner "$PYTHON" Benchmarks/generate-catalog.py "$copy_lake/catalog.sqlite" --instances "$COPY_INSTANCES" \
        --series "$COPY_SERIES" --samples $((COPY_INSTANCES / 200)) --flags $((COPY_SERIES / 2)) >&2
    echo "copying a catalog of $COPY_INSTANCES instances with \`medlake catalog copy\`…" >&2
    start=$(now)
    as_owner "$BIN" catalog copy --lake "$copy_lake" --to "${POSTGRES_CATALOG}_copy" > "$WORK/copy.out"
    elapsed "$start" "$(now)" > "$WORK/copy.seconds"
    echo "$COPY_INSTANCES" > "$WORK/copy.instances"
    psql_run -c "DROP SCHEMA IF EXISTS ${SCHEMA}_copy CASCADE" > /dev/null
    rm -rf "$copy_lake"
fi

# MARK: - Runs
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for store in sqlite postgres; do
    lake=$WORK/$store
    # Opened once first: a binary with a newer schema migrates the lake then, not in a timed run.
    as_owner "$BIN" datasets --json --lake "$lake" > /dev/null
    echo "$store: workbench first frames ($RUNS runs)…" >&2
    : > "$WORK/$store-frames.jsonl"
    for _ in $(seq "$RUNS"); do
        as_owner "$PYTHON" Benchmarks/workbench-drive.py "$BIN" "$lake" --first-frames >> "$WORK/$store-frames.jsonl"
    done
    echo "$store: listing queries ($REQUESTS requests each)…" >&2
    # Not through as_owner: `$!` must be the service's own pid, not a subshell's.
    "${OWNER[@]}" "$BIN" serve --lake "$lake" > "$WORK/serve.out" 2> "$WORK/serve.err" &
    SERVICE=$!
    for _ in $(seq 600); do grep -q '^Serving ' "$WORK/serve.out" && break; sleep 0.1; done
    grep -q '^Serving ' "$WORK/serve.out" || { cat "$WORK/serve.err" >&2; exit 1; }
    as_owner "$PYTHON" Benchmarks/catalog-scale-queries.py "$lake/medlake.sock" --requests "$REQUESTS" \
        --instances "$INSTANCES" --series "$SERIES" \
        > "$WORK/$store-queries.jsonl"
    kill "$SERVICE"
    wait "$SERVICE" 2> /dev/null || true
    SERVICE=
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# MARK: - Tables
python3 - "$WORK" "$INSTANCES" "$SERIES" "$(nproc) cores; load average $LOAD_BEFORE before, $LOAD_AFTER after" \
    "$(cat "$WORK/copy.instances" 2> /dev/null || echo 0)" <<'PY'
import json, statistics, sys
work, instances, series, load = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
copy_instances = int(sys.argv[5])
def lines(name):
    return [json.loads(line) for line in open(f"{work}/{name}") if line.strip()]
def read(name):
    try:
        return open(f"{work}/{name}").read().strip()
    except FileNotFoundError:
        return "?"
queries = {store: lines(f"{store}-queries.jsonl") for store in ("sqlite", "postgres")}
frames = {store: lines(f"{store}-frames.jsonl") for store in ("sqlite", "postgres")}
print(f"{instances:,} instances, {series:,} series, 50,000 samples, {series // 2:,} flags; {load}")
copied = 0
try:
    for line in open(f"{work}/copy.out"):
        fields = line.split()
        if len(fields) == 2 and fields[1].isdigit():
            copied += int(fields[1])
except FileNotFoundError:
    pass
copy = read("copy.seconds")
rate = f", {copied / float(copy):,.0f} rows/s" if copied and copy != "?" else ""
print(f"generating the SQLite catalog: {read('generate.seconds')} s; loading it into PostgreSQL (COPY): "
      f"{read('load.seconds')} s; `medlake catalog copy --to postgres://…` of the {copy_instances:,}-instance "
      f"catalog: {copy} s ({copied:,} rows{rate})\n")
print("| workbench (`medlake browse`, in-process) | SQLite median (runs) | PostgreSQL median (runs) |")
print("|---|---|---|")
for key, label in (("first_frame_ms", "first frame"), ("first_data_frame_ms", "first frame with data")):
    cells = []
    for store in ("sqlite", "postgres"):
        values = [run[key] for run in frames[store]]
        cells.append(f"{statistics.median(values):.0f} ms ({', '.join(f'{v:.0f}' for v in values)})")
    print(f"| {label} | {cells[0]} | {cells[1]} |")
print()
postgres = {row["name"]: row for row in queries["postgres"]}
print("| listing (200 rows a page) | total | SQLite p50 / p99 ms | PostgreSQL p50 / p99 ms | PostgreSQL ÷ SQLite p99 |")
print("|---|---|---|---|---|")
misses = {"SQLite": 0, "PostgreSQL": 0}
for row in queries["sqlite"]:
    other = postgres[row["name"]]
    for store, r in (("SQLite", row), ("PostgreSQL", other)):
        if r["p99"] >= 0.050:
            misses[store] += 1
    total = "" if row["total"] is None else f"{row['total']:,}"
    print(f"| {row['name']} | {total} | {row['p50'] * 1000:.2f} / {row['p99'] * 1000:.2f} | "
          f"{other['p50'] * 1000:.2f} / {other['p99'] * 1000:.2f} | {other['p99'] / row['p99']:.2f} |")
print()
print(f"p99 ≥ 50 ms: {misses['SQLite']} of {len(queries['sqlite'])} queries on SQLite, "
      f"{misses['PostgreSQL']} on PostgreSQL")
PY
echo "targets: listing p99 < 50 ms, workbench first frame < 200 ms"
