#!/usr/bin/env bash
# CI check of the HTTP API against its description: creates a small lake (DICOM files generated,
# ingested, labelled, published, flagged, held), makes an admin bearer token, serves the lake with
# `medlake serve --listen 127.0.0.1:PORT`, and runs schemathesis (from PyPI into a cache folder, as
# Scripts/check-image.sh does for kubernetes-validate) on every operation of docs/openapi.yaml as the
# service serves it. It fails on any 5xx answer, any answer outside the document's schemas and any
# answer with a content type the document does not list.
#
# As root the lake belongs to `nobody` (the service refuses a lake owned by root); otherwise to you.
#
# Usage: Scripts/check-api.sh [--binary PATH]   (default: $MEDLAKE_RELEASE_BINARY, else a release build)
#        Environment: CHECK_API_EXAMPLES (cases per operation and phase, default 30), CHECK_API_SEED, and
#        CHECK_API_OPTIONS: more schemathesis options (`--report har --report-dir DIR` keeps every exchange).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=setup/need-tools.sh
. Scripts/setup/need-tools.sh
need_tools python3 curl setpriv

case "${1:-}" in
    --binary) binary=${2:?--binary needs a path} ;;
    '') binary=${MEDLAKE_RELEASE_BINARY:-} ;;
    *) echo "check-api: unknown argument $1" >&2; exit 2 ;;
esac
if [ -z "$binary" ]; then
    swift build -c release --product medlake >&2
    binary=$(swift build -c release --show-bin-path)/medlake
fi
binary=$(realpath "$binary")

# From PyPI into a folder of its own: Debian's python3 refuses installs into itself (PEP 668).
packages=/var/cache/medlake/schemathesis
schemathesis() {
    PYTHONPATH=$packages python3 -c \
        'import sys; from schemathesis.cli import schemathesis; sys.argv[0] = "schemathesis"; sys.exit(schemathesis())' "$@"
}
if ! PYTHONPATH=$packages python3 -c 'import schemathesis' 2>/dev/null; then
    echo "check-api: installing schemathesis into $packages" >&2
    python3 -m pip install -q --target "$packages" 'schemathesis>=4.32,<5' >&2
fi

work=$(mktemp -d /tmp/medlake-check-api.XXXXXX)
server=
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# A copy of the binary in the scratch folder, which the lake's owner can reach wherever the checkout is.
install -m 0755 "$binary" "$work/medlake"
medlake_command=()
if [ "$(id -u)" -eq 0 ]; then
    chown nobody:nogroup "$work"
    medlake_command=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
medlake_command+=(env --chdir="$work" HOME="$work" "$work/medlake")
medlake() { "${medlake_command[@]}" "$@"; }

# MARK: - A small lake

lake=$work/lake
medlake init "$lake" >/dev/null
medlake dicom generate --count 6 --output "$work/dicom" >/dev/null
medlake ingest "$work/dicom" --dataset ct --lake "$lake" >/dev/null
medlake label ct --consent research --lake "$lake" >/dev/null
medlake version publish ct --lake "$lake" >/dev/null
medlake flags add ct motion-artifact --note 'seeded by check-api' --lake "$lake" >/dev/null
medlake hold add ct --reason 'seeded by check-api' --lake "$lake" >/dev/null
token=$(medlake token create check-api --role admin --expires 1d --lake "$lake")

# MARK: - Serve it on loopback

# Not through the function: a function in the background is a subshell, and `$!` would name it. setpriv
# and env exec, so `$!` is the service itself.
"${medlake_command[@]}" serve --lake "$lake" --listen 127.0.0.1:0 >"$work/serve.log" 2>&1 &
server=$!
url=
for _ in $(seq 1200); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.log" || true)
    [ -n "$url" ] && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
done
[ -n "$url" ] || { echo "check-api: the service did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
echo "check-api: serving on $url"

# The served document is the repository's, and it needs no token.
curl -sf "$url/v1/openapi.yaml" >"$work/openapi.yaml"
cmp -s "$work/openapi.yaml" <(head -c -1 docs/openapi.yaml) \
    || { echo "check-api: $url/v1/openapi.yaml differs from docs/openapi.yaml" >&2; exit 1; }

# MARK: - Schemathesis

# Schemathesis takes names from answers: given the token list it revokes the run's own token, after which
# every call is 401. So every other operation runs first, and token revocation alone after them.
# It runs in the scratch folder, where it leaves its cache of crashes.
# shellcheck disable=SC2086 # CHECK_API_OPTIONS is split into options on purpose
check() {
    (cd "$work" && schemathesis run "$url/v1/openapi.yaml" --url "$url" \
        --header "Authorization: Bearer $token" \
        --checks not_a_server_error,response_schema_conformance,content_type_conformance \
        --phases examples,coverage,fuzzing \
        --max-examples "${CHECK_API_EXAMPLES:-30}" --seed "${CHECK_API_SEED:-16}" \
        --workers 1 --generation-database none --no-color "$@" ${CHECK_API_OPTIONS:-})
}
# The event stream never ends, so schemathesis (which reads whole answers) skips it; curl checks that it
# opens as an event stream, reading for a few seconds.
check --exclude-operation-id revokeToken --exclude-operation-id watchChanges
curl -s -N --max-time 3 -o /dev/null -D "$work/events.headers" -H "Authorization: Bearer $token" "$url/v1/events" || true
grep -qi '^HTTP/1.1 200' "$work/events.headers" && grep -qi '^content-type: text/event-stream' "$work/events.headers" \
    || { echo "check-api: /v1/events did not open an event stream:" >&2; cat "$work/events.headers" >&2; exit 1; }
check --include-operation-id revokeToken
kill -0 "$server" 2>/dev/null || { echo "check-api: the service died:" >&2; cat "$work/serve.log" >&2; exit 1; }
echo "check-api: every operation answered within docs/openapi.yaml"
