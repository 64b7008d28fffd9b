# Protocol logs end to end (build-scripts/bench.sh, docs/PERFORMANCE.md): Get-ReceiveConnectorUsage on a folder of
# generated logs, side by side in one run with the best public PowerShell approach on the same files (the scripts of
# DOMAIN-SUPPLEMENT.md A.8: Get-Content -ReadCount 0 per file, the header lines dropped, ConvertFrom-Csv,
# Group-Object by connector and remote address). Prints seconds, MB/s, the ratio and the process's peak working set.
# Figures only; nothing fails on speed.
param(
    [Parameter(Mandatory = $true)] [string] $ModulePath,
    [Parameter(Mandatory = $true)] [string] $Folder,
    [double] $NaiveBudgetSeconds = 120
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
$files = @(Get-ChildItem -LiteralPath $Folder -Recurse -Filter '*.LOG' | Where-Object { $_.Directory.Name -eq 'SmtpReceive' })
$mb = ($files | Measure-Object -Property Length -Sum).Sum / 1MB
'{0} receive files, {1:N1} MB' -f $files.Count, $mb

$process = [System.Diagnostics.Process]::GetCurrentProcess()
$process.Refresh(); $before = $process.PeakWorkingSet64
$watch = [System.Diagnostics.Stopwatch]::StartNew()
$rows = @(Get-ReceiveConnectorUsage -Path ($files | ForEach-Object { $_.FullName }) -WarningAction SilentlyContinue)
$engine = $watch.Elapsed.TotalSeconds
$process.Refresh()
'module (Get-ReceiveConnectorUsage): {0:N2} s, {1:N0} MB/s, {2} connector/sender rows, peak working set {3:N0} MB (before {4:N0} MB)' -f $engine, ($mb / $engine), $rows.Count, ($process.PeakWorkingSet64 / 1MB), ($before / 1MB)

# The PowerShell approach, file by file until the budget is spent; its rate is projected to the whole input.
$watch = [System.Diagnostics.Stopwatch]::StartNew()
$done = 0.0
$groups = @{}
foreach ($file in $files) {
    $lines = Get-Content -LiteralPath $file.FullName -ReadCount 0
    $fields = ($lines | Where-Object { $_ -like '#Fields: *' } | Select-Object -First 1).Substring(9).Split(',')
    $records = $lines | Where-Object { -not $_.StartsWith('#') } | ConvertFrom-Csv -Header $fields
    foreach ($g in ($records | Group-Object -Property 'connector-id', { ($_.'remote-endpoint' -split ':')[0] })) { $groups[$g.Name] = $g.Count }
    $done += $file.Length / 1MB
    if ($watch.Elapsed.TotalSeconds -gt $NaiveBudgetSeconds) { break }
}
$naive = $watch.Elapsed.TotalSeconds
$naiveRate = $done / $naive
$process.Refresh()
'PowerShell (Get-Content -ReadCount 0 | ConvertFrom-Csv | Group-Object): {0:N1} MB in {1:N1} s, {2:N2} MB/s, {3} groups, peak working set {4:N0} MB' -f $done, $naive, $naiveRate, $groups.Count, ($process.PeakWorkingSet64 / 1MB)
'projected for all {0:N1} MB: {1:N0} s; the module is {2:N0}x faster' -f $mb, ($mb / $naiveRate), (($mb / $naiveRate) / $engine)
