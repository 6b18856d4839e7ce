#!/usr/bin/env bash
# DICOM header-indexing benchmark: MedLake vs GDCM, DCMTK, pydicom and a raw read floor, in one run.
#
#   Benchmarks/dicom-index.sh [FILES]     (default 20000)
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

echo "== building release"
swift build -c release --product medlake 2>&1 | tail -1
medlake=.build/release/medlake
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
