#!/usr/bin/env bash
# Regenerates the committed sources of SampleLake/: synthetic DICOM (medlake make-sample-data) and
# small genomics files for three samples written with samtools/bcftools/bgzip.
# Usage: Scripts/make-sample-lake.sh [path/to/medlake]   (default: .build/debug/medlake)
set -euo pipefail
cd "$(dirname "$0")/.."
MEDLAKE=${1:-.build/debug/medlake}
OUT=SampleLake/sources
rm -rf "$OUT"
mkdir -p "$OUT/imaging" "$OUT/genomics"
"$MEDLAKE" make-sample-data "$OUT/imaging"

G=$OUT/genomics
WORK=/tmp/medlake-sample-lake-work   # fixed: the CRAM header records the reference path
rm -rf "$WORK"; mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT

# A 2 kb reference contig (deterministic).
python3 - "$WORK/ref.fa" <<'PY'
import random, sys
random.seed(7)
seq = "".join(random.choice("ACGT") for _ in range(2000))
with open(sys.argv[1], "w") as f:
    f.write(">chr22\n")
    for i in range(0, len(seq), 60):
        f.write(seq[i:i+60] + "\n")
PY
samtools faidx "$WORK/ref.fa"

# Reads per sample: SAM → BAM (NA0001), CRAM (NA0002), FASTQ pair (NA0003).
python3 - "$WORK" <<'PY'
import random, sys
work = sys.argv[1]
random.seed(11)
ref = "".join(l.strip() for l in open(work + "/ref.fa") if not l.startswith(">"))
def reads(sample, n=40):
    out = []
    for i in range(n):
        pos = random.randint(0, len(ref) - 101)
        seq = ref[pos:pos+100]
        out.append((f"{sample}:1:FC1:1:1:{i}:{i}", pos + 1, seq, "I" * 100))
    return sorted(out, key=lambda r: r[1])
for sample in ["NA0001", "NA0002"]:
    with open(f"{work}/{sample}.sam", "w") as f:
        f.write("@HD\tVN:1.6\tSO:coordinate\n@SQ\tSN:chr22\tLN:2000\tAS:GRCh38\n")
        f.write(f"@RG\tID:{sample}.1\tSM:{sample}\tPL:ILLUMINA\tLB:lib1\n")
        f.write("@PG\tID:bwa\tPN:bwa\tVN:0.7.17\n")
        for name, pos, seq, qual in reads(sample):
            f.write(f"{name}\t0\tchr22\t{pos}\t60\t100M\t*\t0\t0\t{seq}\t{qual}\tRG:Z:{sample}.1\n")
for mate in (1, 2):
    with open(f"{work}/NA0003_S1_L001_R{mate}_001.fastq", "w") as f:
        for name, pos, seq, qual in reads("NA0003", 30):
            f.write(f"@{name} {mate}:N:0:ACGT\n{seq}\n+\n{qual}\n")
with open(f"{work}/cohort.vcf", "w") as f:
    f.write("##fileformat=VCFv4.3\n##reference=GRCh38\n##contig=<ID=chr22,length=2000>\n")
    f.write('##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">\n')
    f.write('##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n')
    f.write("##source=GATK HaplotypeCaller\n")
    f.write("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tNA0001\tNA0002\tNA0003\n")
    for i, pos in enumerate(range(100, 2000, 150)):
        r = ref[pos - 1]
        alt = "A" if r != "A" else "G"
        f.write(f"chr22\t{pos}\t.\t{r}\t{alt}\t{50 + i}\tPASS\tDP={20 + i}\tGT\t0/1\t1/1\t0/0\n")
PY
samtools view --no-PG -b -o "$G/NA0001.bam" "$WORK/NA0001.sam"
samtools view --no-PG -C -T "$WORK/ref.fa" -o "$G/NA0002.cram" "$WORK/NA0002.sam"
gzip -n -c "$WORK/NA0003_S1_L001_R1_001.fastq" > "$G/NA0003_S1_L001_R1_001.fastq.gz"
gzip -n -c "$WORK/NA0003_S1_L001_R2_001.fastq" > "$G/NA0003_S1_L001_R2_001.fastq.gz"
bgzip -c "$WORK/cohort.vcf" > "$G/cohort.vcf.gz"
du -sh "$OUT"
