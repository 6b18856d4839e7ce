#!/usr/bin/env python3
"""Fill a new lake's catalog.sqlite with a large synthetic catalog, straight into the store.

Usage: generate-catalog.py CATALOG.sqlite [--instances 1000000] [--series 20000] [--datasets 100]

Dataset "big" holds half of all series (the "list 10,000 series" case); the other datasets share the
rest. Every instance gets its own object row. Rows are made with recursive CTEs inside SQLite, so a
million instances take seconds. The schema is the lake's own (run `medlake init` first).
"""
import argparse
import sqlite3
import time

parser = argparse.ArgumentParser()
parser.add_argument("catalog")
parser.add_argument("--instances", type=int, default=1_000_000)
parser.add_argument("--series", type=int, default=20_000)
parser.add_argument("--datasets", type=int, default=100)
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
# One study per 10 series; series k (1-based) belongs to dataset 1 when k <= big_series.
db.execute(
    """WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO study (id, datasetId, studyInstanceUID, studyDate)
       SELECT i, CASE WHEN (i - 1) * 10 < ? THEN 1 ELSE 2 + ((i - 1) * 10 - ?) % ? END,
              '1.2.826.0.1.3680043.10.1.' || i, '20260101' FROM n""",
    ((args.series + 9) // 10, big_series, big_series, small_datasets),
)
db.execute(
    """WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO series (id, datasetId, studyId, seriesInstanceUID, modality, instanceCount)
       SELECT i, (SELECT datasetId FROM study WHERE id = (i + 9) / 10), (i + 9) / 10,
              '1.2.826.0.1.3680043.10.2.' || i,
              CASE i % 10 """
    + " ".join(f"WHEN {k} THEN '{m}'" for k, m in enumerate(modalities))
    + """ END, ? FROM n""",
    (args.series, per_series),
)
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
db.execute("COMMIT")
db.close()
print(f"catalog: {args.datasets} datasets, {args.series} series, {per_series * args.series} instances "
      f"in {time.time() - start:.1f} s")
