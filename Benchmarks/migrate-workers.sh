#!/usr/bin/env bash
# Migration throughput with 1, 2 and 4 worker processes on one job queue (issue 19; not a unit test).
#
# JOBS datasets of OBJECTS objects of SIZE_MB MB each (1 GB by default: 8 × 32 × 4 MB) are ingested into
# tier hot; each run queues one job per dataset to tier cold and starts N `medlake worker --until-idle`
# processes at once on the same lake; the time is until the last one exits with every job done. A job is
# held by one worker at a time (its lease), so N workers run up to N jobs side by side. The tiers share a
# file system, so each move is a hard link re-hashed in full (verification is the work), then the batch
# switch in the catalog.
# Runs alternate hot → cold and cold → hot so every run moves every object. Ratios are against 1 worker,
# all in one run; the machine's core count and load average are printed, since 2 cores bound this.
#
# Usage: Benchmarks/migrate-workers.sh      (JOBS=4 OBJECTS=16 SIZE_MB=2 for a quick run)
set -euo pipefail
cd "$(dirname "$0")/.."

JOBS=${JOBS:-8}
OBJECTS=${OBJECTS:-32}
SIZE_MB=${SIZE_MB:-4}
WORKERS=${WORKERS:-"1 2 4"}
WORK=Benchmarks/.work/migrate-workers
BIN=${BIN:-}
if [ -z "$BIN" ]; then
    swift build -c release --product medlake >&2
    BIN=$(swift build -c release --show-bin-path)/medlake
fi

rm -rf "$WORK"
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
LAKE=$WORK/lake
"$BIN" init "$LAKE" > /dev/null
echo "generating and ingesting $JOBS × $OBJECTS × $SIZE_MB MB…" >&2
for job in $(seq "$JOBS"); do
    mkdir -p "$WORK/input/d$job"
    for index in $(seq "$OBJECTS"); do
        head -c $((SIZE_MB * 1000000)) /dev/urandom > "$WORK/input/d$job/o$index.bin"
    done
    "$BIN" ingest "$WORK/input/d$job" --dataset "d$job" --keep-unknown --lake "$LAKE" > /dev/null
done
rm -rf "$WORK/input"
BYTES=$((JOBS * OBJECTS * SIZE_MB * 1000000))
sync

now() { date +%s.%N; }
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
FROM=hot
TO=cold
declare -A SECONDS_FOR
for workers in $WORKERS; do
    for job in $(seq "$JOBS"); do "$BIN" migrate "d$job" --to "$TO" --lake "$LAKE" > /dev/null; done
    find "$LAKE/tiers/$FROM" -type f -print0 | xargs -0 cat > /dev/null
    start=$(now)
    pids=()
    for _ in $(seq "$workers"); do
        "$BIN" worker --until-idle --lake "$LAKE" 2> "$WORK/worker-$workers-$RANDOM.log" &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
    end=$(now)
    left=$("$BIN" migrate status --lake "$LAKE" --json | python3 -c "import json, sys; print(len(json.load(sys.stdin)))")
    [ "$left" = 0 ] || { echo "$left jobs unfinished after $workers workers" >&2; exit 1; }
    SECONDS_FOR[$workers]=$(python3 -c "print(f'{$end - $start:.3f}')")
    FROM=$TO
    TO=$([ "$TO" = cold ] && echo hot || echo cold)
done

echo
echo "$JOBS jobs × $OBJECTS objects × $SIZE_MB MB ($BYTES bytes), linked and re-hashed on one disk, $(nproc) cores;"
echo "load average (1/5/15 min) $LOAD_BEFORE before, $(cut -d' ' -f1-3 /proc/loadavg) after:"
echo "| workers | time | throughput | vs 1 worker |"
echo "|---|---|---|---|"
for workers in $WORKERS; do
    python3 -c "
s, one, b = ${SECONDS_FOR[$workers]}, ${SECONDS_FOR[${WORKERS%% *}]}, $BYTES
print(f'| $workers | {s:.2f} s | {b / s / 1e6:,.0f} MB/s | {one / s:.2f}× |')"
done
