#!/usr/bin/env bash
# Builds the OCI image of medlake without a container engine: the release binary, the shared libraries
# `ldd` lists for it (at the paths the dynamic loader and the binary's RUNPATH look in), the CA
# certificates and a passwd/group naming the unprivileged user 10001 the image runs as. umoci writes the
# image layout, skopeo the oci-archive; both come from Debian (Scripts/setup/debian-packages.txt, purpose
# image). File times, the image's creation time and its history are the last commit's time, so the same
# binary gives the same digest.
#
# Usage: Scripts/build-image.sh [--binary PATH] [--output DIR] [--tag TAG]
#   --binary PATH  an existing release build of medlake (default: $MEDLAKE_RELEASE_BINARY, else
#                  `swift build -c release --product medlake` here)
#   --output DIR   where the image goes (default: .build/image)
#   --tag TAG      the image's tag (default: the version `medlake --version` prints)
# Writes DIR/layout (OCI image layout), DIR/medlake.oci-archive.tar, DIR/digest (the manifest digest,
# sha256:…) and prints the digest on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=setup/need-tools.sh
. Scripts/setup/need-tools.sh
need_tools umoci skopeo ldd python3 git

binary=${MEDLAKE_RELEASE_BINARY:-}
output=.build/image
tag=
while [ "$#" -gt 0 ]; do
    case "$1" in
        --binary) binary=${2:?--binary needs a path}; shift 2 ;;
        --output) output=${2:?--output needs a folder}; shift 2 ;;
        --tag) tag=${2:?--tag needs a name}; shift 2 ;;
        -h|--help) sed -n '2,16s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "build-image: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

if [ -z "$binary" ]; then
    echo "build-image: building medlake in release mode (several minutes)" >&2
    swift build -c release --product medlake >&2
    binary=$(swift build -c release --show-bin-path)/medlake
fi
[ -x "$binary" ] || { echo "build-image: $binary is not an executable" >&2; exit 1; }
if [ -z "$tag" ]; then
    tag=$("$binary" --version | tr -c 'A-Za-z0-9_.\n-' '-')
fi

# The last commit's time stands for every time inside the image (reproducible builds' convention).
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}
created=$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)
revision=$(git rev-parse HEAD 2>/dev/null || echo unknown)

work=$(mktemp -d "${TMPDIR:-/tmp}/medlake-image.XXXXXX")
trap 'rm -rf "$work"' EXIT
rootfs=$work/rootfs
mkdir -p "$rootfs"

# Copies a host file to the same place in the root file system, following symbolic links in the file
# (the copy is the library itself) but keeping the host's merged-/usr layout for its folder.
copy_into_rootfs() {
    local source=$1 folder
    folder=$(realpath "$(dirname "$source")")
    mkdir -p "$rootfs$folder"
    cp -L --preserve=mode "$source" "$rootfs$folder/$(basename "$source")"
}

# /lib, /lib64, /bin and /sbin are links into /usr on Debian 12; the loader path /lib64/ld-linux-x86-64.so.2
# baked into the binary must resolve the same way inside the image.
for link in /lib /lib64 /bin /sbin; do
    if [ -L "$link" ]; then ln -s "$(readlink "$link")" "$rootfs$link"; fi
done

mkdir -p "$rootfs/usr/local/bin"
cp --preserve=mode "$binary" "$rootfs/usr/local/bin/medlake"
libraries=$(ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }')
for library in $libraries; do copy_into_rootfs "$library"; done

copy_into_rootfs /etc/ssl/certs/ca-certificates.crt
# medlake names lake roles by Unix user, so the user it runs as needs a name; 10001 is outside the
# host ranges of Debian's and most distributions' system and login users.
# Mount points: the container runtime mounts /proc, /dev and /sys (Swift reads its arguments from
# /proc/self/cmdline); the pod mounts the lake, the scratch emptyDir and /tmp.
mkdir -p "$rootfs/etc" "$rootfs/proc" "$rootfs/dev" "$rootfs/sys" "$rootfs/tmp" "$rootfs/lake" "$rootfs/scratch"
chmod 1777 "$rootfs/tmp"
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nmedlake:x:10001:10001:medlake:/tmp:/usr/sbin/nologin\n' \
    > "$rootfs/etc/passwd"
printf 'root:x:0:\nmedlake:x:10001:\n' > "$rootfs/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
find "$rootfs" -exec touch -h -d "@$epoch" {} +

layout=$work/layout
umoci init --layout "$layout"
umoci new --image "$layout:$tag"
# --rootless: the layer records the files as root-owned whoever builds, instead of the builder's ids.
umoci insert --rootless --image "$layout:$tag" \
    --history.created "$created" --history.created_by "Scripts/build-image.sh" \
    --history.comment "medlake $tag with its shared libraries and CA certificates" \
    "$rootfs" /
umoci config --image "$layout:$tag" --no-history \
    --created "$created" --os linux --architecture "$(dpkg --print-architecture 2>/dev/null || echo amd64)" \
    --config.user 10001:10001 --config.workingdir /tmp \
    --config.entrypoint /usr/local/bin/medlake \
    --config.env PATH=/usr/local/bin \
    --config.env SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
    --config.volume /lake --config.volume /scratch --config.volume /tmp \
    --config.label org.opencontainers.image.title=medlake \
    --config.label "org.opencontainers.image.version=$tag" \
    --config.label "org.opencontainers.image.revision=$revision" \
    --config.label "org.opencontainers.image.created=$created"
umoci gc --layout "$layout"

mkdir -p "$output"
rm -rf "$output/layout" "$output/medlake.oci-archive.tar"
cp -a "$layout" "$output/layout"
skopeo copy --quiet "oci:$output/layout:$tag" "oci-archive:$output/medlake.oci-archive.tar:medlake:$tag"
digest=$(python3 -c '
import json, sys
index = json.load(open(sys.argv[1]))
print(next(m["digest"] for m in index["manifests"]
           if m.get("annotations", {}).get("org.opencontainers.image.ref.name") == sys.argv[2]))
' "$output/layout/index.json" "$tag")
echo "$digest" > "$output/digest"
echo "$tag" > "$output/tag"
size=$(du -sm "$output/layout" | cut -f1)
echo "build-image: medlake:$tag $digest (${size} MB) in $output" >&2
echo "$digest"
