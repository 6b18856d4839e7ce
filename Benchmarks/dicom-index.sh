#!/usr/bin/env bash
# DICOM header-indexing benchmark: MedLake vs GDCM, DCMTK, pydicom and a raw read floor, in one run.
#
#   Benchmarks/dicom-index.sh [FILES]     (default 20000; MEDLAKE=path/to/medlake skips the build)
#
# Builds MedLake in release mode, writes a corpus of FILES synthetic instances with MedLake's own writer
# (CT/MR/US/CR/SEG, explicit and implicit VR, nested sequences, private blocks, 64² to 512² images) into
# Benchmarks/.work/, installs missing peers, warms the page cache, and times every tool over the same
# files on one core (taskset -c 0). Each tool reads 16 header tags (the catalog's instance columns):
#   medlake    `medlake dicom index` — the catalog indexer's selected-tags path
#   gdcmscanner  the same 16 tags (-t), default parser and --strict
#   dcmdump    batched (xargs, 2000 files per process), stopping before pixel data (+sb 7fe0,0010)
#   pydicom    dcmread(stop_before_pixels=True), then the 16 attributes
#   floor      open + read(16 KiB) + close, no parsing
# Prints a table of files/s with each tool's ratio to MedLake. Run it on an otherwise idle machine.
#
# Then, on a second corpus of FILES instances written by pydicom (Benchmarks/pydicom_corpus.py: files MedLake
# did not write), it times `medlake dicom tags` against `gdcmscanner -p --table`, both printing the same 16
# tags as one tab-separated line per file: whole processes, alternately, TAGS_RUNS times (default 5), and
# prints the medians of wall and CPU (user+sys) time and their ratios. CPU time is the figure to trust on a
# shared machine; wall time there mostly measures the wait for a core.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-20000}"
work=Benchmarks/.work
corpus="$work/corpus-$count"
list="$work/list-$count.txt"
mkdir -p "$work"

need() { command -v "$1" >/dev/null 2>&1; }
if ! need gdcmscanner || ! need dcmdump; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dcmtk libgdcm-tools
fi
python3 -c "import pydicom" 2>/dev/null || python3 -m pip install --quiet pydicom

if [ -n "${MEDLAKE:-}" ]; then
    medlake=$MEDLAKE    # an already built release binary
else
    echo "== building release"
    swift build -c release --product medlake 2>&1 | tail -1
    medlake=.build/release/medlake
fi
swiftc -O -parse-as-library Benchmarks/ReadFloor.swift -o "$work/read-floor"

if [ ! -f "$corpus/.complete" ]; then
    echo "== writing $count files into $corpus"
    rm -rf "$corpus"
    "$medlake" dicom generate --count "$count" --output "$corpus" --seed 2024
    touch "$corpus/.complete"
fi
find "$(pwd)/$corpus" -name '*.dcm' | sort > "$list"
files=$(wc -l < "$list")
echo "== corpus: $files files, $(du -sh "$corpus" | cut -f1)"

tags=(0008,0016 0008,0018 0008,0020 0008,0060 0008,1030 0008,103e 0010,0010 0010,0020 0018,0015
      0020,000d 0020,000e 0020,0011 0020,0013 0020,0052 0028,0010 0028,0011)
gdcm_tags=()
for t in "${tags[@]}"; do gdcm_tags+=(-t "$t"); done

# Warm the page cache identically for everyone: read every file fully twice.
xargs -a "$list" cat > /dev/null
xargs -a "$list" cat > /dev/null

declare -A rate
measure() { # name, command...
    local name=$1; shift
    local start end
    start=$(date +%s.%N)
    taskset -c 0 "$@" > "$work/$name.out" 2> "$work/$name.err" || { echo "$name failed: $(tail -3 "$work/$name.err")"; }
    end=$(date +%s.%N)
    rate[$name]=$(python3 -c "print(round($files / ($end - $start)))")
    echo "   $name: ${rate[$name]} files/s"
}

echo "== timing (one core, warm cache)"
measure medlake "$medlake" dicom index --list "$list"
measure gdcmscanner gdcmscanner -d "$corpus" "${gdcm_tags[@]}"
measure gdcmscanner-strict gdcmscanner --strict -d "$corpus" "${gdcm_tags[@]}"
measure dcmdump xargs -a "$list" -n 2000 dcmdump -q -M +sb 7fe0,0010
measure pydicom python3 Benchmarks/pydicom_index.py "$list"
measure floor "$work/read-floor" "$list"
grep -q "failures=0" "$work/medlake.out" || echo "warning: medlake reported failures: $(cat "$work/medlake.out")"

echo
echo "| Tool (16 header tags, 1 core, warm cache) | files/s | vs MedLake |"
echo "|---|---:|---:|"
for name in medlake gdcmscanner gdcmscanner-strict dcmdump pydicom floor; do
    ratio=$(python3 -c "print(f'{${rate[$name]} / ${rate[medlake]}:.2f}×')")
    echo "| $name | ${rate[$name]} | $ratio |"
done
echo
echo "MedLake / gdcmscanner = $(python3 -c "print(f'{${rate[medlake]} / ${rate[gdcmscanner]}:.2f}')")× (target ≥ 2×)"

# ---- dicom tags vs gdcmscanner, printing the values, on files MedLake did not write ----
pycorpus="$work/pydicom-$count"
if [ ! -f "$pycorpus.complete" ]; then   # beside the folder: both tools read every file in it
    echo
    echo "== writing $count files with pydicom into $pycorpus"
    rm -rf "$pycorpus"
    python3 Benchmarks/pydicom_corpus.py "$count" "$pycorpus"
    touch "$pycorpus.complete"
fi
pyfiles=$(find "$pycorpus" -name '*.dcm' | wc -l)
find "$pycorpus" -name '*.dcm' -print0 | xargs -0 cat > /dev/null
find "$pycorpus" -name '*.dcm' -print0 | xargs -0 cat > /dev/null
tag_options=()
for t in "${tags[@]}"; do tag_options+=(--tag "$t"); done

runs="${TAGS_RUNS:-5}"
echo
echo "== dicom tags vs gdcmscanner: $pyfiles pydicom-written files, 16 tags printed, $runs alternating runs"
timed() { # name, command... -> appends "wall cpu" to $work/NAME.times
    local name=$1; shift
    /usr/bin/time -f "%e %U %S" -o "$work/$name.time" taskset -c 0 "$@" > "$work/$name.out" 2> "$work/$name.err" \
        || echo "$name failed: $(tail -3 "$work/$name.err")"
    awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$work/$name.time" >> "$work/$name.times"
}
rm -f "$work/tags.times" "$work/gdcmscanner-print.times"
for _ in $(seq "$runs"); do
    timed tags "$medlake" dicom tags "${tag_options[@]}" "$pycorpus"
    timed gdcmscanner-print gdcmscanner -d "$pycorpus" -r -p --table "${gdcm_tags[@]}"
done

# Same files, same values: gdcmscanner quotes values and keeps their padding.
python3 - "$work/tags.out" "$work/gdcmscanner-print.out" <<'PY'
import sys
ours = {}
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    fields = line.rstrip("\n").split("\t")
    ours[fields[0]] = fields[1:]
agree = total = 0
for line in open(sys.argv[2], encoding="utf-8", errors="replace"):
    fields = [f.strip('"').rstrip(" \0") for f in line.rstrip("\n").rstrip("\t").split("\t")]
    if fields[0] in ours:
        total += 1
        agree += ours[fields[0]] == fields[1:]
print(f"   values agree on {agree} of {total} files (medlake printed {len(ours)} lines)")
PY

python3 - "$work/tags.times" "$work/gdcmscanner-print.times" "$pyfiles" <<'PY'
import statistics, sys
def medians(path):
    rows = [tuple(map(float, line.split())) for line in open(path)]
    return statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows)
ours, theirs, files = medians(sys.argv[1]), medians(sys.argv[2]), int(sys.argv[3])
print()
print("| dicom tags, 16 tags printed, pydicom-written files | wall s (median) | CPU s (median) | files/s (CPU) |")
print("|---|---:|---:|---:|")
print(f"| medlake dicom tags | {ours[0]:.2f} | {ours[1]:.2f} | {files / ours[1]:.0f} |")
print(f"| gdcmscanner -p --table | {theirs[0]:.2f} | {theirs[1]:.2f} | {files / theirs[1]:.0f} |")
print()
print(f"gdcmscanner / medlake dicom tags = {theirs[0] / ours[0]:.2f}x wall, {theirs[1] / ours[1]:.2f}x CPU (target >= 2x)")
PY
