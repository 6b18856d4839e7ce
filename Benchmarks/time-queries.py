#!/usr/bin/env python3
"""Time the catalog's listing queries inside SQLite (no process start, no output formatting).

Usage: time-queries.py CATALOG.sqlite
Runs the exact SQL the Catalog target issues (SeriesListing, ModalityCount) 20 times each and prints
a markdown table of the median and worst milliseconds, plus each query plan.
"""
import sqlite3
import statistics
import sys
import time

db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
big = db.execute("SELECT id FROM dataset WHERE name = 'big'").fetchone()[0]
queries = [
    ("series of the 10,000-series dataset",
     "SELECT s.*, t.studyInstanceUID FROM series s JOIN study t ON t.id = s.studyId WHERE s.datasetId = ? "
     "ORDER BY s.id", (big,)),
    ("series of a 101-series dataset",
     "SELECT s.*, t.studyInstanceUID FROM series s JOIN study t ON t.id = s.studyId WHERE s.datasetId = ? "
     "ORDER BY s.id", (2,)),
    ("count by modality over all instances",
     "SELECT modality, COUNT(*) AS seriesCount, SUM(instanceCount) AS instanceCount FROM series "
     "GROUP BY modality ORDER BY instanceCount DESC, modality", ()),
]
print("| SQLite query | rows | median ms | worst ms | plan |")
print("|---|---|---|---|---|")
for name, sql, arguments in queries:
    times = []
    for _ in range(20):
        start = time.perf_counter()
        rows = db.execute(sql, arguments).fetchall()
        times.append((time.perf_counter() - start) * 1000)
    plan = "; ".join(row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql, arguments))
    print(f"| {name} | {len(rows)} | {statistics.median(times):.1f} | {max(times):.1f} | {plan} |")
