#!/usr/bin/env bash
# Bootstrap, build, and run the main job on the embedded example: an organisation in the middle of a
# migration (EX01 and EX02 on Exchange 2019, LEGACY01 on Exchange 2010) where a printer relay connector on
# EX01 captures Exchange servers' addresses.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
./build-scripts/bootstrap.sh
./build-scripts/build.sh >/dev/null
exec .tools/pwsh -NoProfile -NonInteractive -File build-scripts/demo.ps1
