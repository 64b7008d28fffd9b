# From the queue error to the connector (issue 6): Resolve-SmtpError on strings and Exchange objects, and
# Test-ReceiveConnector -Queue tying the example queue (LEGACY01 -> EX01, 451 5.7.3) to EX01's relay connector.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EcdModulePath) -Force
    $script:root = Get-EcdProjectRoot
    $script:connectors = @(Import-Clixml -Path (Join-Path $root 'examples/contoso-GetReceiveConnector.clixml.xml'))
    $script:servers = @(Import-Clixml -Path (Join-Path $root 'examples/contoso-GetExchangeServer.clixml.xml')) + @('EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5', 'EDGE01=10.0.0.20')
    $script:queues = @(Import-Clixml -Path (Join-Path $root 'examples/contoso-GetQueue.clixml.xml'))
    $script:queueError = '451 4.4.395 Target host responded with error. -> 451 5.7.3 Cannot achieve Exchange Server authentication'
    function Get-Explaining {
        param([object[]] $Finding)
        @($Finding | Where-Object { $_.Evidence.PSObject.Properties['explainsQueues'] })
    }
}

Describe 'The example Get-Queue export' {
    It 'imports as deserialized Get-Queue objects with Get-Queue''s property names' {
        $queues[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.Microsoft.Exchange.Data.QueueViewer.ExtensibleQueueInfo'
        foreach ($name in 'Identity', 'DeliveryType', 'NextHopDomain', 'TlsDomain', 'NextHopConnector', 'Status', 'MessageCount', 'LastError', 'RetryCount', 'LastRetryTime', 'NextRetryTime') {
            $queues[0].PSObject.Properties[$name] | Should -Not -BeNullOrEmpty -Because $name
        }
        "$($queues[0].Identity)" | Should -Be 'LEGACY01\5'
        $queues[0].NextHopDomain | Should -Be 'ex01.contoso.com'
        $queues[0].LastError | Should -Be $queueError
        $queues[0].Status | Should -Be 'Retry'
    }
}

Describe 'Test-ReceiveConnector -Queue on the example organisation' {
    BeforeAll {
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

Describe 'Resolve-SmtpError' {
    It 'reads a string: the replies, the innermost one, the cause, the rules and what to run next' {
        $r = Resolve-SmtpError -InputObject $queueError -NextHop EX01
        $r.PSObject.TypeNames[0] | Should -Be 'ExchangeConnectorDoctor.SmtpError'
        @($r.Replies) | Should -HaveCount 2
        $r.Reply | Should -Be '451 5.7.3 Cannot achieve Exchange Server authentication'
        $r.Code | Should -Be 451
        $r.EnhancedCode | Should -Be '5.7.3'
        @($r.Rows) | Should -Contain 2
        @($r.Rows) | Should -Contain 8
        @($r.Rules) | Should -Contain 'ECD0101'
        @($r.Rules) | Should -Contain 'ECD0102'
        $r.OutsideReceiveConnectors | Should -BeTrue
        $r.NextHop | Should -Be 'EX01'
        $r.Next | Should -Match 'Get-ReceiveConnector -Server EX01'
    }

    It 'reads Get-Queue objects (live or Import-Clixml) and skips queues without an error' {
        $r = @($queues | Resolve-SmtpError -ErrorVariable errors)
        $errors | Should -HaveCount 0
        $r | Should -HaveCount 1
        $r[0].Source | Should -Be 'LEGACY01\5'
        $r[0].QueueServer | Should -Be 'LEGACY01'
        $r[0].NextHop | Should -Be 'ex01.contoso.com'
    }

    It 'reads the event DiagnosticInfo of a tracking log entry, line breaks and all' {
        $entry = [pscustomobject]@{
            MessageId      = '<1@contoso.com>'
            EventId        = 'DEFER'
            ServerHostname = 'LEGACY01'
            EventData      = @(
                [pscustomobject]@{ Key = 'DiagnosticInfo'; Value = "Error: RetrySmtp, Diagnostic Information:`n    Stage:UpdateMsgIdToPoisonContextMapping, SmtpResponse:451 4.4.395 Target host responded with error. -> 451`n    5.7.3 Cannot achieve Exchange Server authentication, details:FailedRecipientCount:0;`n    RetryRecipientCount:0" }
                [pscustomobject]@{ Key = 'DeliveryPriority'; Value = 'Normal' })
            RecipientStatus = @()
        }
        $r = $entry | Resolve-SmtpError
        $r.Reply | Should -Be '451 5.7.3 Cannot achieve Exchange Server authentication'
        $r.Source | Should -Be 'LEGACY01 DEFER <1@contoso.com>'
    }

    It 'reads event log records (Message) and the Primary target wrapper with its last endpoint' {
        $event = [pscustomobject]@{ Id = 1025; RecordId = 77; MachineName = 'LEGACY01'; Message = '451 4.4.0 Primary target IP address responded with: "451 5.7.3 Cannot achieve Exchange Server authentication." Attempted failover to alternate host, but that did not succeed. The last endpoint attempted was 10.0.0.11:25' }
        $r = $event | Resolve-SmtpError
        $r.Reply | Should -Be '451 5.7.3 Cannot achieve Exchange Server authentication.'
        $r.NextHopAddress | Should -Be '10.0.0.11'
        $r.Source | Should -Be 'LEGACY01 event 1025'
    }

    It 'classifies the internal transport certificate error as outside receive connectors (row 5)' {
        $r = Resolve-SmtpError -InputObject '451 5.7.3 Cannot load Internal Transport Certificate. Exchange Server authentication failed.'
        @($r.Rows) | Should -Be @(5)
        $r.OutsideReceiveConnectors | Should -BeTrue
    }

    It 'returns a result without a cause for text that holds no SMTP reply' {
        $r = Resolve-SmtpError -InputObject 'Failed to connect. Winsock error code: 10060'
        @($r.Replies) | Should -HaveCount 0
        $r.Cause | Should -BeNullOrEmpty
    }

    It 'writes a non-terminating error for an object without any error text, and goes on' {
        $r = @([pscustomobject]@{ Name = 'x' }, $queueError | Resolve-SmtpError -ErrorVariable errors -ErrorAction SilentlyContinue)
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Match 'ECD.NoErrorText'
        $r | Should -HaveCount 1
    }
}

Describe 'The examples of the help of Resolve-SmtpError and of Test-ReceiveConnector -Queue' {
    BeforeDiscovery {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-Module (Get-EcdModulePath) -Force
        $script:examples = @(foreach ($command in 'Resolve-SmtpError', 'Test-ReceiveConnector') {
                $i = 0
                foreach ($example in @((Get-Help -Name $command -Full).examples.example)) {
                    $i++
                    if ($command -eq 'Test-ReceiveConnector' -and [string]$example.code -notmatch '-Queue') { continue }
                    @{ Command = $command; Number = $i; Code = [string]$example.code }
                }
            })
    }
    BeforeAll {
        # Stand-in for the Exchange Management Shell's Get-Queue.
        function Get-Queue { Import-Clixml -Path (Join-Path $root 'examples/contoso-GetQueue.clixml.xml') }
    }

    It '<Command> example <Number> runs without error from the project root and returns something' -ForEach $examples {
        Push-Location -Path $root
        try {
            $output = @(& ([scriptblock]::Create($Code)) 2>&1)
        } finally {
            Pop-Location
        }
        @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) | Should -HaveCount 0
        $output.Count | Should -BeGreaterThan 0
    }
}
