#!/usr/bin/env bash
# The X12 speed targets (docs/PERFORMANCE.md): tokenizer and parse MB/s, 837 generation claims/s, then the working set
# of a streaming parse of a 1 MB and a 500 MB file (each in a fresh process), then node-x12 on the same files when
# node and npm are there. Files go to ${RCM_BENCH_DIR:-/tmp/rcm-bench} (about 1.3 GB).
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${RCM_BENCH_DIR:-/tmp/rcm-bench}"
mkdir -p "$dir"
bench="dotnet artifacts/bin/RevenueCycle.Benchmarks/release/RevenueCycle.Benchmarks.dll"
dotnet build tools/RevenueCycle.Benchmarks -c Release --nologo -v quiet
$bench x12
for kind in 837 835; do
  for size in 1 500; do
    file="$dir/ws-${size}mb.$kind"
    [ -f "$file" ] || $bench x12-generate "$kind" "$file" "$size" >/dev/null
    $bench x12-parse-file "$file"
  done
done
if command -v node >/dev/null && command -v npm >/dev/null; then
  node_dir="$dir/node-x12"
  mkdir -p "$node_dir"
  [ -d "$node_dir/node_modules/node-x12" ] || (cd "$node_dir" && npm init -y >/dev/null && npm install --silent node-x12@1.7.1 >/dev/null)
  for kind in 837 835; do
    file="$dir/cmp-20mb.$kind"
    [ -f "$file" ] || $bench x12-generate "$kind" "$file" 20 >/dev/null
  done
  NODE_PATH="$node_dir/node_modules" node --max-old-space-size=20000 tools/node-x12-bench.js "$dir/ws-1mb.837" "$dir/ws-1mb.835" "$dir/cmp-20mb.837" "$dir/cmp-20mb.835"
  for kind in 837 835; do $bench x12-parse-file "$dir/cmp-20mb.$kind"; done
else
  echo "node/npm not found: skipping the node-x12 comparison"
fi
