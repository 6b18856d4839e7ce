# Sourced by scripts: `need_tools a b` exits with a message naming the missing tool and the command that
# installs it. Scripts/setup/check-packages.py reads the `need_tools` lines to check that the packages
# providing those tools are in Scripts/setup/debian-packages.txt.
need_tools() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null || {
            echo "${0##*/}: $tool is missing; run Scripts/setup/install-packages.sh build test image" >&2
            exit 1
        }
    done
}
