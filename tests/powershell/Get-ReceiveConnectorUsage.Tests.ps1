# Get-ReceiveConnectorUsage: the real protocol log lines of DOMAIN-SUPPLEMENT.md A.6/A.7 (tests/fixtures/logs/real)
# read by the native engine through the real module; -Since/-Until; summaries that merge; a malformed line and a
# missing path said out loud while the rest is read.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EcdModulePath) -Force
    $script:root = Get-EcdProjectRoot
    $script:real = Join-Path $root 'tests/fixtures/logs/real'
}

Describe 'Get-ReceiveConnectorUsage' {
    It 'reads the real receive lines into one object per server, connector and remote address' {
        $rows = @(Get-ReceiveConnectorUsage -Path $real)
        $rows | Should -HaveCount 3
        $rows[0].PSObject.TypeNames[0] | Should -Be 'ExchangeConnectorDoctor.ConnectorUsage'
        $fe = $rows | Where-Object Connector -eq 'Default Frontend SERVER-HOSTNAME'
        $fe.Server | Should -Be 'SERVER-HOSTNAME'
        $fe.RemoteAddress | Should -Be '95.10.20.33'
        $fe.Sessions | Should -Be 1
        $fe.FirstSeen | Should -Be ([datetime]::new(2023, 1, 11, 15, 59, 51, 433, [System.DateTimeKind]::Utc))
        $fe.LastSeen.Kind | Should -Be 'Utc'
        $fe.EhloNames | Should -Be @('[95.10.20.33]')
        $fe.Authentication | Should -Be @('Anonymous (1)')
        $fe.TlsSessions | Should -Be 1
        $fe.OfferedXExps | Should -Be 1
        $legacy = $rows | Where-Object Server -eq 'EX'
        $legacy.Connector | Should -Be 'Default '
        $legacy.Refused | Should -Be @('504 5.7.4 (1)')
    }

    It 'keeps only the lines between -Since and -Until' {
        $rows = @(Get-ReceiveConnectorUsage -Path $real -Since ([datetime]::new(2019, 1, 1, 0, 0, 0, [System.DateTimeKind]::Utc)) -Until ([datetime]::new(2020, 1, 1, 0, 0, 0, [System.DateTimeKind]::Utc)))
        $rows | Should -HaveCount 1
        $rows[0].Connector | Should -Be 'Internet Mail'
    }

    It 'returns a summary whose Json merges: two copies give twice the sessions' {
        $summary = Get-ReceiveConnectorUsage -Path $real -AsSummary
        $summary.PSObject.TypeNames[0] | Should -Be 'ExchangeConnectorDoctor.ProtocolLogSummary'
        $summary.Files | Should -Be 5
        $summary.Connectors | Should -Be 3
        $summary.FirstSeen | Should -Be ([datetime]::new(2016, 12, 14, 1, 17, 34, 808, [System.DateTimeKind]::Utc))
        $merged = @(Get-ReceiveConnectorUsage -Summary $summary, $summary)
        $merged | Should -HaveCount 3
        foreach ($row in $merged) { $row.Sessions | Should -Be 2 }
        # What remoting hands back (a deserialized object) merges the same way.
        $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($summary))
        @(Get-ReceiveConnectorUsage -Summary $copy) | Should -HaveCount 3
    }

    It 'says which line of which file is malformed and which path is missing, and reads the rest' {
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) ('ecd-usage-' + [guid]::NewGuid().ToString('N') + '-é')
        New-Item -ItemType Directory -Path $folder | Out-Null
        try {
            $lines = @(
                '#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context',
                '2024-05-01T10:00:00.000Z,EX01\Relay EX01,A1,0,10.0.0.1:25,10.0.0.50:5000,+,,',
                'not a log line',
                '2024-05-01T10:00:01.000Z,EX01\Relay EX01,A1,1,10.0.0.1:25,10.0.0.50:5000,<,EHLO app01,')
            [System.IO.File]::WriteAllText((Join-Path $folder 'RECV20240501-1.LOG'), ($lines -join "`r`n") + "`r`n")
            $rows = @(Get-ReceiveConnectorUsage -Path $folder, (Join-Path $folder 'missing') -WarningVariable warnings -WarningAction SilentlyContinue)
            $rows | Should -HaveCount 1
            $rows[0].EhloNames | Should -Be @('app01')
            @($warnings | Where-Object { "$_" -match 'RECV20240501-1\.LOG, line 3: ' }) | Should -HaveCount 1
            @($warnings | Where-Object { "$_" -match 'missing: no such file or folder' }) | Should -HaveCount 1
        } finally {
            Remove-Item -LiteralPath $folder -Recurse -Force
        }
    }

    It 'refuses -Server outside the Exchange Management Shell, saying what it needs' {
        { Get-ReceiveConnectorUsage -Server EX01 } | Should -Throw '*Exchange Management Shell*'
    }
}

Describe 'Test-ReceiveConnector -ProtocolLog' {
    BeforeAll {
        $script:export = Join-Path $root 'examples/contoso-GetReceiveConnector.clixml.xml'
        $script:servers = 'EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5'
        $script:contosoLog = Join-Path $root 'examples/contoso-SmtpReceive'
    }

    It 'confirms the capture of LEGACY01 that the log shows, with the count and the last time' {
        $findings = @(Test-ReceiveConnector -Path $export -ExchangeServer $servers -ProtocolLog $contosoLog)
        $legacy = @($findings | Where-Object { $_.RuleId -eq 'ECD0101' -and $_.Evidence.sender -eq 'LEGACY01' })
        $legacy | Should -HaveCount 1
        $legacy[0].Evidence.protocolLog.confirmed | Should -BeTrue
        $legacy[0].Evidence.protocolLog.sessions | Should -Be 3
        $legacy[0].Message | Should -BeLike '*seen on ''EX01\Relay EX01'' 3 times, last at 2026-01-10 09:30:00 UTC*'
        @($findings | Where-Object RuleId -eq 'ECD1201') | Should -HaveCount 1
        $narrowing = @($findings | Where-Object RuleId -eq 'ECD1202')
        $narrowing | Should -HaveCount 1
        @($narrowing[0].Evidence.keep) | Should -Be @('10.0.0.21', '10.0.0.50')
    }

    It 'takes summaries made elsewhere (as remoting returns them) the same as paths' {
        $summary = Get-ReceiveConnectorUsage -Path $contosoLog -AsSummary
        $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($summary))
        $fromPaths = @(Test-ReceiveConnector -Path $export -ExchangeServer $servers -ProtocolLog $contosoLog | ForEach-Object { '{0} {1}' -f $_.RuleId, $_.Message })
        $fromSummary = @(Test-ReceiveConnector -Path $export -ExchangeServer $servers -ProtocolLog $copy | ForEach-Object { '{0} {1}' -f $_.RuleId, $_.Message })
        $fromSummary | Should -Be $fromPaths
    }
}
