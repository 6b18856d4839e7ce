#!/usr/bin/env bash
# p50/p99 of one small API call — the dataset listing — in-process, through the lake service's Unix
# socket, and over TCP+TLS, side by side in one run (issue 16; not a unit test).
#
# A personal lake (DATASETS datasets of 4 CT instances) owned by one user; as root the script makes the
# user `medlake-bench` for it (removed at the end), since `medlake serve` refuses a lake root owns.
# Benchmarks/service-latency.py then times, as that user:
#   - `medlake datasets --json` as a process, start to exit (RUNS each): in-process first, with no
#     service; then through the socket and over https://127.0.0.1 with a bearer token, alternating;
#   - `GET /v1/datasets` on one kept-alive connection in one process (REQUESTS each), over the socket
#     and over TLS: the service's request latency without process start.
# Ratios are against in-process (CLI) and against the socket (raw); cores and load average are printed.
#
# Usage: Benchmarks/service.sh        (RUNS=50 REQUESTS=1000 for a quick run; BIN=path skips the build)
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-300}
REQUESTS=${REQUESTS:-5000}
DATASETS=${DATASETS:-8}
BIN=${BIN:-}
if [ -z "$BIN" ]; then
    swift build -c release --product medlake >&2
    BIN=$(swift build -c release --show-bin-path)/medlake
fi

WORK=${TMPDIR:-/tmp}/medlake-service-bench
rm -rf "$WORK"
mkdir -p "$WORK"
chmod 0755 "$WORK"
install -m 0755 "$BIN" "$WORK/medlake"
install -m 0644 Benchmarks/service-latency.py "$WORK/service-latency.py"
BIN=$WORK/medlake
LAKE=$WORK/lake
SERVICE=
PYTHON=${PYTHON:-python3}

OWNER=() # the command prefix that runs as the lake's owner
as_owner() { "${OWNER[@]}" "$@"; }
cleanup() {
    if [ -n "$SERVICE" ]; then kill "$SERVICE" 2> /dev/null || true; wait "$SERVICE" 2> /dev/null || true; fi
    if [ "$(id -u)" = 0 ] && [ "${MADE_USER:-0}" = 1 ]; then userdel medlake-bench 2> /dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
if [ "$(id -u)" = 0 ]; then
    if ! id medlake-bench > /dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin medlake-bench
        MADE_USER=1
    fi
    chown medlake-bench "$WORK"
    # setpriv execs the command itself (runuser would fork), so `$!` below is the service's own pid.
    OWNER=(setpriv --reuid medlake-bench --regid "$(id -g medlake-bench)" --clear-groups --)
    PYTHON=/usr/bin/python3 # root's PATH may name an interpreter under /root
fi

echo "making a lake of $DATASETS datasets…" >&2
as_owner "$BIN" init "$LAKE" > /dev/null
for index in $(seq "$DATASETS"); do
    as_owner "$BIN" dicom generate --count 4 --output "$WORK/input$index" > /dev/null
    as_owner "$BIN" ingest "$WORK/input$index" --dataset "ct$index" --lake "$LAKE" > /dev/null
done
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1" -keyout "$WORK/server.key" -out "$WORK/server.pem" 2> /dev/null
[ "$(id -u)" = 0 ] && chown medlake-bench "$WORK/server.key" "$WORK/server.pem"
chmod 0600 "$WORK/server.key"

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "timing $RUNS in-process runs…" >&2
RESULTS=$(as_owner "$PYTHON" "$WORK/service-latency.py" --binary "$BIN" --lake "$LAKE" --phase in-process --runs "$RUNS")

"${OWNER[@]}" "$BIN" serve --lake "$LAKE" --listen 127.0.0.1:0 --tls-cert "$WORK/server.pem" --tls-key "$WORK/server.key" \
    > "$WORK/serve.out" 2> "$WORK/serve.err" &
SERVICE=$!
for _ in $(seq 600); do grep -q '^Serving ' "$WORK/serve.out" && break; sleep 0.1; done
URL=$(grep -o 'https://127\.0\.0\.1:[0-9]*' "$WORK/serve.out") || { cat "$WORK/serve.err" >&2; exit 1; }
TOKEN=$(as_owner "$BIN" token create bench --role curator --expires 1d --lake "$LAKE")
echo "timing $RUNS runs through the service and $REQUESTS kept-alive requests each way…" >&2
RESULTS+=$'\n'$(as_owner "$PYTHON" "$WORK/service-latency.py" --binary "$BIN" --lake "$LAKE" --phase served \
    --url "$URL" --ca-file "$WORK/server.pem" --token "$TOKEN" --runs "$RUNS" --requests "$REQUESTS")
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

echo "$(nproc) cores; load average $LOAD_BEFORE before, $LOAD_AFTER after"
echo "$RESULTS" | awk '
    { kind[NR] = $1; way[NR] = $2; count[NR] = $3; p50[NR] = $4; p99[NR] = $5 }
    $1 == "cli" && $2 == "in-process" { base50 = $4; base99 = $5 }
    $1 == "raw" && $2 == "socket" { raw50 = $4; raw99 = $5 }
    END {
        names["cli in-process"] = "medlake datasets --json, in-process"
        names["cli socket"] = "medlake datasets --json, Unix socket"
        names["cli tls"] = "medlake datasets --json, TCP+TLS"
        names["raw socket"] = "GET /v1/datasets, kept alive, Unix socket"
        names["raw tls"] = "GET /v1/datasets, kept alive, TCP+TLS"
        printf "%-44s %6s %10s %10s %12s\n", "call", "n", "p50 ms", "p99 ms", "p50 / p99 ×"
        for (i = 1; i <= NR; i++) {
            b50 = kind[i] == "cli" ? base50 : raw50; b99 = kind[i] == "cli" ? base99 : raw99
            printf "%-44s %6d %10.2f %10.2f %5.2f / %-5.2f\n", names[kind[i] " " way[i]], count[i],
                p50[i] * 1000, p99[i] * 1000, p50[i] / b50, p99[i] / b99
        }
    }'
