#!/usr/bin/env bash
# Builds the Genomics readers with libFuzzer + AddressSanitizer and fuzzes them, seeded with the test
# fixtures. Usage: Fuzz/run-genomics.sh [SECONDS] (default 300). Crashes land in Fuzz/.work/genomics/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-300}"
work=Fuzz/.work/genomics
mkdir -p "$work/corpus"
cp Tests/GenomicsTests/Fixtures/* "$work/corpus/"
rm -f "$work/corpus/make-fixtures.sh"

swiftc -sanitize=fuzzer,address -parse-as-library -O -swift-version 6 -module-name GenomicsFuzz \
    -I Sources/CZlib -I Sources/CLibdeflate -lz -ldeflate \
    $(find Sources/Genomics -name '*.swift') Fuzz/GenomicsFuzz.swift \
    -o "$work/genomics-fuzz" 2> >(grep -v "Cannot export local symbol" >&2)

cd "$work"
# Header parsing allocates many small strings; recording deep allocation stacks for each one costs ASan
# more than the parsing itself. Two frames still name the allocating function in a report.
export ASAN_OPTIONS="${ASAN_OPTIONS:-malloc_context_size=2}"
./genomics-fuzz -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 corpus
