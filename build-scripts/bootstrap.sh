#!/usr/bin/env bash
# Installs everything a fresh Debian 12 machine lacks to build and test ExchangeConnectorDoctor.
# Idempotent: each step checks first, so a second run takes a second or two.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools="$root/.tools"
mkdir -p "$tools"

# 1. Debian packages (headers and libraries the engine links against).
apt_packages=(nlohmann-json3-dev libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev cmake ninja-build g++
  g++-mingw-w64-x86-64 binutils-mingw-w64-x86-64 wine64 clang libclang-rt-14-dev
  chromium)  # chromium: headless, for the HTML report's test (tests/powershell/Export-ReceiveConnectorReport.Tests.ps1); ~10 s to install
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. PowerShell 7 as a .NET tool, so that .tools/pwsh runs it.
pwsh_version=7.6.9
if ! { [ -x "$tools/pwsh" ] && "$tools/pwsh" -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()' 2>/dev/null | grep -qx "$pwsh_version"; }; then
  echo "bootstrap: installing PowerShell $pwsh_version into .tools/"
  dotnet tool uninstall --tool-path "$tools" PowerShell >/dev/null 2>&1 || true
  dotnet tool install --tool-path "$tools" PowerShell --version "$pwsh_version" >/dev/null
fi

# 3. Pester from NuGet (the module is tools/Pester.psd1 inside the package).
pester_version=5.7.1
pester_psd1="$tools/packages/pester/$pester_version/tools/Pester.psd1"
if [ ! -f "$pester_psd1" ]; then
  echo "bootstrap: restoring Pester $pester_version into .tools/packages/"
  dotnet restore "$root/build-scripts/nuget/tools.csproj" --packages "$tools/packages" >/dev/null
fi
[ -f "$pester_psd1" ] || { echo "bootstrap: Pester $pester_version not found at $pester_psd1" >&2; exit 1; }
echo "bootstrap: ready (pwsh $pwsh_version, Pester $pester_version)"
