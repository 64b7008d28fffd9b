<#
.SYNOPSIS
    Writes the embedded example organisation (contoso.com in the middle of a migration: Exchange 2016 servers EX01 and
    EX02, an Exchange 2010 server LEGACY01 and an Exchange 2016 Edge server EDGE01) into examples/, derived from the
    REAL exports in ../shared/fixtures/real/. (Exchange 2016, not 2019: 2019 cannot coexist with 2010.)

.DESCRIPTION
    examples/contoso-GetReceiveConnector.clixml.xml  the five default connectors of EX01 and EX02 (cloned from the real
                                                     WIN-CTD3L0RGEN4 export) and the printer relay "Relay EX01"
    examples/contoso-GetReceiveConnector.json        the same connectors as JSON (ConvertTo-ClixmlProjection)
    examples/contoso-GetExchangeServer.clixml.xml    EX01, EX02, LEGACY01 and EDGE01 (cloned from the real SOLO-E19A export)
    GUIDs are derived from the object names, so re-running gives identical files.
    Runs on Windows PowerShell 5.1 and PowerShell 7.
#>
[CmdletBinding()]
param(
    [string] $RealFixtures = (Join-Path $PSScriptRoot '../../../shared/fixtures/real'),
    [string] $OutputDirectory = (Join-Path $PSScriptRoot '../../examples')
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'ClixmlScenario.psm1') -Force

$realServer = 'WIN-CTD3L0RGEN4'
$domain = 'contoso.com'
$defaultKinds = @('Default', 'Client Proxy', 'Default Frontend', 'Outbound Proxy Frontend', 'Client Frontend')

function New-StableGuid([string] $Seed) {
    $md5 = [System.Security.Cryptography.MD5]::Create()
    try { New-Object guid (, $md5.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($Seed))) } finally { $md5.Dispose() }
}

function Write-Utf8File([string] $Path, [string] $Text) {
    [System.IO.File]::WriteAllText($Path, $Text, (New-Object System.Text.UTF8Encoding($false)))
}

if (-not (Test-Path -LiteralPath $OutputDirectory)) { [void](New-Item -ItemType Directory -Path $OutputDirectory) }
$OutputDirectory = (Resolve-Path -LiteralPath $OutputDirectory).ProviderPath

# --- Get-ReceiveConnector ----------------------------------------------------------------------------------------
$connectors = Read-ClixmlDocument -Path (Join-Path $RealFixtures 'exchange2019-lab-GetReceiveConnector.clixml.xml')
$originals = @(Get-ClixmlObject -Document $connectors)

foreach ($server in 'EX01', 'EX02') {
    foreach ($kind in $defaultKinds) {
        $c = Copy-ClixmlObject -Document $connectors -Name "$kind $realServer"
        # Also turns TlsCertificateName <I>CN=WIN-CTD3L0RGEN4<S>CN=WIN-CTD3L0RGEN4 of Default Frontend into CN=<server>.
        Rename-ClixmlServer -Object $c -From $realServer -To $server -Domain $domain
        Set-ClixmlConnectorProperty -Object $c -Name Guid -Value (New-StableGuid "$domain/$server/$kind $server")
    }
    if ($server -eq 'EX01') {
        # Printer relay made with the documented recipe (FrontendTransport, anonymous + ms-Exch-SMTP-Accept-Any-Recipient).
        $relay = Copy-ClixmlObject -Document $connectors -Name "$server\Default Frontend $server"
        Set-ClixmlConnectorProperty -Object $relay -Name Name -Value "Relay $server"
        Set-ClixmlConnectorProperty -Object $relay -Name Guid -Value (New-StableGuid "$domain/$server/Relay $server")
        Set-ClixmlConnectorProperty -Object $relay -Name TransportRole -Value 'FrontendTransport'
        Set-ClixmlConnectorProperty -Object $relay -Name Bindings -Value @('0.0.0.0:25')
        Set-ClixmlConnectorProperty -Object $relay -Name RemoteIPRanges -Value @('10.0.0.1-10.0.0.30')
        Set-ClixmlConnectorProperty -Object $relay -Name AuthMechanism -Value 'Tls'
        Set-ClixmlConnectorProperty -Object $relay -Name PermissionGroups -Value 'AnonymousUsers, Custom'
        Set-ClixmlConnectorProperty -Object $relay -Name TlsCertificateName -Value $null
        Set-ClixmlConnectorProperty -Object $relay -Name TlsDomainCapabilities -Value @()
    }
}
foreach ($o in $originals) { Remove-ClixmlObject -Document $connectors -Object $o }

$connectorPath = Join-Path $OutputDirectory 'contoso-GetReceiveConnector.clixml.xml'
Save-ClixmlDocument -Document $connectors -Path $connectorPath

# --- JSON projection of the same connectors ----------------------------------------------------------------------
$imported = @(Import-Clixml -Path $connectorPath)
$json = ConvertTo-Json -InputObject @($imported | ConvertTo-ClixmlProjection) -Depth 4
$jsonPath = Join-Path $OutputDirectory 'contoso-GetReceiveConnector.json'
Write-Utf8File $jsonPath (($json -replace "`r`n", "`n") + "`n")

# --- Get-ExchangeServer ------------------------------------------------------------------------------------------
$servers = Read-ClixmlDocument -Path (Join-Path $RealFixtures 'exchange2019-GetExchangeServer.clixml.xml')
$source = @(Get-ClixmlObject -Document $servers)[0]
$serverSpecs = @(
    @{ Name = 'EX01'; Version = 'Version 15.1 (Build 2507.6)'; Role = 'Mailbox'; Edge = $false },
    @{ Name = 'EX02'; Version = 'Version 15.1 (Build 2507.6)'; Role = 'Mailbox'; Edge = $false },
    @{ Name = 'LEGACY01'; Version = 'Version 14.3 (Build 123.4)'; Role = 'Mailbox, ClientAccess, HubTransport'; Edge = $false },
    @{ Name = 'EDGE01'; Version = 'Version 15.1 (Build 2507.6)'; Role = 'Edge'; Edge = $true }
)
foreach ($spec in $serverSpecs) {
    $s = Copy-ClixmlObject -Document $servers -Object $source
    Set-ClixmlExchangeServer -Object $s -Name $spec.Name -Fqdn "$($spec.Name).$domain" -AdminDisplayVersion $spec.Version -ServerRole $spec.Role -IsEdgeServer $spec.Edge
    # Same organisation and domain controller as the connector export / the example domain.
    Rename-ClixmlServer -Object $s -From 'SoloORG' -To 'First Organization'
    Rename-ClixmlServer -Object $s -From 'Solo-DC1' -To 'DC01'
    Set-ClixmlProperty -Object $s -Name Guid -Value (New-StableGuid "$domain/server/$($spec.Name)")
}
Remove-ClixmlObject -Document $servers -Object $source
$serverPath = Join-Path $OutputDirectory 'contoso-GetExchangeServer.clixml.xml'
Save-ClixmlDocument -Document $servers -Path $serverPath

# --- report ------------------------------------------------------------------------------------------------------
foreach ($written in @(
        @{ Path = $connectorPath; Objects = @(Import-Clixml -Path $connectorPath) },
        @{ Path = $jsonPath; Objects = $imported },
        @{ Path = $serverPath; Objects = @(Import-Clixml -Path $serverPath) })) {
    Write-Host ('wrote {0} ({1} objects: {2})' -f $written.Path, @($written.Objects).Count, ((@($written.Objects) | ForEach-Object { $_.ToString() }) -join '; '))
}
