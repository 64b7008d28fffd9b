# The demo's PowerShell half: what an administrator would type, on the embedded example (contoso.com in the middle of
# a migration: EX01 and EX02 on Exchange 2016, LEGACY01 on Exchange 2010, the Edge server EDGE01, and a printer relay
# on EX01 for 10.0.0.1-10.0.0.30).
$ErrorActionPreference = 'Stop'
Set-Location -Path (Split-Path -Parent $PSScriptRoot)
Import-Module ./out/ExchangeConnectorDoctor -Force

$servers = @(Import-Clixml -Path ./examples/contoso-GetExchangeServer.clixml.xml) + @('EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5', 'EDGE01=10.0.0.20')
Write-Host "PS> Import-Clixml ./examples/contoso-GetReceiveConnector.clixml.xml | Test-ReceiveConnector -ExchangeServer `$servers" -ForegroundColor Cyan
$findings = Import-Clixml -Path ./examples/contoso-GetReceiveConnector.clixml.xml | Test-ReceiveConnector -ExchangeServer $servers

# The module's own table view: sorted, one line per finding in a 120-column console.
$findings | Format-Table | Out-String -Width 120 | Write-Host

foreach ($f in $findings | Where-Object { $_.Severity -ne 'Information' }) {
    Write-Host ('[{0}] {1} {2}' -f $f.Severity, $f.RuleId, $f.Connector) -ForegroundColor $(if ($f.Severity -eq 'Error') { 'Red' } else { 'Yellow' })
    Write-Host $f.Message
    Write-Host ''
}
Write-Host 'The fix (one command for the relay, made from all its findings):' -ForegroundColor Green
$findings | Where-Object { $_.RemediationCommand } | Select-Object -ExpandProperty RemediationCommand -Unique | ForEach-Object { Write-Host "  $_" }
Write-Host ''

Write-Host "PS> ... | Test-ReceiveConnector -ExchangeServer `$servers -Queue (Import-Clixml ./examples/contoso-GetQueue.clixml.xml)" -ForegroundColor Cyan
$queues = Import-Clixml -Path ./examples/contoso-GetQueue.clixml.xml
$confirmed = Import-Clixml -Path ./examples/contoso-GetReceiveConnector.clixml.xml | Test-ReceiveConnector -ExchangeServer $servers -Queue $queues |
    Where-Object { $_.Evidence.PSObject.Properties['explainsQueues'] }
foreach ($f in $confirmed) {
    Write-Host ('[{0}] {1} {2}, sender {3}, explains queue {4}' -f $f.Severity, $f.RuleId, $f.Connector, $f.Evidence.sender, ($f.Evidence.explainsQueues -join ', ')) -ForegroundColor $(if ($f.Severity -eq 'Error') { 'Red' } else { 'Yellow' })
}
Write-Host ''

Write-Host 'Which connector takes LEGACY01 (10.0.0.5) on EX01, port 25:' -ForegroundColor Cyan
Import-Clixml -Path ./examples/contoso-GetReceiveConnector.clixml.xml | Resolve-ReceiveConnector -RemoteAddress 10.0.0.5 -Port 25 -Server EX01 |
    Select-Object -ExpandProperty Candidates | Format-Table -Property connector, binding, matchedRange, won, reason -AutoSize -Wrap | Out-String -Width 200 | Write-Host

Write-Host 'Change safely: the printer relay checked before it exists, as it was created (Test-ReceiveConnectorChange):' -ForegroundColor Cyan
$others = @(Import-Clixml -Path ./examples/contoso-GetReceiveConnector.clixml.xml | Where-Object { $_.Name -ne 'Relay EX01' })
Write-Host "PS> `$others | Test-ReceiveConnectorChange -New -Server EX01 -Name 'Relay EX01' -TransportRole FrontendTransport -Bindings 0.0.0.0:25 -RemoteIPRanges 10.0.0.1-10.0.0.30 -AuthMechanism Tls -PermissionGroups AnonymousUsers -ExchangeServer `$servers" -ForegroundColor Cyan
$others | Test-ReceiveConnectorChange -New -Server EX01 -Name 'Relay EX01' -TransportRole FrontendTransport -Bindings 0.0.0.0:25 -RemoteIPRanges 10.0.0.1-10.0.0.30 -AuthMechanism Tls -PermissionGroups AnonymousUsers -ExchangeServer $servers |
    Out-String -Width 200 | Write-Host

Write-Host 'And the fix, shown with -WhatIf before it is applied (Repair-ReceiveConnector):' -ForegroundColor Cyan
$connectors = @(Import-Clixml -Path ./examples/contoso-GetReceiveConnector.clixml.xml)
$findings | Repair-ReceiveConnector -Connector $connectors -ExchangeServer $servers -WhatIf | Out-String -Width 200 | Write-Host
