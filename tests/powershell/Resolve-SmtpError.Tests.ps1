# Resolve-SmtpError on strings and Exchange objects (Get-Queue, a tracking log entry, event log records): the replies,
# the innermost one, its cause, the rules that confirm it and what to run next (its help examples: HelpExamples.Tests.ps1).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EcdModulePath) -Force
    $script:root = Get-EcdProjectRoot
    $script:queues = @(Import-Clixml -Path (Join-Path $root 'examples/contoso-GetQueue.clixml.xml'))
    $script:queueError = '451 4.4.395 Target host responded with error. -> 451 5.7.3 Cannot achieve Exchange Server authentication'
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

    It 'returns a result without a cause for text that holds no SMTP reply and names no known error' {
        $r = Resolve-SmtpError -InputObject 'The queue is empty; nothing failed.'
        @($r.Replies) | Should -HaveCount 0
        $r.Cause | Should -BeNullOrEmpty
    }

    It 'explains texts without a reply code by their words: a Winsock timeout, a refusal, an NDR''s 4.4.7' {
        $timeout = Resolve-SmtpError -InputObject 'Failed to connect. Winsock error code: 10060, Win32 error code: 10060.'
        @($timeout.Replies) | Should -HaveCount 0
        $timeout.Cause | Should -Match '^Outside receive connectors: the sending server could not connect'
        $timeout.OutsideReceiveConnectors | Should -BeTrue
        $timeout.Reply | Should -Be 'Failed to connect. Winsock error code: 10060, Win32 error code: 10060.'
        $refused = Resolve-SmtpError -InputObject 'Failed to connect. Winsock error code: 10061, Win32 error code: 10061.'
        $refused.Cause | Should -Match 'refused the connection'
        @($refused.Rules) | Should -Be @('ECD0202', 'ECD0203', 'ECD0204')
        $delayed = Resolve-SmtpError -InputObject '4.4.7 Message delayed'
        $delayed.Cause | Should -Match 'expired'
        $delayed.Reply | Should -Be '4.4.7 Message delayed'
    }

    It 'writes a non-terminating error for an object without any error text, and goes on' {
        $r = @([pscustomobject]@{ Name = 'x' }, $queueError | Resolve-SmtpError -ErrorVariable errors -ErrorAction SilentlyContinue)
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Match 'ECD.NoErrorText'
        $r | Should -HaveCount 1
    }
}

Describe 'Resolve-SmtpError on the common replies outside the cause catalogue (docs/SMTP-REPLIES.md)' {
    It '<Reply>: a meaning, whether receive connectors can cause it, the rules that check it, and the next step' -ForEach @(
        @{ Reply = '451 4.4.316 Connection refused [Message=Socket error code 10061]'; Outside = $false; Rules = 'ECD0202,ECD0203,ECD0204' }
        @{ Reply = '421 4.4.2 Connection dropped due to SocketError'; Outside = $true; Rules = '' }
        @{ Reply = '450 4.4.317 Cannot connect to remote server'; Outside = $true; Rules = '' }
        @{ Reply = '400 4.4.7 Message delayed'; Outside = $true; Rules = '' }
        @{ Reply = '451 4.7.0 Temporary server error. Please try again later. PRX5'; Outside = $true; Rules = 'ECD0102,ECD0202,ECD0203' }
        @{ Reply = '454 4.7.5 The certificate specified in TlsCertificateName of the SendConnector could not be found.'; Outside = $false; Rules = $null }
        @{ Reply = '550 5.7.1 Message rejected'; Outside = $false; Rules = $null }
        @{ Reply = '550 5.7.64 TenantAttribution; Relay Access Denied'; Outside = $true; Rules = '' }
        @{ Reply = '530 5.7.57 Client not authenticated to send mail'; Outside = $true; Rules = '' }
    ) {
        $queue = [pscustomobject]@{ Identity = 'LEGACY01\5'; NextHopDomain = 'ex01.contoso.com'; LastError = $Reply }
        $r = @(Resolve-SmtpError -InputObject $queue)
        $r | Should -HaveCount 1
        $r[0].Cause | Should -Not -BeNullOrEmpty
        $r[0].OutsideReceiveConnectors | Should -Be $Outside
        if ($null -ne $Rules) { (@($r[0].Rules) -join ',') | Should -Be $Rules } else { @($r[0].Rules).Count | Should -BeGreaterThan 0 }
        if ($Outside -and $Rules -eq '') { $r[0].Cause | Should -Match '^Outside receive connectors: ' }
        $r[0].Next | Should -Match 'ex01\.contoso\.com|LEGACY01'
    }

    It 'a refused connection names the queue''s own server and the next hop in the next step' {
        $queue = [pscustomobject]@{ Identity = 'LEGACY01\5'; NextHopDomain = 'ex01.contoso.com'; LastError = '451 4.4.316 Connection refused [Message=Socket error code 10061]' }
        (Resolve-SmtpError -InputObject $queue).Next | Should -Match 'from LEGACY01: Test-NetConnection ex01\.contoso\.com -Port 25'
    }
}
