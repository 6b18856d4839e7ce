#!/usr/bin/env bash
# Installs the packages of Scripts/setup/debian-packages.txt with the given purposes (build, test, image;
# default build) that are missing. As root it runs apt-get; otherwise it prints the one command to run
# and exits 1. Silent when everything is installed.
# Usage: Scripts/setup/install-packages.sh [build] [test] [image]
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$#" -gt 0 ] || set -- build
purposes=" $* "

if ! command -v dpkg-query >/dev/null; then
    echo "setup: not a Debian system; install the equivalents of Scripts/setup/debian-packages.txt yourself" >&2
    exit 0
fi
missing=()
while read -r package purpose _; do
    case "$package" in ''|'#'*) continue ;; esac
    wanted=0
    for one in ${purpose//,/ }; do [[ "$purposes" == *" $one "* ]] && wanted=1; done
    [ "$wanted" = 1 ] || continue
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done < Scripts/setup/debian-packages.txt
[ "${#missing[@]}" -gt 0 ] || exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "MedLake needs Debian packages that are not installed. Run this, then try again:" >&2
    echo "sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
echo "setup: installing ${missing[*]}" >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
