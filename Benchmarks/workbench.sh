#!/usr/bin/env bash
# Workbench benchmark on a generated lake of 1,000,000 instances / 20,000 series / 50,000 samples
# (written straight into the store by generate-catalog.py; the first study holds 10,000 series, so the
# series list is long). The release binary runs under a pseudo-terminal driven by workbench-drive.py:
# process start to first frame, keystroke-to-frame latency while scrolling and filtering the series
# list (p50/p99), sorting that list by each column (o/O: the query re-reads it with ORDER BY), and peak
# RSS (VmHWM).
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
echo "| run | first frame | first frame with data | scroll p50 / p99 | filter p50 / p99 | sort p50 / p99 | peak RSS |"
echo "|---|---|---|---|---|---|---|"
for run in $(seq 1 "$RUNS"); do
    python3 Benchmarks/workbench-drive.py "$BIN" "$LAKE" > "$WORK/run-$run.json"
    python3 - "$WORK/run-$run.json" "$run" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s, f, o = r["scroll"], r["filter"], r["sort"]
print(f"| {sys.argv[2]} | {r['first_frame_ms']} ms | {r['first_data_frame_ms']} ms | "
      f"{s['p50_ms']} / {s['p99_ms']} ms ({s['keys']} keys) | {f['p50_ms']} / {f['p99_ms']} ms ({f['keys']} keys) | "
      f"{o['p50_ms']} / {o['p99_ms']} ms ({o['keys']} keys) | "
      f"{r['rss_peak_mb']} MB |")
PY
done
echo
echo "targets: first frame < 200 ms, p99 < 16 ms, RSS < 150 MB"
