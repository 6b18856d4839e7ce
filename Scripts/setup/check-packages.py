#!/usr/bin/env python3
"""Checks Scripts/setup/debian-packages.txt against what the sources need, on an installed machine.

Derives from the sources:
  - the libraries the package links: `link "X"` in Sources/*/module.modulemap and `.linkedLibrary("X")`
    in Package.swift;
  - the headers the C targets include: `#include <X>` under Sources/C*;
  - the tools the tests run: absolute paths ("/usr/bin/git"), `PeerTool.run("samtools"`, `/usr/bin/env`
    with `arguments = ["python3"`, `posix_spawnp(…, "tmux"`, and the commands of the shell lines given to
    tmux (`command: "runuser -u … && …"`, `let command = "…" + "…"`);
  - the Python modules the tests' embedded scripts import (indented `import a, b` lines in Swift files).

Each library, header and tool must come (per dpkg) from a listed package, a package a listed one
depends on, or an Essential package; each module must import in `python3`. Prints every problem and
exits 1 when there is one. Run after Scripts/setup/install-packages.sh build test (Scripts/test.sh does).
"""
import glob
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LIST = os.path.join(ROOT, "Scripts/setup/debian-packages.txt")
SHELL_BUILTINS = {"cd", "echo", "exec", "export", "exit", "set", "test", "true", "false", "[", "read"}


def listed_packages():
    packages = {}
    with open(LIST, encoding="utf-8") as handle:
        for line in handle:
            fields = line.split()
            if fields and not fields[0].startswith("#"):
                packages[fields[0]] = fields[1]
    return packages


def dpkg_owners(path):
    result = subprocess.run(["dpkg-query", "-S", path], capture_output=True, text=True)
    if result.returncode != 0:
        return set()
    owners = set()
    for line in result.stdout.splitlines():
        names = line.split(": ", 1)[0]
        owners.update(name.strip().split(":")[0] for name in names.split(","))
    return owners


def depends(package):
    result = subprocess.run(["dpkg-query", "-W", "-f=${Depends},${Pre-Depends}", package],
                            capture_output=True, text=True)
    names = set()
    for alternative in re.split(r"[,|]", result.stdout):
        name = alternative.strip().split(" ")[0].split(":")[0]
        if name:
            names.add(name)
    return names


def essential(package):
    result = subprocess.run(["dpkg-query", "-W", "-f=${Essential}", package], capture_output=True, text=True)
    return result.stdout.strip() == "yes"


def read(path):
    with open(path, encoding="utf-8", errors="replace") as handle:
        return handle.read()


def libraries():
    found = {}
    for path in glob.glob(os.path.join(ROOT, "Sources/*/module.modulemap")):
        for name in re.findall(r'\blink\s+"([^"]+)"', read(path)):
            found.setdefault(name, os.path.relpath(path, ROOT))
    for name in re.findall(r'\.linkedLibrary\("([^"]+)"', read(os.path.join(ROOT, "Package.swift"))):
        found.setdefault(name, "Package.swift")
    return found


def headers():
    found = {}
    for path in glob.glob(os.path.join(ROOT, "Sources/C*/**/*.[ch]"), recursive=True):
        for name in re.findall(r"#include\s+<([^>]+)>", read(path)):
            found.setdefault(name, os.path.relpath(path, ROOT))
    return found


def test_sources():
    return sorted(glob.glob(os.path.join(ROOT, "Tests/**/*.swift"), recursive=True))


def tools():
    found = {}

    def add(name, path, shell=False):
        name = os.path.basename(name)
        if shell and name in SHELL_BUILTINS:
            return
        if name and re.fullmatch(r"[\w.+-]+", name):
            found.setdefault(name, os.path.relpath(path, ROOT))

    for path in sorted(glob.glob(os.path.join(ROOT, "Scripts/**/*.sh"), recursive=True)):
        for names in re.findall(r"^[ \t]*need_tools((?:[ \t]+[\w.+-]+)+)[ \t]*$", read(path), re.MULTILINE):
            for name in names.split():
                add(name, path)
    for path in test_sources():
        text = read(path)
        for name in re.findall(r'"((?:/usr)?/s?bin/[\w.+-]+)"', text):
            add(name, path)
        for name in re.findall(r'PeerTool\.(?:run|available)\(\s*"([\w.+-]+)"', text):
            add(name, path)
        for name in re.findall(r'posix_spawnp\([^,]+,\s*"([\w.+-]+)"', text):
            add(name, path)
        if "/usr/bin/env" in text:
            for name in re.findall(r'arguments\s*=\s*\[\s*"([\w.+-]+)"', text):
                add(name, path)
        literal = r'"(?:[^"\\\n]|\\.)*"'
        for match in re.finditer(r"(?:command:|let command\s*=)\s*((?:" + literal + r"\s*\+?\s*)+)", text):
            command = " ".join(part[1:-1] for part in re.findall(literal, match.group(1)))
            command = re.sub(r"\\\(([^()]|\([^()]*\))*\)", "X", command)  # Swift interpolations
            for part in re.split(r"&&|\|\||[;|]|\$\(|'", command):
                words = part.split()
                if words and not words[0].startswith("-") and "=" not in words[0] and words[0] != "X":
                    add(words[0], path, shell=True)
    return found


def python_modules():
    found = {}
    for path in test_sources():
        for names in re.findall(r"^[ \t]+import\s+([\w, ]+)$", read(path), re.MULTILINE):
            for name in names.split(","):
                found.setdefault(name.strip(), os.path.relpath(path, ROOT))
        for name in re.findall(r"^[ \t]+from\s+(\w+)[\w.]*\s+import\b", read(path), re.MULTILINE):
            found.setdefault(name, os.path.relpath(path, ROOT))
    return found


def main():
    if shutil.which("dpkg-query") is None:
        print("check-packages: not a Debian system, nothing to check")
        return 0
    listed = listed_packages()
    allowed = set(listed)
    for package in listed:
        allowed |= depends(package)
    problems = []

    def check(kind, name, origin, paths):
        owners = set()
        for path in paths:
            owners |= dpkg_owners(path)
        if not owners:
            problems.append(f"{kind} {name} ({origin}): no installed Debian package provides it")
        elif not owners & allowed and not any(essential(owner) for owner in owners):
            problems.append(f"{kind} {name} ({origin}) comes from {', '.join(sorted(owners))}, "
                            f"which Scripts/setup/debian-packages.txt does not list")

    for name, origin in sorted(libraries().items()):
        check("library", name, origin, [f"*/lib{name}.so"])
    for name, origin in sorted(headers().items()):
        candidates = [f"/usr/include/{name}", f"/usr/include/*/{name}"]
        if not any(dpkg_owners(path) for path in candidates):
            continue  # a compiler header (stddef.h, immintrin.h): part of the Swift toolchain
        check("header", name, origin, candidates)
    for name, origin in sorted(tools().items()):
        paths = [f"{folder}/{name}" for folder in ("/usr/bin", "/usr/sbin", "/bin", "/sbin")]
        located = shutil.which(name)
        if located:
            paths += [located, os.path.realpath(located)]
        check("tool", name, origin, paths)
    for name, origin in sorted(python_modules().items()):
        result = subprocess.run(["python3", "-c", f"import {name}"], capture_output=True, text=True)
        if result.returncode != 0:
            problems.append(f"python module {name} ({origin}) does not import in python3")

    for problem in problems:
        print("check-packages: " + problem, file=sys.stderr)
    counts = f"{len(libraries())} libraries, {len(headers())} headers, {len(tools())} tools, " \
             f"{len(python_modules())} python modules"
    print(f"check-packages: {counts} checked against {len(listed)} listed packages: "
          + ("FAILED" if problems else "ok"))
    return 1 if problems else 0


if __name__ == "__main__":
    if "--list" in sys.argv:
        for title, found in (("libraries", libraries()), ("headers", headers()), ("tools", tools()),
                             ("python modules", python_modules())):
            print(title + ": " + ", ".join(f"{name} ({origin})" for name, origin in sorted(found.items())))
        sys.exit(0)
    sys.exit(main())
