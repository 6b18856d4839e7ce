#!/usr/bin/env bash
# Build the DICOM reader with libFuzzer + AddressSanitizer and fuzz it.
#   Fuzz/run-dicom.sh [SECONDS]   (default 600)
# Seeds: small files in four syntaxes written by MedLake's own writer (`medlake dicom generate`).
# Crashes land in Fuzz/.work/ as crash-* files.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
work=Fuzz/.work
mkdir -p "$work/corpus" "$work/seeds"

swift build --product medlake >/dev/null
for syntax in explicit implicit big-endian deflated; do
    .build/debug/medlake dicom generate --count 5 --size 4 --syntax "$syntax" --seed 7 --output "$work/seeds/$syntax" >/dev/null
done
find "$work/seeds" -name '*.dcm' -exec cp {} "$work/corpus/" \;

swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name DICOMFuzz \
    -I Sources/CZlib -lz \
    $(find Sources/DICOM -name '*.swift') Fuzz/DICOMFuzz.swift \
    -o "$work/dicom-fuzz" 2>&1 | grep -v "Cannot export local symbol" || true

cd "$work"
./dicom-fuzz -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 corpus
