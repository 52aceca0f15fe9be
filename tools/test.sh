#!/usr/bin/env bash
# make test / test-unit / test-integration: sets up what the tier needs, runs the solution's test projects, and
# ends with the one line CI reads: "N passed, N failed".
# usage: tools/test.sh all|unit|integration
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tier=${1:-all}
dotnet=${DOTNET:-dotnet}
results=artifacts/test-results
mkdir -p "$results"
log="$results/test-$tier.log"

case "$tier" in
  all) tools/prerequisites.sh shared redis chromium; filter=() ;;
  unit) tools/prerequisites.sh shared; filter=(--filter-not-trait "Category=Integration") ;;
  integration) tools/prerequisites.sh shared redis chromium; filter=(--filter-trait "Category=Integration") ;;
  *) echo "usage: tools/test.sh all|unit|integration" >&2; exit 2 ;;
esac

# Exit code 8 is "zero tests ran": a project with no test of the chosen tier is not a failure.
status=0
"$dotnet" test --solution RevenueCycle.sln --no-progress -- --ignore-exit-code 8 "${filter[@]}" 2>&1 | tee "$log" || status=$?
passed=$(grep -E '^\s+succeeded: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
failed=$(grep -E '^\s+failed: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit "$status"
