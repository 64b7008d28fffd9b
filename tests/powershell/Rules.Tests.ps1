# The rule catalogue through the module: Get-ReceiveConnectorRule lists every rule with its page; the real healthy
# exports stay clean when every server's address is given; every failing fixture's RemediationCommand, applied by
# the stand-in Exchange of TestHelpers.psm1 (which changes the fixture's connectors and refuses what Exchange
# refuses), makes its finding disappear; and all the commands of one fixture, run in order, compose.
BeforeDiscovery {
    $fixtureRoot = Join-Path $PSScriptRoot '../fixtures/rules'
    $script:cases = @(Get-ChildItem -Path $fixtureRoot -Directory | Sort-Object Name | ForEach-Object { @{ Id = $_.Name } })
}

BeforeAll {
    $script:root = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).ProviderPath
    $modulePath = Join-Path $root 'out/ExchangeConnectorDoctor'
    if ($env:ECD_TEST_MODULE_PATH) { $modulePath = $env:ECD_TEST_MODULE_PATH }
    Import-Module $modulePath -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force  # New-StandIn, Test-FixComposition
    $script:fixtureRoot = Join-Path $root 'tests/fixtures/rules'
    $script:realRoot = Join-Path $root '../shared/fixtures/real'

    function script:Read-Fixture {
        param([string] $Id, [string] $Kind)
        Get-Content -Raw -Path (Join-Path $fixtureRoot "$Id/$Kind.json") | ConvertFrom-Json
    }

    function script:Invoke-Fixture {
        # The fixture's connectors through the module, with its servers, certificates and asOf.
        param($Request, [object[]] $Connectors)
        $arguments = @{ ExchangeServer = @($Request.servers); AsOf = [datetime]$Request.asOf }
        if ($Request.PSObject.Properties['certificates']) { $arguments.Certificate = @($Request.certificates) }
        if ($Request.PSObject.Properties['queues'] -and (Get-Command -Name Test-ReceiveConnector).Parameters.ContainsKey('Queue')) { $arguments.Queue = @($Request.queues) }
        @($Connectors | Test-ReceiveConnector @arguments -ErrorAction SilentlyContinue)
    }

}

Describe 'Get-ReceiveConnectorRule' {
    BeforeAll {
        $script:rules = @(Get-ReceiveConnectorRule)
    }

    It 'lists every rule that has fixtures, in id order' {
        @($rules | ForEach-Object { $_.Id }) | Should -Be @(Get-ChildItem -Path $fixtureRoot -Directory | Sort-Object Name | ForEach-Object { $_.Name })
    }

    It 'gives every rule a kebab name, a severity, a symptom and a doc page that exists' {
        foreach ($r in $rules) {
            $r.Name | Should -Match '^[a-z0-9]+(-[a-z0-9]+)*$'
            $r.Severity | Should -BeIn 'Information', 'Warning', 'Error'
            $r.Symptom | Should -Not -BeNullOrEmpty
            $r.DocPage | Should -Be "docs/rules/$($r.Id).md"
            Join-Path $root $r.DocPage | Should -Exist
        }
    }

    It 'tab-completes rule ids and names for -Rule' {
        $completion = TabExpansion2 -inputScript 'Test-ReceiveConnector -Rule ECD02' -cursorColumn 33
        @($completion.CompletionMatches | ForEach-Object { $_.CompletionText }) | Should -Contain 'ECD0201'
        $completion = TabExpansion2 -inputScript 'Test-ReceiveConnector -ExcludeRule coverage' -cursorColumn 43
        @($completion.CompletionMatches | ForEach-Object { $_.CompletionText }) | Should -Contain 'coverage-gap'
    }
}

Describe 'The real healthy Exchange 2019 export' {
    BeforeAll {
        # The real connectors of WIN-CTD3L0RGEN4, and the real Get-ExchangeServer exports of an Exchange 2019 and an
        # Exchange 2016 server (other labs: their connectors are not in the export), every server with an address.
        $script:realConnectors = @(Import-Clixml -Path (Join-Path $realRoot 'exchange2019-lab-GetReceiveConnector.clixml.xml'))
        $script:realServers = @(Import-Clixml -Path (Join-Path $realRoot 'exchange2019-GetExchangeServer.clixml.xml')) +
            @(Import-Clixml -Path (Join-Path $realRoot 'exchange2016-GetExchangeServer.clixml.xml')) +
            @('WIN-CTD3L0RGEN4=10.10.0.11,fd00::11', 'SOLO-E19A=10.10.0.21', 'SOLO-E16A=10.10.0.22')
    }

    It 'yields no Error and no Warning from any rule when every server''s address is given' {
        $findings = @($realConnectors | Test-ReceiveConnector -ExchangeServer $realServers)
        @($findings | Where-Object { $_.Severity -in 'Error', 'Warning' } | ForEach-Object { "$($_.RuleId): $($_.Message)" }) | Should -BeNullOrEmpty
        # The two servers whose connectors are not in the export are said, not silently skipped.
        @($findings | ForEach-Object { $_.RuleId }) | Should -Be @('ECD0003')
        @($findings[0].Evidence.serversWithoutConnectors) | Should -Be @('Solo-E16A', 'Solo-E19A')
    }

    It 'yields no Error and no Warning with the real Get-ExchangeCertificate export either (those are another server''s)' {
        $certificates = @(Import-Clixml -Path (Join-Path $realRoot 'exchange2019-GetExchangeCertificate.clixml.xml'))
        $findings = @($realConnectors | Test-ReceiveConnector -ExchangeServer $realServers -Certificate $certificates)
        @($findings | Where-Object { $_.Severity -in 'Error', 'Warning' } | ForEach-Object { "$($_.RuleId): $($_.Message)" }) | Should -BeNullOrEmpty
    }

    It 'gives a Warning, not a pass, when no address is given (the capture check could not run)' {
        $findings = @($realConnectors | Test-ReceiveConnector)
        @($findings | ForEach-Object { '{0}/{1}' -f $_.RuleId, $_.Severity }) | Should -Be @('ECD0002/Warning')
    }
}

Describe 'Certificates from Import-Clixml' {
    It 'reads subject, issuer, expiry (as UTC) and the server from PSComputerName' {
        $certificates = @(Import-Clixml -Path (Join-Path $realRoot 'exchange2019-GetExchangeCertificate.clixml.xml'))
        $request = Read-Fixture -Id 'ECD1002' -Kind 'pass'
        $connector = @($request.connectors | Where-Object { $_.Name -eq 'Default Frontend EX01' })[0]
        $connector = $connector | Select-Object -Property * -ExcludeProperty Identity, Name, Server
        $connector | Add-Member -NotePropertyName Identity -NotePropertyValue 'SOLO-E19A\Default Frontend SOLO-E19A'
        $connector.TlsCertificateName = '<I>CN=Solo-E19A<S>CN=Solo-E19A'
        $findings = @($connector | Test-ReceiveConnector -Certificate $certificates -AsOf ([datetime]'2024-11-20T00:00:00Z') -Rule ECD1001, ECD1002)
        $findings | Should -HaveCount 1
        $findings[0].RuleId | Should -Be 'ECD1002'
        $findings[0].Severity | Should -Be 'Warning'
        $findings[0].Evidence.thumbprint | Should -Be '6C7DE09FB39A40144F57EFEBC3DF0148E3A9AB28'
        $findings[0].Evidence.daysLeft | Should -Be 13
        ([datetime]$findings[0].Evidence.notAfter).ToUniversalTime() | Should -Be ([datetime]'2024-12-03T22:45:58Z').ToUniversalTime()
    }
}

Describe 'Remediation of <Id>' -ForEach $cases {
    It 'the failing fixture yields <Id>, and each of its RemediationCommands makes its finding disappear' {
        $request = Read-Fixture -Id $Id -Kind 'fail'
        $connectors = New-Object -TypeName System.Collections.Generic.List[object]
        foreach ($c in @($request.connectors)) { $connectors.Add($c) }
        $calls = New-Object -TypeName System.Collections.Generic.List[object]
        $standIn = New-StandIn -Connectors $connectors -Calls $calls -Servers @($request.servers)
        Set-Item -Path Function:Set-ReceiveConnector -Value $standIn.Set
        Set-Item -Path Function:New-ReceiveConnector -Value $standIn.New

        $before = @(Invoke-Fixture -Request $request -Connectors $connectors.ToArray() | Where-Object { $_.RuleId -eq $Id })
        $before.Count | Should -BeGreaterThan 0
        $fixable = @($before | Where-Object { $_.RemediationCommand -match '^(Set|New)-ReceiveConnector ' })
        foreach ($f in $before) {
            if ($fixable -contains $f) { continue }
            # Not fixable by one command: the finding says why and what to do instead.
            $f.Remediation | Should -Not -BeNullOrEmpty
            $f.RemediationCommand | Should -Match '^(Get-ADPermission -Identity .*)?$'
        }
        foreach ($f in $fixable) { & ([scriptblock]::Create($f.RemediationCommand)) }
        $calls.Count | Should -Be $fixable.Count

        # What the command fixes is gone; a fix may leave a note behind (Information), never an Error or a Warning.
        $after = @(Invoke-Fixture -Request $request -Connectors $connectors.ToArray() | Where-Object { $_.RuleId -eq $Id -and $_.Severity -ne 'Information' })
        foreach ($f in @($fixable | Where-Object { $_.Severity -ne 'Information' })) {
            @($after | Where-Object { $_.Server -eq $f.Server -and $_.Connector -eq $f.Connector } | ForEach-Object { $_.Message }) | Should -BeNullOrEmpty -Because $f.RemediationCommand
        }
    }

    It 'every command of the failing fixture, run once and in order, fixes what it claims and breaks nothing' {
        $request = Read-Fixture -Id $Id -Kind 'fail'
        $list = New-Object -TypeName System.Collections.Generic.List[object]
        foreach ($c in @($request.connectors)) { $list.Add($c) }
        $problems = Test-FixComposition -Connectors $list -Servers @($request.servers) -Analyze {
            param($c) Invoke-Fixture -Request $request -Connectors $c
        }
        $problems -join "`n" | Should -BeNullOrEmpty
    }

    It 'the passing fixture yields no <Id> finding' {
        $request = Read-Fixture -Id $Id -Kind 'pass'
        @(Invoke-Fixture -Request $request -Connectors @($request.connectors) | Where-Object { $_.RuleId -eq $Id } | ForEach-Object { $_.Message }) | Should -BeNullOrEmpty
    }
}
