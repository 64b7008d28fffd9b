# Scenario exports derived from the REAL export (Scenarios.ps1): WIN-CTD3L0RGEN4 (10.10.0.11, fd00::11) and a cloned
# EX02 (10.10.0.12, fd00::12), with relay connectors, changed default connectors, and further servers made from the
# real default connectors: an Edge server, an Exchange 2010 hub exported without TransportRole, an Exchange 2013
# Mailbox-only server, a server whose version cannot be told. Each scenario's findings are compared with
# tests/golden/scenarios/<scenario>.json (ECD_UPDATE_GOLDEN=1 rewrites them) and their key facts are asserted here
# directly (ScenarioCases.ps1). Every scenario's commands, run in order against a stand-in Exchange, must fix what
# they claim and break nothing; and every capture fix on the relay keeps every other address on it.
BeforeDiscovery {
    $script:scenarios = @(& (Join-Path $PSScriptRoot 'ScenarioCases.ps1'))
    # The scenarios whose relay on WIN-CTD3L0RGEN4's port 25 captures an Exchange server, for the round trip.
    $script:relayScenarios = @($scenarios | Where-Object {
            @($_.Expected | Where-Object { $_.RuleId -eq 'ECD0101' -and $_.Connector -eq 'WIN-CTD3L0RGEN4\Relay WIN-CTD3L0RGEN4' }).Count -gt 0 })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EcdModulePath) -Force
    $script:scenarios = @(& (Join-Path $PSScriptRoot 'ScenarioCases.ps1'))
    $script:goldenDirectory = Join-Path (Get-EcdProjectRoot) 'tests/golden/scenarios'
    $script:realServer = 'WIN-CTD3L0RGEN4'
    $script:relayIdentity = 'WIN-CTD3L0RGEN4\Relay WIN-CTD3L0RGEN4'
    $script:defaultFrontend = 'WIN-CTD3L0RGEN4\Default Frontend WIN-CTD3L0RGEN4'

    # The exports, written once; each scenario analysed once, on the deserialized objects exactly as Import-Clixml
    # returns them.
    $scenarioDirectory = Join-Path $TestDrive 'scenarios'
    $script:exports = @{}
    foreach ($e in @(& (Join-Path $PSScriptRoot 'Scenarios.ps1') -OutputDirectory $scenarioDirectory)) { $exports[$e.Name] = $e.Path }
    $script:connectors = @{}
    $script:results = @{}
    foreach ($s in $scenarios) {
        if (-not $connectors.ContainsKey($s.Export)) {
            $connectors[$s.Export] = @(Import-Clixml -Path $exports[$s.Export])
        }
        $findings = @($connectors[$s.Export] | Test-ReceiveConnector -ExchangeServer $s.Servers -ErrorVariable errors -ErrorAction SilentlyContinue)
        $results[$s.Name] = [pscustomobject]@{ Findings = $findings; Errors = @($errors); Servers = $s.Servers }
    }
}

Describe 'Scenario exports derived from the real export' {
    It 'Scenarios.ps1 writes every export, each with the ten default connectors of both servers' {
        $exports.Keys.Count | Should -Be 24
        foreach ($name in $exports.Keys) {
            $identities = @($connectors[$name] | ForEach-Object { [string]$_.Identity })
            foreach ($server in 'WIN-CTD3L0RGEN4', 'EX02') {
                foreach ($kind in 'Default', 'Client Proxy', 'Default Frontend', 'Outbound Proxy Frontend', 'Client Frontend') {
                    $identities | Should -Contain "$server\$kind $server" -Because "export $name"
                }
            }
        }
    }

    It 'the relay of the relay exports has the documented recipe (FrontendTransport, Tls, AnonymousUsers + Custom)' {
        $relay = @($connectors['relay-range'] | Where-Object { [string]$_.Identity -eq $relayIdentity })
        $relay | Should -HaveCount 1
        [string]$relay[0].TransportRole | Should -Be 'FrontendTransport'
        [string]$relay[0].AuthMechanism | Should -Be 'Tls'
        [string]$relay[0].PermissionGroups | Should -Be 'AnonymousUsers, Custom'
        @($relay[0].Bindings | ForEach-Object { [string]$_ }) | Should -Be '0.0.0.0:25'
        @($relay[0].RemoteIPRanges | ForEach-Object { [string]$_ }) | Should -Be '10.10.0.1-10.10.0.30'
        $relay[0].Enabled | Should -BeTrue
        $ipv6 = @($connectors['relay-ipv6'] | Where-Object { [string]$_.Identity -eq $relayIdentity })
        @($ipv6[0].Bindings | ForEach-Object { [string]$_ }) | Should -Be '[::]:25'
        $disabled = @($connectors['relay-disabled'] | Where-Object { [string]$_.Identity -eq $relayIdentity })
        $disabled[0].Enabled | Should -BeFalse
    }

    It 'the Exchange 2010 hub''s connectors come without TransportRole, as a 2010 shell exports them' {
        $legacy = @($connectors['legacy-relay'] | Where-Object { [string]$_.Server -eq 'LEGACY01' })
        @($legacy | ForEach-Object { $_.Name } | Sort-Object) | Should -Be @('Client LEGACY01', 'Default LEGACY01', 'Relay LEGACY01')
        foreach ($c in $legacy) { $c.PSObject.Properties['TransportRole'] | Should -BeNullOrEmpty -Because $c.Name }
        $edge = @($connectors['edge-relay'] | Where-Object { [string]$_.Identity -eq 'EDGE01\Default internal receive connector EDGE01' })
        $edge | Should -HaveCount 1
        [string]$edge[0].PermissionGroups | Should -Be 'AnonymousUsers, ExchangeServers, Partners'
    }

    It 'Import-Clixml | Test-ReceiveConnector on the deserialized objects themselves gives the same findings (edge-relay)' {
        $case = @($scenarios | Where-Object { $_.Name -eq 'edge-relay' })[0]
        $direct = @(Import-Clixml -Path $exports['edge-relay'] | Test-ReceiveConnector -ExchangeServer $case.Servers)
        $direct | Should -HaveCount @($case.Expected).Count
        ConvertTo-FindingSnapshot $direct | Should -BeExactly (ConvertTo-FindingSnapshot $results['edge-relay'].Findings)
    }

    It '<Name>: <Title>' -ForEach $scenarios {
        $result = $results[$Name]
        $findings = @($result.Findings)
        $result.Errors | Should -HaveCount 0

        # Key facts, asserted directly: every finding (rule, severity, server, connector, sender), and nothing else.
        $fact = { param($f, [string] $sender) '{0} {1} {2} {3} {4}' -f $f.RuleId, $f.Severity, $f.Server, $f.Connector, $sender }
        (@($findings | ForEach-Object { & $fact $_ $_.Evidence.PSObject.Properties['sender'].Value } | Sort-Object) -join ' | ') |
            Should -BeExactly (@($Expected | ForEach-Object { & $fact $_ $_['Sender'] } | Sort-Object) -join ' | ')
        foreach ($x in $Expected) {
            $match = @($findings | Where-Object {
                    $_.RuleId -eq $x.RuleId -and $_.Connector -eq $x.Connector -and $_.Server -eq $x.Server -and
                    (-not $x.ContainsKey('Sender') -or ($_.Evidence.sender -eq $x.Sender -and $_.Evidence.senderAddress -eq $x.Address)) })
            $match.Count | Should -BeGreaterThan 0 -Because "a $($x.RuleId) finding for $($x.Connector) $($x['Sender'])"
            $f = $match[0]
            $f.RemediationCommand | Should -BeExactly $x.Command
            if ($x.Command) {
                $f.Fix.Cmdlet | Should -Be ($x.Command -split ' ')[0]
                $f.Fix.Parameters['Identity'] | Should -BeExactly $(if ($x.Command -like 'New-*') { $null } else { $x.Connector })
            } else {
                $f.Fix | Should -BeNullOrEmpty
            }
            if ($x.RuleId -eq 'ECD0101') {
                $f.Rule | Should -Be 'exchange-server-captured'
                $f.Evidence.port | Should -Be $x.Port
                $f.Evidence.delivery | Should -Be $x.Delivery
                $f.Evidence.deliversOnThisPort | Should -Be ($x.Delivery -in 'delivers', 'likelyDelivers')
                $f.Evidence.connector | Should -Be $x.Connector
                $f.Message | Should -Match ([regex]::Escape("$($x.Sender) ($($x.Address))"))
                $f.Message | Should -Match '451 5\.7\.3'
                if ($x.Delivery -eq 'undocumentedPort') { $f.Message | Should -Match 'not documented' }
                if ($x.Delivery -eq 'likelyDelivers') { $f.Message | Should -Match 'most likely' }
                # The fix drops the sender's address from the connector's ranges.
                @($f.Evidence.exchangeAddressesInRanges) | Should -Contain $x.Address
            }
        }

        # The golden file.
        $snapshot = ConvertTo-FindingSnapshot $findings
        $golden = Get-GoldenText -Path (Join-Path $goldenDirectory "$Name.json") -Actual $snapshot
        $golden | Should -Not -BeNullOrEmpty -Because "tests/golden/scenarios/$Name.json must exist (run with ECD_UPDATE_GOLDEN=1 to write it)"
        $snapshot | Should -BeExactly $golden
    }

    It 'no command moves a binding of a server whose version and role cannot be told (unknown-version)' {
        @($results['unknown-version'].Findings | Where-Object { $_.Connector -like 'MBX9\*' -and $_.RemediationCommand -match '-Bindings' }) | Should -HaveCount 0
        @($results['unknown-version'].Findings | Where-Object { $_.RuleId -eq 'ECD0203' }) | Should -HaveCount 0
    }

    It '-Quiet is $false when the capture check could not run for a server (server-without-address)' {
        $case = @($scenarios | Where-Object { $_.Name -eq 'server-without-address' })[0]
        $connectors[$case.Export] | Test-ReceiveConnector -ExchangeServer $case.Servers -Quiet | Should -BeFalse
        $connectors[$case.Export] | Test-ReceiveConnector -ExchangeServer 'WIN-CTD3L0RGEN4=10.10.0.11', 'EX02=10.10.0.12' -Quiet | Should -BeTrue
    }
}

Describe 'Fixes compose: every command of one analysis, run in order against a stand-in Exchange, fixes what it claims and breaks nothing' {
    It '<Name>' -ForEach $scenarios {
        $list = New-Object -TypeName System.Collections.Generic.List[object]
        foreach ($c in @($connectors[$Export])) { $list.Add((Copy-ConnectorObject -Connector $c)) }
        $servers = $Servers
        $problems = Test-FixComposition -Connectors $list -Servers $servers -Analyze {
            param($c) @($c | Test-ReceiveConnector -ExchangeServer $servers -ErrorAction SilentlyContinue)
        }
        $problems -join "`n" | Should -BeNullOrEmpty
    }
}

Describe 'Remediation round trip: every ECD0101 RemediationCommand, applied, removes the capture and keeps every other address' {
    It '<Name>: applying each ECD0101 fix leaves no capture, and every address it does not take out still lands on the relay' -ForEach $relayScenarios {
        $result = $results[$Name]
        $captures = @($result.Findings | Where-Object { $_.RuleId -eq 'ECD0101' -and $_.Connector -eq $relayIdentity })
        # The addresses the fix takes out: the captured Exchange servers' (not the relay's own server's where it does
        # not deliver to itself: an application on it may relay through it).
        $exchangeAddresses = @($captures | ForEach-Object { @($_.Evidence.exchangeAddressesInRanges) } | Select-Object -Unique)
        $captures.Count | Should -BeGreaterThan 0
        $original = @($connectors[$Export])
        $originalRelay = @($original | Where-Object { [string]$_.Identity -eq $relayIdentity })
        $originalRelay | Should -HaveCount 1
        $originalRanges = @($originalRelay[0].RemoteIPRanges | ForEach-Object { [string]$_ })

        # Probes: each original range's first and last address, and each Exchange address inside it with its neighbours.
        $probes = New-Object System.Collections.Generic.List[string]
        foreach ($r in $originalRanges) {
            $b = Get-IPRangeBound $r
            $probes.Add((ConvertFrom-IPNumber $b.Family $b.Lower)); $probes.Add((ConvertFrom-IPNumber $b.Family $b.Upper))
        }
        foreach ($a in $exchangeAddresses | Where-Object { Test-IPInRange $_ $originalRanges }) {
            $n = ConvertTo-IPNumber $a
            foreach ($d in -1, 0, 1) { $probes.Add((ConvertFrom-IPNumber $n.Family ($n.Value + $d))) }
        }
        $probes = @($probes | Select-Object -Unique)
        $exchangeKeys = @($exchangeAddresses | ForEach-Object { Get-IPKey $_ })
        $isExchange = @{}
        foreach ($p in $probes) { $isExchange[(Get-IPKey $p)] = $exchangeKeys -contains (Get-IPKey $p) }
        # Only probes the relay admitted before the fix say anything about losing addresses.
        $probes = @($probes | Where-Object { $isExchange[(Get-IPKey $_)] -or (Test-IPInRange $_ $originalRanges) })

        # Before the fix the relay takes every probe, the Exchange addresses included (else the test proves nothing).
        $before = @($original | Resolve-ReceiveConnector -RemoteAddress $probes -Port 25 -Server $realServer)
        $before | Should -HaveCount $probes.Count
        foreach ($r in $before) {
            if (Test-IPInRange $r.RemoteAddress $originalRanges) {
                $r.Connector | Should -Be $relayIdentity -Because "before the fix, $($r.RemoteAddress) lands on the relay"
            } else {
                $r.Connector | Should -Be $defaultFrontend -Because "$($r.RemoteAddress) was never in the relay's ranges"
            }
        }

        foreach ($finding in $captures) {
            $calls = New-Object System.Collections.Generic.List[hashtable]
            function Set-ReceiveConnector {
                param([string] $Identity, [string[]] $RemoteIPRanges, [bool] $Enabled, [string[]] $AuthMechanism, [string[]] $PermissionGroups)
                $recorded = @{}
                foreach ($k in $PSBoundParameters.Keys) { $recorded[$k] = $PSBoundParameters[$k] }
                $calls.Add($recorded)
            }
            & ([scriptblock]::Create($finding.RemediationCommand))
            $calls | Should -HaveCount 1 -Because $finding.RemediationCommand
            $call = $calls[0]
            $call.Identity | Should -Be $finding.Connector

            $fixed = @(foreach ($c in $original) {
                    if ([string]$c.Identity -ne $call.Identity) { $c; continue }
                    $set = @{}
                    if ($call.ContainsKey('RemoteIPRanges')) { $set.RemoteIPRanges = [string[]]$call.RemoteIPRanges }
                    if ($call.ContainsKey('Enabled')) { $set.Enabled = $call.Enabled }
                    if ($call.ContainsKey('AuthMechanism')) { $set.AuthMechanism = $call.AuthMechanism -join ', ' }
                    if ($call.ContainsKey('PermissionGroups')) { $set.PermissionGroups = $call.PermissionGroups -join ', ' }
                    Copy-ConnectorObject -Connector $c -Set $set
                })

            # (a) No capture remains for that connector, and the new ranges are valid input.
            $again = @($fixed | Test-ReceiveConnector -ExchangeServer $result.Servers -ErrorVariable errors -ErrorAction SilentlyContinue)
            $errors | Should -HaveCount 0
            @($again | Where-Object { $_.RuleId -eq 'ECD0001' }) | Should -HaveCount 0
            @($again | Where-Object { $_.RuleId -eq 'ECD0101' -and $_.Connector -eq $finding.Connector }) | Should -HaveCount 0

            # (b) No non-Exchange address was lost; the Exchange addresses go back to the default connector.
            $after = @($fixed | Resolve-ReceiveConnector -RemoteAddress $probes -Port 25 -Server $realServer)
            $after | Should -HaveCount $probes.Count
            foreach ($r in $after) {
                $key = Get-IPKey $r.RemoteAddress
                $isExchange.ContainsKey($key) | Should -BeTrue -Because "$($r.RemoteAddress) is one of the probes"
                if ($isExchange[$key]) {
                    $r.Connector | Should -Be $defaultFrontend -Because "$($r.RemoteAddress) is an Exchange address ($($finding.RemediationCommand))"
                } else {
                    $r.Connector | Should -Be $relayIdentity -Because "$($r.RemoteAddress) was admitted by the relay before the fix ($($finding.RemediationCommand))"
                }
            }
        }
    }
}
