#!/usr/bin/env bash
# TUI toolkit benchmark: time per 200x60 frame in the buffer (1,000,000-row table, a tree, three
# progress bars; view + diff, release build) and bytes sent to the terminal per progress tick,
# recorded with `tmux pipe-pane` while only the progress bars move.
# Targets: < 1 ms per frame in the buffer; < 200 bytes per tick.
# Usage: Benchmarks/tui.sh [frames] [ticks]
set -euo pipefail
cd "$(dirname "$0")/.."
frames=${1:-2000}
ticks=${2:-100}
work=Benchmarks/.work/tui
mkdir -p "$work"
rm -f "$work"/*.log

swift build -c release --product tui-demo >/dev/null
demo=$(swift build -c release --show-bin-path)/tui-demo

echo "== frame time in the buffer (200x60, release)"
frame_line=$("$demo" --bench-frames "$frames")
echo "$frame_line"

echo "== bytes to the terminal (tmux pipe-pane, 200x60, TERM=tmux-256color)"
server="medlake-bench-$$"
S=(tmux -L "$server" -f /dev/null)
cleanup() { "${S[@]}" kill-server 2>/dev/null || true; }
trap cleanup EXIT
wait_for() { # pattern, timeout seconds: polls the pane's text, never a fixed sleep
    local end=$(( $(date +%s%N) + ${2:-10} * 1000000000 ))
    while [ "$(date +%s%N)" -lt "$end" ]; do
        "${S[@]}" capture-pane -p -t b | grep -qE "$1" && return 0
        sleep 0.02
    done
    echo "timed out waiting for: $1" >&2; return 1
}
# The pane waits for Enter before starting the demo, so the pipe sees the whole first frame.
"${S[@]}" new-session -d -s b -x 200 -y 60 -e LANG=C.UTF-8 \
    "export TERM=tmux-256color; echo ready; read -r _; exec $demo --paused --ticks $ticks"
wait_for ready
"${S[@]}" pipe-pane -t b -o "cat > $PWD/$work/first.log"
"${S[@]}" send-keys -t b Enter
wait_for 'q quit'
wait_for '1/1000000'
first=$(stat -c %s "$work/first.log")
"${S[@]}" pipe-pane -t b
"${S[@]}" pipe-pane -t b -o "cat > $PWD/$work/ticks.log"
"${S[@]}" send-keys -t b p
wait_for 'tick limit reached' 60
"${S[@]}" pipe-pane -t b
tick_bytes=$(stat -c %s "$work/ticks.log")
per_tick=$(( tick_bytes / ticks ))
echo "first frame: $first bytes"
echo "$ticks progress ticks: $tick_bytes bytes in all (incl. the pause title and final flash) = $per_tick bytes/tick"
"${S[@]}" send-keys -t b q

median=$(sed -E 's/.*median_us=([0-9]+).*/\1/' <<<"$frame_line")
echo
echo "| measure | value | target |"
echo "|---|---|---|"
echo "| frame in the buffer, median (200x60, 1,000,000 rows) | ${median} µs | < 1000 µs |"
echo "| first frame sent to the terminal | ${first} B | — |"
echo "| bytes per progress tick | ${per_tick} B | < 200 B |"
