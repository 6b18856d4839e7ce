#!/usr/bin/env bash
# S3 tier and Orthanc ingest benchmark (issue 10; peers compared in one run, not a unit test).
#
# 1. Orthanc: the generated DICOM corpus (FILES files, default 20,000) is uploaded to Orthanc on
#    127.0.0.1 (untimed), then pulled into a new lake with `medlake ingest --from-orthanc` (download,
#    parse, hash, store, catalog), against Orthanc's own export of the same instances to disk
#    (GET /studies/{id}/archive for every study, written to files, 4 at a time).
# 2. S3: SIZE_MB (default 2048) of 8 MiB files ingested into a lake, then migrated hot → S3 (SeaweedFS
#    on 127.0.0.1) with `medlake migrate` + `medlake worker --until-idle` (hash verified while streaming,
#    placement switched, source deleted), against `aws s3 cp --recursive` of the same files (awscli).
#
# Usage: Benchmarks/s3.sh            (FILES=2000 SIZE_MB=256 Benchmarks/s3.sh for a quick run;
#        PARTS=orthanc or PARTS=s3 for one half)
# Needs: swift, python3, curl; installs awscli from PyPI when `aws` is missing; starts SeaweedFS and
# Orthanc with .ci/services.sh (one instance per machine: fixed ports).
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/lib/dicom-corpus.sh

if ! command -v aws > /dev/null; then
    echo "installing awscli…" >&2
    python3 -m pip install -q awscli >&2
fi

FILES=${FILES:-20000}
PARTS=${PARTS:-orthanc,s3}
SIZE_MB=${SIZE_MB:-2048}
WORK=Benchmarks/.work
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)

swift build -c release --product medlake >&2
BIN=$(swift build -c release --show-bin-path)/medlake

now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.3f}')"; }

SERVICES=$WORK/services
.ci/services.sh start "$SERVICES" > /dev/null
trap '.ci/services.sh stop "$SERVICES" || true' EXIT
set -a
# shellcheck disable=SC1091
. "$SERVICES/services.env"
set +a

if [[ ",$PARTS," == *",orthanc,"* ]]; then
# MARK: - Corpus (shared with Benchmarks/ingest.sh)
dicom_corpus "$BIN" "$WORK" "$FILES"
BYTES=$CORPUS_BYTES

echo "load at start: $(uptime)" >&2

# MARK: - Orthanc: upload (untimed)
echo "uploading $FILES files to Orthanc…" >&2
python3 - "$CORPUS" <<'PY' >&2
import base64, http.client, os, sys, threading, urllib.parse
folder = sys.argv[1]
url = urllib.parse.urlparse(os.environ["MEDLAKE_TEST_ORTHANC_URL"])
auth = "Basic " + base64.b64encode(
    f"{os.environ['MEDLAKE_TEST_ORTHANC_USER']}:{os.environ['MEDLAKE_TEST_ORTHANC_PASSWORD']}".encode()).decode()
paths = sorted(os.path.join(r, n) for r, _, names in os.walk(folder) for n in names)
lock, state = threading.Lock(), {"next": 0, "failed": 0}
def worker():
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    while True:
        with lock:
            index = state["next"]; state["next"] += 1
        if index >= len(paths):
            break
        with open(paths[index], "rb") as handle:
            connection.request("POST", "/instances", body=handle.read(),
                               headers={"Authorization": auth, "Content-Type": "application/dicom"})
        response = connection.getresponse(); response.read()
        if response.status != 200:
            with lock:
                state["failed"] += 1
threads = [threading.Thread(target=worker) for _ in range(4)]
[t.start() for t in threads]; [t.join() for t in threads]
print(f"uploaded {len(paths)} files, {state['failed']} failed")
PY

# MARK: - Orthanc: medlake ingest --from-orthanc
rm -rf "$WORK/orthanc-lake"
"$BIN" init "$WORK/orthanc-lake" > /dev/null
export MEDLAKE_REMOTE_USER=$MEDLAKE_TEST_ORTHANC_USER MEDLAKE_REMOTE_PASSWORD=$MEDLAKE_TEST_ORTHANC_PASSWORD
start=$(now)
"$BIN" ingest --from-orthanc "$MEDLAKE_TEST_ORTHANC_URL" --dataset pacs --lake "$WORK/orthanc-lake" --json \
    > "$WORK/orthanc-ingest.json"
pull=$(elapsed "$start" "$(now)")
pulled=$(python3 -c "import json; r = json.load(open('$WORK/orthanc-ingest.json')); print(r['filesAdded'], len(r['errors']))")

# MARK: - Orthanc: its own export, /studies/{id}/archive
rm -rf "$WORK/orthanc-export" && mkdir -p "$WORK/orthanc-export"
AUTH="$MEDLAKE_TEST_ORTHANC_USER:$MEDLAKE_TEST_ORTHANC_PASSWORD"
start=$(now)
curl -sf -u "$AUTH" "$MEDLAKE_TEST_ORTHANC_URL/studies" | python3 -c 'import json, sys; print("\n".join(json.load(sys.stdin)))' |
    xargs -P 4 -I{} curl -sf -u "$AUTH" -o "$WORK/orthanc-export/{}.zip" "$MEDLAKE_TEST_ORTHANC_URL/studies/{}/archive"
export_seconds=$(elapsed "$start" "$(now)")
exported=$(find "$WORK/orthanc-export" -name '*.zip' | wc -l)

python3 - "$FILES" "$BYTES" "$pull" "$export_seconds" "$pulled" "$exported" <<'PY'
import sys
files, size, pull, export, pulled, exported = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5], sys.argv[6]
print(f"\nOrthanc → disk, {files:,} instances ({size / 1e6:,.1f} MB); medlake added/errors: {pulled}; study archives: {exported}\n")
print("| contestant | seconds | instances/s | MB/s |")
print("|---|---|---|---|")
print(f"| medlake ingest --from-orthanc (download, parse, hash, store, catalog) | {pull:.2f} | {files / pull:,.0f} | {size / pull / 1e6:,.1f} |")
print(f"| Orthanc GET /studies/{{id}}/archive (zip to disk, 4 at a time) | {export:.2f} | {files / export:,.0f} | {size / export / 1e6:,.1f} |")
PY

fi

if [[ ",$PARTS," == *",s3,"* ]]; then
# MARK: - S3: fs → S3 migration vs aws s3 cp --recursive
DATA=$WORK/s3-data-$SIZE_MB
if [ ! -f "$DATA.complete" ]; then
    rm -rf "$DATA" && mkdir -p "$DATA"
    for i in $(seq 1 $((SIZE_MB / 8))); do head -c $((8 << 20)) /dev/urandom > "$DATA/blob-$i.bin"; done
    touch "$DATA.complete"
fi
rm -rf "$WORK/s3-lake"
"$BIN" init "$WORK/s3-lake" > /dev/null
"$BIN" ingest "$DATA" --dataset blobs --keep-unknown --lake "$WORK/s3-lake" > /dev/null
cat >> "$WORK/s3-lake/lake.toml" <<TOML

[tiers.cloud]
kind = "s3"
endpoint = "$MEDLAKE_TEST_S3_ENDPOINT"
bucket = "$MEDLAKE_TEST_S3_BUCKET"
prefix = "bench-medlake-$$"
access_key_env = "MEDLAKE_TEST_S3_ACCESS_KEY"
secret_key_env = "MEDLAKE_TEST_S3_SECRET_KEY"
TOML
"$BIN" migrate blobs --to cloud --lake "$WORK/s3-lake" > /dev/null
start=$(now)
"$BIN" worker --until-idle --lake "$WORK/s3-lake" > /dev/null
migrate=$(elapsed "$start" "$(now)")

start=$(now)
AWS_ACCESS_KEY_ID=$MEDLAKE_TEST_S3_ACCESS_KEY AWS_SECRET_ACCESS_KEY=$MEDLAKE_TEST_S3_SECRET_KEY \
    aws --endpoint-url "$MEDLAKE_TEST_S3_ENDPOINT" --region us-east-1 s3 cp --recursive --only-show-errors \
    "$DATA" "s3://$MEDLAKE_TEST_S3_BUCKET/bench-aws-$$/"
aws_seconds=$(elapsed "$start" "$(now)")
DATA_BYTES=$(find "$DATA" -type f -printf '%s\n' | awk '{s += $1} END {printf "%.0f\n", s}')

python3 - "$DATA_BYTES" "$migrate" "$aws_seconds" <<'PY'
import sys
size, migrate, aws = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f"\nFilesystem → S3 (SeaweedFS on 127.0.0.1), {size / 1e9:.2f} GB in 8 MiB objects\n")
print("| contestant | seconds | MB/s |")
print("|---|---|---|")
print(f"| medlake migrate + worker (verified, placement switched, source deleted) | {migrate:.2f} | {size / migrate / 1e6:,.1f} |")
print(f"| aws s3 cp --recursive (copy only) | {aws:.2f} | {size / aws / 1e6:,.1f} |")
print(f"\nmedlake vs aws s3 cp: {aws / migrate:.2f}x (target >= 1.0)")
PY
fi
echo
echo "load: $(uptime)"
