#!/usr/bin/env bash
# scripts/check-doc-pointers passes on the tree and fails, naming file:line, on a comment or doc that
# points outside the repository; an allow-listed data-path default passes.
set -euo pipefail
script="$1/scripts/check-doc-pointers"
"$script" "$1"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/core" "$tmp/docs" "$tmp/scripts" "$tmp/tests/realquotes"
printf '#pragma once\n// VVIX average (domain.md 3.3)\n' > "$tmp/core/bad.hpp"
printf '# Crash days\n\nNamed days (domain 4.3) and the gate (peers.md §6.5).\n' > "$tmp/docs/worse.md"
printf 'set(Q "${PROJECT_SOURCE_DIR}/../shared/data/option_quotes" CACHE PATH "quotes")\n' > "$tmp/tests/realquotes/CMakeLists.txt"
printf 'tests/realquotes/CMakeLists.txt:../shared/data/option_quotes a data-path default\n' > "$tmp/scripts/check-doc-pointers.allow"
printf '// Facts: docs/references.md §R3\n' > "$tmp/core/good.hpp"
if out="$("$script" "$tmp")"; then echo "check-doc-pointers passed a bad tree"; exit 1; fi
grep -q "core/bad.hpp:2: points outside the repository" <<<"$out" || { echo "$out"; exit 1; }
grep -q "docs/worse.md:3: points outside the repository" <<<"$out" || { echo "$out"; exit 1; }
if grep -q "realquotes\|good.hpp" <<<"$out"; then echo "flagged an allowed or clean file:"; echo "$out"; exit 1; fi
echo "check-doc-pointers refuses: $(wc -l <<<"$out") pointers named"
