#!/usr/bin/env bash
# CI check of the container pieces (as root): builds the OCI image (Scripts/build-image.sh), builds it a
# second time to check the digest is reproducible, unpacks the oci-archive with umoci, and runs medlake
# from the unpacked root file system with chroot the way Kubernetes runs it under deploy/kubernetes: as
# user 10001, the root file system mounted read-only, a tmpfs on /tmp and the lake mounted on /lake. In
# there it creates a lake, generates and ingests DICOM files, publishes them and checks `datasets --json`
# lists them. Then it runs the manifests' own command lines (Scripts/kubernetes/container-command.py reads
# them, environment included): the lake service of lake-service.yaml, over TLS with a CA of its own, probed
# on /healthz and /readyz without a token as the kubelet does; and the training Job's init containers in a
# second "pod" with no lake volume, only the CA and a token: `stage` writes the pinned version into the
# scratch volume, every file checked here against the staged manifest, and `run record` records the run,
# whose image digest, commit, workflow run, pod, node and token are then read back from the lake; and the
# lifecycle CronJob's `lifecycle apply` the same way; and a worker of workers.yaml in a pod that mounts only
# the two folder tiers it moves between: it finishes the job, counts it in its metrics, and exits 0 on SIGTERM.
# Then it validates the Kubernetes manifests: kubernetes-validate --strict (from PyPI into a cache
# folder, as Scripts/test.sh does for pydicom) and Scripts/check-kubernetes-manifests.py (least
# privilege for every container, with its self-test).
#
# Usage: Scripts/check-image.sh [--binary PATH]   (default: $MEDLAKE_RELEASE_BINARY, else a release build)
set -euo pipefail
cd "$(dirname "$0")/.."

[ "$(id -u)" -eq 0 ] || { echo "check-image: run as root (it mounts and chroots)" >&2; exit 1; }
Scripts/setup/install-packages.sh image
# shellcheck source=setup/need-tools.sh
. Scripts/setup/need-tools.sh
need_tools chroot mount umount skopeo umoci python3 curl openssl

binary_arguments=()
case "${1:-}" in
    --binary) binary_arguments=(--binary "${2:?--binary needs a path}") ;;
    '') ;;
    *) echo "check-image: unknown argument $1" >&2; exit 2 ;;
esac

work=$(mktemp -d /tmp/medlake-check-image.XXXXXX)
mounts=()
server=
worker=
cleanup() {
    local index process
    for process in $worker $server; do kill "$process" 2>/dev/null || true; wait "$process" 2>/dev/null || true; done
    for ((index = ${#mounts[@]} - 1; index >= 0; index--)); do umount "${mounts[index]}" || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# MARK: - Build, twice

digest=$(Scripts/build-image.sh "${binary_arguments[@]}" --output "$work/image")
again=$(Scripts/build-image.sh "${binary_arguments[@]}" --output "$work/image-again")
if [ "$digest" != "$again" ]; then
    echo "check-image: two builds of the same binary gave $digest and $again" >&2
    exit 1
fi
tag=$(cat "$work/image/tag")
echo "check-image: medlake:$tag $digest, reproducible"

# MARK: - Unpack the archive and run it the way deploy/kubernetes does

skopeo copy --quiet "oci-archive:$work/image/medlake.oci-archive.tar:medlake:$tag" "oci:$work/unpacked:$tag"
umoci unpack --image "$work/unpacked:$tag" "$work/bundle" >/dev/null
rootfs=$work/bundle/rootfs
user=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["process"]["user"]["uid"])' \
    "$work/bundle/config.json")
[ "$user" = 10001 ] || { echo "check-image: the image runs as uid $user, not 10001" >&2; exit 1; }

# The root file system read-only (readOnlyRootFilesystem), a tmpfs on /tmp (the emptyDir), the lake a
# folder of its own owned by the image's user (the volume), /proc and /dev as a container runtime mounts
# them. The mount points a pod's volumes need are made in the unpacked copy first, as a runtime does.
mkdir -p "$rootfs/etc/medlake/tls" "$rootfs/etc/medlake/ca" "$rootfs/scratch"
mkdir -p "$work/lake"
chown 10001:10001 "$work/lake"
# mount_pod ROOT VOLUME…: the image's root file system read-only at ROOT plus /tmp, /proc, /dev and the
# given volumes, each SOURCE:TARGET[:ro] (a source "tmpfs" is an emptyDir).
mount_pod() {
    local root=$1 volume source target mode
    shift
    mkdir -p "$root"
    mount --bind "$rootfs" "$root"; mounts+=("$root")
    mount -o remount,bind,ro "$root"
    mount -t tmpfs -o size=256m,mode=1777 tmpfs "$root/tmp"; mounts+=("$root/tmp")
    mount -t proc proc "$root/proc"; mounts+=("$root/proc")
    mount --bind /dev "$root/dev"; mounts+=("$root/dev")
    for volume in "$@"; do
        IFS=: read -r source target mode <<<"$volume"
        if [ "$source" = tmpfs ]; then
            mount -t tmpfs -o size=256m,uid=10001,gid=10001,mode=0750 tmpfs "$root$target"
        else
            mount --bind "$source" "$root$target"
            [ "$mode" != ro ] || mount -o remount,bind,ro "$root$target"
        fi
        mounts+=("$root$target")
    done
}

# The lake service's TLS Secret and the CA ConfigMap, as deploy/kubernetes/README.md says to make them
# (here for the address the check uses, 127.0.0.1).
mkdir -p "$work/tls" "$work/ca"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj "/CN=check-image CA" \
    -keyout "$work/ca/ca.key" -out "$work/ca/ca.crt" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
    -keyout "$work/tls/tls.key" -out "$work/tls/tls.csr" 2>/dev/null
openssl x509 -req -in "$work/tls/tls.csr" -CA "$work/ca/ca.crt" -CAkey "$work/ca/ca.key" -CAcreateserial -days 1 \
    -extfile <(printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n') \
    -out "$work/tls/tls.crt" 2>/dev/null
rm -f "$work/ca/ca.key" "$work/ca/ca.srl" "$work/tls/tls.csr"
chown -R 10001:10001 "$work/tls"
chmod 0400 "$work/tls/tls.key"

mount_pod "$work/root" "$work/lake:/lake" "$work/tls:/etc/medlake/tls:ro"
chroot=$(command -v chroot)
# pod_command ROOT [NAME=VALUE…] -- ARGUMENT…: sets command_line to medlake in ROOT as the image's user
# with exactly that environment (env and chroot exec it, so a background command's $! is medlake).
pod_command() {
    local root=$1 environment=(PATH=/usr/local/bin HOME=/tmp SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt)
    shift
    while [ "$1" != -- ]; do environment+=("$1"); shift; done
    shift
    command_line=(env -i "${environment[@]}" "$chroot" --userspec=10001:10001 "$root" /usr/local/bin/medlake "$@")
}
in_image() {
    pod_command "$work/root" -- "$@"
    "${command_line[@]}"
}
in_image --version
in_image init /lake >/dev/null
in_image dicom generate --count 12 --output /tmp/dicom >/dev/null
in_image ingest --lake /lake --dataset chest-ct /tmp/dicom >/dev/null
version=$(in_image version publish chest-ct --lake /lake | sed -n 's/^Published \(chest-ct@[0-9]*\) .*/\1/p')
in_image datasets --lake /lake --json > "$work/datasets.json"
python3 - "$work/datasets.json" <<'PY'
import json, sys
listed = [(entry["name"], entry["fileCount"]) for entry in json.load(open(sys.argv[1]))]
if listed != [("chest-ct", 12)]:
    sys.exit(f"check-image: expected the dataset chest-ct with 12 files, got {listed}")
print("check-image: lake created, 12 DICOM files ingested, published and listed from inside the image")
PY
if in_image init /not-writable 2>/dev/null; then
    echo "check-image: the image's root file system is writable" >&2
    exit 1
fi

# container_command ROOT MANIFEST NAME [container-command.py options…]: sets command_line to that
# container of the manifest in ROOT, its arguments and environment as the manifest gives them.
container_command() {
    local root=$1 manifest=$2 name=$3 line environment=() arguments=() seen=0
    shift 3
    while IFS= read -r line; do
        if [ "$seen" = 0 ]; then
            if [ "$line" = -- ]; then seen=1; else environment+=("$line"); fi
        else
            arguments+=("$line")
        fi
    done < <(python3 Scripts/kubernetes/container-command.py "deploy/kubernetes/$manifest" "$name" "$@")
    [ "${#arguments[@]}" -gt 0 ] || { echo "check-image: no command line for $name in $manifest" >&2; exit 1; }
    pod_command "$root" "${environment[@]}" -- "${arguments[@]}"
}

# MARK: - The lake service of lake-service.yaml, probed as the kubelet probes it

# On 127.0.0.1 rather than the pod's 0.0.0.0; TLS as the manifest has it.
container_command "$work/root" lake-service.yaml lake --replace "0.0.0.0:8443=>127.0.0.1:0"
"${command_line[@]}" > "$work/serve.out" 2> "$work/serve.err" &
server=$!
for _ in $(seq 1 1200); do
    grep -q '^Serving ' "$work/serve.out" && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
done
url=$(grep -o 'https://127\.0\.0\.1:[0-9]*' "$work/serve.out") || {
    echo "check-image: medlake serve did not start inside the image: $(cat "$work/serve.out" "$work/serve.err")" >&2
    exit 1
}
for probe in healthz readyz; do
    answer=$(curl -s --cacert "$work/ca/ca.crt" -w '%{http_code}' "$url/$probe")
    if [ "$answer" != "ok"$'\n'"200" ]; then
        echo "check-image: /$probe answered '$answer', not 200 ok" >&2
        exit 1
    fi
done
echo "check-image: lake-service.yaml's medlake serve runs from the image over TLS and answers /healthz and /readyz without a token"

# MARK: - The training Job of training-job.example.yaml, in a pod with no lake volume

# The training token as deploy/kubernetes/README.md says: the operator role, and a grant to read the one
# (restricted) dataset it trains on.
token=$(in_image token create training --role operator --expires 1d --lake /lake 2>/dev/null)
in_image grant create token:training chest-ct --expires 1d --reason "check-image training Job" --lake /lake >/dev/null
mount_pod "$work/pod" tmpfs:/scratch "$work/ca:/etc/medlake/ca:ro"
job=(training-job.example.yaml --secret "medlake-training-token=$token"
    --replace "https://medlake-lake.medlake.svc:443=>$url" --replace "chest-ct@3=>$version" --pod train-chest-ct-check)
container_command "$work/pod" "${job[0]}" stage-in "${job[@]:1}"
"${command_line[@]}" >/dev/null
python3 - "$work/pod/scratch/data" <<'PY'
import hashlib, json, os, sys
root = sys.argv[1]
manifest = json.load(open(os.path.join(root, "manifest.json")))
entries = manifest["entries"]
for entry in entries:
    with open(os.path.join(root, entry["path"].lstrip("/")), "rb") as file:
        if hashlib.sha256(file.read()).hexdigest() != entry["sha256"]:
            sys.exit(f"check-image: the staged {entry['path']} does not match the manifest")
if len(entries) != 12:
    sys.exit(f"check-image: staged {len(entries)} files, not 12")
print(f"check-image: the training Job's stage-in staged {manifest['dataset']} through the service, 12 files matching the manifest")
PY
container_command "$work/pod" "${job[0]}" run-record "${job[@]:1}"
"${command_line[@]}" >/dev/null
in_image run list --manifest "$version" --json --lake /lake > "$work/runs.json"
python3 - "$work/runs.json" deploy/kubernetes/training-job.example.yaml "$version" <<'PY'
import json, sys, yaml
runs = json.load(open(sys.argv[1]))
job = next(document for document in yaml.safe_load_all(open(sys.argv[2])) if document and document["kind"] == "Job")
annotations = job["spec"]["template"]["metadata"]["annotations"]
expected = {
    "image": annotations["medlake.io/image-digest"], "commit": annotations["medlake.io/commit"],
    "workflowRun": annotations["medlake.io/workflow-run"], "workflow": annotations["medlake.io/workflow-hash"],
    "pod": "train-chest-ct-check", "node": "check-image-node",
    "namespace": job["metadata"]["namespace"], "serviceAccount": job["spec"]["template"]["spec"]["serviceAccountName"],
    "recordedBy": "token:training",
}
if len(runs) != 1:
    sys.exit(f"check-image: expected one run of {sys.argv[3]}, got {len(runs)}")
wrong = {key: (runs[0].get(key), value) for key, value in expected.items() if runs[0].get(key) != value}
if wrong:
    sys.exit(f"check-image: the recorded run differs from the Job (got, expected): {wrong}")
print("check-image: the training Job's run-record recorded the run with the Job's image digest, commit, workflow run, pod and token")
PY
# MARK: - The lifecycle CronJob of lifecycle-cronjob.yaml, in the same kind of pod

lifecycle_token=$(in_image token create lifecycle --role operator --expires 1d --lake /lake 2>/dev/null)
container_command "$work/pod" lifecycle-cronjob.yaml lifecycle-apply --secret "medlake-lifecycle-token=$lifecycle_token" \
    --replace "https://medlake-lake.medlake.svc:443=>$url"
"${command_line[@]}" > "$work/lifecycle.json"
python3 -c 'import json, sys; sys.exit(json.load(open(sys.argv[1])) != [])' "$work/lifecycle.json" || {
    echo "check-image: lifecycle apply through the service did not answer an empty list of jobs: $(cat "$work/lifecycle.json")" >&2
    exit 1
}
echo "check-image: the lifecycle CronJob's lifecycle apply ran through the service with its token (no rules: no jobs)"

# MARK: - A worker of workers.yaml, in a pod with the two folder tiers it moves between and nothing else

# The objects go hot → warm beside the lake first (a local worker), then a job warm → cold is left to the
# pod. Folder tiers are mounted in worker pods at the path the lake uses (NFS or a shared volume in a
# cluster); the pod sees those two folders, not the lake folder or its catalog.
in_image migrate start chest-ct --to warm --lake /lake >/dev/null
in_image worker --until-idle --lake /lake >/dev/null 2>&1
in_image migrate start chest-ct --to cold --lake /lake --json > "$work/job.json"
job_id=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["id"])' "$work/job.json")
worker_token=$(in_image token create workers --role operator --expires 1d --lake /lake 2>/dev/null)
mount_pod "$work/worker" tmpfs:/lake "$work/ca:/etc/medlake/ca:ro"
for tier in warm cold; do
    mkdir -p "$work/worker/lake/tiers/$tier"
    mount --bind "$work/lake/tiers/$tier" "$work/worker/lake/tiers/$tier"; mounts+=("$work/worker/lake/tiers/$tier")
done
metrics_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
container_command "$work/worker" workers.yaml worker --secret "medlake-worker-token=$worker_token" \
    --replace "https://medlake-lake.medlake.svc:443=>$url" "--replace=--metrics-port=9090=>--metrics-port=$metrics_port" \
    "--replace=--metrics-address=0.0.0.0=>--metrics-address=127.0.0.1"
"${command_line[@]}" > "$work/worker.out" 2> "$work/worker.log" &
worker=$!
state=
for _ in $(seq 1 1200); do
    state=$(in_image migrate list --json --lake /lake | python3 -c \
        'import json, sys; print(next(job["state"] for job in json.load(sys.stdin) if job["id"] == int(sys.argv[1])))' "$job_id")
    [ "$state" = done ] || [ "$state" = failed ] && break
    kill -0 "$worker" 2>/dev/null || break
    sleep 0.25
done
[ "$state" = done ] || { echo "check-image: the worker pod left job $job_id $state: $(tail -5 "$work/worker.log")" >&2; exit 1; }
metrics=$(curl -s "http://127.0.0.1:$metrics_port/metrics")
grep -q '^medlake_worker_moved_objects_total 12$' <<<"$metrics" || {
    echo "check-image: the worker pod's metrics do not count 12 objects moved: $(grep objects <<<"$metrics")" >&2
    exit 1
}
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$metrics_port/readyz")" = 200 ] || {
    echo "check-image: the worker pod is not ready" >&2
    exit 1
}
kill -TERM "$worker"
wait "$worker" || { echo "check-image: the worker pod did not exit 0 on SIGTERM" >&2; exit 1; }
echo "check-image: workers.yaml's worker moved job $job_id warm → cold through the service (12 objects, in its metrics) and exited 0 on SIGTERM"

kill -TERM "$server"
wait "$server" || { echo "check-image: medlake serve did not stop cleanly on SIGTERM" >&2; exit 1; }
server=

# MARK: - Kubernetes manifests

# From PyPI into a folder of its own: Debian's python3 refuses installs into itself (PEP 668), and the
# folder Scripts/test.sh keeps pydicom in stays as the tests expect it.
validator=/var/cache/medlake/kubernetes-validate
if ! PYTHONPATH=$validator python3 -c 'import kubernetes_validate' 2>/dev/null; then
    echo "check-image: installing kubernetes-validate into $validator" >&2
    python3 -m pip install -q --target "$validator" 'kubernetes-validate>=1.31,<2' >&2
fi
manifests=()
for manifest in deploy/kubernetes/*.yaml; do
    [ "$(basename "$manifest")" = kustomization.yaml ] || manifests+=("$manifest")  # not a Kubernetes object
done
PYTHONPATH=$validator python3 -m kubernetes_validate --strict --quiet "${manifests[@]}"
python3 Scripts/check-kubernetes-manifests.py --self-test
python3 Scripts/check-kubernetes-manifests.py deploy/kubernetes
