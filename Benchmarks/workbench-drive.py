#!/usr/bin/env python3
"""Drive the workbench under a pseudo-terminal and time it (Benchmarks/workbench.sh runs this).

Usage: workbench-drive.py MEDLAKE LAKE [--width 100] [--height 30] [--keys 300]

Starts `MEDLAKE browse --lake LAKE --screen imaging` on a new pty (TERM=xterm-256color) and reads
everything it writes, timestamping each read. Measures:
- first frame: process start to the first byte after which the header is on screen ("MedLake"), and
  to the studies list with its rows ("20260101", a study date) — the first frame with data;
- sort: from `o`/`O` on the 10,000-series list to the frame with the rows in the new order
- keystroke to frame: for each key, the time from writing it to the last byte of the frame it causes
  (the output that follows the key until 8 ms pass with no byte; up to 2 s for its first byte). Keys
  are sent one at a time, each after the previous frame ended; a key that changes nothing on screen
  is not counted. Scrolling: Enter on the first study (its long series list), then j,
  PgDn, k and G/g. Filtering: `/`, then characters typed and erased one at a time, over that list;
- peak RSS: VmHWM of /proc/PID/status before quitting.
Prints one JSON object.
"""
import argparse
import fcntl
import json
import os
import pty
import select
import signal
import struct
import termios
import time

parser = argparse.ArgumentParser()
parser.add_argument("medlake")
parser.add_argument("lake")
parser.add_argument("--width", type=int, default=100)
parser.add_argument("--height", type=int, default=30)
parser.add_argument("--keys", type=int, default=300)
args = parser.parse_args()

# A frame ended when no byte came for this long. ncurses writes a frame in one burst (one doupdate);
# the window is short so that the header clock's once-a-second redraw is not counted as part of a key's
# frame (with 40 ms, about 4 % of keys absorbed it).
QUIET = 0.008

pid, fd = pty.fork()
if pid == 0:
    os.environ.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", "SWIFT_BACKTRACE": "interactive=no"})
    os.execv(args.medlake, [args.medlake, "browse", "--lake", args.lake, "--screen", "imaging"])
start = time.monotonic()
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", args.height, args.width, 0, 0))
os.kill(pid, signal.SIGWINCH)

seen = bytearray()


def read_until(predicate, timeout):
    """Reads until predicate(seen) holds; returns the time of the read that made it hold."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            chunk = os.read(fd, 65536)
            now = time.monotonic()
            seen.extend(chunk)
            if predicate(seen):
                return now
    raise SystemExit(f"timed out; last output: {bytes(seen[-400:])!r}")


def drain(quiet, first_wait=None):
    """Reads until `quiet` seconds pass without output (waiting up to `first_wait` for the first byte);
    returns the time of the last byte, or None when nothing came."""
    last = None
    while True:
        ready, _, _ = select.select([fd], [], [], quiet if last is not None or first_wait is None else first_wait)
        if not ready:
            return last
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the program exited and closed the terminal
            return last
        last = time.monotonic()
        seen.extend(chunk)


def press(key):
    """Writes one key and returns milliseconds until the last byte of the frame it caused."""
    written = time.monotonic()
    os.write(fd, key)
    last = drain(QUIET, first_wait=2.0)
    return None if last is None else (last - written) * 1000


header = read_until(lambda b: b"MedLake" in b, 30)
data = read_until(lambda b: b"20260101" in b, 60)
drain(0.3)

# Open the first study: its series list (the long one).
os.write(fd, b"\r")
read_until(lambda b: b"Series 1" in b[-200000:], 60)
drain(0.3)

scroll = []
moves = [b"j"] * (args.keys // 2) + [b"\x1b[6~"] * (args.keys // 4) + [b"k"] * (args.keys // 4 - 2) + [b"G", b"g"]
for key in moves:
    latency = press(key)
    if latency is not None:
        scroll.append(latency)
    time.sleep(0.01)

filtering = []
press(b"/")
typed = "Series 1234567"
for _ in range(max(1, args.keys // (2 * len(typed)))):
    for char in typed:
        latency = press(char.encode())
        if latency is not None:
            filtering.append(latency)
    for _ in typed:
        latency = press(b"\x7f")
        if latency is not None:
            filtering.append(latency)

# Sort the 10,000 series: each `o` moves the sort to the next column (the query re-reads the series
# with ORDER BY), `O` reverses it. A sort redraws the header at once and the rows when the query
# answers, so the frame is over when output has been quiet for SORT_QUIET.
SORT_QUIET = 0.05
press(b"\x1b")
drain(0.3)
sorting = []
for key in [b"o", b"O"] * 6 + [b"o"] * 6:
    written = time.monotonic()
    os.write(fd, key)
    last = drain(SORT_QUIET, first_wait=5.0)
    if last is not None:
        sorting.append((last - written) * 1000)

status = open(f"/proc/{pid}/status").read()
hwm_kb = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))
os.write(fd, b"\x1b")
drain(0.1)
os.write(fd, b"q")
drain(0.2)
_, code = os.waitpid(pid, 0)


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return None
    index = min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return round(ordered[index], 2)


print(json.dumps({
    "first_frame_ms": round((header - start) * 1000, 1),
    "first_data_frame_ms": round((data - start) * 1000, 1),
    "scroll": {"keys": len(scroll), "p50_ms": percentile(scroll, 50), "p99_ms": percentile(scroll, 99),
               "max_ms": percentile(scroll, 100)},
    "filter": {"keys": len(filtering), "p50_ms": percentile(filtering, 50), "p99_ms": percentile(filtering, 99),
               "max_ms": percentile(filtering, 100)},
    "sort": {"keys": len(sorting), "p50_ms": percentile(sorting, 50), "p99_ms": percentile(sorting, 99),
             "max_ms": percentile(sorting, 100)},
    "rss_peak_mb": round(hwm_kb / 1024, 1),
    "slowest_ms": [round(v, 2) for v in sorted(scroll + filtering)[-5:]],
    "exit": code >> 8,
}))
