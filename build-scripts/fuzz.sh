#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz/ with clang (-fsanitize=fuzzer,address,undefined) into
# build/fuzz and runs each for the given number of seconds, one process each, niced, from its corpus
# (tests/fuzz/corpus/<target>/) and its regressions (tests/fuzz/regressions/<target>/). Then the inputs
# that reach an edge the corpus lacks are merged into the corpus with -merge=1 -use_counters=0, so it grows
# only by what is new (commit them). Edges, not hit counts: the corpus is replayed by every CI build (under
# ASan too), so it keeps one input per edge; the hit-count variety a long run builds up stays in build/fuzz/work. A crashing, leaking, slow or memory-hungry input goes to
# tests/fuzz/regressions/<target>/ (crash-*, leak-*, timeout-*, oom-*; commit it with the fix) as a
# regression case that the CTest replay runs from then on, and the script fails. Logs:
# build/fuzz/logs/<target>.log (watch "cov:").
#
# --minimize rebuilds each corpus: make_seeds.py's seeds and the hand-written seeds (files with a name,
# not a SHA-1) go into an empty folder, the old corpus is merged onto them (edges only), and the result
# replaces the corpus (then: git add -A tests/fuzz/corpus). Regressions are never minimized. Run it after a
# change that moves coverage (new rules, removed code), or when the corpus has grown by many runs.
#
#   build-scripts/fuzz.sh [seconds] [target...]     # default: 60 seconds, every target
#   build-scripts/fuzz.sh --minimize [target...]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
mode=fuzz
if [ "${1:-}" = --minimize ]; then
  mode=minimize
  shift
else
  seconds=${1:-60}
  [ $# -gt 0 ] && shift
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(request ranges bindings flags values smtp logs)
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
    logs) echo 4096 ;;
    *) echo 256 ;;
  esac
}

# Prints "N inputs, N bytes" for the files of folder $1.
inputs_of() {
  echo "$(find "$1" -type f | wc -l) inputs, $(find "$1" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}') bytes"
}

# Rebuilds the corpus of target $1 (fuzzer $2) as described at the top; $3 holds make_seeds.py's output.
minimize() {
  local t=$1 fuzzer=$2 corpus="tests/fuzz/corpus/$1" fresh="$3/$1" log="$build/logs/$1.log" f
  mkdir -p "$fresh" "$build/artifacts/$t"
  for f in "$corpus"/*; do
    [ -f "$f" ] || continue
    [[ $(basename "$f") =~ ^[0-9a-f]{40}$ ]] || cp "$f" "$fresh/"  # a hand-written seed
  done
  echo "== fuzz_$t: minimizing $corpus ($(inputs_of "$corpus")) onto $(inputs_of "$fresh") of seeds (log: $log)"
  nice -n 10 "$fuzzer" -merge=1 -use_counters=0 -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$t")" \
    -artifact_prefix="$build/artifacts/$t/merge-" "$fresh" "$corpus" >"$log" 2>&1
  # A merge that fails, or that an input crashed (it restarts without the input), leaves the corpus alone.
  if ! grep -q 'MERGE-OUTER: successful in 1 attempt(s)' "$log"; then
    echo "   the merge failed or an input crashed it; $corpus is left as it was (see $log)" >&2
    return 1
  fi
  find "$corpus" -type f -delete
  cp "$fresh"/* "$corpus/"
  echo "   corpus: $(inputs_of "$corpus")"
}

status=0
mkdir -p "$build/logs"
if [ "$mode" = minimize ]; then
  fresh="$build/minimized"  # make_seeds.py writes <target>/ folders there; each merge adds to its own
  rm -rf "$fresh"
  python3 tests/fuzz/make_seeds.py "$fresh"
  for t in "${targets[@]}"; do
    minimize "$t" "$build/tests/fuzz/fuzz_$t" "$fresh" || status=1
  done
  exit $status
fi

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
  nice -n 10 "$fuzzer" -merge=1 -use_counters=0 -max_len="$(max_len "$t")" -artifact_prefix="$artifacts/merge-" "$corpus" "$work" >>"$log" 2>&1 || true
  after=$(find "$corpus" -type f | wc -l)
  echo "   corpus: $before -> $after inputs"
done
exit $status
