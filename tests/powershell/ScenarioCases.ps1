# The scenarios of Scenarios.Tests.ps1 and what each must give (used in its discovery and run phases).
# Name: the scenario (and its golden file tests/golden/scenarios/<Name>.json); Export: the export of Scenarios.ps1;
# Versioned: servers given as hashtables with Version 15.2 instead of 'NAME=ADDR,ADDR' strings (unknown version).
# Expected: every finding, with the sender (ECD0101) and the exact RemediationCommand.
$relay = 'WIN-CTD3L0RGEN4\Relay WIN-CTD3L0RGEN4'
$setRelay = "Set-ReceiveConnector -Identity '$relay' -RemoteIPRanges "
@(
    @{ Name = 'second-server'; Export = 'second-server'; Versioned = $false; Title = 'two healthy servers: no findings'
        Expected = @() }
    @{ Name = 'relay-single-address'; Export = 'relay-single-address'; Versioned = $false; Title = 'relay listing EX02 as a single address: Error for EX02'
        Expected = @(@{ RuleId = 'ECD0101'; Severity = 'Error'; Connector = $relay; Sender = 'EX02'; Address = '10.10.0.12'; Range = '10.10.0.12'
                Command = $setRelay + "'192.168.5.20'" }) }
    @{ Name = 'relay-range'; Export = 'relay-range'; Versioned = $false; Title = 'relay range 10.10.0.1-10.10.0.30: Errors for both servers'
        Expected = @(
            @{ RuleId = 'ECD0101'; Severity = 'Error'; Connector = $relay; Sender = 'EX02'; Address = '10.10.0.12'; Range = '10.10.0.1-10.10.0.30'
                Command = $setRelay + "'10.10.0.1-10.10.0.10','10.10.0.13-10.10.0.30'" }
            @{ RuleId = 'ECD0101'; Severity = 'Error'; Connector = $relay; Sender = 'WIN-CTD3L0RGEN4'; Address = '10.10.0.11'; Range = '10.10.0.1-10.10.0.30'
                Command = $setRelay + "'10.10.0.1-10.10.0.10','10.10.0.13-10.10.0.30'" }) }
    @{ Name = 'relay-cidr'; Export = 'relay-cidr'; Versioned = $false; Title = 'relay subnet 10.10.0.0/24: Errors for both servers, the subnet split around them'
        Expected = @(
            @{ RuleId = 'ECD0101'; Severity = 'Error'; Connector = $relay; Sender = 'EX02'; Address = '10.10.0.12'; Range = '10.10.0.0/24'
                Command = $setRelay + "'10.10.0.0-10.10.0.10','10.10.0.13-10.10.0.255'" }
            @{ RuleId = 'ECD0101'; Severity = 'Error'; Connector = $relay; Sender = 'WIN-CTD3L0RGEN4'; Address = '10.10.0.11'; Range = '10.10.0.0/24'
                Command = $setRelay + "'10.10.0.0-10.10.0.10','10.10.0.13-10.10.0.255'" }) }
    @{ Name = 'relay-ipv6'; Export = 'relay-ipv6'; Versioned = $false; Title = 'relay on [::]:25 with fd00::/64: Errors for both servers'' IPv6 addresses'
        Expected = @(
            @{ RuleId = 'ECD0101'; Severity = 'Error'; Connector = $relay; Sender = 'EX02'; Address = 'fd00::12'; Range = 'fd00::/64'
                Command = $setRelay + "'fd00::-fd00::10','fd00::13-fd00::ffff:ffff:ffff:ffff'" }
            @{ RuleId = 'ECD0101'; Severity = 'Error'; Connector = $relay; Sender = 'WIN-CTD3L0RGEN4'; Address = 'fd00::11'; Range = 'fd00::/64'
                Command = $setRelay + "'fd00::-fd00::10','fd00::13-fd00::ffff:ffff:ffff:ffff'" }) }
    @{ Name = 'relay-disabled'; Export = 'relay-disabled'; Versioned = $false; Title = 'the same relay disabled: no findings'
        Expected = @() }
    @{ Name = 'relay-exchange-auth'; Export = 'relay-exchange-auth'; Versioned = $false; Title = 'the relay offering ExchangeServer to ExchangeServers: no capture, but its per-source limits (ECD0901 Warning)'
        Expected = @(@{ RuleId = 'ECD0901'; Severity = 'Warning'; Connector = $relay
                Command = "Set-ReceiveConnector -Identity '$relay' -MaxInboundConnectionPerSource 'Unlimited' -MaxInboundConnectionPercentagePerSource '100'" }) }
    @{ Name = 'relay-no-exchange-address'; Export = 'relay-no-exchange-address'; Versioned = $false; Title = 'a relay holding no Exchange address: no findings'
        Expected = @() }
    @{ Name = 'default-frontend-no-exchangeserver'; Export = 'default-frontend-no-exchangeserver'; Versioned = $false; Title = 'ExchangeServer removed from Default Frontend: ECD0102 Error'
        Expected = @(@{ RuleId = 'ECD0102'; Severity = 'Error'; Connector = 'WIN-CTD3L0RGEN4\Default Frontend WIN-CTD3L0RGEN4'
                Command = "Set-ReceiveConnector -Identity 'WIN-CTD3L0RGEN4\Default Frontend WIN-CTD3L0RGEN4' -AuthMechanism 'Tls','Integrated','BasicAuth','BasicAuthRequireTLS','ExchangeServer'" }) }
    @{ Name = 'default-no-exchangeservers'; Export = 'default-no-exchangeservers'; Versioned = $false; Title = 'ExchangeServers removed from Default: ECD0102 Error'
        Expected = @(@{ RuleId = 'ECD0102'; Severity = 'Error'; Connector = 'WIN-CTD3L0RGEN4\Default WIN-CTD3L0RGEN4'
                Command = "Set-ReceiveConnector -Identity 'WIN-CTD3L0RGEN4\Default WIN-CTD3L0RGEN4' -PermissionGroups 'ExchangeUsers','ExchangeServers','ExchangeLegacyServers'" }) }
    @{ Name = 'relay-range-version-15-2'; Export = 'relay-range'; Versioned = $true; Title = 'relay range with both servers on 15.2 (deliver on 2525): Warnings'
        Expected = @(
            @{ RuleId = 'ECD0101'; Severity = 'Warning'; Connector = $relay; Sender = 'EX02'; Address = '10.10.0.12'; Range = '10.10.0.1-10.10.0.30'
                Command = $setRelay + "'10.10.0.1-10.10.0.10','10.10.0.13-10.10.0.30'" }
            @{ RuleId = 'ECD0101'; Severity = 'Warning'; Connector = $relay; Sender = 'WIN-CTD3L0RGEN4'; Address = '10.10.0.11'; Range = '10.10.0.1-10.10.0.30'
                Command = $setRelay + "'10.10.0.1-10.10.0.10','10.10.0.13-10.10.0.30'" }) }
)
