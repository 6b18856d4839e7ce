#!/usr/bin/env bash
# Builds the release binary and fails when it still holds a test hook: the fault points
# (MEDLAKE_FAULT_POINT) are compiled into debug builds only (Package.swift's MEDLAKE_TEST_HOOKS).
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --product medlake
binary=$(swift build -c release --show-bin-path)/medlake
hooks=(MEDLAKE_FAULT_POINT promotion.objects-stored promotion.before-commit migration.published)
found=0
for hook in "${hooks[@]}"; do
    if grep -qaF "$hook" "$binary"; then
        echo "check-release: $binary contains the test hook string '$hook'" >&2
        found=1
    fi
done
[ "$found" -eq 0 ] && echo "check-release: no test hook in $binary"
exit "$found"
