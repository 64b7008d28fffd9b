# Test-ReceiveConnector: the finding objects, -Rule, -ExcludeRule, -MinimumSeverity and -Quiet; bad input (each gives a
# clear non-terminating error, ECD0001, naming where the problem is, and the findings about every other connector are
# still returned); -Queue tying the example queue (LEGACY01 -> EX01, 451 5.7.3) to EX01's relay connector;
# -Certificate from Import-Clixml; every rule fixture's RemediationCommand, applied by the stand-in Exchange of
# TestHelpers.psm1 (which changes the fixture's connectors and refuses what Exchange refuses), makes its finding
# disappear, and all the commands of one fixture, run in order, compose (its help examples: HelpExamples.Tests.ps1).
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EcdModulePath) -Force
    $fixtureRoot = Join-Path $PSScriptRoot '../fixtures/rules'
    $script:cases = @(Get-ChildItem -Path $fixtureRoot -Directory | Sort-Object Name | ForEach-Object { @{ Id = $_.Name } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force  # New-StandIn, Test-FixComposition, New-BrokenOrganisation
    Import-Module (Get-EcdModulePath) -Force
    $script:root = Get-EcdProjectRoot
    $script:example = @(Get-Content -Raw -Path (Join-Path $root 'examples/contoso-GetReceiveConnector.json') | ConvertFrom-Json)
    $script:realPath = Join-Path (Get-EcdSharedRoot) 'fixtures/real/exchange2019-lab-GetReceiveConnector.clixml.xml'
    $script:fixtureRoot = Join-Path $root 'tests/fixtures/rules'
    $script:realRoot = Join-Path (Get-EcdSharedRoot) 'fixtures/real'

    function script:Read-Fixture {
        param([string] $Id, [string] $Kind)
        Get-Content -Raw -Path (Join-Path $fixtureRoot "$Id/$Kind.json") | ConvertFrom-Json
    }

    function script:Invoke-Fixture {
        # The fixture's connectors through the module, with its servers, certificates and asOf.
        param($Request, [object[]] $Connectors)
        Set-EcdTestClock -AsOf ([datetime]$Request.asOf)
        $arguments = @{ ExchangeServer = @($Request.servers) }
        if ($Request.PSObject.Properties['certificates']) { $arguments.Certificate = @($Request.certificates) }
        if ($Request.PSObject.Properties['transportServices']) { $arguments.TransportService = @($Request.transportServices) }
        if ($Request.PSObject.Properties['hybridConfiguration']) { $arguments.HybridConfiguration = $Request.hybridConfiguration }
        if ($Request.PSObject.Properties['loadBalancers']) { $arguments.LoadBalancer = @($Request.loadBalancers) }
        if ($Request.PSObject.Properties['protocolLog']) { $arguments.ProtocolLog = @([pscustomobject]@{ Json = (ConvertTo-Json -InputObject $Request.protocolLog -Depth 12 -Compress) }) }
        if ($Request.PSObject.Properties['queues'] -and (Get-Command -Name Test-ReceiveConnector).Parameters.ContainsKey('Queue')) { $arguments.Queue = @($Request.queues) }
        try { @($Connectors | Test-ReceiveConnector @arguments -ErrorAction SilentlyContinue) } finally { Set-EcdTestClock -AsOf $null }
    }
}

Describe 'Findings, filters and -Quiet' {
    BeforeAll {
        # The example organisation with EX01 on 15.1 (its own capture on 25 is a Warning: it does not deliver there),
        # an Edge server given by Role (an Error: Edge delivers to port 25), LEGACY01 of unknown version (a Warning: it
        # would deliver on 25 only as an Edge or 2010 server), EX02 without addresses (ECD0002 Warning: the capture
        # check could not run), Default EX02 without ExchangeServers (ECD0102), and LEGACY01 and EDGE01 without
        # connectors (ECD0003 Information), the relay's per-source limits of 20 / 2 % (ECD0901 Information), and the
        # internal transport certificate not checked (ECD1003 Information: no -Certificate, no -TransportService).
        $script:org = @(foreach ($c in $example) {
                if ($c.Identity -eq 'EX02\Default EX02') { Copy-ConnectorObject -Connector $c -Set @{ PermissionGroups = 'ExchangeUsers, ExchangeLegacyServers' } } else { $c }
            })
        $script:orgServers = @(@{ Name = 'EX01'; Address = '10.0.0.11'; Version = '15.1' }, 'LEGACY01=10.0.0.5', @{ Name = 'EX02' },
            @{ Name = 'EDGE01'; Address = '10.0.0.20'; Version = '15.1'; Role = 'Edge' })
        $script:all = @($org | Test-ReceiveConnector -ExchangeServer $orgServers)
        function Get-Key([object[]] $Findings) { (@($Findings | ForEach-Object { '{0}/{1}/{2}' -f $_.RuleId, $_.Severity, $_.Evidence.PSObject.Properties['sender'].Value } | Sort-Object) -join ' ') }
    }

    It 'the test organisation gives two Errors, two Warnings and three Information (baseline of the filters)' {
        Get-Key $all | Should -Be 'ECD0002/Warning/ ECD0003/Information/ ECD0101/Error/EDGE01 ECD0101/Warning/LEGACY01 ECD0102/Error/ ECD0901/Information/ ECD1003/Information/'
    }

    It 'findings have the type name ExchangeConnectorDoctor.Finding and every required property' {
        $required = 'RuleId', 'Rule', 'Severity', 'Server', 'Connector', 'Message', 'Symptom', 'Evidence', 'Remediation', 'RemediationCommand'
        foreach ($f in $all) {
            $f.PSObject.TypeNames[0] | Should -Be 'ExchangeConnectorDoctor.Finding'
            foreach ($p in $required) { $f.PSObject.Properties.Name | Should -Contain $p }
            $f.RuleId | Should -Match '^ECD\d{4}$'
            $f.Severity | Should -BeIn 'Information', 'Warning', 'Error'
            $f.Message | Should -Not -BeNullOrEmpty
            $f.Symptom | Should -Not -BeNullOrEmpty
            $f.Remediation | Should -Not -BeNullOrEmpty
        }
        foreach ($f in @($all | Where-Object { $_.RuleId -in 'ECD0101', 'ECD0102' })) { $f.RemediationCommand | Should -Match '^Set-ReceiveConnector -Identity ' }
        $rules = @(Get-ReceiveConnectorRule)
        foreach ($f in $all) {
            $rule = @($rules | Where-Object { $_.Id -eq $f.RuleId })
            $rule | Should -HaveCount 1
            $f.Rule | Should -Be $rule[0].Name
        }
    }

    It '-Rule by id keeps only that rule' {
        Get-Key @($org | Test-ReceiveConnector -ExchangeServer $orgServers -Rule ECD0101) | Should -Be 'ECD0101/Error/EDGE01 ECD0101/Warning/LEGACY01'
    }

    It '-Rule by name keeps only that rule, and ids and names mix' {
        Get-Key @($org | Test-ReceiveConnector -ExchangeServer $orgServers -Rule 'default-connector-exchange-auth') | Should -Be 'ECD0102/Error/'
        Get-Key @($org | Test-ReceiveConnector -ExchangeServer $orgServers -Rule 'ECD0102', 'exchange-addresses-unknown') | Should -Be 'ECD0002/Warning/ ECD0102/Error/'
    }

    It '-ExcludeRule by id and by name drops those rules' {
        Get-Key @($org | Test-ReceiveConnector -ExchangeServer $orgServers -ExcludeRule ECD0101) | Should -Be 'ECD0002/Warning/ ECD0003/Information/ ECD0102/Error/ ECD0901/Information/ ECD1003/Information/'
        Get-Key @($org | Test-ReceiveConnector -ExchangeServer $orgServers -ExcludeRule 'exchange-server-captured', 'default-connector-exchange-auth', 'per-source-throttling', 'internal-transport-certificate') | Should -Be 'ECD0002/Warning/ ECD0003/Information/'
    }

    It 'bad input (ECD0001) is reported even when -Rule or -ExcludeRule leave it out' {
        $broken = @($org) + 'not a connector'
        $f = @($broken | Test-ReceiveConnector -ExchangeServer $orgServers -Rule ECD0102 -ErrorVariable errors -ErrorAction SilentlyContinue)
        Get-Key $f | Should -Be 'ECD0001/Warning/ ECD0102/Error/'
        $f = @($broken | Test-ReceiveConnector -ExchangeServer $orgServers -ExcludeRule ECD0001, ECD0101, ECD0102, ECD0002, ECD0003, ECD0901, ECD1003 -ErrorVariable errors -ErrorAction SilentlyContinue)
        Get-Key $f | Should -Be 'ECD0001/Warning/'
    }

    It '-MinimumSeverity Error drops Warnings and Information; Warning drops Information' {
        Get-Key @($org | Test-ReceiveConnector -ExchangeServer $orgServers -MinimumSeverity Error) | Should -Be 'ECD0101/Error/EDGE01 ECD0102/Error/'
        Get-Key @($org | Test-ReceiveConnector -ExchangeServer $orgServers -MinimumSeverity Warning) | Should -Be 'ECD0002/Warning/ ECD0101/Error/EDGE01 ECD0101/Warning/LEGACY01 ECD0102/Error/'
    }

    It '-Quiet returns $true on the healthy real export when its server''s address is given' {
        $result = @(Import-Clixml -Path $realPath | Test-ReceiveConnector -ExchangeServer 'WIN-CTD3L0RGEN4=10.10.0.11' -Quiet)
        $result | Should -HaveCount 1
        $result[0] | Should -BeOfType [bool]
        $result[0] | Should -BeTrue
    }

    It '-Quiet returns $false on the healthy real export when the capture check could not run (no address: ECD0002)' {
        $result = @(Import-Clixml -Path $realPath | Test-ReceiveConnector -Quiet)
        $result | Should -HaveCount 1
        $result[0] | Should -BeFalse -Because 'a check that could not run never passes'
        $note = @(Import-Clixml -Path $realPath | Test-ReceiveConnector)
        @($note | ForEach-Object { '{0}/{1}/{2}' -f $_.RuleId, $_.Severity, $_.Server }) | Should -Be @('ECD0002/Warning/WIN-CTD3L0RGEN4', 'ECD1003/Information/')
        $note[0].Message | Should -Match 'could not run for WIN-CTD3L0RGEN4'
        $note[0].Message | Should -Match '-ExchangeServer does not name WIN-CTD3L0RGEN4'
    }

    It '-Quiet -MinimumSeverity Information returns $false on the real export while a check could not run' {
        $copies = @(Import-Clixml -Path $realPath | ForEach-Object { Copy-ConnectorObject -Connector $_ })
        $copies | Test-ReceiveConnector -Quiet -MinimumSeverity Information -ExchangeServer @{ Name = 'WIN-CTD3L0RGEN4' } | Should -BeFalse
        # With the address, only the note that the internal transport certificate was not checked is left: a note,
        # so -Quiet at its default (Warning) passes, and at Information it does not.
        $copies | Test-ReceiveConnector -Quiet -MinimumSeverity Information -ExchangeServer 'WIN-CTD3L0RGEN4=10.10.0.11' | Should -BeFalse
        $copies | Test-ReceiveConnector -Quiet -MinimumSeverity Information -ExchangeServer 'WIN-CTD3L0RGEN4=10.10.0.11' -ExcludeRule ECD1003 | Should -BeTrue
    }

    It '-Quiet returns $false on the example organisation' {
        $result = @($example | Test-ReceiveConnector -ExchangeServer 'EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5' -Quiet)
        $result | Should -HaveCount 1
        $result[0] | Should -BeOfType [bool]
        $result[0] | Should -BeFalse
    }

    It 'tab-completes rule ids and names for -Rule' {
        $completion = TabExpansion2 -inputScript 'Test-ReceiveConnector -Rule ECD02' -cursorColumn 33
        @($completion.CompletionMatches | ForEach-Object { $_.CompletionText }) | Should -Contain 'ECD0201'
        $completion = TabExpansion2 -inputScript 'Test-ReceiveConnector -ExcludeRule coverage' -cursorColumn 43
        @($completion.CompletionMatches | ForEach-Object { $_.CompletionText }) | Should -Contain 'coverage-gap'
    }
}

Describe 'Invalid input to Test-ReceiveConnector' {
    BeforeAll {
        # The example organisation, where 'EX01\Relay EX01' captures EDGE01, EX02 and LEGACY01 (three ECD0101 findings;
        # EX01's own address on it is for its applications), and LEGACY01's and EDGE01's own connectors are not given
        # (one ECD0003 Information).
        $script:jsonPath = Join-Path $root 'examples/contoso-GetReceiveConnector.json'
        $script:servers = @('EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5', 'EDGE01=10.0.0.20')
        $script:victim = 'EX02\Client Frontend EX02'

        function Assert-RelayFindingsStillThere {
            param([object[]] $Findings)
            $captures = @($Findings | Where-Object { $_.RuleId -eq 'ECD0101' -and $_.Connector -eq 'EX01\Relay EX01' })
            (@($captures | ForEach-Object { $_.Evidence.sender } | Sort-Object) -join ',') | Should -Be 'EDGE01,EX02,LEGACY01'
        }

        function Assert-InvalidInputError {
            param([object[]] $Errors, [object[]] $Findings, [string] $Pattern)
            $Errors | Should -HaveCount 1
            $e = $Errors[0]
            $e.FullyQualifiedErrorId | Should -Be 'ECD0001.InvalidInput,Test-ReceiveConnector'
            $e.CategoryInfo.Category | Should -Be 'InvalidData'
            $e.Exception.Message | Should -Match $Pattern
            $invalid = @($Findings | Where-Object { $_.RuleId -eq 'ECD0001' })
            $invalid | Should -HaveCount 1
            $invalid[0].Rule | Should -Be 'invalid-input'
            $invalid[0].Severity | Should -Be 'Warning'
            $invalid[0].Message | Should -Be $e.Exception.Message
            $invalid[0]
        }
    }

    It 'the unbroken example gives the three relay captures, the notes on unanalysed servers and on the relay''s limits, and no error (baseline)' {
        $findings = @($example | Test-ReceiveConnector -ExchangeServer $servers -ErrorVariable errors)
        $errors | Should -HaveCount 0
        $findings | Should -HaveCount 6
        @($findings | Where-Object { $_.RuleId -eq 'ECD0003' }) | Should -HaveCount 1
        @($findings | Where-Object { $_.RuleId -eq 'ECD1003' -and $_.Severity -eq 'Information' }) | Should -HaveCount 1
        @($findings | Where-Object { $_.RuleId -eq 'ECD0901' -and $_.Severity -eq 'Information' -and -not $_.RemediationCommand }) | Should -HaveCount 1
        Assert-RelayFindingsStillThere $findings
    }

    It 'a -Path file that is not JSON: the error names the file and a byte offset; the other file''s findings are still returned' {
        $bad = Join-Path $TestDrive 'not-json.json'
        [System.IO.File]::WriteAllText($bad, '[{"Identity": "EX01\\Relay EX01", "Name": ')
        $findings = @(Test-ReceiveConnector -Path $bad, $jsonPath -ExchangeServer $servers -ErrorVariable errors -ErrorAction SilentlyContinue)
        $invalid = Assert-InvalidInputError -Errors $errors -Findings $findings -Pattern 'not valid JSON'
        $errors[0].Exception.Message | Should -Match ([regex]::Escape($bad))
        $errors[0].Exception.Message | Should -Match 'byte \d+'
        $invalid.Evidence.source | Should -Be $bad
        Assert-RelayFindingsStillThere $findings
    }

    It 'a -Path file that does not exist: an ECD.PathNotFound error naming it; the other file''s findings are still returned' {
        $missing = Join-Path $TestDrive 'no-such-file.json'
        $findings = @(Test-ReceiveConnector -Path $missing, $jsonPath -ExchangeServer $servers -ErrorVariable errors -ErrorAction SilentlyContinue)
        $own = @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'ECD.PathNotFound,*' })
        $own | Should -HaveCount 1
        $own[0].Exception.Message | Should -Match ([regex]::Escape($missing))
        $own[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Assert-RelayFindingsStillThere $findings
    }

    It 'a -Path file that does not exist gives exactly one error, reported as Test-ReceiveConnector''s' {
        $missing = Join-Path $TestDrive 'no-such-file.json'
        $null = Test-ReceiveConnector -Path $missing, $jsonPath -ExchangeServer $servers -ErrorVariable errors -ErrorAction SilentlyContinue
        @($errors) | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'ECD.PathNotFound,Test-ReceiveConnector'
    }

    It '10.0.0.300 in one connector''s RemoteIPRanges: the error names the connector, RemoteIPRanges and the text, targets that object, category InvalidData' {
        $org = New-BrokenOrganisation -Connector $example -Identity $victim -Property RemoteIPRanges -Value @('10.0.0.300')
        $findings = @($org.Connectors | Test-ReceiveConnector -ExchangeServer $servers -ErrorVariable errors -ErrorAction SilentlyContinue)
        $invalid = Assert-InvalidInputError -Errors $errors -Findings $findings -Pattern ([regex]::Escape($victim))
        $errors[0].Exception.Message | Should -Match 'RemoteIPRanges'
        $errors[0].Exception.Message | Should -Match ([regex]::Escape('10.0.0.300'))
        [object]::ReferenceEquals($errors[0].TargetObject, $org.Broken) | Should -BeTrue -Because 'the ErrorRecord targets the input object'
        $invalid.Connector | Should -Be $victim
        $invalid.Evidence.field | Should -Be 'RemoteIPRanges'
        $invalid.Evidence.text | Should -Be '10.0.0.300'
        Assert-RelayFindingsStillThere $findings
    }

    It 'a bad range next to good ones on the relay itself: the error is reported and the good range still shows the captures' {
        $org = New-BrokenOrganisation -Connector $example -Identity 'EX01\Relay EX01' -Property RemoteIPRanges -Value @('10.0.0.300', '10.0.0.1-10.0.0.30')
        $findings = @($org.Connectors | Test-ReceiveConnector -ExchangeServer $servers -ErrorVariable errors -ErrorAction SilentlyContinue)
        $invalid = Assert-InvalidInputError -Errors $errors -Findings $findings -Pattern ([regex]::Escape('EX01\Relay EX01'))
        $invalid.Evidence.text | Should -Be '10.0.0.300'
        Assert-RelayFindingsStillThere $findings
    }

    It 'a binding without a port: the error names the connector, Bindings and the binding' {
        $org = New-BrokenOrganisation -Connector $example -Identity $victim -Property Bindings -Value @('0.0.0.0', '[::]:587')
        $findings = @($org.Connectors | Test-ReceiveConnector -ExchangeServer $servers -ErrorVariable errors -ErrorAction SilentlyContinue)
        $invalid = Assert-InvalidInputError -Errors $errors -Findings $findings -Pattern ([regex]::Escape($victim))
        $errors[0].Exception.Message | Should -Match 'Bindings'
        $errors[0].Exception.Message | Should -Match 'no port'
        $errors[0].Exception.Message | Should -Match ([regex]::Escape("'0.0.0.0'"))
        [object]::ReferenceEquals($errors[0].TargetObject, $org.Broken) | Should -BeTrue
        $invalid.Evidence.field | Should -Be 'Bindings'
        Assert-RelayFindingsStillThere $findings
    }

    It 'a connector without Bindings: the error names the connector and Bindings' {
        $org = New-BrokenOrganisation -Connector $example -Identity $victim -Property Bindings -Remove
        $findings = @($org.Connectors | Test-ReceiveConnector -ExchangeServer $servers -ErrorVariable errors -ErrorAction SilentlyContinue)
        $invalid = Assert-InvalidInputError -Errors $errors -Findings $findings -Pattern ([regex]::Escape($victim))
        $errors[0].Exception.Message | Should -Match 'Bindings'
        [object]::ReferenceEquals($errors[0].TargetObject, $org.Broken) | Should -BeTrue
        $invalid.Evidence.field | Should -Be 'Bindings'
        Assert-RelayFindingsStillThere $findings
    }

    It 'an empty pipeline: an error saying that no receive connectors were given' {
        $findings = @(@() | Test-ReceiveConnector -ExchangeServer $servers -ErrorVariable errors -ErrorAction SilentlyContinue)
        $null = Assert-InvalidInputError -Errors $errors -Findings $findings -Pattern 'no receive connectors were given'
        $findings | Should -HaveCount 1
    }

    It 'an object that is not a connector (a Get-Process-like object): an error targeting it; the other findings are still there' {
        $process = [pscustomobject]@{ Name = 'pwsh'; Id = 4242; ProcessName = 'pwsh'; CPU = 1.5; Handles = 300 }
        $findings = @(@($example) + $process | Test-ReceiveConnector -ExchangeServer $servers -ErrorVariable errors -ErrorAction SilentlyContinue)
        $null = Assert-InvalidInputError -Errors $errors -Findings $findings -Pattern 'not a receive connector'
        [object]::ReferenceEquals($errors[0].TargetObject, $process) | Should -BeTrue
        Assert-RelayFindingsStillThere $findings
    }

    It 'a string in the pipeline: an error naming the text; the other findings are still there' {
        $findings = @(@($example) + 'EX01\Relay EX01' | Test-ReceiveConnector -ExchangeServer $servers -ErrorVariable errors -ErrorAction SilentlyContinue)
        $invalid = Assert-InvalidInputError -Errors $errors -Findings $findings -Pattern 'string, not a receive connector'
        $errors[0].TargetObject | Should -Be 'EX01\Relay EX01'
        $invalid.Evidence.text | Should -Be 'EX01\Relay EX01'
        Assert-RelayFindingsStillThere $findings
    }

    It 'with -ErrorAction Stop the bad input stops the command (the error is a real ErrorRecord)' {
        $org = New-BrokenOrganisation -Connector $example -Identity $victim -Property RemoteIPRanges -Value @('10.0.0.300')
        { $org.Connectors | Test-ReceiveConnector -ExchangeServer $servers -ErrorAction Stop } | Should -Throw -ErrorId 'ECD0001.InvalidInput,Test-ReceiveConnector'
    }
}

Describe 'Test-ReceiveConnector -Queue on the example organisation' {
    BeforeAll {
        $script:connectors = @(Import-Clixml -Path (Join-Path $root 'examples/contoso-GetReceiveConnector.clixml.xml'))
        $script:servers = @(Import-Clixml -Path (Join-Path $root 'examples/contoso-GetExchangeServer.clixml.xml')) + @('EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5', 'EDGE01=10.0.0.20')
        $script:queues = @(Import-Clixml -Path (Join-Path $root 'examples/contoso-GetQueue.clixml.xml'))
        $script:queueError = '451 4.4.395 Target host responded with error. -> 451 5.7.3 Cannot achieve Exchange Server authentication'
        function Get-Explaining {
            param([object[]] $Finding)
            @($Finding | Where-Object { $_.Evidence.PSObject.Properties['explainsQueues'] })
        }
        $script:findings = @($connectors | Test-ReceiveConnector -ExchangeServer $servers -Queue $queues)
    }

    It 'ties the queue on LEGACY01 to the ECD0101 capture finding on EX01''s relay connector' {
        $explaining = Get-Explaining -Finding $findings
        $explaining | Should -HaveCount 1
        $explaining[0].RuleId | Should -Be 'ECD0101'
        $explaining[0].Server | Should -Be 'EX01'
        $explaining[0].Connector | Should -Be 'EX01\Relay EX01'
        # Which port Exchange 2010 uses towards 2016 is not documented: a Warning on its own, an Error once the queue
        # confirms it.
        $explaining[0].Severity | Should -Be 'Error'
        $explaining[0].Evidence.delivery | Should -Be 'undocumentedPort'
        $explaining[0].Message | Should -Match ([regex]::Escape('Queue LEGACY01\5 fails with this error, which confirms it.'))
        $explaining[0].Evidence.sender | Should -Be 'LEGACY01'
        @($explaining[0].Evidence.explainsQueues) | Should -Be @('LEGACY01\5')
    }

    It 'says no queue is unexplained (no ECD1101) and ignores the healthy queues' {
        @($findings | Where-Object { $_.RuleId -eq 'ECD1101' }) | Should -HaveCount 0
    }

    It 'without the queue the same capture is a Warning that says the port is not documented' {
        $plain = @($connectors | Test-ReceiveConnector -ExchangeServer $servers | Where-Object { $_.RuleId -eq 'ECD0101' -and $_.Evidence.sender -eq 'LEGACY01' })
        $plain | Should -HaveCount 1
        $plain[0].Severity | Should -Be 'Warning'
        $plain[0].Message | Should -Match 'not documented'
    }

    It 'focuses on the next hop: every finding about a server is about EX01' {
        @($findings | Where-Object { $_.Server -and $_.Server -ne 'EX01' }) | Should -HaveCount 0
        @($connectors | Test-ReceiveConnector -ExchangeServer $servers | Where-Object { $_.Server -eq 'EX02' }).Count | Should -BeGreaterThan -1
    }

    It 'takes Resolve-SmtpError results as queues' {
        $resolved = @($queues | Resolve-SmtpError)
        $explaining = Get-Explaining -Finding @($connectors | Test-ReceiveConnector -ExchangeServer $servers -Queue $resolved)
        $explaining | Should -HaveCount 1
        $explaining[0].Connector | Should -Be 'EX01\Relay EX01'
        @($explaining[0].Evidence.explainsQueues) | Should -Be @('LEGACY01\5')
    }

    It 'ties an Exchange 2016 LastError that names the next hop only in its text ({FQDN=...})' {
        $queue = [pscustomobject]@{ Identity = 'LEGACY01\7'; NextHopDomain = ''; LastError = "[{LRT=11/18/2020 9:41:54 AM};{LED=$queueError};{FQDN=ex01.contoso.com};{IP=10.0.0.11}]" }
        $explaining = Get-Explaining -Finding @($connectors | Test-ReceiveConnector -ExchangeServer $servers -Queue $queue)
        $explaining | Should -HaveCount 1
        @($explaining[0].Evidence.explainsQueues) | Should -Be @('LEGACY01\7')
    }

    It 'does not tie a queue of another sender to LEGACY01''s finding' {
        $queue = [pscustomobject]@{ Identity = 'EX02\9'; NextHopDomain = 'EX01'; LastError = $queueError }
        $found = @($connectors | Test-ReceiveConnector -ExchangeServer $servers -Queue $queue)
        # EX02 delivers to EX01 on 2525, not on the captured port 25: the capture does not explain its queue.
        @(Get-Explaining -Finding $found) | Should -HaveCount 0
        @($found | Where-Object { $_.RuleId -eq 'ECD1101' }) | Should -HaveCount 1
    }

    It 'names the causes outside receive connectors when no finding explains the queue' {
        $fixed = @($connectors | Where-Object { $_.Name -ne 'Relay EX01' })
        $found = @($fixed | Test-ReceiveConnector -ExchangeServer $servers -Queue $queues)
        $unexplained = @($found | Where-Object { $_.RuleId -eq 'ECD1101' })
        $unexplained | Should -HaveCount 1
        $unexplained[0].Severity | Should -Be 'Information'
        $unexplained[0].Server | Should -Be 'EX01'
        $unexplained[0].Evidence.queue | Should -Be 'LEGACY01\5'
        @($unexplained[0].Evidence.outsideCauses | ForEach-Object { $_.row }) | Should -Be @(5, 8)
        $unexplained[0].Message | Should -Match 'X-EXPS'
        $unexplained[0].Message | Should -Match 'internal transport certificate'
    }

    It 'leaves findings as they were without -Queue (no explainsQueues, no ECD1101)' {
        $plain = @($connectors | Test-ReceiveConnector -ExchangeServer $servers)
        @(Get-Explaining -Finding $plain) | Should -HaveCount 0
        @($plain | Where-Object { $_.RuleId -eq 'ECD1101' }) | Should -HaveCount 0
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
        Set-EcdTestClock -AsOf ([datetime]'2024-11-20T00:00:00Z')
        try { $findings = @($connector | Test-ReceiveConnector -Certificate $certificates -Rule ECD1001, ECD1002) } finally { Set-EcdTestClock -AsOf $null }
        $findings | Should -HaveCount 1
        $findings[0].RuleId | Should -Be 'ECD1002'
        $findings[0].Severity | Should -Be 'Error'  # 13 days: under HealthChecker's 30
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
            # A command that is not about connectors: the grants (Get-ADPermission) or a certificate (ECD1003).
            $f.RemediationCommand | Should -Match '^(Get-ADPermission -Identity .*|New-ExchangeCertificate -Server .*)?$'
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
