#!/usr/bin/env python3
"""Drive the workbench under a pseudo-terminal and time it (Benchmarks/workbench.sh runs this).

Usage: workbench-drive.py MEDLAKE LAKE [--width 100] [--height 30] [--keys 300] [--first-frames]

Starts `MEDLAKE browse --lake LAKE --screen imaging` on a new pty (TERM=xterm-256color) and reads
everything it writes, timestamping each read. Measures:
- first frame: process start to the first byte after which the header is on screen ("MedLake"), and
  to the studies list with its rows ("20260101", a study date) — the first frame with data;
- sort: from `o`/`O` on the 10,000-series list to the frame with the rows in the new order;
- marks: Space on MARKS (5,000) series of that list from the top (each marks a row and steps down), then
  the scrolling, filtering and sorting again with the marks held, and `a` (the bulk flag dialog for
  every marked series) to its frame;
- keystroke to frame: for each key, the time from writing it to the last byte of the frame it causes
  (the output that follows the key until 8 ms pass with no byte; up to 2 s for its first byte). Keys
  are sent one at a time, each after the previous frame ended; a key that changes nothing on screen
  is not counted. Scrolling: Enter on the first study (its long series list), then j,
  PgDn, k and G/g. Filtering: `/`, then characters typed and erased one at a time, over that list;
- peak RSS: VmHWM of /proc/PID/status before quitting.
Prints one JSON object. With --first-frames, only the first frame and the first frame with data are
timed (then `q`): for lakes of other shapes (Benchmarks/catalog-scale.sh).
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
parser.add_argument("--marks", type=int, default=5000)
parser.add_argument("--first-frames", action="store_true")
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

if args.first_frames:
    os.write(fd, b"q")
    drain(0.2)
    _, code = os.waitpid(pid, 0)
    print(json.dumps({"first_frame_ms": round((header - start) * 1000, 1),
                      "first_data_frame_ms": round((data - start) * 1000, 1), "exit": code >> 8}))
    raise SystemExit(0)

# Open the first study: its series list (the long one).
os.write(fd, b"\r")
read_until(lambda b: b"Series 1" in b[-200000:], 60)
drain(0.3)

def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return None
    index = min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return round(ordered[index], 2)


def summary(latencies):
    return {"keys": len(latencies), "p50_ms": percentile(latencies, 50), "p99_ms": percentile(latencies, 99),
            "max_ms": percentile(latencies, 100)}


def timed(keys):
    """Presses each key in turn; the latencies of those that changed the screen."""
    latencies = []
    for key in keys:
        latency = press(key)
        if latency is not None:
            latencies.append(latency)
        time.sleep(0.01)
    return latencies


def scroll_keys():
    moves = [b"j"] * (args.keys // 2) + [b"\x1b[6~"] * (args.keys // 4) + [b"k"] * (args.keys // 4 - 2) + [b"G", b"g"]
    return timed(moves)


def filter_keys():
    """`/`, then characters typed and erased one at a time; Esc closes the filter line."""
    latencies = []
    press(b"/")
    typed = "Series 1234567"
    for _ in range(max(1, args.keys // (2 * len(typed)))):
        latencies += timed([char.encode() for char in typed])
        latencies += timed([b"\x7f"] * len(typed))
    press(b"\x1b")
    drain(0.3)
    return latencies


# Sorting the 10,000 series: each `o` moves the sort to the next column, `O` reverses it. The frame with
# the rows in the new order may come after a first one (the header's arrow drawn at once, the rows once
# they are sorted), so output counts as the key's frame until none came for SORT_QUIET. That window
# must not take in the header clock's once-a-second redraw, so each key goes out just after the clock
# redrew: what follows within the next CLOCK_FREE seconds is the key's. A key with no output in that
# time changed nothing on screen (a sort by the FLAGS column, hidden while it is empty, keeps the rows
# in load order) and is not counted, as for the other keys.
SORT_QUIET = 0.05
CLOCK_FREE = 0.8


def sort_keys():
    latencies = []
    for key in [b"o", b"O"] * 6 + [b"o"] * 6:
        drain(QUIET, first_wait=1.5)  # the clock's next redraw
        written = time.monotonic()
        os.write(fd, key)
        last = drain(QUIET, first_wait=CLOCK_FREE)
        while last is not None:
            later = drain(QUIET, first_wait=SORT_QUIET)
            if later is None:
                break
            last = later
        if last is not None:
            latencies.append((last - written) * 1000)
    return latencies


scroll = scroll_keys()
filtering = filter_keys()
sorting = sort_keys()

# Marks: Space marks the series under the cursor and steps down; from the top, MARKS of them. Then the
# same scrolling, filtering and sorting with the marks held (each frame draws the marked rows with ✓),
# and `a`, the bulk flag dialog for every marked series (timed to its frame; Esc cancels it).
press(b"g")
drain(0.3)
marking = timed([b" "] * (args.marks - 1))
last_mark = len(seen)
marking += timed([b" "])
# ncurses writes only the cells that change: the last mark rewrites the title's count.
if str(args.marks).encode() not in seen[last_mark:]:
    raise SystemExit(f"the series list does not show {args.marks} marked; last output: {bytes(seen[-400:])!r}")
held = {"scroll": summary(scroll_keys()), "filter": summary(filter_keys()), "sort": summary(sort_keys())}
drain(0.3)
before = len(seen)
written = time.monotonic()
os.write(fd, b"a")
dialog_end = drain(QUIET, first_wait=5.0)
if dialog_end is None or b"Add flag" not in seen[before:] or str(args.marks).encode() not in seen[before:]:
    raise SystemExit(f"no bulk flag dialog; last output: {bytes(seen[-400:])!r}")
bulk_dialog_ms = round((dialog_end - written) * 1000, 2)
time.sleep(0.4)  # the dialog ignores keys for its first 300 ms
os.write(fd, b"\x1b")
drain(0.3)

status = open(f"/proc/{pid}/status").read()
hwm_kb = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))
os.write(fd, b"\x1b")
drain(0.1)
os.write(fd, b"q")
drain(0.2)
_, code = os.waitpid(pid, 0)


print(json.dumps({
    "first_frame_ms": round((header - start) * 1000, 1),
    "first_data_frame_ms": round((data - start) * 1000, 1),
    "scroll": summary(scroll),
    "filter": summary(filtering),
    "sort": summary(sorting),
    "mark": summary(marking),
    "marked": held,
    "bulk_dialog_ms": bulk_dialog_ms,
    "rss_peak_mb": round(hwm_kb / 1024, 1),
    "slowest_ms": [round(v, 2) for v in sorted(scroll + filtering)[-5:]],
    "exit": code >> 8,
}))
