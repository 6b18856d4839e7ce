#!/usr/bin/env bash
# Workbench benchmark on a generated lake of 1,000,000 instances / 20,000 series / 50,000 samples
# (written straight into the store by generate-catalog.py; the first study holds 10,000 series, so the
# series list is long). The release binary runs under a pseudo-terminal driven by workbench-drive.py:
# process start to first frame, keystroke-to-frame latency while scrolling and filtering the series
# list (p50/p99), sorting that list by each column (o/O), marking 5,000 of its rows (Space), the same
# scrolling, filtering and sorting with the marks held, the bulk flag dialog for the 5,000 marked series
# (`a`), and peak RSS (VmHWM, marks included).
# Targets: first frame < 200 ms, p99 < 16 ms, RSS < 150 MB.
# Usage: Benchmarks/workbench.sh [runs]   (default 3; the table shows each run)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
WORK=Benchmarks/.work/workbench
mkdir -p "$WORK"

swift build -c release --product medlake >&2
BIN=$(swift build -c release --show-bin-path)/medlake

LAKE=$WORK/lake
if [ ! -f "$WORK/lake.complete" ]; then
    rm -rf "$LAKE"
    "$BIN" init "$LAKE" > /dev/null
    python3 Benchmarks/generate-catalog.py "$LAKE/catalog.sqlite" --instances 1000000 --series 20000 \
        --first-study-series 10000 --samples 50000 >&2
    touch "$WORK/lake.complete"
fi

echo "load: $(uptime | sed 's/.*load average/load average/')"
echo
for run in $(seq 1 "$RUNS"); do
    python3 Benchmarks/workbench-drive.py "$BIN" "$LAKE" > "$WORK/run-$run.json"
done

# One table without marks, one with the 5,000 marks held; p50 / p99 (keys timed).
python3 - "$WORK" "$RUNS" <<'PY'
import json, sys
runs = [json.load(open(f"{sys.argv[1]}/run-{n}.json")) for n in range(1, int(sys.argv[2]) + 1)]
def keys(m):
    return f"{m['p50_ms']} / {m['p99_ms']} ms ({m['keys']})"
print("| run | first frame | first frame with data | scroll | filter | sort | peak RSS |")
print("|---|---|---|---|---|---|---|")
for n, r in enumerate(runs, 1):
    print(f"| {n} | {r['first_frame_ms']} ms | {r['first_data_frame_ms']} ms | {keys(r['scroll'])} | "
          f"{keys(r['filter'])} | {keys(r['sort'])} | {r['rss_peak_mb']} MB |")
print()
print("| run | Space (marking) | scroll, marks held | filter, marks held | sort, marks held | bulk dialog |")
print("|---|---|---|---|---|---|")
for n, r in enumerate(runs, 1):
    held = r["marked"]
    print(f"| {n} | {keys(r['mark'])} | {keys(held['scroll'])} | {keys(held['filter'])} | {keys(held['sort'])} | "
          f"{r['bulk_dialog_ms']} ms |")
PY
echo
echo "targets: first frame < 200 ms, p99 < 16 ms, RSS < 150 MB"
