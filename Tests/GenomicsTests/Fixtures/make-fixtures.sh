#!/usr/bin/env bash
# Regenerates the small genomic fixtures in this folder with python3, samtools, bcftools and bgzip.
# The outputs are committed; rerun only when changing a fixture. Deterministic (fixed random seed),
# except that samtools/bcftools record their own version in @PG/##source lines.
set -euo pipefail
cd "$(dirname "$0")"

python3 - <<'PY'
import hashlib, random
random.seed(7)
bases = "ACGT"
contigs = {"chr1": 1200, "chr2": 800}
seqs = {name: "".join(random.choice(bases) for _ in range(length)) for name, length in contigs.items()}
with open("ref.fa", "w") as f:
    for name, seq in seqs.items():
        f.write(f">{name}\n")
        for i in range(0, len(seq), 60):
            f.write(seq[i:i + 60] + "\n")
md5 = {name: hashlib.md5(seq.encode()).hexdigest() for name, seq in seqs.items()}

def revcomp(s):
    return s[::-1].translate(str.maketrans("ACGT", "TGCA"))

header = [
    "@HD\tVN:1.6\tSO:unsorted",
    f"@SQ\tSN:chr1\tLN:1200\tM5:{md5['chr1']}\tAS:toy1",
    f"@SQ\tSN:chr2\tLN:800\tM5:{md5['chr2']}\tAS:toy1",
    "@RG\tID:rg1\tSM:NA 12878\tPL:ILLUMINA\tLB:lib1\tPU:HXXXXX.1\tCN:Broad\tDT:2024-01-02",
    "@RG\tID:rg2\tSM:Zoë\tPL:ILLUMINA\tLB:lib2\tPU:HXXXXX.2",
    "@PG\tID:bwa\tPN:bwa\tVN:0.7.17-r1188\tCL:bwa mem -t 8 ref.fa reads.fq",
    "@PG\tID:samtools\tPN:samtools\tPP:bwa\tVN:1.16\tCL:samtools sort -o out.bam",
    "@PG\tID:picard\tPN:MarkDuplicates\tPP:samtools\tVN:2.27",
    "@CO\tThis is a comment\twith a tab",
]
# Flag mixes covering every samtools flagstat line (paired, proper, singletons, different chr,
# secondary, supplementary, duplicates, QC-fail, unmapped).
records = []
names = []
for i in range(60):
    chrom = "chr1" if i % 3 else "chr2"
    length = contigs[chrom]
    pos = 1 + (i * 37) % (length - 120)
    seq = seqs[chrom][pos - 1:pos - 1 + 50]
    qual = "".join(chr(33 + 20 + (j % 20)) for j in range(50))
    kind = i % 12
    mate_chrom = "="
    mate_pos = pos + 100
    mapq = 60 if i % 5 else 3
    flag = 0
    if kind in (0, 1, 2, 3, 4, 5):
        flag = 1 | 2 | (64 if i % 2 else 128) | (16 if i % 4 == 0 else 32)
    if kind == 6:
        flag = 1 | 8 | 64
        mate_chrom, mate_pos = "=", pos
    if kind == 7:
        flag = 1 | 64
        mate_chrom = "chr2" if chrom == "chr1" else "chr1"
        mate_pos = 10
    if kind == 8:
        flag = 256
    if kind == 9:
        flag = 2048 | 1 | 64
    if kind == 10:
        flag = 1024 | 1 | 2 | 128
    if kind == 11:
        flag = 1 | 4 | 128
    if i % 7 == 0:
        flag |= 512
    rg = "rg1" if i % 2 else "rg2"
    cigar = "50M"
    rname, rpos = chrom, pos
    if flag & 4:
        cigar = "*"
        mapq = 0
    if flag & 4 and i % 2:
        rname, rpos, mate_chrom, mate_pos = "*", 0, "*", 0
    if not flag & 1:
        mate_chrom, mate_pos = "*", 0
    name = f"read{i:03d}"
    records.append(f"{name}\t{flag}\t{rname}\t{rpos}\t{mapq}\t{cigar}\t{mate_chrom}\t{mate_pos}\t0\t{seq}\t{qual}\tRG:Z:{rg}")
with open("sample.sam", "w") as f:
    f.write("\n".join(header + records) + "\n")
with open("sample.crlf.sam", "w", newline="") as f:
    f.write("\r\n".join(header + records) + "\r\n")
# Tabs inside header values, as old tools wrote them; htslib refuses these, MedLake keeps them.
with open("tabs-in-values.sam", "w") as f:
    f.write("@HD\tVN:1.5\n@SQ\tSN:chr1\tLN:1200\n@RG\tID:rg1\tSM:S1\tDS:two\twords\tPL:ILLUMINA\n")
    f.write("@PG\tID:bwa\tPN:bwa\tCL:bwa mem\tref.fa\treads.fq\n")
with open("no-sq.sam", "w") as f:
    f.write("@HD\tVN:1.6\tSO:unsorted\n@RG\tID:u1\tSM:unaligned1\tPL:ONT\n")
    for i in range(5):
        f.write(f"u{i}\t4\t*\t0\t0\t*\t*\t0\t0\tACGTACGT\t########\tRG:Z:u1\n")

# FASTQ: Casava 1.8 names, Phred+33, a mate pair by file name.
def fastq_record(i, mate, phred=33):
    seq = "".join(random.choice(bases) for _ in range(30 + i % 7))
    qual = "".join(chr(phred + random.randint(2, 40)) for _ in seq)
    return f"@A00123:8:HABCDEFXX:2:1101:{1000 + i}:{2000 + i} {mate}:N:0:ACGTACGT\n{seq}\n+\n{qual}\n"
for mate in (1, 2):
    with open(f"NA12878_S1_L002_R{mate}_001.fastq", "w") as f:
        for i in range(25):
            f.write(fastq_record(i, mate))
with open("old-illumina_1.fq", "w") as f:
    for i in range(10):
        seq = "".join(random.choice(bases) for _ in range(36))
        qual = "".join(chr(64 + random.randint(2, 40)) for _ in seq)
        f.write(f"@HWUSI-EAS100R:6:73:941:{1973 + i}#0/1\n{seq}\n+HWUSI-EAS100R:6:73:941:{1973 + i}#0/1\n{qual}\n")

# VCF 4.2 with names holding a space and UTF-8, undeclared-contig and malformed variants kept apart.
vcf_header = [
    "##fileformat=VCFv4.2",
    "##fileDate=20240102",
    "##source=GATK HaplotypeCaller 4.2",
    "##reference=file:///refs/toy1.fa",
    "##contig=<ID=chr1,length=1200,assembly=toy1>",
    "##contig=<ID=chr2,length=800,assembly=toy1>",
    '##INFO=<ID=DP,Number=1,Type=Integer,Description="Total depth, all samples">',
    '##INFO=<ID=AF,Number=A,Type=Float,Description="Allele frequency">',
    '##FILTER=<ID=q10,Description="Quality below 10">',
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
    '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Read depth">',
    "##pipeline=toy calling v1",
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tNA 12878\tZoë\tHG002",
]
variants = [
    ("chr1", 10, "A", "G", "PASS"), ("chr1", 20, "C", "T,A", "PASS"), ("chr1", 30, "G", "GTT", "PASS"),
    ("chr1", 40, "ATC", "A", "q10"), ("chr1", 50, "AC", "GT", "PASS"), ("chr2", 15, "T", "<DEL>", "."),
    ("chr2", 25, "G", "C", "q10"), ("chr2", 35, "C", "CA,T", "PASS"),
]
def vcf_lines(rows, samples=3):
    out = []
    for chrom, pos, ref, alt, filt in rows:
        gts = "\t".join(["0/1:12"] * samples)
        out.append(f"{chrom}\t{pos}\t.\t{ref}\t{alt}\t50\t{filt}\tDP=30;AF=0.5\tGT:DP\t{gts}")
    return out
with open("sample.vcf", "w") as f:
    f.write("\n".join(vcf_header + vcf_lines(variants)) + "\n")
v40 = [l.replace("VCFv4.2", "VCFv4.0") for l in vcf_header]
with open("v40.vcf", "w") as f:
    f.write("\n".join(v40 + vcf_lines(variants[:3])) + "\n")
with open("tolerated.vcf", "w") as f:
    lines = [l for l in vcf_header if not l.startswith("#CHROM")]
    lines.append("#CHROM POS ID REF ALT QUAL FILTER INFO FORMAT S1 S2")
    rows = vcf_lines(variants[:2], samples=2) + vcf_lines([("chr9", 5, "A", "T", "PASS")], samples=3)
    f.write("\n".join(lines + rows) + "\n")
with open("SampleSheet.csv", "w") as f:
    f.write("[Header]\nIEMFileVersion,4\nAssay,TruSeq DNA PCR-Free\n\n[Reads]\n151\n151\n\n[Data]\n")
    f.write("Sample_ID,Sample_Name,index,Sample_Project,Description\n")
    f.write("S1,NA12878,ACGTACGT,toy,WGS\nS2,HG002,TTGGCCAA,toy,WGS\n")
PY

samtools faidx ref.fa
samtools view -b -o sample.bam sample.sam
samtools view -b -o no-sq.bam no-sq.sam
gzip -n -c sample.sam > sample.sam.gz
samtools view -C -T ref.fa -o sample.cram sample.sam
samtools view -C -T ref.fa --output-fmt-option version=2.1 -o sample.v21.cram sample.sam
samtools view -C -T ref.fa --output-fmt-option version=3.1 -o sample.v31.cram sample.sam
gzip -n -c NA12878_S1_L002_R2_001.fastq > NA12878_S1_L002_R2_001.fastq.gz
rm NA12878_S1_L002_R2_001.fastq
bgzip -c sample.vcf > sample.vcf.gz
gzip -n -c sample.vcf > sample.gzip.vcf.gz
bcftools view -O b -o sample.bcf sample.vcf

# A BAM without its EOF block (truncated as quickcheck sees it) and one whose header text is NUL-padded.
head -c -28 sample.bam > no-eof.bam
python3 - <<'PY'
import gzip, struct, subprocess
raw = gzip.decompress(open("sample.bam", "rb").read())
l_text = struct.unpack_from("<i", raw, 4)[0]
text = raw[8:8 + l_text]
padded = raw[:4] + struct.pack("<i", l_text + 64) + text + b"\0" * 64 + raw[8 + l_text:]
open("padded.bam.raw", "wb").write(padded)
# A multi-member gzip SAM: the file cut in two members, as `cat a.gz b.gz` makes.
sam = open("sample.sam", "rb").read()
half = sam.index(b"\nread030") + 1
open("multi-member.sam.gz", "wb").write(gzip.compress(sam[:half], mtime=0) + gzip.compress(sam[half:], mtime=0))
PY
bgzip -c padded.bam.raw > padded.bam && rm padded.bam.raw
rm -f ref.fa.fai
: > empty.vcf
