#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz/ with clang (-fsanitize=fuzzer,address,undefined) into
# build/fuzz and runs each for the given number of seconds, one process each, niced, from its corpus
# (tests/fuzz/corpus/<target>/) and its regressions (tests/fuzz/regressions/<target>/). Then the inputs
# that reach coverage the corpus lacks are merged into the corpus with -merge=1, so it grows only by what
# is new (commit them). A crashing, leaking, slow or memory-hungry input goes to
# tests/fuzz/regressions/<target>/ (crash-*, leak-*, timeout-*, oom-*; commit it with the fix) as a
# regression case that the CTest replay runs from then on, and the script fails. Logs:
# build/fuzz/logs/<target>.log (watch "cov:").
#
#   build-scripts/fuzz.sh [seconds] [target...]     # default: 60 seconds, every target
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(request ranges bindings flags values smtp)
build=build/fuzz
command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ not found (build-scripts/bootstrap.sh installs it)" >&2; exit 1; }

sanitize="-fsanitize=address,undefined -fno-sanitize-recover=all"
CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DECD_BUILD_FUZZERS=ON \
  -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link $sanitize -fno-omit-frame-pointer" \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link $sanitize -fno-omit-frame-pointer" \
  -DCMAKE_EXE_LINKER_FLAGS="$sanitize" -DCMAKE_SHARED_LINKER_FLAGS="$sanitize" >/dev/null
cmake --build "$build" -j "$(nproc)" --target "${targets[@]/#/fuzz_}"

max_len() {
  case "$1" in
    request) echo 16384 ;;
    ranges | bindings) echo 1024 ;;
    *) echo 256 ;;
  esac
}

status=0
mkdir -p "$build/logs"
for t in "${targets[@]}"; do
  fuzzer="$build/tests/fuzz/fuzz_$t"
  corpus="tests/fuzz/corpus/$t"
  regressions="tests/fuzz/regressions/$t"
  work="$build/work/$t"
  artifacts="$build/artifacts/$t"
  rm -rf "$artifacts"
  mkdir -p "$work" "$artifacts" "$corpus"
  inputs=("$work" "$corpus")
  [ -d "$regressions" ] && inputs+=("$regressions")
  log="$build/logs/$t.log"
  echo "== fuzz_$t: ${seconds}s (log: $log)"
  set +e
  nice -n 10 "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$t")" \
    -dict=tests/fuzz/ecd.dict -artifact_prefix="$artifacts/" -print_final_stats=1 "${inputs[@]}" >"$log" 2>&1
  rc=$?
  set -e
  grep -E '^#[0-9]+.*(INITED|DONE)' "$log" | sed 's/^/   /' || true
  if [ $rc -ne 0 ]; then
    status=1
    echo "   fuzz_$t FAILED (exit $rc); the input is kept as a regression case:"
    mkdir -p "$regressions"
    for a in "$artifacts"/crash-* "$artifacts"/leak-* "$artifacts"/timeout-* "$artifacts"/oom-*; do
      [ -f "$a" ] || continue
      cp "$a" "$regressions/"
      echo "   $regressions/$(basename "$a")"
    done
    grep -m 5 -E 'ERROR|SUMMARY|invariant failed|runtime error' "$log" | sed 's/^/   /' || true
  fi
  before=$(find "$corpus" -type f | wc -l)
  nice -n 10 "$fuzzer" -merge=1 -max_len="$(max_len "$t")" -artifact_prefix="$artifacts/merge-" "$corpus" "$work" >>"$log" 2>&1 || true
  after=$(find "$corpus" -type f | wc -l)
  echo "   corpus: $before -> $after inputs"
done
exit $status
