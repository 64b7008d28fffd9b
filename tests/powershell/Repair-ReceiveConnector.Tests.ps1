# Repair-ReceiveConnector through the real module and engine, against stand-in Set-ReceiveConnector and
# Get-ReceiveConnector functions (TestHelpers.psm1 New-StandIn) that record the splatted parameters, apply them as
# Exchange does and serve the changed connectors: on the embedded example and on every scenario export; -WhatIf in a
# real child PowerShell process; a fix the engine says would add an Error; a hostile connector name.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EcdModulePath) -Force
    $script:scenarios = @(& (Join-Path $PSScriptRoot 'ScenarioCases.ps1') | Where-Object { @($_.Expected | Where-Object { $_.Command }).Count -gt 0 })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EcdModulePath) -Force
    $script:root = Get-EcdProjectRoot
    $script:servers = @(Import-Clixml -Path (Join-Path $root 'examples/contoso-GetExchangeServer.clixml.xml')) + @('EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5', 'EDGE01=10.0.0.20')
    $script:example = @(Import-Clixml -Path (Join-Path $root 'examples/contoso-GetReceiveConnector.clixml.xml'))
    # The scenario exports of Scenarios.ps1, written once.
    $script:scenarioDirectory = Join-Path $TestDrive 'scenarios'
    [void](& (Join-Path $PSScriptRoot 'Scenarios.ps1') -OutputDirectory $scenarioDirectory)

    function script:Install-StandIn {
        # Stand-in Set-ReceiveConnector and Get-ReceiveConnector in the global scope, where the module finds them as
        # it finds the Exchange Management Shell's proxy functions; they hold copies of $Connector.
        param([object[]] $Connector, [object[]] $Servers = @())
        $list = New-Object -TypeName System.Collections.Generic.List[object]
        foreach ($c in $Connector) { $list.Add((Copy-ConnectorObject -Connector $c)) }
        $calls = New-Object -TypeName System.Collections.Generic.List[object]
        $standIn = New-StandIn -Connectors $list -Calls $calls -Servers $Servers
        Set-Item -Path Function:global:Set-ReceiveConnector -Value $standIn.Set
        Set-Item -Path Function:global:Get-ReceiveConnector -Value $standIn.Get
        [pscustomobject]@{ Connectors = $list; Calls = $calls }
    }
    function script:Remove-StandIn {
        # (Remove-Item does not take the global: qualifier on the Function: drive; the global functions are found as
        # the ones visible here.)
        foreach ($name in 'Set-ReceiveConnector', 'Get-ReceiveConnector') {
            while (Test-Path -LiteralPath "Function:\$name") { Remove-Item -LiteralPath "Function:\$name" }
        }
    }
    function script:Get-SetCall {
        param($StandIn)
        @($StandIn.Calls | Where-Object { $_.Command -eq 'Set-ReceiveConnector' })
    }
}

Describe 'Repair-ReceiveConnector on the embedded example' {
    AfterEach { Remove-StandIn }

    It 'makes one Set-ReceiveConnector call for the relay, splatted from the fix, and the captures are gone' {
        $standIn = Install-StandIn -Connector $example
        $findings = @($example | Test-ReceiveConnector -ExchangeServer $servers)
        $fix = @($findings | Where-Object { $_.Connector -eq 'EX01\Relay EX01' -and $_.Fix })[0].Fix
        $results = @($findings | Repair-ReceiveConnector -ExchangeServer $servers -Confirm:$false)
        $calls = Get-SetCall $standIn
        $calls | Should -HaveCount 1
        $calls[0].Arguments['Identity'] | Should -BeExactly 'EX01\Relay EX01'
        $calls[0].Arguments['RemoteIPRanges'] | Should -BeOfType [string]
        @($calls[0].Arguments['RemoteIPRanges']) | Should -Be @($fix.Parameters['RemoteIPRanges'])
        $common = [System.Management.Automation.Internal.CommonParameters].GetProperties().Name
        @($calls[0].Arguments.Keys | Where-Object { $_ -notin $common } | Sort-Object) | Should -Be @($fix.Parameters.Keys | Sort-Object)
        # Get-ReceiveConnector was asked for the connectors first and for the relay again after the change.
        @($standIn.Calls | Where-Object { $_.Command -eq 'Get-ReceiveConnector' -and $_.Arguments['Identity'] -eq 'EX01\Relay EX01' }) | Should -HaveCount 1

        $relay = @($results | Where-Object { $_.Connector -eq 'EX01\Relay EX01' })
        $relay | Should -HaveCount 1
        $relay[0].PSObject.TypeNames[0] | Should -Be 'ExchangeConnectorDoctor.RepairResult'
        $relay[0].Changed | Should -BeTrue
        @($relay[0].Before['RemoteIPRanges']) | Should -Be '10.0.0.1-10.0.0.30'
        @($relay[0].After['RemoteIPRanges']) | Should -Be @($fix.Parameters['RemoteIPRanges'])
        $captures = @($findings | Where-Object { $_.Connector -eq 'EX01\Relay EX01' -and $_.RuleId -eq 'ECD0101' })
        $captures.Count | Should -BeGreaterThan 2
        @($relay[0].FindingsFixed | Where-Object { $_.RuleId -eq 'ECD0101' }) | Should -HaveCount $captures.Count
        @($relay[0].FindingsRemaining | Where-Object { $_.Fix }) | Should -BeNullOrEmpty
        # One result per connector with findings; those without a fix are reported, not applied.
        @($results | ForEach-Object { $_.Connector } | Sort-Object -Unique) | Should -HaveCount $results.Count
        foreach ($r in @($results | Where-Object { -not $_.Changed })) { $r.Reason | Should -Match '^Not applied' }
        # Analysed again: no Error or Warning with a fix is left.
        @($standIn.Connectors | Test-ReceiveConnector -ExchangeServer $servers | Where-Object { $_.Fix -and $_.Severity -ne 'Information' }) | Should -BeNullOrEmpty
    }

    It 'refuses to run without the connectors to check against, when the session has no Get-ReceiveConnector' {
        Get-Command -Name Get-ReceiveConnector -ErrorAction Ignore | Should -BeNullOrEmpty
        $findings = @($example | Test-ReceiveConnector -ExchangeServer $servers)
        { $findings | Repair-ReceiveConnector -ExchangeServer $servers -Confirm:$false -ErrorAction Stop } | Should -Throw '*-Connector*'
    }

    It '-WhatIf calls nothing and says, per connector, the command and old -> new (in a real child PowerShell)' {
        $script = @"
Import-Module '$(Join-Path $PSScriptRoot 'TestHelpers.psm1')'
Import-Module '$(Get-EcdModulePath)'
`$calls = New-Object System.Collections.Generic.List[object]
`$list = New-Object System.Collections.Generic.List[object]
`$servers = @(Import-Clixml '$root/examples/contoso-GetExchangeServer.clixml.xml') + @('EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5', 'EDGE01=10.0.0.20')
foreach (`$c in Import-Clixml '$root/examples/contoso-GetReceiveConnector.clixml.xml') { `$list.Add((Copy-ConnectorObject -Connector `$c)) }
`$standIn = New-StandIn -Connectors `$list -Calls `$calls
Set-Item Function:global:Set-ReceiveConnector -Value `$standIn.Set
Set-Item Function:global:Get-ReceiveConnector -Value `$standIn.Get
`$r = @(`$list | Test-ReceiveConnector -ExchangeServer `$servers | Repair-ReceiveConnector -ExchangeServer `$servers -WhatIf)
'SETCALLS=' + @(`$calls | Where-Object { `$_.Command -eq 'Set-ReceiveConnector' }).Count
'CHANGED=' + @(`$r | Where-Object { `$_.Changed }).Count
"@
        $path = Join-Path $TestDrive 'whatif.ps1'
        Set-Content -Path $path -Value $script -Encoding UTF8
        $output = (& (Get-EcdPwshPath) -NoProfile -NonInteractive -File $path 2>&1 | Out-String)
        $output | Should -Match 'SETCALLS=0'
        $output | Should -Match 'CHANGED=0'
        $output | Should -Match 'What if: .*EX01\\Relay EX01'
        $output | Should -Match 'RemoteIPRanges: 10\.0\.0\.1-10\.0\.0\.30 -> 10\.0\.0\.1-10\.0\.0\.4'
    }
}

Describe 'Repair-ReceiveConnector refuses a fix that would add an Error' {
    AfterEach { Remove-StandIn }

    BeforeAll {
        # Default Frontend EX01 disabled: taking the Exchange servers' addresses off the relay would leave them on
        # EX01's port 25 with no connector at all. Only the relay's findings are piped.
        $script:broken = @(foreach ($c in $example) {
                if ([string]$c.Identity -eq 'EX01\Default Frontend EX01') { Copy-ConnectorObject -Connector $c -Set @{ Enabled = $false } } else { $c }
            })
        $script:relayFindings = @($broken | Test-ReceiveConnector -ExchangeServer $servers | Where-Object { $_.Connector -eq 'EX01\Relay EX01' })
    }

    It 'without -Force: no call, an error listing the new findings, and the result says Refused' {
        $standIn = Install-StandIn -Connector $broken
        $results = @($relayFindings | Repair-ReceiveConnector -ExchangeServer $servers -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue)
        Get-SetCall $standIn | Should -BeNullOrEmpty
        $results | Should -HaveCount 1
        $results[0].Changed | Should -BeFalse
        $results[0].Reason | Should -Match '^Refused: .*\[Error\]'
        @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'ECD.Repair.WouldAddProblems*' }) | Should -HaveCount 1
    }

    It 'with -Force it is applied' {
        $standIn = Install-StandIn -Connector $broken
        $results = @($relayFindings | Repair-ReceiveConnector -ExchangeServer $servers -Force)
        Get-SetCall $standIn | Should -HaveCount 1
        $results[0].Changed | Should -BeTrue
    }
}

Describe 'Repair-ReceiveConnector with a hostile connector name' {
    AfterEach { Remove-StandIn }

    It 'hands the name to Set-ReceiveConnector unchanged, as a parameter value' {
        $name = "Relay 'EX01'; `$(Remove-Item -Recurse /) `"`$env:PATH`" ‘quoted’ ``n"
        $connectors = @(foreach ($c in $example) {
                if ([string]$c.Identity -eq 'EX01\Relay EX01') { Copy-ConnectorObject -Connector $c -Set @{ Identity = "EX01\$name"; Name = $name } } else { $c }
            })
        $standIn = Install-StandIn -Connector $connectors
        $results = @($connectors | Test-ReceiveConnector -ExchangeServer $servers | Repair-ReceiveConnector -ExchangeServer $servers -Confirm:$false)
        $calls = Get-SetCall $standIn
        $calls | Should -HaveCount 1
        $calls[0].Arguments['Identity'] | Should -BeExactly "EX01\$name"
        @($results | Where-Object { $_.Connector -ceq "EX01\$name" -and $_.Changed }) | Should -HaveCount 1
    }
}

Describe 'Repair-ReceiveConnector on scenario <Name>' -ForEach $scenarios {
    AfterEach { Remove-StandIn }

    BeforeAll {
        $script:connectors = @(Import-Clixml -Path (Join-Path $scenarioDirectory "$Export.clixml.xml"))
    }

    It 'fixes every finding that has a fix, with one call per connector' {
        $standIn = Install-StandIn -Connector $connectors -Servers $Servers
        $findings = @($connectors | Test-ReceiveConnector -ExchangeServer $Servers -ErrorAction SilentlyContinue)
        $withFix = @($findings | Where-Object { $_.Fix -and $_.Fix.Cmdlet -eq 'Set-ReceiveConnector' })
        $withFix.Count | Should -BeGreaterThan 0
        $results = @($findings | Repair-ReceiveConnector -ExchangeServer $Servers -Confirm:$false -ErrorAction SilentlyContinue)
        $calls = Get-SetCall $standIn
        $expected = @($withFix | ForEach-Object { [string]$_.Connector } | Sort-Object -Unique)
        @($calls | ForEach-Object { [string]$_.Arguments['Identity'] } | Sort-Object) | Should -Be $expected
        foreach ($r in @($results | Where-Object { $_.Connector -in $expected })) {
            $r.Changed | Should -BeTrue -Because "$($r.Connector): $($r.Reason)"
            @($r.FindingsRemaining | Where-Object { $_.Fix }) | Should -BeNullOrEmpty -Because $r.Connector
        }
        @($standIn.Connectors | Test-ReceiveConnector -ExchangeServer $Servers -ErrorAction SilentlyContinue | Where-Object { $_.Fix -and $_.Severity -ne 'Information' }) | Should -BeNullOrEmpty
    }
}
