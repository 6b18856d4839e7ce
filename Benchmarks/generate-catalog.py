#!/usr/bin/env python3
"""Fill a new lake's catalog.sqlite with a large synthetic catalog, straight into the store.

Usage: generate-catalog.py CATALOG.sqlite [--instances 1000000] [--series 20000] [--datasets 100]
                           [--first-study-series 0] [--samples 0] [--flags 0]

Dataset "big" holds half of all series (the "list 10,000 series" case); the other datasets share the
rest. Studies hold 10 series each, except that --first-study-series N puts the first N series in study 1
(the workbench benchmark's long series list). --samples N adds dataset "genomes" with N genomic samples
(assays WGS/WES/RNA/panel), one BAM or VCF file each. --flags N adds N quality flags on the first N series (N at most the series
count), of every severity, state and a few codes. Every instance and file gets its own object row.
Rows are made with recursive CTEs inside SQLite, so a million instances take seconds. The schema is the
lake's own (run `medlake init` first).
"""
import argparse
import sqlite3
import time

parser = argparse.ArgumentParser()
parser.add_argument("catalog")
parser.add_argument("--instances", type=int, default=1_000_000)
parser.add_argument("--series", type=int, default=20_000)
parser.add_argument("--datasets", type=int, default=100)
parser.add_argument("--first-study-series", type=int, default=0)
parser.add_argument("--samples", type=int, default=0)
parser.add_argument("--flags", type=int, default=0)
args = parser.parse_args()

per_series = args.instances // args.series
big_series = args.series // 2
rest = args.series - big_series
small_datasets = args.datasets - 1
modalities = ["CT", "MR", "CR", "US", "PT", "NM", "MG", "DX", "XA", "SC"]

start = time.time()
db = sqlite3.connect(args.catalog)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=OFF")
db.execute("BEGIN")
now = "2026-01-01 00:00:00.000"
db.execute("INSERT INTO dataset (id, name, zone, owner, createdAt) VALUES (1, 'big', 'raw', 'bench', ?)", (now,))
db.execute(
    """WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO dataset (id, name, zone, owner, createdAt)
       SELECT i, printf('ds%03d', i), CASE i % 3 WHEN 0 THEN 'curated' ELSE 'raw' END, 'bench', ? FROM n""",
    (args.datasets, now),
)
# Study i's first series is first(i) (1-based); a study belongs to dataset 1 while its first series is
# within the big half. Without --first-study-series: ten series per study, first(i) = (i - 1) * 10 + 1.
first = min(args.first_study_series, args.series)
if first > 0:
    studies = 1 + (args.series - first + 9) // 10
    first_of = f"CASE WHEN i = 1 THEN 1 ELSE {first} + (i - 2) * 10 + 1 END"
    study_of = f"CASE WHEN i <= {first} THEN 1 ELSE 2 + (i - {first} - 1) / 10 END"
else:
    studies = (args.series + 9) // 10
    first_of = "(i - 1) * 10 + 1"
    study_of = "(i + 9) / 10"
db.execute(
    f"""WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO study (id, datasetId, studyInstanceUID, patientPseudonym, studyDate, description)
       SELECT i, CASE WHEN {first_of} - 1 < ? THEN 1 ELSE 2 + ({first_of} - 1 - ?) % ? END,
              '1.2.826.0.1.3680043.10.1.' || i, printf('P%06d', i), '20260101', printf('Study %d', i) FROM n""",
    (studies, big_series, big_series, small_datasets),
)
db.execute(
    f"""WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO series (id, datasetId, studyId, seriesInstanceUID, modality, bodyPart, description, instanceCount)
       SELECT i, (SELECT datasetId FROM study WHERE id = {study_of}), {study_of},
              '1.2.826.0.1.3680043.10.2.' || i,
              CASE i % 10 """
    + " ".join(f"WHEN {k} THEN '{m}'" for k, m in enumerate(modalities))
    + """ END, CASE i % 4 WHEN 0 THEN 'HEAD' WHEN 1 THEN 'CHEST' WHEN 2 THEN 'ABDOMEN' ELSE 'KNEE' END,
              printf('Series %d', i), ? FROM n""",
    (args.series, per_series),
)
db.execute("UPDATE dataset SET modalities = COALESCE((SELECT group_concat(DISTINCT modality) FROM series WHERE datasetId = dataset.id), '')")
db.execute(
    """WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO object (id, sha256, size, tier, state, createdAt)
       SELECT i, printf('%064x', i), 524288, 'hot', 'present', ? FROM n""",
    (per_series * args.series, now),
)
db.execute(
    """WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO instance (id, seriesId, objectId, sopInstanceUID, instanceNumber, rows, columns)
       SELECT i, (i - 1) / ? + 1, i, '1.2.826.0.1.3680043.10.3.' || i, (i - 1) % ? + 1, 512, 512 FROM n""",
    (per_series * args.series, per_series, per_series),
)
if args.samples > 0:
    objects = per_series * args.series
    genomes = args.datasets + 1
    db.execute("INSERT INTO dataset (id, name, zone, assays, owner, createdAt) VALUES (?, 'genomes', 'raw', "
               "'WGS,WES,RNA,panel', 'bench', ?)", (genomes, now))
    db.execute(
        """WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
           INSERT INTO sample (id, datasetId, name, assay, platform, referenceGenome)
           SELECT i, ?, printf('S%07d', i), CASE i % 4 WHEN 0 THEN 'WGS' WHEN 1 THEN 'WES' WHEN 2 THEN 'RNA'
                  ELSE 'panel' END, 'ILLUMINA', 'GRCh38' FROM n""",
        (args.samples, genomes),
    )
    db.execute(
        """WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
           INSERT INTO object (id, sha256, size, tier, state, createdAt)
           SELECT ? + i, printf('%064x', ? + i), 1048576, 'hot', 'present', ? FROM n""",
        (args.samples, objects, objects, now),
    )
    db.execute(
        """WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
           INSERT INTO genomicFile (id, sampleId, objectId, format)
           SELECT i, i, ? + i, CASE i % 2 WHEN 0 THEN 'BAM' ELSE 'VCF' END FROM n""",
        (args.samples, objects),
    )
if args.flags > 0:
    db.execute(
        """INSERT INTO qualityFlag (datasetId, targetKind, target, code, severity, state, source, author, note,
                                  createdAt, updatedAt)
           SELECT datasetId, 'series', seriesInstanceUID,
                  CASE id % 4 WHEN 0 THEN 'missing-slices' WHEN 1 THEN 'bad-spacing' WHEN 2 THEN 'phi-burned-in'
                       ELSE 'motion' END,
                  CASE id % 3 WHEN 0 THEN 'info' WHEN 1 THEN 'warning' ELSE 'blocking' END,
                  CASE id % 5 WHEN 0 THEN 'resolved' WHEN 1 THEN 'waived' ELSE 'open' END,
                  'person', 'bench', printf('Note %d', id), ?, ? FROM series WHERE id <= ? ORDER BY id""",
        (now, now, args.flags),
    )
db.execute("COMMIT")
db.close()
print(f"catalog: {args.datasets} datasets, {args.series} series, {per_series * args.series} instances, "
      f"{args.samples} samples, {args.flags} flags in {time.time() - start:.1f} s")
