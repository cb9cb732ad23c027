#!/usr/bin/env bash
# scripts/check-layers passes on the tree and fails, naming the file, on a core header that
# includes a third-party library or an outer layer.
set -euo pipefail
script="$1/scripts/check-layers"
"$script" "$1"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/core" "$tmp/strategies" "$tmp/venue" "$tmp/backtest" "$tmp/scripts"
for c in core strategies venue backtest; do echo "# none" > "$tmp/$c/CMakeLists.txt"; done
printf '#include <zmq.hpp>\n' > "$tmp/core/bad.hpp"
printf '#include "alvh/backtest/ledger.hpp"\n' > "$tmp/strategies/worse.cpp"
if out="$("$script" "$tmp")"; then echo "check-layers passed a bad tree"; exit 1; fi
grep -q "core/bad.hpp: <zmq.hpp> is not a standard header" <<<"$out" || { echo "$out"; exit 1; }
grep -q "strategies/worse.cpp: includes alvh/backtest" <<<"$out" || { echo "$out"; exit 1; }
echo "check-layers refuses: $(wc -l <<<"$out") violations named"
