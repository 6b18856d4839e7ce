#!/usr/bin/env bash
# Tier migration benchmark (DESIGN.md §8: peers compared in one run; not a unit test).
#
# Moves ~2 GB of objects of mixed sizes (4 × 200 MB, 8 × 50 MB, 40 × 10 MB, 200 × 1 MB, 2,048 × 100 KB)
# from tier hot to tier warm of one lake on the same disk with `medlake worker` (bandwidth unlimited).
# Both tiers are on one file system, so the worker hard-links each object under a staged name in the
# destination (as `mv` would; no byte is rewritten), re-reads every byte (on every core, two objects
# interleaved per core) and compares its SHA-256 with the catalog's, publishes each batch (fsync of each
# link's clean inode, rename, fsync of each folder once), switches the batch's placements in one catalog
# transaction and unlinks the sources. (Across file systems it copies, hashing while copying; the README
# keeps those numbers.) Peers on the same files:
#   cp           `cp -r` of the objects folder (no verification, nothing flushed to disk)
#   cp+sync      the same, then `sync` (the copy is on disk, as the migration's is)
#   cp+sha256sum the copy, then `sha256sum` of the copies (verified, not flushed)
# Caches are warm and every measurement starts after a `sync`; each row is the best of REPS runs
# (the migration alternates hot → warm and warm → hot, both on the same disk; REPS defaults to 1, since
# each repetition keeps 6 GB of copies until the next run). The machine's load
# average is printed before and after, since other processes sharing the cores skew every row.
#
# Usage: Benchmarks/migrate.sh        (REPS=1 SCALE=0.1 Benchmarks/migrate.sh for a quick run)
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/lib/fresh-output.sh

REPS=${REPS:-1}
SCALE=${SCALE:-1}
WORK=Benchmarks/.work
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)

swift build -c release --product medlake >&2
BIN=$(swift build -c release --show-bin-path)/medlake

now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.3f}')"; }

# MARK: - Objects
INPUT=$WORK/migrate-input-$SCALE
if [ ! -f "$INPUT.complete" ]; then
    rm -rf "$INPUT"
    mkdir -p "$INPUT"
    echo "generating objects…" >&2
    python3 - "$INPUT" "$SCALE" <<'PY'
import os, sys
folder, scale = sys.argv[1], float(sys.argv[2])
mix = [(4, 200_000_000), (8, 50_000_000), (40, 10_000_000), (200, 1_000_000), (2048, 100_000)]
index = 0
for count, size in mix:
    for _ in range(max(1, int(count * scale))):
        with open(f"{folder}/o{index:05d}.bin", "wb") as out:
            out.write(os.urandom(size))
        index += 1
PY
    touch "$INPUT.complete"
fi
BYTES=$(find "$INPUT" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
FILES=$(find "$INPUT" -type f | wc -l)

# Every copy goes to a folder of its own under OUT, nothing is deleted during the run (see
# lib/fresh-output.sh; a hard link allocates no inode, so only `cp` would notice); each repetition keeps
# three 2 GB copies until the next run.
OUT=$WORK/migrate-run
rm -rf "$WORK/migrate-lake" "$WORK/migrate-copy"
fresh_output "$OUT"
LAKE=$OUT/lake
"$BIN" init "$LAKE" > /dev/null
echo "ingesting $FILES objects ($BYTES bytes)…" >&2
"$BIN" ingest "$INPUT" --dataset bench --keep-unknown --lake "$LAKE" > /dev/null
sync

best() { sort -n | head -1; }
measure_cp() {  # $1: what to run after the copy ("" | sync | sha256sum), $2: a new folder for the copy
    local start end
    local HOT=$LAKE/tiers/$FROM/objects
    local COPY=$2
    sync
    find "$HOT" -type f -print0 | xargs -0 cat > /dev/null
    start=$(now)
    cp -r "$HOT" "$COPY"
    case "$1" in
        sync) sync ;;
        sha256sum) find "$COPY" -type f -print0 | xargs -0 sha256sum > /dev/null ;;
    esac
    end=$(now)
    elapsed "$start" "$end"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
CP=(); CPSYNC=(); CPSHA=(); MEDLAKE=()
TO=warm
for rep in $(seq "$REPS"); do
    FROM=$([ "$TO" = warm ] && echo hot || echo warm)
    CP+=("$(measure_cp "" "$OUT/copy-$rep")")
    CPSYNC+=("$(measure_cp sync "$OUT/copy-$rep-sync")")
    CPSHA+=("$(measure_cp sha256sum "$OUT/copy-$rep-sha256sum")")
    sync
    find "$LAKE/tiers/$FROM/objects" -type f -print0 | xargs -0 cat > /dev/null
    "$BIN" migrate bench --to "$TO" --lake "$LAKE" > /dev/null
    start=$(now)
    "$BIN" worker --until-idle --lake "$LAKE"
    end=$(now)
    MEDLAKE+=("$(elapsed "$start" "$end")")
    "$BIN" migrate list --state done --lake "$LAKE" --json | grep -q "\"toTier\" : \"$TO\"" || { echo "migration failed" >&2; exit 1; }
    TO=$([ "$TO" = warm ] && echo hot || echo warm)
done

row() {  # name, seconds
    python3 -c "
b, s, cp = $BYTES, $2, $3
print(f'| {\"$1\":<34} | {s:7.2f} s | {b / s / 1e6:8.0f} MB/s | {cp / s:5.2f}× |')"
}
T_CP=$(printf '%s\n' "${CP[@]}" | best)
echo
echo "$FILES objects, $BYTES bytes, same disk, best of $REPS, $(nproc) cores;" \
    "load average (1/5/15 min) $LOAD_BEFORE before, $(cut -d' ' -f1-3 /proc/loadavg) after:"
echo "| Tool                               |    Time   |   Throughput  | vs cp |"
echo "|------------------------------------|-----------|---------------|-------|"
row "cp" "$T_CP" "$T_CP"
row "cp + sync" "$(printf '%s\n' "${CPSYNC[@]}" | best)" "$T_CP"
row "cp + sha256sum" "$(printf '%s\n' "${CPSHA[@]}" | best)" "$T_CP"
row "medlake worker (link+verify+move)" "$(printf '%s\n' "${MEDLAKE[@]}" | best)" "$T_CP"
