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
      edge-relay                          + Edge server EDGE01: its default connector (HubTransport, 0.0.0.0:25) and
                                            'Relay EDGE01' (HubTransport, 0.0.0.0:25) with 10.10.0.0/24
      legacy-relay                        + Exchange 2010 hub LEGACY01 exported without TransportRole: 'Default
                                            LEGACY01' (25), 'Client LEGACY01' (587), 'Relay LEGACY01' (25, 10.10.0.0/24)
      legacy-captured                     + LEGACY01's two default connectors, and a relay on WIN-CTD3L0RGEN4 with
                                            10.10.0.1-10.10.0.9 (holds LEGACY01's 10.10.0.5)
      mailbox-2013-relay                  + Exchange 2013 Mailbox-only MBX2013: 'Default MBX2013' (HubTransport, 25),
                                            'Client Proxy MBX2013' (465), 'Relay MBX2013' (HubTransport, 25, 10.10.0.0/24),
                                            and 'Internal Relay WIN-CTD3L0RGEN4' (HubTransport, 2525) with 10.10.0.13
      unknown-version                     + MBX9 with only 'Default MBX9' (HubTransport, 25) and 'Relay MBX9' (25,
                                            10.10.0.0/24): version and role cannot be told from them
      multi-nic                           + 'Backup Frontend EX02' bound to EX02's second network card 192.168.10.12:25,
                                            and 'Relay WIN-CTD3L0RGEN4' for that network, 192.168.10.0/24
      loopback-relay                      + the relay with 127.0.0.1 and 192.168.5.20 (on-box scripts and a printer)
      default-frontend-no-legacy-group    Default Frontend WIN-CTD3L0RGEN4 without ExchangeLegacyServers
      exchangeserver-external-fqdn        Default Frontend WIN-CTD3L0RGEN4 without ExchangeServer and Fqdn mail.contoso.com
      external-authoritative-gateway      + 'Gateway WIN-CTD3L0RGEN4' (FrontendTransport, 25), ExternalAuthoritative for
                                            the single address 10.10.5.25
      extra-binding                       Default Frontend WIN-CTD3L0RGEN4 also bound to 0.0.0.0:2526
      no-ipv6-binding                     Default Frontend WIN-CTD3L0RGEN4 bound to 0.0.0.0:25 only
      internal-relay-three-senders        + 'Internal Relay WIN-CTD3L0RGEN4' (HubTransport, 0.0.0.0:2525, Tls,
                                            AnonymousUsers) with 10.10.0.0/24: three Mailbox servers land on it
      two-family-coverage-gap             Default Frontend WIN-CTD3L0RGEN4 with only 10.0.0.0/8 and fd00::/8
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

function Add-ScenarioConnector {
    # A connector of $Server cloned from one of WIN-CTD3L0RGEN4's real default connectors ($From: 'Default',
    # 'Default Frontend', ...), so that every property keeps its real serialized shape; renamed, with the properties
    # of $Set set in order. -NoTransportRole drops TransportRole, as an Exchange 2010/2007 shell exports connectors.
    param($Document, [string] $From, [string] $Server, [string] $Name, [System.Collections.IDictionary] $Set = @{}, [switch] $NoTransportRole)
    $c = Copy-ClixmlObject -Document $Document -Name "$realServer\$From $realServer"
    if ($Server -ne $realServer) { Rename-ClixmlServer -Object $c -From $realServer -To $Server }
    Set-ClixmlConnectorProperty -Object $c -Name Name -Value $Name
    Set-ClixmlConnectorProperty -Object $c -Name Guid -Value (New-StableGuid "scenario/$Server/$Name")
    foreach ($k in $Set.Keys) { Set-ClixmlConnectorProperty -Object $c -Name $k -Value $Set[$k] }
    if ($NoTransportRole) { Remove-ClixmlProperty -Object $c -Name TransportRole }
    $c
}

function Set-ScenarioDefault {
    # Sets properties of one of WIN-CTD3L0RGEN4's default connectors ('Default Frontend', 'Default', ...).
    param($Document, [string] $Kind, [System.Collections.IDictionary] $Set)
    $c = @(Get-ClixmlObject -Document $Document -Name "$realServer\$Kind $realServer")[0]
    foreach ($k in $Set.Keys) { Set-ClixmlConnectorProperty -Object $c -Name $k -Value $Set[$k] }
}

function Add-LegacyHub {
    # An Exchange 2010 hub as its shell exports it: 'Default LEGACY01' on 25 and 'Client LEGACY01' on 587, no
    # TransportRole property, IPv4 only.
    param($Document)
    [void](Add-ScenarioConnector $Document 'Default' 'LEGACY01' 'Default LEGACY01' ([ordered]@{ Bindings = @('0.0.0.0:25'); RemoteIPRanges = @('0.0.0.0-255.255.255.255') }) -NoTransportRole)
    [void](Add-ScenarioConnector $Document 'Client Frontend' 'LEGACY01' 'Client LEGACY01' ([ordered]@{ Bindings = @('0.0.0.0:587'); RemoteIPRanges = @('0.0.0.0-255.255.255.255') }) -NoTransportRole)
}

$anonymousRelay = [ordered]@{ AuthMechanism = 'Tls'; PermissionGroups = 'AnonymousUsers, Custom'; TlsCertificateName = $null; TlsDomainCapabilities = @() }

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
    'edge-relay'                         = @{
        Description = 'Edge server EDGE01 with a relay holding the Mailbox servers'' addresses'
        Build       = {
            param($d)
            [void](Add-ScenarioConnector $d 'Default' 'EDGE01' 'Default internal receive connector EDGE01' ([ordered]@{
                        Bindings = @('0.0.0.0:25'); RemoteIPRanges = @('0.0.0.0-255.255.255.255'); AuthMechanism = 'Tls, ExchangeServer'
                        PermissionGroups = 'AnonymousUsers, ExchangeServers, Partners'; DomainSecureEnabled = $true }))
            $relay = [ordered]@{ Bindings = @('0.0.0.0:25'); RemoteIPRanges = @('10.10.0.0/24') } + $anonymousRelay
            [void](Add-ScenarioConnector $d 'Default' 'EDGE01' 'Relay EDGE01' $relay)
        }
    }
    'legacy-relay'                       = @{
        Description = 'Exchange 2010 hub LEGACY01 (no TransportRole) with a relay holding the 2019 servers'' addresses'
        Build       = {
            param($d)
            Add-LegacyHub $d
            $relay = [ordered]@{ Bindings = @('0.0.0.0:25'); RemoteIPRanges = @('10.10.0.0/24') } + $anonymousRelay
            [void](Add-ScenarioConnector $d 'Default' 'LEGACY01' 'Relay LEGACY01' $relay -NoTransportRole)
        }
    }
    'legacy-captured'                    = @{
        Description = 'a relay on WIN-CTD3L0RGEN4 holding the Exchange 2010 hub LEGACY01''s address'
        Build       = { param($d) Add-LegacyHub $d; [void](Add-Relay $d @('10.10.0.1-10.10.0.9')) }
    }
    'mailbox-2013-relay'                 = @{
        Description = 'Exchange 2013 Mailbox-only MBX2013 with a relay on 25, and a Transport relay on WIN-CTD3L0RGEN4 holding MBX2013'
        Build       = {
            param($d)
            [void](Add-ScenarioConnector $d 'Default' 'MBX2013' 'Default MBX2013' ([ordered]@{ Bindings = @('0.0.0.0:25', '[::]:25') }))
            [void](Add-ScenarioConnector $d 'Client Proxy' 'MBX2013' 'Client Proxy MBX2013')
            $relay = [ordered]@{ Bindings = @('0.0.0.0:25'); RemoteIPRanges = @('10.10.0.0/24') } + $anonymousRelay
            [void](Add-ScenarioConnector $d 'Default' 'MBX2013' 'Relay MBX2013' $relay)
            $internal = [ordered]@{ Bindings = @('0.0.0.0:2525'); RemoteIPRanges = @('10.10.0.13') } + $anonymousRelay
            [void](Add-ScenarioConnector $d 'Default' $realServer "Internal Relay $realServer" $internal)
        }
    }
    'unknown-version'                    = @{
        Description = 'MBX9 with only "Default MBX9" on 25 and a relay: its version and role cannot be told'
        Build       = {
            param($d)
            [void](Add-ScenarioConnector $d 'Default' 'MBX9' 'Default MBX9' ([ordered]@{ Bindings = @('0.0.0.0:25', '[::]:25') }))
            $relay = [ordered]@{ Bindings = @('0.0.0.0:25'); RemoteIPRanges = @('10.10.0.0/24') } + $anonymousRelay
            [void](Add-ScenarioConnector $d 'Default' 'MBX9' 'Relay MBX9' $relay)
        }
    }
    'multi-nic'                          = @{
        Description = 'a connector on EX02''s second network card, and a relay for that network on WIN-CTD3L0RGEN4'
        Build       = {
            param($d)
            [void](Add-ScenarioConnector $d 'Default Frontend' 'EX02' 'Backup Frontend EX02' ([ordered]@{
                        Bindings = @('192.168.10.12:25'); RemoteIPRanges = @('192.168.10.0/24'); AuthMechanism = 'Tls'
                        PermissionGroups = 'AnonymousUsers'; TlsCertificateName = $null; TlsDomainCapabilities = @() }))
            [void](Add-Relay $d @('192.168.10.0/24'))
        }
    }
    'loopback-relay'                     = @{ Description = 'relay with 127.0.0.1 and 192.168.5.20'; Build = { param($d) [void](Add-Relay $d @('127.0.0.1', '192.168.5.20')) } }
    'default-frontend-no-legacy-group'   = @{
        Description = 'Default Frontend without ExchangeLegacyServers'
        Build       = { param($d) Set-ScenarioDefault $d 'Default Frontend' @{ PermissionGroups = 'AnonymousUsers, ExchangeServers' } }
    }
    'exchangeserver-external-fqdn'       = @{
        Description = 'Default Frontend without ExchangeServer and with the external name mail.contoso.com'
        Build       = {
            param($d)
            Set-ScenarioDefault $d 'Default Frontend' ([ordered]@{ AuthMechanism = 'Tls, Integrated, BasicAuth, BasicAuthRequireTLS'; Fqdn = 'mail.contoso.com' })
        }
    }
    'external-authoritative-gateway'     = @{
        Description = 'a gateway trusted with ExternalAuthoritative for one address'
        Build       = {
            param($d)
            [void](Add-ScenarioConnector $d 'Default Frontend' $realServer "Gateway $realServer" ([ordered]@{
                        Bindings = @('0.0.0.0:25'); RemoteIPRanges = @('10.10.5.25'); AuthMechanism = 'Tls, ExternalAuthoritative'
                        PermissionGroups = 'ExchangeServers'; TlsCertificateName = $null; TlsDomainCapabilities = @() }))
        }
    }
    'extra-binding'                      = @{
        Description = 'Default Frontend also bound to 0.0.0.0:2526'
        Build       = { param($d) Set-ScenarioDefault $d 'Default Frontend' @{ Bindings = @('[::]:25', '0.0.0.0:25', '0.0.0.0:2526') } }
    }
    'no-ipv6-binding'                    = @{
        Description = 'Default Frontend without [::]:25'
        Build       = { param($d) Set-ScenarioDefault $d 'Default Frontend' @{ Bindings = @('0.0.0.0:25') } }
    }
    'internal-relay-three-senders'       = @{
        Description = 'a Transport relay on 2525 holding three Mailbox servers'' addresses'
        Build       = {
            param($d)
            $internal = [ordered]@{ Bindings = @('0.0.0.0:2525'); RemoteIPRanges = @('10.10.0.0/24'); AuthMechanism = 'Tls'
                PermissionGroups = 'AnonymousUsers'; TlsCertificateName = $null; TlsDomainCapabilities = @() }
            [void](Add-ScenarioConnector $d 'Default' $realServer "Internal Relay $realServer" $internal)
        }
    }
    'two-family-coverage-gap'            = @{
        Description = 'Default Frontend with only 10.0.0.0/8 and fd00::/8'
        Build       = { param($d) Set-ScenarioDefault $d 'Default Frontend' @{ RemoteIPRanges = @('10.0.0.0/8', 'fd00::/8') } }
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
