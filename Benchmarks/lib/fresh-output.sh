# Sourced by the benchmarks: fresh_output DIR empties DIR for a run on a level field.
#
# ext4 without a journal (as on the build machine) skips inodes freed in the last five minutes when it
# allocates new ones, so creating many files right after deleting as many is several times slower,
# whoever does it. A benchmark therefore writes every contestant into a folder of its own under DIR and
# deletes nothing during the run; when DIR holds a previous run's outputs, they are removed and the
# five minutes waited out (SKIP_SETTLE=1 skips the wait).
fresh_output() {
    if [ -e "$1" ]; then
        rm -rf "$1"
        sync
        if [ "${SKIP_SETTLE:-0}" != 1 ]; then
            echo "removed the previous run's outputs; waiting 310 s for a level field (SKIP_SETTLE=1 skips)" >&2
            sleep 310
        fi
    fi
    mkdir -p "$1"
}
