#!/usr/bin/env bash
# make fuzz: coverage-guided fuzzing (SharpFuzz, libFuzzer mode) of the X12 reader and the 835/837/271 mappers.
# Publishes tools/RevenueCycle.Fuzz, instruments the X12 and domain assemblies, builds the libFuzzer driver with clang,
# seeds each target's corpus from ../shared/x12-samples (copied under artifacts/fuzz, never into the repository) and
# fuzzes each target for FUZZ_SECONDS. Crashes land in artifacts/fuzz/<target>/ (crash-*, timeout-*, oom-*); replay
# one, uninstrumented and with line numbers: dotnet run --project tools/RevenueCycle.Fuzz -- <target> <file>.
# usage: tools/fuzz.sh   (FUZZ_SECONDS=300 per target, FUZZ_TARGETS="x12 835 837 271", FUZZ_TIMEOUT=10 s per input)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dotnet=${DOTNET:-dotnet}
seconds=${FUZZ_SECONDS:-300}
targets=${FUZZ_TARGETS:-x12 835 837 271}
timeout=${FUZZ_TIMEOUT:-10}
# A target that keeps crashing is restarted (libFuzzer stops at each crash) at most this many times.
max_crashes=${FUZZ_MAX_CRASHES:-5}
out=artifacts/fuzz
shared=${RCM_SHARED_DIR:-$root/../shared}

tools/prerequisites.sh shared clang
"$dotnet" tool restore >/dev/null

# A fresh publish each time: sharpfuzz rewrites the assemblies in place and refuses ones it already instrumented.
rm -rf "$out/bin"
"$dotnet" publish tools/RevenueCycle.Fuzz -c Release -o "$out/bin" --nologo -v quiet -clp:ErrorsOnly
for assembly in RevenueCycle.X12 RevenueCycle.Posting.Domain RevenueCycle.Sandbox.Domain RevenueCycle.Eligibility.Domain; do
  "$dotnet" tool run sharpfuzz "$out/bin/$assembly.dll" >/dev/null
done
clang -O2 -fsanitize=fuzzer -o "$out/libfuzzer-dotnet" tools/RevenueCycle.Fuzz/driver/libfuzzer-dotnet.c

# seeds TARGET: the sample files that target reads, valid and invalid.
seeds() {
  case "$1" in
    x12) find "$shared/x12-samples" -type f ! -name '*.md' ;;
    835) find "$shared/x12-samples/835" "$shared/x12-samples/invalid" -type f -name '*835*' -o -path '*/835/*' -type f ;;
    837) find "$shared/x12-samples/837P" "$shared/x12-samples/837I" "$shared/x12-samples/invalid" -type f \( -path '*/837?/*' -o -name '*837*' \) ;;
    271) find "$shared/x12-samples/271" "$shared/x12-samples/270" -type f ;;
  esac
}

summary=()
for target in $targets; do
  dir="$out/$target"
  mkdir -p "$dir/corpus" "$dir/seeds"
  seeds "$target" | while read -r file; do cp "$file" "$dir/seeds/"; done
  executions=0
  started=$SECONDS
  while :; do
    left=$((seconds - (SECONDS - started)))
    crashes=$(find "$dir" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
    [ "$left" -gt 0 ] && [ "$crashes" -lt "$max_crashes" ] || break
    log="$dir/run-$(date +%s).log"
    echo "fuzz $target: ${left}s left (log $log)"
    # libFuzzer exits non-zero at a crash: the loop starts it again on the grown corpus until the time is used.
    "$out/libfuzzer-dotnet" -max_total_time="$left" -timeout="$timeout" -print_final_stats=1 -artifact_prefix="$dir/" \
      "$dir/corpus" "$dir/seeds" --target_path="$(command -v "$dotnet")" --target_args="$out/bin/RevenueCycle.Fuzz.dll,$target" >"$log" 2>&1 || true
    runs=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+$' | tail -n 1 || true)
    executions=$((executions + ${runs:-0}))
    if grep -q "the target exited before it was ready" "$log"; then cat "$log" >&2; exit 1; fi
  done
  corpus=$(find "$dir/corpus" -type f | wc -l)
  summary+=("$(printf '%-4s %5ss %12s executions %6s corpus files %3s crashes' "$target" $((SECONDS - started)) "$executions" "$corpus" "$crashes")")
  echo "${summary[-1]}"
done

echo
echo "make fuzz: ${seconds}s per target"
printf '%s\n' "${summary[@]}"
