#!/usr/bin/env python3
"""POST every file under a folder to Orthanc's REST API (POST /instances) on 127.0.0.1.

Usage: orthanc-post.py FOLDER PORT [THREADS]
Each thread keeps one HTTP/1.1 connection open, so the measurement is Orthanc's ingest, not TCP setup.
Prints files, bytes, seconds and failures as JSON.
"""
import http.client
import json
import os
import sys
import threading
import time

folder, port = sys.argv[1], int(sys.argv[2])
threads = int(sys.argv[3]) if len(sys.argv) > 3 else 4
paths = sorted(os.path.join(root, name) for root, _, names in os.walk(folder) for name in names
               if not name.startswith("."))
lock = threading.Lock()
state = {"next": 0, "bytes": 0, "failed": 0}


def worker():
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while True:
        with lock:
            index = state["next"]
            state["next"] += 1
        if index >= len(paths):
            break
        with open(paths[index], "rb") as handle:
            body = handle.read()
        connection.request("POST", "/instances", body=body, headers={"Content-Type": "application/dicom"})
        response = connection.getresponse()
        response.read()
        with lock:
            state["bytes"] += len(body)
            if response.status != 200:
                state["failed"] += 1
    connection.close()


start = time.time()
pool = [threading.Thread(target=worker) for _ in range(threads)]
for thread in pool:
    thread.start()
for thread in pool:
    thread.join()
print(json.dumps({"files": len(paths), "bytes": state["bytes"], "seconds": time.time() - start,
                  "failed": state["failed"]}))
