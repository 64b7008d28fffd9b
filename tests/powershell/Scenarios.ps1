<#
.SYNOPSIS
    Derives the scenario exports of Scenarios.Tests.ps1 from the REAL Get-ReceiveConnector export of
    WIN-CTD3L0RGEN4 (../shared/fixtures/real/exchange2019-lab-GetReceiveConnector.clixml.xml).

.DESCRIPTION
    Every scenario starts from the same organisation: WIN-CTD3L0RGEN4 with its five real default connectors and a
    second server EX02 whose five default connectors are clones of them (renamed). The addresses of the servers
    (WIN-CTD3L0RGEN4 = 10.10.0.11, fd00::11; EX02 = 10.10.0.12, fd00::12) are not in the export: the tests give
    them with -ExchangeServer.

    Writes <OutputDirectory>/<export>.clixml.xml for each export below and returns one object per export
    (Name, Path, Description). GUIDs are derived from the names, so re-running gives identical files.

      second-server                       the ten default connectors, nothing else
      relay-single-address                + 'Relay WIN-CTD3L0RGEN4' (FrontendTransport, 0.0.0.0:25, Tls, AnonymousUsers+Custom)
                                            with RemoteIPRanges 192.168.5.20, 10.10.0.12
      relay-range                         + the relay with 10.10.0.1-10.10.0.30
      relay-cidr                          + the relay with 10.10.0.0/24
      relay-ipv6                          + the relay bound to [::]:25 with fd00::/64
      relay-disabled                      relay-range with the relay disabled
      relay-exchange-auth                 relay-range with AuthMechanism 'Tls, ExchangeServer' and
                                            PermissionGroups 'AnonymousUsers, ExchangeServers'
      relay-no-exchange-address           + the relay with 192.168.5.0/24
      default-frontend-no-exchangeserver  Default Frontend WIN-CTD3L0RGEN4 without ExchangeServer in AuthMechanism
      default-no-exchangeservers          Default WIN-CTD3L0RGEN4 without ExchangeServers in PermissionGroups
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)] [string] $OutputDirectory,
    [string] $RealExport = (Join-Path $PSScriptRoot '../../../shared/fixtures/real/exchange2019-lab-GetReceiveConnector.clixml.xml')
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../tools/ClixmlScenario.psm1') -Force

$realServer = 'WIN-CTD3L0RGEN4'
$secondServer = 'EX02'
$relayName = "Relay $realServer"
$defaultKinds = @('Default', 'Client Proxy', 'Default Frontend', 'Outbound Proxy Frontend', 'Client Frontend')

function New-StableGuid([string] $Seed) {
    $md5 = [System.Security.Cryptography.MD5]::Create()
    try { New-Object guid (, $md5.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($Seed))) } finally { $md5.Dispose() }
}

function New-BaseOrganisation {
    # The real export plus EX02's five default connectors (clones of the real ones, renamed).
    $document = Read-ClixmlDocument -Path $RealExport
    foreach ($kind in $defaultKinds) {
        $c = Copy-ClixmlObject -Document $document -Name "$kind $realServer"
        Rename-ClixmlServer -Object $c -From $realServer -To $secondServer
        Set-ClixmlConnectorProperty -Object $c -Name Guid -Value (New-StableGuid "scenario/$secondServer/$kind $secondServer")
    }
    $document
}

function Add-Relay {
    # The anonymous relay made with the documented recipe, on WIN-CTD3L0RGEN4.
    param($Document, [string[]] $RemoteIPRanges, [string[]] $Bindings = @('0.0.0.0:25'))
    $relay = Copy-ClixmlObject -Document $Document -Name "$realServer\Default Frontend $realServer"
    Set-ClixmlConnectorProperty -Object $relay -Name Name -Value $relayName
    Set-ClixmlConnectorProperty -Object $relay -Name Guid -Value (New-StableGuid "scenario/$realServer/$relayName")
    Set-ClixmlConnectorProperty -Object $relay -Name TransportRole -Value 'FrontendTransport'
    Set-ClixmlConnectorProperty -Object $relay -Name Bindings -Value $Bindings
    Set-ClixmlConnectorProperty -Object $relay -Name RemoteIPRanges -Value $RemoteIPRanges
    Set-ClixmlConnectorProperty -Object $relay -Name AuthMechanism -Value 'Tls'
    Set-ClixmlConnectorProperty -Object $relay -Name PermissionGroups -Value 'AnonymousUsers, Custom'
    Set-ClixmlConnectorProperty -Object $relay -Name TlsCertificateName -Value $null
    Set-ClixmlConnectorProperty -Object $relay -Name TlsDomainCapabilities -Value @()
    $relay
}

if (-not (Test-Path -LiteralPath $OutputDirectory)) { [void](New-Item -ItemType Directory -Path $OutputDirectory) }
$OutputDirectory = (Resolve-Path -LiteralPath $OutputDirectory).ProviderPath

$exports = [ordered]@{
    'second-server'                      = @{ Description = 'two servers, ten default connectors'; Build = { param($d) } }
    'relay-single-address'               = @{ Description = 'relay with 192.168.5.20 and 10.10.0.12'; Build = { param($d) [void](Add-Relay $d @('192.168.5.20', '10.10.0.12')) } }
    'relay-range'                        = @{ Description = 'relay with 10.10.0.1-10.10.0.30'; Build = { param($d) [void](Add-Relay $d @('10.10.0.1-10.10.0.30')) } }
    'relay-cidr'                         = @{ Description = 'relay with 10.10.0.0/24'; Build = { param($d) [void](Add-Relay $d @('10.10.0.0/24')) } }
    'relay-ipv6'                         = @{ Description = 'relay on [::]:25 with fd00::/64'; Build = { param($d) [void](Add-Relay $d @('fd00::/64') -Bindings @('[::]:25')) } }
    'relay-disabled'                     = @{
        Description = 'relay with 10.10.0.1-10.10.0.30, disabled'
        Build       = { param($d) $r = Add-Relay $d @('10.10.0.1-10.10.0.30'); Set-ClixmlConnectorProperty -Object $r -Name Enabled -Value $false }
    }
    'relay-exchange-auth'                = @{
        Description = 'relay with 10.10.0.1-10.10.0.30 that offers Exchange Server authentication to ExchangeServers'
        Build       = {
            param($d)
            $r = Add-Relay $d @('10.10.0.1-10.10.0.30')
            Set-ClixmlConnectorProperty -Object $r -Name AuthMechanism -Value 'Tls, ExchangeServer'
            Set-ClixmlConnectorProperty -Object $r -Name PermissionGroups -Value 'AnonymousUsers, ExchangeServers'
        }
    }
    'relay-no-exchange-address'          = @{ Description = 'relay with 192.168.5.0/24'; Build = { param($d) [void](Add-Relay $d @('192.168.5.0/24')) } }
    'default-frontend-no-exchangeserver' = @{
        Description = 'Default Frontend without ExchangeServer'
        Build       = {
            param($d)
            $c = @(Get-ClixmlObject -Document $d -Name "$realServer\Default Frontend $realServer")[0]
            Set-ClixmlConnectorProperty -Object $c -Name AuthMechanism -Value 'Tls, Integrated, BasicAuth, BasicAuthRequireTLS'
        }
    }
    'default-no-exchangeservers'         = @{
        Description = 'Default without ExchangeServers'
        Build       = {
            param($d)
            $c = @(Get-ClixmlObject -Document $d -Name "$realServer\Default $realServer")[0]
            Set-ClixmlConnectorProperty -Object $c -Name PermissionGroups -Value 'ExchangeUsers, ExchangeLegacyServers'
        }
    }
}

function Copy-Document {
    # An independent in-memory copy of a document, in the shape Read-ClixmlDocument documents (.Xml, .Namespace
    # with prefix 'ps', .Path): much faster than reading the file again.
    param($Document)
    $xml = New-Object System.Xml.XmlDocument
    $xml.PreserveWhitespace = $true
    $xml.LoadXml($Document.Xml.OuterXml)
    $ns = New-Object System.Xml.XmlNamespaceManager($xml.NameTable)
    $ns.AddNamespace('ps', 'http://schemas.microsoft.com/powershell/2004/04')
    [pscustomobject]@{ PSTypeName = 'ClixmlDocument'; Xml = $xml; Namespace = $ns; Path = $Document.Path }
}

# The base organisation is built once; every export starts from a copy of it.
$base = New-BaseOrganisation
foreach ($name in $exports.Keys) {
    $document = Copy-Document $base
    & $exports[$name].Build $document
    $path = Join-Path $OutputDirectory "$name.clixml.xml"
    Save-ClixmlDocument -Document $document -Path $path
    [pscustomobject]@{ Name = $name; Path = $path; Description = $exports[$name].Description }
}
