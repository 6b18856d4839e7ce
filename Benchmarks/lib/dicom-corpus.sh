# Sourced by the benchmarks that ingest the generated DICOM corpus (ingest.sh, ingest-postgres.sh, s3.sh),
# so they all read the same files: dicom_corpus BIN WORK FILES sets CORPUS to WORK/corpus-FILES, written
# by `BIN dicom generate --count FILES` unless a previous run finished it (a `.complete` marker beside
# it: a run killed half-way through generating starts over), and CORPUS_BYTES to its size;
# warm_corpus then reads every file of it once, so each contestant finds it in the page cache.
dicom_corpus() {
    CORPUS=$2/corpus-$3
    if [ ! -f "$CORPUS.complete" ]; then
        rm -rf "$CORPUS"
        echo "generating $3 DICOM files…" >&2
        "$1" dicom generate --count "$3" --output "$CORPUS" >&2
        touch "$CORPUS.complete"
    fi
    CORPUS_BYTES=$(find "$CORPUS" -type f -printf '%s\n' | awk '{s += $1} END {printf "%.0f\n", s}')
}

warm_corpus() {
    find "$CORPUS" -type f -print0 | xargs -0 cat > /dev/null
}
