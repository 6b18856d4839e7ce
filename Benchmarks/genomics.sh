#!/usr/bin/env bash
# Genomics benchmark: MedLake versus samtools/bcftools on the same files, one run, ratios printed.
#   1. Header facts for a set of files in one process (`medlake genomics inspect --header-only`) versus
#      `samtools view -H --no-PG` / `bcftools view -h` once per file, and `samtools quickcheck` over the
#      set's BAM/CRAM files (samtools 1.16's quickcheck rejects VCF/BCF as "not sequence data").
#   2. A full streaming pass over a generated BAM of RECORDS records (default 2,200,000):
#      `medlake genomics inspect` versus `samtools flagstat -@0` (single-threaded).
# Usage: Benchmarks/genomics.sh [RECORDS]. Needs python3, samtools, bcftools, hyperfine.
# Inputs go to Benchmarks/.work/ (git-ignored) and are reused on later runs. On a shared machine compare
# the CPU column: wall times there include waiting for a core.
set -euo pipefail
cd "$(dirname "$0")/.."
records="${1:-2200000}"
work=Benchmarks/.work
fixtures=Tests/GenomicsTests/Fixtures
mkdir -p "$work/headers"

swift build -c release --product medlake >/dev/null
medlake=.build/release/medlake

# Inputs: the big BAM, and 25 copies of each header fixture (distinct names, as a real folder has).
if [ ! -s "$work/big.bam" ] || [ "$(cat "$work/big.records" 2>/dev/null)" != "$records" ]; then
    echo "generating a BAM of $records records…"
    python3 Benchmarks/make-genomics-data.py "$work" "$records"
    samtools view --no-PG -@2 -b -o "$work/big.bam" "$work/big.sam"
    rm "$work/big.sam"
    echo "$records" > "$work/big.records"
fi
for i in $(seq -w 1 25); do
    for f in sample.bam sample.cram sample.vcf.gz sample.bcf; do
        cp -n "$fixtures/$f" "$work/headers/$i-$f"
    done
done
alignments=("$work"/headers/*.bam "$work"/headers/*.cram)
variants=("$work"/headers/*.vcf.gz "$work"/headers/*.bcf)
all=("${alignments[@]}" "${variants[@]}")
cat "$work/big.bam" "${all[@]}" > /dev/null

export alignments_list="${alignments[*]}" variants_list="${variants[*]}"

hyperfine -N --warmup 1 --runs 10 --export-json "$work/headers.json" \
    -n "medlake inspect --header-only (${#all[@]} files, 1 process)" "$medlake genomics inspect --header-only --json ${all[*]}" \
    -n "samtools quickcheck (the ${#alignments[@]} BAM/CRAM files; it skips VCF/BCF)" \
    "samtools quickcheck ${alignments[*]}" \
    >/dev/null
hyperfine --warmup 1 --runs 5 --export-json "$work/headers-peers.json" \
    -n "samtools view -H / bcftools view -h (per file)" \
    "for f in \$alignments_list; do samtools view -H --no-PG \$f >/dev/null; done; for f in \$variants_list; do bcftools view -h \$f >/dev/null; done" \
    >/dev/null
hyperfine -N --warmup 1 --runs 7 --export-json "$work/stream.json" \
    -n "medlake inspect (streaming pass)" "$medlake genomics inspect $work/big.bam" \
    -n "samtools flagstat -@0" "samtools flagstat -@0 $work/big.bam" \
    >/dev/null

python3 - "$work" "$records" "$(stat -c %s "$work/big.bam")" <<'PY'
import json, sys
work, records, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def load(name):
    return {r["command"]: (r["mean"], r["min"], r["user"] + r["system"])
            for r in json.load(open(f"{work}/{name}"))["results"]}
headers = load("headers.json") | load("headers-peers.json")
stream = load("stream.json")
def table(title, rows, base):
    print(f"\n{title}\n")
    print("| command | wall mean | wall min | CPU (user+sys) | wall mean vs MedLake | CPU vs MedLake |")
    print("|---|---:|---:|---:|---:|---:|")
    mean0, _, cpu0 = rows[base]
    for name, (mean, low, cpu) in rows.items():
        print(f"| {name} | {mean * 1000:.1f} ms | {low * 1000:.1f} ms | {cpu * 1000:.1f} ms | {mean / mean0:.2f}× "
              f"| {cpu / cpu0:.2f}× |")
base = next(k for k in headers if k.startswith("medlake"))
table("Header facts for 100 small files (25 each of BAM, CRAM, BGZF VCF, BCF)", headers, base)
base = next(k for k in stream if k.startswith("medlake"))
table(f"Streaming pass over a {records:,}-record BAM ({size / 1e6:.0f} MB)", stream, base)
mean = stream[base][0]
print(f"\nMedLake: {records / mean / 1e6:.2f} M records/s, {size / mean / 1e6:.0f} MB/s compressed")
PY
