#!/usr/bin/env bash
# Bootstrap, build, and run every test: the native suite (CTest) and the module's suite (Pester).
# Ends with one line "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
./build-scripts/bootstrap.sh || { echo "0 passed, 1 failed"; exit 1; }
./build-scripts/build.sh || { echo "0 passed, 1 failed"; exit 1; }
mkdir -p tests/output

passed=0
failed=0

echo "== native tests (CTest)"
ctest --preset "${ECD_PRESET:-release}" -j "$(nproc)" 2>&1 | tee tests/output/ctest.log
native_total=$(grep -Eo 'tests passed, [0-9]+ tests failed out of [0-9]+' tests/output/ctest.log | grep -Eo '[0-9]+$' || echo 0)
native_failed=$(grep -Eo '[0-9]+ tests failed out of' tests/output/ctest.log | grep -Eo '^[0-9]+' || echo 0)
if [ "${native_total:-0}" -eq 0 ]; then native_failed=1; fi
passed=$((passed + native_total - native_failed))
failed=$((failed + native_failed))

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
