#!/usr/bin/env python3
"""Fills the screen captures of docs/workbench.md and README.md from the workbench's golden snapshots.

Each capture sits between `<!-- snapshot: NAME -->` and `<!-- end snapshot -->`;
this script replaces what is between them with Tests/WorkbenchTests/Snapshots/NAME (its `size` line
dropped, the `|` that frame each row removed), so the guide shows exactly what the snapshot tests
assert. The prose around the markers is written by hand.

    Scripts/generate-workbench-doc.py            rewrite the captures in both files
    Scripts/generate-workbench-doc.py --check    exit 1 and print a diff when a capture is out of date

After re-recording snapshots (UPDATE_SNAPSHOTS=1 swift test --filter WorkbenchTests), run it again.
"""
import difflib
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCUMENTS = ["docs/workbench.md", "README.md"]
SNAPSHOTS = os.path.join(ROOT, "Tests/WorkbenchTests/Snapshots")
MARKED = re.compile(r"(<!-- snapshot: ([\w.-]+) -->\n)(.*?)(<!-- end snapshot -->)", re.DOTALL)


def capture(name):
    path = os.path.join(SNAPSHOTS, name)
    with open(path, encoding="utf-8") as handle:
        rows = handle.read().split("\n")
    if not rows[0].startswith("size "):
        raise SystemExit(f"{path}: the first line should be 'size WxH'")
    body = []
    for row in rows[1:]:
        if row == "":
            continue
        if not (row.startswith("|") and row.endswith("|")):
            raise SystemExit(f"{path}: a row not framed by '|': {row!r}")
        body.append(row[1:-1].rstrip())
    return "```text\n" + "\n".join(body) + "\n```\n"


def generate(text, document):
    names = []

    def fill(match):
        names.append(match.group(2))
        return match.group(1) + capture(match.group(2)) + match.group(4)

    result = MARKED.sub(fill, text)
    if not names:
        raise SystemExit(f"{document}: no '<!-- snapshot: NAME -->' markers")
    return result


def main(arguments):
    status = 0
    for document in DOCUMENTS:
        path = os.path.join(ROOT, document)
        with open(path, encoding="utf-8") as handle:
            current = handle.read()
        wanted = generate(current, document)
        if wanted == current:
            continue
        if "--check" in arguments:
            diff = difflib.unified_diff(current.splitlines(), wanted.splitlines(), document, "generated", lineterm="")
            print(f"{document}'s captures differ from the golden snapshots; run Scripts/generate-workbench-doc.py",
                  file=sys.stderr)
            print("\n".join(diff), file=sys.stderr)
            status = 1
        else:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(wanted)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
