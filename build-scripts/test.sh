#!/usr/bin/env bash
# Bootstrap, build, and run every test: the native suite (CTest: Linux build, the same under ASan+UBSan,
# Windows build under wine), and the module's suite (Pester). Ends with one line "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
./build-scripts/bootstrap.sh || { echo "0 passed, 1 failed"; exit 1; }
./build-scripts/build.sh || { echo "0 passed, 1 failed"; exit 1; }
./build-scripts/package.sh || { echo "0 passed, 1 failed"; exit 1; }
mkdir -p tests/output

passed=0
failed=0

# Adds the counts of one CTest run (its log in $1) to the totals; a run that ran nothing counts as failed.
count_ctest() {
  local total failures
  total=$(grep -Eo 'tests failed out of [0-9]+' "$1" | grep -Eo '[0-9]+$' || true)
  failures=$(grep -Eo '[0-9]+ tests failed out of' "$1" | grep -Eo '^[0-9]+' || true)
  total=${total:-0}
  failures=${failures:-0}
  if [ "$total" -eq 0 ]; then failures=1; fi
  passed=$((passed + total - failures))
  failed=$((failed + failures))
}

# Each build type runs the native suite (with its fuzz replays) once: release (or ECD_PRESET), windows-mingw
# under wine, asan.
linux_preset=${ECD_PRESET:-release}

echo "== native tests, Linux (CTest, preset $linux_preset)"
ctest --preset "$linux_preset" -j "$(nproc)" 2>&1 | tee tests/output/ctest-linux.log
count_ctest tests/output/ctest-linux.log

echo "== native tests, Windows build under wine64 (CTest)"
if build-scripts/wine-run.sh cmd /c exit >/dev/null 2>&1; then
  ctest --preset windows-mingw 2>&1 | tee tests/output/ctest-windows.log
  count_ctest tests/output/ctest-windows.log
else
  echo "skipped: wine64 cannot start on this machine, so the Windows build's tests cannot run here"
fi

echo "== native tests under AddressSanitizer + UndefinedBehaviorSanitizer (CTest, preset asan)"
# The whole native suite (fuzz corpus replays included) built with -fsanitize=address,undefined; a
# failed build counts as one failed test. ECD_SKIP_ASAN=1 skips it for quick local iterations.
if [ "${ECD_SKIP_ASAN:-0}" = 1 ]; then
  echo "skipped: ECD_SKIP_ASAN=1"
elif [ "$linux_preset" = asan ]; then
  echo "skipped: the Linux run above was this build (ECD_PRESET=asan), and it runs once"
elif cmake --preset asan >/dev/null && cmake --build --preset asan -j "$(nproc)" >tests/output/asan-build.log 2>&1; then
  ctest --preset asan -j "$(nproc)" 2>&1 | tee tests/output/ctest-asan.log
  count_ctest tests/output/ctest-asan.log
else
  tail -n 30 tests/output/asan-build.log
  echo "the asan build failed (tests/output/asan-build.log)"
  failed=$((failed + 1))
fi

echo "== module tests (Pester)"
counts=tests/output/pester-counts.txt
rm -f "$counts"
.tools/pwsh -NoProfile -NonInteractive -File tests/powershell/Invoke-PesterSuite.ps1 \
  -PesterPath .tools/packages/pester/5.7.1/tools/Pester.psd1 -CountsFile "$counts"
if [ -f "$counts" ]; then
  read -r pester_passed pester_failed < "$counts"
else
  pester_passed=0; pester_failed=1
fi
passed=$((passed + pester_passed))
failed=$((failed + pester_failed))

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
