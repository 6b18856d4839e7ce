#!/usr/bin/env python3
"""Writes the genomics benchmark inputs into Benchmarks/.work/: a SAM of N paired records (then
converted to BAM by genomics.sh with samtools), plus small header-only VCF/SAM files for the header set."""
import os
import random
import sys

work = sys.argv[1]
records = int(sys.argv[2])
random.seed(11)
os.makedirs(work, exist_ok=True)
contigs = [(f"chr{i}", 250_000_000 - i * 5_000_000) for i in range(1, 23)] + [("chrX", 156_040_895)]
pool_seq = ["".join(random.choice("ACGT") for _ in range(100)) for _ in range(997)]
pool_qual = ["".join(chr(33 + random.randint(2, 40)) for _ in range(100)) for _ in range(991)]
flags = [99, 147, 83, 163, 97, 145, 1107, 1187, 353, 2145, 73, 133, 609, 65, 129]

with open(os.path.join(work, "big.sam"), "w") as out:
    out.write("@HD\tVN:1.6\tSO:unsorted\n")
    for name, length in contigs:
        out.write(f"@SQ\tSN:{name}\tLN:{length}\n")
    out.write("@RG\tID:rg1\tSM:BENCH1\tPL:ILLUMINA\n@PG\tID:bwa\tPN:bwa\tVN:0.7.17\n")
    lines = []
    for i in range(records):
        flag = flags[i % len(flags)]
        chrom = contigs[i % len(contigs)][0]
        mate = contigs[(i * 7) % len(contigs)][0] if i % 13 == 0 else "="
        pos = 1 + (i * 131) % 100_000_000
        unmapped = flag & 4
        lines.append(f"r{i}\t{flag}\t{chrom}\t{pos}\t{0 if unmapped else 60}\t{'*' if unmapped else '100M'}\t"
                     f"{mate}\t{pos + 200}\t300\t{pool_seq[i % 997]}\t{pool_qual[i % 991]}\tRG:Z:rg1\n")
        if len(lines) == 10000:
            out.writelines(lines)
            lines = []
    out.writelines(lines)
