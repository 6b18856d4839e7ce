#!/usr/bin/env bash
# Ingest and query benchmark (DESIGN.md §8: peers compared in one run; not a unit test).
#
# 1. Ingest of the generated DICOM corpus (FILES files, default 20,000) into a new lake with
#    `medlake ingest`, in-process and through the lake service (`medlake serve`: the client reads the
#    files and streams their bytes over the Unix socket; as root the service runs as its own account),
#    against the coreutils floor for the same bytes (`cp` into a folder on the same disk, then
#    `sha256sum` of the copies) and against Orthanc's REST ingest (POST /instances on 127.0.0.1).
#    Caches are warmed first, so every contestant reads from memory.
# 2. Catalog queries on a generated 1,000,000-instance catalog (100 datasets, 20,000 series, written
#    straight into the store): listing the 10,000 series of the largest dataset, listing a small
#    dataset's series, and counting by modality; each is one `medlake … --json` process, timed by
#    hyperfine.
#
# Usage: Benchmarks/ingest.sh            (FILES=2000 Benchmarks/ingest.sh for a quick run)
# Needs: swift, python3, hyperfine; installs orthanc with apt-get when missing (root).
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/lib/fresh-output.sh
source Benchmarks/lib/dicom-corpus.sh

FILES=${FILES:-20000}
WORK=Benchmarks/.work
# A free loopback port for Orthanc (another Orthanc may already listen on the usual ones).
PORT=${ORTHANC_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)

swift build -c release --product medlake >&2
BIN=$(swift build -c release --show-bin-path)/medlake

now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.3f}')"; }

# MARK: - Corpus
dicom_corpus "$BIN" "$WORK" "$FILES"
BYTES=$CORPUS_BYTES

# MARK: - A level field
# Every contestant writes into a folder of its own under OUT (see lib/fresh-output.sh).
OUT=$WORK/ingest-run
fresh_output "$OUT"

# MARK: - Coreutils floor: cp, then sha256sum of the copies
warm_corpus
start=$(now)
cp -r "$CORPUS" "$OUT/floor"
find "$OUT/floor" -type f -print0 | xargs -0 sha256sum > /dev/null
floor=$(elapsed "$start" "$(now)")

# MARK: - MedLake
warm_corpus
"$BIN" init "$OUT/lake" > /dev/null
sync
start=$(now)
"$BIN" ingest "$CORPUS" --dataset bench --lake "$OUT/lake" --json > "$WORK/ingest-report.json"
medlake=$(elapsed "$start" "$(now)")
added=$(python3 -c "import json; r = json.load(open('$WORK/ingest-report.json')); print(r['filesAdded'], len(r['errors']))")

# MARK: - MedLake through the service
# As root the lake gets a service account (created by init, removed at the end); otherwise the user
# serves their own lake. Either way the client process reads the corpus and the service never opens it.
SERVICE_USER=medlakebench
created_service_user=""
if [ "$(id -u)" = 0 ]; then
    id "$SERVICE_USER" > /dev/null 2>&1 || created_service_user=1
    "$BIN" init "$OUT/served-lake" --service-user "$SERVICE_USER" > /dev/null
else
    "$BIN" init "$OUT/served-lake" > /dev/null
fi
"$BIN" serve --lake "$OUT/served-lake" > "$OUT/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 600); do grep -q "^Serving " "$OUT/serve.log" && break; sleep 0.1; done
grep -q "^Serving " "$OUT/serve.log" || { echo "medlake serve did not start (see $OUT/serve.log)" >&2; exit 1; }
warm_corpus
sync
start=$(now)
"$BIN" ingest "$CORPUS" --dataset bench --lake "$OUT/served-lake" --json > "$WORK/service-ingest-report.json"
served=$(elapsed "$start" "$(now)")
served_added=$(python3 -c "import json; r = json.load(open('$WORK/service-ingest-report.json')); print(r['filesAdded'], len(r['errors']))")
kill "$serve_pid" && wait "$serve_pid" 2> /dev/null || true
if [ -n "$created_service_user" ]; then
    userdel "$SERVICE_USER" 2> /dev/null || true
    groupdel "$SERVICE_USER" 2> /dev/null || true
fi

# MARK: - Orthanc
orthanc=""
if ! command -v Orthanc > /dev/null && [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq orthanc > /dev/null 2>&1 || true
fi
if [ -x /usr/sbin/Orthanc ]; then
    mkdir -p "$OUT/orthanc"
    cat > "$OUT/orthanc/config.json" <<JSON
{ "Name": "bench", "StorageDirectory": "$OUT/orthanc/storage", "IndexDirectory": "$OUT/orthanc/index",
  "HttpPort": $PORT, "DicomServerEnabled": false, "RemoteAccessAllowed": false,
  "AuthenticationEnabled": false, "Plugins": [] }
JSON
    /usr/sbin/Orthanc "$OUT/orthanc/config.json" > "$OUT/orthanc/log.txt" 2>&1 &
    orthanc_pid=$!
    trap 'kill $orthanc_pid 2> /dev/null || true' EXIT
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/system" > /dev/null && break; sleep 0.1; done
    if ! kill -0 "$orthanc_pid" 2> /dev/null; then
        echo "Orthanc did not start (see $OUT/orthanc/log.txt); skipping it" >&2
    else
        warm_corpus
        orthanc_json=$(python3 Benchmarks/orthanc-post.py "$CORPUS" "$PORT" 4)
        echo "orthanc: $orthanc_json" >&2
        # Only a run that stored every file counts.
        orthanc=$(python3 -c 'import json, sys; r = json.load(sys.stdin); print("%.3f" % r["seconds"] if r["failed"] == 0 else "")' <<< "$orthanc_json")
    fi
    kill "$orthanc_pid" && wait "$orthanc_pid" 2> /dev/null || true
    trap - EXIT
fi

# MARK: - Ingest table
python3 - "$FILES" "$BYTES" "$floor" "$medlake" "${orthanc:-}" "$added" "$(cut -d' ' -f1-3 /proc/loadavg)" "$served" "$served_added" <<'PY'
import sys
files, size, floor, medlake, orthanc, added = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5], sys.argv[6]
served, served_added = float(sys.argv[8]), sys.argv[9]
print(f"\nLoad average (1, 5, 15 min) after the ingest runs: {sys.argv[7]}")
def row(name, seconds):
    print(f"| {name} | {seconds:.2f} | {files / seconds:,.0f} | {size / seconds / 1e6:,.1f} | {seconds / medlake:.2f} |")
print(f"\nIngest of {files:,} DICOM files ({size / 1e6:,.1f} MB); medlake added/errors: {added}; "
      f"through the service: {served_added}\n")
print("| contestant | seconds | files/s | MB/s | time ÷ medlake |")
print("|---|---|---|---|---|")
row("medlake ingest (parse + hash + store + catalog, fsync)", medlake)
row("medlake ingest through medlake serve (bytes over the Unix socket)", served)
row("cp + sha256sum (coreutils floor, no fsync)", floor)
if orthanc:
    row("Orthanc REST POST /instances (4 connections)", float(orthanc))
print(f"\nmedlake vs floor: {floor / medlake:.2f}× (target ≥ 1.0)")
print(f"through the service vs in-process: {medlake / served:.2f}× (target ≥ 0.9)")
if orthanc:
    print(f"medlake vs Orthanc: {float(orthanc) / medlake:.2f}× (target ≥ 5)")
PY

# MARK: - Queries on 1,000,000 instances
rm -rf "$WORK/query-lake"
"$BIN" init "$WORK/query-lake" > /dev/null
python3 Benchmarks/generate-catalog.py "$WORK/query-lake/catalog.sqlite" >&2
Q="--lake $WORK/query-lake --json"
hyperfine -N --warmup 3 --runs 30 --export-markdown "$WORK/queries.md" \
    -n "series of a 10,000-series dataset" "$BIN series big $Q" \
    -n "series of a 101-series dataset" "$BIN series ds002 $Q" \
    -n "count by modality (1,000,000 instances)" "$BIN modalities $Q" \
    -n "datasets with counts" "$BIN datasets $Q" > /dev/null
echo
echo "Catalog queries, 1,000,000 instances. The < 50 ms target is measured on the whole process (start,"
echo "open the lake, query, print JSON), timed by hyperfine; load average $(cut -d' ' -f1-3 /proc/loadavg):"
echo
cat "$WORK/queries.md"
echo
echo "The same SQL inside SQLite (no process start, no output), for comparison:"
echo
python3 Benchmarks/time-queries.py "$WORK/query-lake/catalog.sqlite"
