#!/usr/bin/env bash
# CI check of the container pieces (as root): builds the OCI image (Scripts/build-image.sh), builds it a
# second time to check the digest is reproducible, unpacks the oci-archive with umoci, and runs medlake
# from the unpacked root file system with chroot the way Kubernetes runs it under deploy/kubernetes: as
# user 10001, the root file system mounted read-only, a tmpfs on /tmp and the lake mounted on /lake. In
# there it creates a lake, generates and ingests DICOM files and checks `datasets --json` lists them,
# then serves that lake (`medlake serve --listen`, as lake-service.yaml does) and probes /healthz and
# /readyz without a token, as the kubelet does.
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
need_tools chroot mount umount skopeo umoci python3 curl

binary_arguments=()
case "${1:-}" in
    --binary) binary_arguments=(--binary "${2:?--binary needs a path}") ;;
    '') ;;
    *) echo "check-image: unknown argument $1" >&2; exit 2 ;;
esac

work=$(mktemp -d /tmp/medlake-check-image.XXXXXX)
mounts=()
server=
cleanup() {
    local index
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
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
# them.
mkdir -p "$work/root" "$work/lake"
chown 10001:10001 "$work/lake"
mount --bind "$rootfs" "$work/root"; mounts+=("$work/root")
mount -o remount,bind,ro "$work/root"
mount --bind "$work/lake" "$work/root/lake"; mounts+=("$work/root/lake")
mount -t tmpfs -o size=256m,mode=1777 tmpfs "$work/root/tmp"; mounts+=("$work/root/tmp")
mount -t proc proc "$work/root/proc"; mounts+=("$work/root/proc")
mount --bind /dev "$work/root/dev"; mounts+=("$work/root/dev")

chroot=$(command -v chroot)
image_medlake=(env -i PATH=/usr/local/bin HOME=/tmp SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
    "$chroot" --userspec=10001:10001 "$work/root" /usr/local/bin/medlake)
in_image() { "${image_medlake[@]}" "$@"; }
in_image --version
in_image init /lake/demo >/dev/null
in_image dicom generate --count 12 --output /tmp/dicom >/dev/null
in_image ingest --lake /lake/demo --dataset chest-ct /tmp/dicom >/dev/null
in_image datasets --lake /lake/demo --json > "$work/datasets.json"
python3 - "$work/datasets.json" <<'PY'
import json, sys
listed = [(entry["name"], entry["fileCount"]) for entry in json.load(open(sys.argv[1]))]
if listed != [("chest-ct", 12)]:
    sys.exit(f"check-image: expected the dataset chest-ct with 12 files, got {listed}")
print("check-image: lake created, 12 DICOM files ingested and listed from inside the image")
PY
if in_image init /not-writable 2>/dev/null; then
    echo "check-image: the image's root file system is writable" >&2
    exit 1
fi

# MARK: - The lake service, probed as the kubelet probes it

# On loopback, where the service allows plain HTTP; lake-service.yaml adds TLS on the pod's address.
# Started as a simple command, not through in_image, so that $! is medlake itself (env and chroot exec it).
"${image_medlake[@]}" serve --lake /lake/demo --listen 127.0.0.1:0 > "$work/serve.out" 2> "$work/serve.err" &
server=$!
for _ in $(seq 1 1200); do
    grep -q '^Serving ' "$work/serve.out" && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
done
url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.out") || {
    echo "check-image: medlake serve did not start inside the image: $(cat "$work/serve.err")" >&2
    exit 1
}
for probe in healthz readyz; do
    answer=$(curl -s -w '%{http_code}' "$url/$probe")
    if [ "$answer" != "ok"$'\n'"200" ]; then
        echo "check-image: /$probe answered '$answer', not 200 ok" >&2
        exit 1
    fi
done
kill -TERM "$server"
wait "$server" || { echo "check-image: medlake serve did not stop cleanly on SIGTERM" >&2; exit 1; }
server=
echo "check-image: medlake serve from the image answers /healthz and /readyz without a token"

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
