#!/usr/bin/env bash
# Builds the engine, the C ABI library, the shim and the module, and leaves a ready module at
# out/ExchangeConnectorDoctor/ (Import-Module ./out/ExchangeConnectorDoctor works, the native library inside).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
preset=${ECD_PRESET:-release}

cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"
# The Windows library (and the native tests for Windows), cross-built with mingw-w64.
# ECD_SKIP_WINDOWS=1 skips it for quick local iterations (the module then has no win-x64 library).
if [ "${ECD_SKIP_WINDOWS:-0}" != 1 ]; then
  cmake --preset windows-mingw >/dev/null
  cmake --build --preset windows-mingw -j "$(nproc)"
fi
dotnet build interop/dotnet -c Release -o "build/dotnet" -nologo -v quiet >/dev/null

module="out/ExchangeConnectorDoctor"
rm -rf "$module"
mkdir -p "$module/bin" "$module/runtimes/linux-x64/native" "$module/runtimes/win-x64/native"
cp -r powershell/ExchangeConnectorDoctor/. "$module/"
# What the help examples read ($module.ModuleBase/Examples) and the rule pages each finding points to, so that both
# work from an installed copy, offline.
mkdir -p "$module/Examples" "$module/en-US/rules"
cp -R examples/. "$module/Examples/"
cp docs/rules/*.md "$module/en-US/rules/"
cp build/dotnet/ExchangeConnectorDoctor.Interop.dll "$module/bin/"
cp "build/$preset/interop/libecd.so" "$module/runtimes/linux-x64/native/"
if [ -f build/windows-mingw/bin/ecd.dll ]; then cp build/windows-mingw/bin/ecd.dll "$module/runtimes/win-x64/native/"; fi
echo "build: module ready at $module"
