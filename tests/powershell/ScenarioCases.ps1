# The scenarios of Scenarios.Tests.ps1 and what each must give (used in its discovery and run phases).
# Name: the scenario (and its golden file tests/golden/scenarios/<Name>.json); Export: the export of Scenarios.ps1;
# Servers: -ExchangeServer (the two servers' addresses as strings unless said otherwise: their versions are then read
# from their connectors). Expected: every Error, Warning and Information finding, with the sender and address (ECD0101),
# the port, how the sender delivers there (Delivery, ECD0101) and the exact RemediationCommand ('' for none).
$win = 'WIN-CTD3L0RGEN4'
$relay = "$win\Relay $win"
$defaultFrontend = "$win\Default Frontend $win"
$setRelay = "Set-ReceiveConnector -Identity '$relay' -RemoteIPRanges "
$strings = @("$win=10.10.0.11,fd00::11", 'EX02=10.10.0.12,fd00::12')
$versioned = @(@{ Name = $win; Address = @('10.10.0.11', 'fd00::11'); Version = '15.2' }, @{ Name = 'EX02'; Address = @('10.10.0.12', 'fd00::12'); Version = '15.2' })
$notAnalysed = @{ RuleId = 'ECD0003'; Severity = 'Information'; Server = ''; Connector = ''; Command = '' }
function Get-Note {
    # An Information finding of rule $RuleId on connector $Connector of $Server, without a command: ECD0901 (an anonymous
    # relay keeps the per-source limits of 20 / 2 %) or ECD0704 (anonymous senders without the relay right).
    param([string] $RuleId, [string] $Server, [string] $Connector)
    @{ RuleId = $RuleId; Severity = 'Information'; Server = $Server; Connector = $Connector; Command = '' }
}
$relayThrottled = Get-Note 'ECD0901' $win $relay
function Get-Capture {
    # An ECD0101 finding on connector $Connector of $Server.
    param([string] $Server, [string] $Connector, [string] $Severity, [string] $Sender, [string] $Address, [int] $Port, [string] $Delivery, [string] $Command)
    @{ RuleId = 'ECD0101'; Severity = $Severity; Server = $Server; Connector = $Connector; Sender = $Sender; Address = $Address; Port = $Port
        Delivery = $Delivery; Command = $Command }
}
$cases = @(
    @{ Name = 'second-server'; Export = 'second-server'; Servers = $strings; Title = 'two healthy servers: nothing but the note that the certificate was not checked'
        Expected = @() }
    @{ Name = 'relay-single-address'; Export = 'relay-single-address'; Servers = $strings
        Title = 'relay on port 25 listing EX02: a Warning, since Mailbox servers deliver to each other on 2525'
        Expected = @(Get-Capture $win $relay 'Warning' 'EX02' '10.10.0.12' 25 'doesNotDeliver' ($setRelay + "'192.168.5.20'"); $relayThrottled) }
    @{ Name = 'relay-range'; Export = 'relay-range'; Servers = $strings
        Title = 'relay range 10.10.0.1-10.10.0.30: a Warning for EX02; the server''s own address stays for its applications'
        Expected = @(Get-Capture $win $relay 'Warning' 'EX02' '10.10.0.12' 25 'doesNotDeliver' ($setRelay + "'10.10.0.1-10.10.0.11','10.10.0.13-10.10.0.30'"); $relayThrottled) }
    @{ Name = 'relay-cidr'; Export = 'relay-cidr'; Servers = $strings; Title = 'relay subnet 10.10.0.0/24: a Warning for EX02, the subnet split around it'
        Expected = @(Get-Capture $win $relay 'Warning' 'EX02' '10.10.0.12' 25 'doesNotDeliver' ($setRelay + "'10.10.0.0-10.10.0.11','10.10.0.13-10.10.0.255'"); $relayThrottled) }
    @{ Name = 'relay-ipv6'; Export = 'relay-ipv6'; Servers = $strings; Title = 'relay on [::]:25 with fd00::/64: a Warning for EX02''s IPv6 address'
        Expected = @(Get-Capture $win $relay 'Warning' 'EX02' 'fd00::12' 25 'doesNotDeliver' ($setRelay + "'fd00::-fd00::11','fd00::13-fd00::ffff:ffff:ffff:ffff'"); $relayThrottled) }
    @{ Name = 'relay-disabled'; Export = 'relay-disabled'; Servers = $strings; Title = 'the same relay disabled: nothing but the note that the certificate was not checked'
        Expected = @() }
    @{ Name = 'relay-exchange-auth'; Export = 'relay-exchange-auth'; Servers = $strings
        Title = 'the relay offering ExchangeServer to ExchangeServers: no capture, and no Exchange server delivers there'
        Expected = @((Get-Note 'ECD0704' $win $relay)) }
    @{ Name = 'relay-no-exchange-address'; Export = 'relay-no-exchange-address'; Servers = $strings; Title = 'a relay holding no Exchange address: no capture, only its per-source limits noted (Information)'
        Expected = @($relayThrottled) }
    @{ Name = 'default-frontend-no-exchangeserver'; Export = 'default-frontend-no-exchangeserver'; Servers = $strings
        Title = 'ExchangeServer removed from Default Frontend: a Warning while no Edge or 2010 server delivers to port 25'
        Expected = @(@{ RuleId = 'ECD0102'; Severity = 'Warning'; Server = $win; Connector = $defaultFrontend
                Command = "Set-ReceiveConnector -Identity '$defaultFrontend' -AuthMechanism 'Tls','Integrated','BasicAuth','BasicAuthRequireTLS','ExchangeServer'" }) }
    @{ Name = 'default-no-exchangeservers'; Export = 'default-no-exchangeservers'; Servers = $strings; Title = 'ExchangeServers removed from Default: ECD0102 Error'
        Expected = @(@{ RuleId = 'ECD0102'; Severity = 'Error'; Server = $win; Connector = "$win\Default $win"
                Command = "Set-ReceiveConnector -Identity '$win\Default $win' -PermissionGroups 'ExchangeUsers','ExchangeServers','ExchangeLegacyServers'" }) }
    @{ Name = 'relay-range-version-15-2'; Export = 'relay-range'; Servers = $versioned; Title = 'relay range with both servers given as 15.2: the same Warning'
        Expected = @(Get-Capture $win $relay 'Warning' 'EX02' '10.10.0.12' 25 'doesNotDeliver' ($setRelay + "'10.10.0.1-10.10.0.11','10.10.0.13-10.10.0.30'"); $relayThrottled) }
    @{ Name = 'edge-relay'; Export = 'edge-relay'; Servers = @($strings) + 'EDGE01=10.10.0.50'
        Title = 'a relay on the Edge server holding the Mailbox servers: Errors (Mailbox servers deliver to Edge on 25), one command'
        Expected = @(
            Get-Capture 'EDGE01' 'EDGE01\Relay EDGE01' 'Error' 'EX02' '10.10.0.12' 25 'delivers' "Set-ReceiveConnector -Identity 'EDGE01\Relay EDGE01' -RemoteIPRanges '10.10.0.0-10.10.0.10','10.10.0.13-10.10.0.255'"
            Get-Capture 'EDGE01' 'EDGE01\Relay EDGE01' 'Error' $win '10.10.0.11' 25 'delivers' "Set-ReceiveConnector -Identity 'EDGE01\Relay EDGE01' -RemoteIPRanges '10.10.0.0-10.10.0.10','10.10.0.13-10.10.0.255'") }
    @{ Name = 'legacy-relay'; Export = 'legacy-relay'; Servers = @($strings) + 'LEGACY01=10.10.0.5'
        Title = 'a relay on an Exchange 2010 hub (no TransportRole) holding the 2019 servers: Errors on its port 25'
        Expected = @(
            Get-Capture 'LEGACY01' 'LEGACY01\Relay LEGACY01' 'Error' 'EX02' '10.10.0.12' 25 'delivers' "Set-ReceiveConnector -Identity 'LEGACY01\Relay LEGACY01' -RemoteIPRanges '10.10.0.0-10.10.0.10','10.10.0.13-10.10.0.255'"
            Get-Capture 'LEGACY01' 'LEGACY01\Relay LEGACY01' 'Error' $win '10.10.0.11' 25 'delivers' "Set-ReceiveConnector -Identity 'LEGACY01\Relay LEGACY01' -RemoteIPRanges '10.10.0.0-10.10.0.10','10.10.0.13-10.10.0.255'") }
    @{ Name = 'legacy-captured'; Export = 'legacy-captured'; Servers = @($strings) + 'LEGACY01=10.10.0.5'
        Title = 'a relay on a 2019 server holding the 2010 hub: a Warning, the port 2010 uses towards 2016 and later is not documented'
        Expected = @(Get-Capture $win $relay 'Warning' 'LEGACY01' '10.10.0.5' 25 'undocumentedPort' ($setRelay + "'10.10.0.1-10.10.0.4','10.10.0.6-10.10.0.9'"); $relayThrottled) }
    @{ Name = 'mailbox-2013-relay'; Export = 'mailbox-2013-relay'; Servers = @($strings) + @{ Name = 'MBX2013'; Address = '10.10.0.13'; Version = '15.0'; Role = 'Mailbox' }
        Title = 'a 2013 Mailbox-only server: its relay on 25 captures the 2019 servers, and a Transport relay on 2525 captures it'
        Expected = @(
            Get-Capture 'MBX2013' 'MBX2013\Relay MBX2013' 'Error' 'EX02' '10.10.0.12' 25 'delivers' "Set-ReceiveConnector -Identity 'MBX2013\Relay MBX2013' -RemoteIPRanges '10.10.0.0-10.10.0.10','10.10.0.13-10.10.0.255'"
            Get-Capture 'MBX2013' 'MBX2013\Relay MBX2013' 'Error' $win '10.10.0.11' 25 'delivers' "Set-ReceiveConnector -Identity 'MBX2013\Relay MBX2013' -RemoteIPRanges '10.10.0.0-10.10.0.10','10.10.0.13-10.10.0.255'"
            Get-Capture $win "$win\Internal Relay $win" 'Error' 'MBX2013' '10.10.0.13' 2525 'delivers' "Set-ReceiveConnector -Identity '$win\Internal Relay $win' -Enabled:`$false") }
    @{ Name = 'unknown-version'; Export = 'unknown-version'; Servers = @($strings) + 'MBX9=10.10.0.9', 'EX09=10.10.0.30'
        Title = 'a server whose version cannot be told: captures judged by the most likely case, no command moves its bindings'
        Expected = @(
            $notAnalysed
            Get-Capture 'MBX9' 'MBX9\Relay MBX9' 'Error' 'EX02' '10.10.0.12' 25 'likelyDelivers' "Set-ReceiveConnector -Identity 'MBX9\Relay MBX9' -RemoteIPRanges '10.10.0.0-10.10.0.10','10.10.0.13-10.10.0.29','10.10.0.31-10.10.0.255'"
            Get-Capture 'MBX9' 'MBX9\Relay MBX9' 'Error' 'EX09' '10.10.0.30' 25 'likelyDelivers' "Set-ReceiveConnector -Identity 'MBX9\Relay MBX9' -RemoteIPRanges '10.10.0.0-10.10.0.10','10.10.0.13-10.10.0.29','10.10.0.31-10.10.0.255'"
            Get-Capture 'MBX9' 'MBX9\Relay MBX9' 'Error' $win '10.10.0.11' 25 'likelyDelivers' "Set-ReceiveConnector -Identity 'MBX9\Relay MBX9' -RemoteIPRanges '10.10.0.0-10.10.0.10','10.10.0.13-10.10.0.29','10.10.0.31-10.10.0.255'") }
    @{ Name = 'multi-nic'; Export = 'multi-nic'; Servers = $strings
        Title = 'a connector on a second network card is where EX02 listens, not where it connects from: no capture'
        Expected = @((Get-Note 'ECD0704' 'EX02' 'EX02\Backup Frontend EX02'); $relayThrottled) }
    @{ Name = 'loopback-relay'; Export = 'loopback-relay'; Servers = $strings; Title = 'a relay listing 127.0.0.1 for on-box scripts: no capture'
        Expected = @($relayThrottled) }
    @{ Name = 'default-frontend-no-legacy-group'; Export = 'default-frontend-no-legacy-group'; Servers = $strings
        Title = 'Default Frontend without ExchangeLegacyServers: drift from the default (Information), not an Error'
        Expected = @(@{ RuleId = 'ECD0206'; Severity = 'Information'; Server = $win; Connector = $defaultFrontend
                Command = "Set-ReceiveConnector -Identity '$defaultFrontend' -PermissionGroups 'AnonymousUsers','ExchangeServers','ExchangeLegacyServers'" }) }
    @{ Name = 'exchangeserver-external-fqdn'; Export = 'exchangeserver-external-fqdn'; Servers = @($strings) + @{ Name = 'EDGE01'; Address = '10.10.0.50'; Version = '15.2'; Role = 'Edge' }
        Title = 'ExchangeServer removed for an external Fqdn, with an Edge server: an Error whose fix sets -Fqdn back'
        Expected = @(
            $notAnalysed
            @{ RuleId = 'ECD0102'; Severity = 'Error'; Server = $win; Connector = $defaultFrontend
                Command = "Set-ReceiveConnector -Identity '$defaultFrontend' -AuthMechanism 'Tls','Integrated','BasicAuth','BasicAuthRequireTLS','ExchangeServer' -Fqdn 'WIN-CTD3L0RGEN4.exlab.dom'" }) }
    @{ Name = 'external-authoritative-gateway'; Export = 'external-authoritative-gateway'; Servers = $strings
        Title = 'ExternalAuthoritative for one gateway address: over-trust (Warning), not an open relay'
        Expected = @(
            @{ RuleId = 'ECD0701'; Severity = 'Warning'; Server = $win; Connector = "$win\Gateway $win"; Command = '' }
            @{ RuleId = 'ECD0901'; Severity = 'Information'; Server = $win; Connector = "$win\Gateway $win"
                Command = "Set-ReceiveConnector -Identity '$win\Gateway $win' -MaxInboundConnectionPerSource 'Unlimited' -MaxInboundConnectionPercentagePerSource '100'" }) }
    @{ Name = 'extra-binding'; Export = 'extra-binding'; Servers = $strings
        Title = 'Default Frontend also bound to 2526: drift (Information), and no command takes port 25 or 2526 away'
        Expected = @(@{ RuleId = 'ECD0203'; Severity = 'Information'; Server = $win; Connector = $defaultFrontend; Command = '' }) }
    @{ Name = 'no-ipv6-binding'; Export = 'no-ipv6-binding'; Servers = $strings
        Title = 'Default Frontend without [::]:25: a Warning (HCW8010), the fix adds the binding and keeps the other'
        Expected = @(@{ RuleId = 'ECD0203'; Severity = 'Warning'; Server = $win; Connector = $defaultFrontend
                Command = "Set-ReceiveConnector -Identity '$defaultFrontend' -Bindings '0.0.0.0:25','[::]:25'" }) }
    @{ Name = 'internal-relay-three-senders'; Export = 'internal-relay-three-senders'; Servers = @($strings) + 'EX03=10.10.0.13'
        Title = 'a Transport relay on 2525 capturing three Mailbox servers: three findings, one command'
        Expected = @(
            $notAnalysed
            Get-Capture $win "$win\Internal Relay $win" 'Error' 'EX02' '10.10.0.12' 2525 'delivers' "Set-ReceiveConnector -Identity '$win\Internal Relay $win' -RemoteIPRanges '10.10.0.0-10.10.0.10','10.10.0.14-10.10.0.255'"
            Get-Capture $win "$win\Internal Relay $win" 'Error' 'EX03' '10.10.0.13' 2525 'likelyDelivers' "Set-ReceiveConnector -Identity '$win\Internal Relay $win' -RemoteIPRanges '10.10.0.0-10.10.0.10','10.10.0.14-10.10.0.255'"
            Get-Capture $win "$win\Internal Relay $win" 'Error' $win '10.10.0.11' 2525 'delivers' "Set-ReceiveConnector -Identity '$win\Internal Relay $win' -RemoteIPRanges '10.10.0.0-10.10.0.10','10.10.0.14-10.10.0.255'"
            (Get-Note 'ECD0704' $win "$win\Internal Relay $win")) }
    @{ Name = 'two-family-coverage-gap'; Export = 'two-family-coverage-gap'; Servers = $strings
        Title = 'Default Frontend lost both full ranges: two gaps, one command that adds both'
        Expected = @(
            @{ RuleId = 'ECD0601'; Severity = 'Warning'; Server = $win; Connector = $defaultFrontend
                Command = "Set-ReceiveConnector -Identity '$defaultFrontend' -RemoteIPRanges '10.0.0.0/8','fd00::/8','0.0.0.0-255.255.255.255','::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'" }
            @{ RuleId = 'ECD0601'; Severity = 'Warning'; Server = $win; Connector = $defaultFrontend
                Command = "Set-ReceiveConnector -Identity '$defaultFrontend' -RemoteIPRanges '10.0.0.0/8','fd00::/8','0.0.0.0-255.255.255.255','::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'" }) }
    @{ Name = 'server-without-address'; Export = 'second-server'; Servers = @("$win=10.10.0.11,fd00::11", @{ Name = 'EX02' })
        Title = 'a server without address: the capture check could not run for it, a Warning (so -Quiet is $false)'
        Expected = @(@{ RuleId = 'ECD0002'; Severity = 'Warning'; Server = 'EX02'; Connector = ''; Command = '' }) }
)
# No scenario gives certificates or transport services, so each says once, at Information, that the internal
# transport certificate was not checked (ECD1003): a check that could not run is never a silent pass.
$certificateNotChecked = @{ RuleId = 'ECD1003'; Severity = 'Information'; Server = ''; Connector = ''; Command = '' }
foreach ($case in $cases) {
    $case.Expected = @($case.Expected) + $certificateNotChecked
    $case
}
