#!/usr/bin/env bash
# Workbench benchmark on a generated lake of 1,000,000 instances / 20,000 series / 50,000 samples
# (written straight into the store by generate-catalog.py; the first study holds 10,000 series, so the
# series list is long), in-process and through the lake service, side by side in one run (issue 16).
#
# The release binary runs under a pseudo-terminal driven by workbench-drive.py: process start to first
# frame, keystroke-to-frame latency while scrolling and filtering the series list (p50/p99), sorting that
# list by each column (o/O), marking 5,000 of its rows (Space), the same scrolling, filtering and sorting
# with the marks held, the bulk flag dialog for the 5,000 marked series (`a`), and peak RSS (VmHWM,
# marks included). Each run drives it twice:
#   - in-process: the generated lake, a personal lake of the running user, opened by the workbench;
#   - served: a copy of the same lake owned by a service account and served by `medlake serve` (started
#     for the run, stopped after it: its peak RSS, VmHWM, is the run's alone). As root the account is
#     `medlake-bench` and the workbench runs as a second made-up user, `medlake-bench-reader`, given the
#     curator role through the service (`medlake roles grant`: the generated datasets carry no label, so
#     they are restricted, read by curators and admins); both users are removed at the end.
#     Otherwise the running user serves its own copy and runs the workbench.
# Ratios (served / in-process) are of the medians over the runs.
# Targets: first frame < 200 ms, p99 < 16 ms, RSS < 150 MB.
#
# Usage: Benchmarks/workbench.sh [runs]   (default 3; BIN=path skips the build; DRIVE_ARGS="--keys 40
#        --marks 300" for a quick run)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
read -r -a DRIVE <<< "${DRIVE_ARGS:-}"
WORK=Benchmarks/.work/workbench
mkdir -p "$WORK"
rm -f "$WORK"/run-*.json

BIN=${BIN:-}
if [ -z "$BIN" ]; then
    swift build -c release --product medlake >&2
    BIN=$(swift build -c release --show-bin-path)/medlake
fi
python3 -c "import pyte" 2> /dev/null || python3 -m pip install --quiet pyte >&2

LAKE=$WORK/lake
if [ ! -f "$WORK/lake.complete" ]; then
    rm -rf "$LAKE"
    "$BIN" init "$LAKE" > /dev/null
    python3 Benchmarks/generate-catalog.py "$LAKE/catalog.sqlite" --instances 1000000 --series 20000 \
        --first-study-series 10000 --samples 50000 >&2
    touch "$WORK/lake.complete"
fi

# The served copy lives where the service account and the reader can reach it: a folder anyone may
# search, the binary in it, the lake folder 0711 (its socket is the only thing others reach in it).
SERVED=${TMPDIR:-/tmp}/medlake-workbench-bench
SERVICE=
DRIVE_AS=() # workbench-drive.py's --user, as root
cleanup() {
    stop_service
    if [ "${MADE_READER:-0}" = 1 ]; then userdel medlake-bench-reader 2> /dev/null || true; fi
    if [ "${MADE_OWNER:-0}" = 1 ]; then userdel medlake-bench 2> /dev/null || true; fi
    rm -rf "$SERVED"
}
stop_service() {
    if [ -n "$SERVICE" ]; then kill "$SERVICE" 2> /dev/null || true; wait "$SERVICE" 2> /dev/null || true; fi
    SERVICE=
}
trap cleanup EXIT
rm -rf "$SERVED"
mkdir -p "$SERVED"
chmod 0755 "$SERVED"
install -m 0755 "$BIN" "$SERVED/medlake"
cp -a "$LAKE" "$SERVED/lake"
if [ "$(id -u)" = 0 ]; then
    for user in medlake-bench medlake-bench-reader; do
        if ! id "$user" > /dev/null 2>&1; then
            useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$user"
            [ "$user" = medlake-bench ] && MADE_OWNER=1 || MADE_READER=1
        fi
    done
    chown -R medlake-bench: "$SERVED/lake"
    DRIVE_AS=(--user medlake-bench-reader)
fi
chmod 0711 "$SERVED/lake"

# Starts `medlake serve` on the served copy (as root it becomes medlake-bench: the pid stays the same,
# it runs itself again with execv) and waits for its ready line.
start_service() {
    "$SERVED/medlake" serve --lake "$SERVED/lake" > "$SERVED/serve.out" 2> "$SERVED/serve.err" &
    SERVICE=$!
    for _ in $(seq 600); do grep -q '^Serving ' "$SERVED/serve.out" && return; sleep 0.1; done
    cat "$SERVED/serve.err" >&2
    exit 1
}

if [ "$(id -u)" = 0 ]; then
    start_service
    "$SERVED/medlake" roles grant medlake-bench-reader curator --lake "$SERVED/lake" > /dev/null
    stop_service
fi

echo "$(nproc) cores; load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq 1 "$RUNS"); do
    python3 Benchmarks/workbench-drive.py "${DRIVE[@]}" "$BIN" "$LAKE" > "$WORK/run-$run-in-process.json"
    start_service
    python3 Benchmarks/workbench-drive.py "${DRIVE[@]}" "${DRIVE_AS[@]}" "$SERVED/medlake" "$SERVED/lake" > "$WORK/run-$run-served.json"
    SERVICE_HWM_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVICE/status")
    stop_service
    python3 - "$WORK/run-$run-served.json" "$SERVICE_HWM_KB" <<'PY'
import json, sys
path, kb = sys.argv[1], int(sys.argv[2])
run = json.load(open(path))
run["service_rss_peak_mb"] = round(kb / 1024, 1)
json.dump(run, open(path, "w"))
PY
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# One table without marks, one with the 5,000 marks held; p50 / p99 (keys timed, keys that waited for a
# page); then the ratios.
python3 - "$WORK" "$RUNS" <<'PY'
import json, statistics, sys
work, count = sys.argv[1], int(sys.argv[2])
modes = ["in-process", "served"]
runs = {mode: [json.load(open(f"{work}/run-{n}-{mode}.json")) for n in range(1, count + 1)] for mode in modes}


def keys(m):
    return f"{m['p50_ms']} / {m['p99_ms']} ms ({m['keys']}, {m['paged']} paged)"


def service(r):
    return f"{r['service_rss_peak_mb']} MB" if "service_rss_peak_mb" in r else "–"


print("| run | mode | first frame | first frame with data | scroll | filter | sort | workbench peak RSS | service peak RSS |")
print("|---|---|---|---|---|---|---|---|---|")
for n in range(count):
    for mode in modes:
        r = runs[mode][n]
        print(f"| {n + 1} | {mode} | {r['first_frame_ms']} ms | {r['first_data_frame_ms']} ms | {keys(r['scroll'])} | "
              f"{keys(r['filter'])} | {keys(r['sort'])} | {r['rss_peak_mb']} MB | {service(r)} |")
print()
print("| run | mode | Space (marking) | scroll, marks held | filter, marks held | sort, marks held | bulk dialog |")
print("|---|---|---|---|---|---|---|")
for n in range(count):
    for mode in modes:
        r = runs[mode][n]
        held = r["marked"]
        print(f"| {n + 1} | {mode} | {keys(r['mark'])} | {keys(held['scroll'])} | {keys(held['filter'])} | "
              f"{keys(held['sort'])} | {r['bulk_dialog_ms']} ms |")
print()

measures = [("first frame", lambda r: r["first_frame_ms"]), ("first frame with data", lambda r: r["first_data_frame_ms"])]
for name, path in [("scroll", ("scroll",)), ("filter", ("filter",)), ("sort", ("sort",)), ("Space", ("mark",)),
                   ("scroll, marks held", ("marked", "scroll")), ("filter, marks held", ("marked", "filter")),
                   ("sort, marks held", ("marked", "sort"))]:
    for stat in ["p50_ms", "p99_ms"]:
        def pick(r, path=path, stat=stat):
            for part in path:
                r = r[part]
            return r[stat]
        measures.append((f"{name} {stat[:3]}", pick))
measures += [("bulk dialog", lambda r: r["bulk_dialog_ms"]), ("workbench peak RSS", lambda r: r["rss_peak_mb"])]
print("| median over the runs | in-process | served | served / in-process |")
print("|---|---|---|---|")
for name, pick in measures:
    local, served = (statistics.median(pick(r) for r in runs[mode]) for mode in modes)
    unit = "MB" if "RSS" in name else "ms"
    ratio = f"{served / local:.2f}×" if local else "–"
    print(f"| {name} | {local:g} {unit} | {served:g} {unit} | {ratio} |")
print(f"| service peak RSS | – | {statistics.median(r['service_rss_peak_mb'] for r in runs['served']):g} MB | – |")
PY
echo
echo "targets: first frame < 200 ms, p99 < 16 ms, RSS < 150 MB"
