# The demo's PowerShell half: what an administrator would type, on the embedded example.
$ErrorActionPreference = 'Stop'
Set-Location -Path (Split-Path -Parent $PSScriptRoot)
Import-Module ./out/ExchangeConnectorDoctor -Force

$servers = @(Import-Clixml -Path ./examples/contoso-GetExchangeServer.clixml.xml) + @('EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5')
Write-Host "PS> Import-Clixml ./examples/contoso-GetReceiveConnector.clixml.xml | Test-ReceiveConnector -ExchangeServer `$servers" -ForegroundColor Cyan
$findings = Import-Clixml -Path ./examples/contoso-GetReceiveConnector.clixml.xml | Test-ReceiveConnector -ExchangeServer $servers

$findings | Format-Table -Property Severity, RuleId, Server, Connector, @{ Name = 'Sender'; Expression = { if ($_.Evidence.PSObject.Properties['sender']) { '{0} ({1})' -f $_.Evidence.sender, $_.Evidence.senderAddress } } }, @{ Name = 'Port'; Expression = { if ($_.Evidence.PSObject.Properties['port']) { $_.Evidence.port } } } -AutoSize | Out-String -Width 200 | Write-Host

foreach ($f in $findings | Where-Object { $_.Severity -ne 'Information' }) {
    Write-Host ('[{0}] {1} {2}' -f $f.Severity, $f.RuleId, $f.Connector) -ForegroundColor $(if ($f.Severity -eq 'Error') { 'Red' } else { 'Yellow' })
    Write-Host $f.Message
    Write-Host ''
}
Write-Host 'The fix:' -ForegroundColor Green
$findings | Where-Object { $_.RemediationCommand } | Select-Object -ExpandProperty RemediationCommand -Unique | ForEach-Object { Write-Host "  $_" }
Write-Host ''
Write-Host 'Which connector takes LEGACY01 (10.0.0.5) on EX01, port 25:' -ForegroundColor Cyan
Import-Clixml -Path ./examples/contoso-GetReceiveConnector.clixml.xml | Resolve-ReceiveConnector -RemoteAddress 10.0.0.5 -Port 25 -Server EX01 |
    Select-Object -ExpandProperty Candidates | Format-Table -Property connector, binding, matchedRange, won, reason -AutoSize -Wrap | Out-String -Width 200 | Write-Host
