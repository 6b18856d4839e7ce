#!/usr/bin/env python3
"""Drive the workbench under a pseudo-terminal and time it (Benchmarks/workbench.sh runs this).

Usage: workbench-drive.py MEDLAKE LAKE [--width 100] [--height 30] [--keys 300] [--marks 5000] [--user NAME]
                          [--first-frames]

Starts `MEDLAKE browse --lake LAKE --screen imaging` on a new pty (TERM=xterm-256color) — as Unix user
NAME with --user (run as root; the workbench of a served lake is that user's, as the kernel tells the
service) — and reads everything it writes, timestamping each read on a thread of its own, and keeps the
screen it draws (pyte, a terminal emulator). Measures:
- first frame: process start to the first byte after which the header is on screen ("MedLake"), and
  to the studies list with its rows ("20260101", a study date) — the first frame with data;
- sort: from `o`/`O` on the 10,000-series list to the frame with the rows in the new order (the window
  forgets its pages on a new sort, so that is the first frame after the key without placeholders);
- marks: Space on MARKS (5,000) series of that list from the top (each marks a row and steps down), then
  the scrolling, filtering and sorting again with the marks held, and `a` (the bulk flag dialog for
  every marked series) to its frame;
- keystroke to frame: for each key, the time from writing it to the last byte of the frame with its
  rows (the output that follows the key until 8 ms pass with no byte; up to 2 s for its first byte).
  The series list is longer than one page, so the workbench holds only the pages around its cursor
  (a row window) and draws a row whose page is still being fetched as a placeholder, `…` alone: while
  the screen shows one, the key's frame goes on to the frame that replaces it (up to 10 s). Keys are
  sent one at a time, each after the previous frame ended; a key that changes nothing on screen is not
  counted. Each phase also counts the keys that had to wait for a page (`paged`). Scrolling: Enter on
  the first study (its long series list), then j, PgDn, k and G/g. Filtering: `/`, then characters
  typed and erased one at a time, over that list (each one asks the engine for the list anew);
- peak RSS: VmHWM of /proc/PID/status before quitting.
Prints one JSON object. With --first-frames, only the first frame and the first frame with data are
timed (then `q`): for lakes of other shapes (Benchmarks/catalog-scale.sh).
"""
import argparse
import fcntl
import json
import os
import pty
import pwd
import queue
import signal
import struct
import sys
import termios
import threading
import time

import pyte

parser = argparse.ArgumentParser()
parser.add_argument("medlake")
parser.add_argument("lake")
parser.add_argument("--width", type=int, default=100)
parser.add_argument("--height", type=int, default=30)
parser.add_argument("--keys", type=int, default=300)
parser.add_argument("--marks", type=int, default=5000)
parser.add_argument("--user", help="run the workbench as this Unix user (the drive must run as root)")
parser.add_argument("--first-frames", action="store_true")
args = parser.parse_args()

# A frame ended when no byte came for this long. ncurses writes a frame in one burst (one doupdate);
# the window is short so that the header clock's once-a-second redraw is not counted as part of a key's
# frame (with 40 ms, about 4 % of keys absorbed it).
QUIET = 0.008
# How long a placeholder row may wait for its page before the run fails.
PAGE_WAIT = 10.0

account = pwd.getpwnam(args.user) if args.user else None
pid, fd = pty.fork()
if pid == 0:
    os.environ.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", "SWIFT_BACKTRACE": "interactive=no"})
    if account:
        os.setgroups([])
        os.setgid(account.pw_gid)
        os.setuid(account.pw_uid)
        os.environ.update({"HOME": account.pw_dir, "USER": account.pw_name, "LOGNAME": account.pw_name})
    os.execv(args.medlake, [args.medlake, "browse", "--lake", args.lake, "--screen", "imaging"])
start = time.monotonic()
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", args.height, args.width, 0, 0))
os.kill(pid, signal.SIGWINCH)

# Reads are timestamped on a thread of their own, so that feeding the terminal emulator (several
# milliseconds for a whole frame) never delays a timestamp by more than the interpreter's switch
# interval, made short here.
sys.setswitchinterval(0.0002)
arrivals = queue.Queue()


def read_terminal():
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the program exited and closed the terminal
            chunk = b""
        arrivals.put((time.monotonic(), chunk))
        if not chunk:
            return


threading.Thread(target=read_terminal, daemon=True).start()

seen = bytearray()
screen = pyte.Screen(args.width, args.height)
terminal = pyte.ByteStream(screen)
unfed = bytearray()  # output not yet given to the emulator
ended = False


def next_chunk(timeout):
    """The time of the next read, or None when nothing came within `timeout` (or the program ended)."""
    global ended
    if ended:
        return None
    try:
        when, chunk = arrivals.get(timeout=max(0.0, timeout))
    except queue.Empty:
        return None
    if not chunk:
        ended = True
        return None
    seen.extend(chunk)
    unfed.extend(chunk)
    return when


def read_until(predicate, timeout):
    """Reads until predicate(seen) holds; returns the time of the read that made it hold."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        when = next_chunk(0.05)
        if when is not None and predicate(seen):
            return when
    raise SystemExit(f"timed out; last output: {bytes(seen[-400:])!r}")


def drain(quiet, first_wait=None):
    """Reads until `quiet` seconds pass without output (waiting up to `first_wait` for the first byte);
    returns the time of the last byte, or None when nothing came."""
    last = None
    while True:
        when = next_chunk(quiet if last is not None or first_wait is None else first_wait)
        if when is None:
            return last
        last = when


def placeholder_shown():
    """Whether the screen shows a row whose page is in flight: a line that is `…` alone between its
    borders (a windowed list draws such a row as `…` in its first cell and nothing in the others)."""
    terminal.feed(bytes(unfed))
    unfed.clear()
    return any(line.strip(" │┃║") == "…" for line in screen.display)


paged_keys = 0  # keys whose frame had to wait for a page, in the phase being timed


def frame_with_rows(last):
    """From the end of a key's first frame (`last`, None when the key drew nothing), reads on while
    the screen shows placeholder rows; returns the time of the last byte of the frame with its rows."""
    global paged_keys
    if last is None or not placeholder_shown():
        return last
    paged_keys += 1
    while placeholder_shown():
        more = drain(QUIET, first_wait=PAGE_WAIT)
        if more is None:
            raise SystemExit(f"a page never came; screen: {screen.display!r}")
        last = more
    return last


def press(key):
    """Writes one key and returns milliseconds until the last byte of the frame it caused, with its
    rows (see frame_with_rows)."""
    written = time.monotonic()
    os.write(fd, key)
    last = frame_with_rows(drain(QUIET, first_wait=2.0))
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


# Sorting the 10,000 series: each `o` moves the sort to the next column, `O` reverses it. The engine
# sorts the windowed list: the key's first frame shows the header's arrow and placeholder rows (the
# window forgot its pages), and its frame ends with the first page in the new order drawn
# (frame_with_rows). Each key goes out just after the header clock's once-a-second redraw, so the
# frame never takes in the clock: what follows within the next CLOCK_FREE seconds is the key's. A key
# with no output in that time changed nothing on screen and is not counted, as for the other keys.
CLOCK_FREE = 0.8


def sort_keys():
    latencies = []
    for key in [b"o", b"O"] * 6 + [b"o"] * 6:
        drain(QUIET, first_wait=1.5)  # the clock's next redraw
        written = time.monotonic()
        os.write(fd, key)
        last = frame_with_rows(drain(QUIET, first_wait=CLOCK_FREE))
        if last is not None:
            latencies.append((last - written) * 1000)
    return latencies


def phase(keys):
    """Runs one phase of keys (a function returning latencies); its summary, with the keys that waited
    for a page."""
    global paged_keys
    paged_keys = 0
    latencies = keys()
    return dict(summary(latencies), paged=paged_keys), latencies


scroll, scrolled = phase(scroll_keys)
filtering, filtered = phase(filter_keys)
sorting, _ = phase(sort_keys)

# Marks: Space marks the series under the cursor and steps down; from the top, MARKS of them. Then the
# same scrolling, filtering and sorting with the marks held (each frame draws the marked rows with ✓),
# and `a`, the bulk flag dialog for every marked series (timed to its frame; Esc cancels it).
press(b"g")
drain(0.3)
last_mark = 0  # where the output of the last Space starts
mark_retries = 0  # Spaces that changed nothing and were pressed again


def mark(latencies):
    """One Space, timed. A Space on a row whose page is still in flight marks nothing and draws nothing
    (the screen's last frame may have been cut in two by the scheduler, the placeholder after the
    pause): the page is waited for and the Space pressed again, so that every row gets its mark."""
    global mark_retries
    for _ in range(5):
        latency = press(b" ")
        if latency is not None:
            latencies.append(latency)
            return
        mark_retries += 1
        frame_with_rows(drain(QUIET, first_wait=0.5) or time.monotonic())
    raise SystemExit(f"Space marks nothing; screen: {screen.display!r}")


def mark_keys():
    global last_mark
    latencies = []
    for _ in range(args.marks - 1):
        mark(latencies)
        time.sleep(0.01)
    last_mark = len(seen)
    mark(latencies)
    return latencies


marking, _ = phase(mark_keys)
# ncurses writes only the cells that change: the last mark rewrites the title's count.
if str(args.marks).encode() not in seen[last_mark:]:
    raise SystemExit(f"the series list does not show {args.marks} marked; last output: {bytes(seen[-400:])!r}")
held = {"scroll": phase(scroll_keys)[0], "filter": phase(filter_keys)[0], "sort": phase(sort_keys)[0]}
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
    "scroll": scroll,
    "filter": filtering,
    "sort": sorting,
    "mark": marking,
    "marked": held,
    "mark_retries": mark_retries,
    "bulk_dialog_ms": bulk_dialog_ms,
    "rss_peak_mb": round(hwm_kb / 1024, 1),
    "slowest_ms": [round(v, 2) for v in sorted(scrolled + filtered)[-5:]],
    "exit": code >> 8,
}))
