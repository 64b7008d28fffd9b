#!/usr/bin/env bash
# Makes dist/ExchangeConnectorDoctor-<version>.zip: the module folder in the <version>/ layout that
# PowerShellGet installs (ExchangeConnectorDoctor/<version>/...), with the manifest, scripts, format file,
# help, the shim assembly and the Windows and Linux native libraries. Unzip it into a folder on
# $env:PSModulePath and run Import-Module ExchangeConnectorDoctor.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
[ -d out/ExchangeConnectorDoctor ] || ./build-scripts/build.sh
exec .tools/pwsh -NoProfile -NonInteractive -Command '
  $ErrorActionPreference = "Stop"
  $manifest = Import-PowerShellDataFile -Path out/ExchangeConnectorDoctor/ExchangeConnectorDoctor.psd1
  $version = $manifest.ModuleVersion
  $stage = Join-Path -Path "build/package" -ChildPath "ExchangeConnectorDoctor/$version"
  Remove-Item -Recurse -Force -Path build/package -ErrorAction SilentlyContinue
  New-Item -ItemType Directory -Path $stage -Force | Out-Null
  Copy-Item -Path out/ExchangeConnectorDoctor/* -Destination $stage -Recurse
  foreach ($required in @("bin/ExchangeConnectorDoctor.Interop.dll", "runtimes/linux-x64/native/libecd.so", "runtimes/win-x64/native/ecd.dll")) {
    if (-not (Test-Path -Path (Join-Path $stage $required))) { throw "package: $required is missing from the module" }
  }
  New-Item -ItemType Directory -Path dist -Force | Out-Null
  $zip = "dist/ExchangeConnectorDoctor-$version.zip"
  Remove-Item -Path $zip -ErrorAction SilentlyContinue
  Compress-Archive -Path build/package/ExchangeConnectorDoctor -DestinationPath $zip
  Write-Host "package: $zip"
'
