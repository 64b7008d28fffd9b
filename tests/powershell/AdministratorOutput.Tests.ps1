# What an administrator sees (issue 13): findings sorted Error, Warning, Information, then server and connector;
# Severity an enum that sorts and compares by weight; the default table fits a 120-column console with one line per
# finding; the list view (Format-List, Format-List -View Detail) holds the long texts; a stable Id; Evidence as text in
# Export-Csv and whole in ConvertTo-Json; views for Resolve-ReceiveConnector, Resolve-SmtpError and the rules; and
# -Verbose in an administrator's words.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EcdModulePath) -Force
    $script:root = Get-EcdProjectRoot
    $script:clixml = Join-Path $root 'examples/contoso-GetReceiveConnector.clixml.xml'
    $script:servers = @(Import-Clixml -Path (Join-Path $root 'examples/contoso-GetExchangeServer.clixml.xml')) + @('EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5', 'EDGE01=10.0.0.20')
    # The example organisation with a default connector that lost ExchangeServers (an Error on EX02) and EX02 without
    # an address for a second run: Errors, Warnings and Information on several servers.
    $script:connectors = @(foreach ($c in @(Import-Clixml -Path $clixml)) {
            if ([string]$c.Identity -eq 'EX02\Default EX02') { Copy-ConnectorObject -Connector $c -Set @{ PermissionGroups = 'ExchangeUsers, ExchangeLegacyServers' } } else { $c }
        })
    $script:findings = @($connectors | Test-ReceiveConnector -ExchangeServer $servers)
    $script:weight = @{ Error = 0; Warning = 1; Information = 2 }
}

Describe 'Order and severity' {
    It 'the test organisation has Errors, Warnings and Information on more than one server' {
        @($findings | ForEach-Object { [string]$_.Severity } | Sort-Object -Unique) | Should -Be @('Error', 'Information', 'Warning')
        @($findings | Where-Object { $_.Server } | ForEach-Object { $_.Server } | Sort-Object -Unique).Count | Should -BeGreaterThan 1
    }

    It 'comes back sorted: Error, Warning, Information, then server and connector' {
        $keys = @($findings | ForEach-Object { '{0}|{1}|{2}' -f $weight[[string]$_.Severity], $_.Server.ToLowerInvariant(), $_.Connector.ToLowerInvariant() })
        $sorted = @($keys | Sort-Object -CaseSensitive)
        $keys | Should -Be $sorted
        [string]$findings[0].Severity | Should -Be 'Error'
        [string]$findings[-1].Severity | Should -Be 'Information'
    }

    It 'Severity is [ExchangeConnectorDoctor.Severity], ordered by weight, so Sort-Object, -gt and Group-Object work' {
        foreach ($f in $findings) { $f.Severity | Should -BeOfType ([ExchangeConnectorDoctor.Severity]) }
        [ExchangeConnectorDoctor.Severity]::Error | Should -BeGreaterThan ([ExchangeConnectorDoctor.Severity]::Warning)
        [ExchangeConnectorDoctor.Severity]::Warning | Should -BeGreaterThan ([ExchangeConnectorDoctor.Severity]::Information)
        @($findings | Sort-Object -Property Severity -Descending)[0].Severity | Should -Be 'Error'
        @($findings | Sort-Object -Property Severity)[0].Severity | Should -Be 'Information'
        @($findings | Where-Object { $_.Severity -gt 'Warning' }).Count | Should -Be @($findings | Where-Object { [string]$_.Severity -eq 'Error' }).Count
        @($findings | Group-Object -Property Severity | ForEach-Object { $_.Name } | Sort-Object) | Should -Be @('Error', 'Information', 'Warning')
    }

    It 'Get-ReceiveConnectorRule gives the same Severity type' {
        foreach ($r in @(Get-ReceiveConnectorRule)) { $r.Severity | Should -BeOfType ([ExchangeConnectorDoctor.Severity]) }
    }
}

Describe 'The table view at 120 columns' {
    It 'keeps every finding on one line, no line longer than 120, with Severity, RuleId, Server, Connector, Sender and Summary' {
        $text = ($findings | Format-Table | Out-String -Width 120)
        $lines = @(($text -split "`r?`n") | Where-Object { $_.Trim() })
        $header = $lines[0]
        foreach ($column in 'Severity', 'RuleId', 'Server', 'Connector', 'Sender', 'Summary') { $header | Should -Match "\b$column\b" }
        $header | Should -Not -Match 'Message'
        # A header, its underline, then exactly one line per finding.
        $lines.Count | Should -Be ($findings.Count + 2)
        foreach ($line in $lines) { $line.Length | Should -BeLessOrEqual 120 -Because $line }
        for ($i = 0; $i -lt $findings.Count; $i++) { $lines[$i + 2] | Should -Match ('^{0}\s+{1}\b' -f $findings[$i].Severity, $findings[$i].RuleId) }
    }

    It 'tells the three captures on the relay apart by sender and summary' {
        $captures = @($findings | Where-Object { $_.RuleId -eq 'ECD0101' })
        $captures.Count | Should -BeGreaterOrEqual 3
        @($captures | ForEach-Object { $_.Sender } | Sort-Object -Unique).Count | Should -Be $captures.Count
        @($captures | ForEach-Object { $_.Summary } | Sort-Object -Unique).Count | Should -Be $captures.Count
        $edge = @($captures | Where-Object { $_.Sender -eq 'EDGE01' })[0]
        $edge.Summary | Should -Be "EDGE01 -> EX01:25 lands on 'Relay EX01': 451 5.7.3"
    }

    It 'every finding has a one-line Summary shorter than its Message' {
        foreach ($f in $findings) {
            $f.Summary | Should -Not -BeNullOrEmpty
            $f.Summary | Should -Not -Match "`n"
            $f.Summary.Length | Should -BeLessThan $f.Message.Length -Because $f.RuleId
        }
    }
}

Describe 'The list view' {
    It 'Format-List and Format-List -View Detail show Id, Message, Evidence as text and the command' {
        $f = @($findings | Where-Object { $_.RemediationCommand })[0]
        foreach ($text in @(($f | Format-List | Out-String -Width 200), ($f | Format-List -View Detail | Out-String -Width 200))) {
            $text | Should -Match ('Id\s+: ' + [regex]::Escape($f.Id))
            $text | Should -Match 'Message\s+: '
            $text | Should -Match 'Evidence\s+: \w+='
            $text | Should -Match 'RemediationCommand\s+: Set-ReceiveConnector'
        }
    }
}

Describe 'A stable Id per finding' {
    It 'is the rule id, a dash and 8 hex digits, unique within the analysis' {
        foreach ($f in $findings) { $f.Id | Should -Match ('^{0}-[0-9a-f]{{8}}$' -f $f.RuleId) }
        @($findings | ForEach-Object { $_.Id } | Sort-Object -Unique).Count | Should -Be $findings.Count
    }

    It 'is the same on another run, in another order of input, and with -MinimumSeverity' {
        $again = @(@($connectors)[($connectors.Count - 1)..0] | Test-ReceiveConnector -ExchangeServer $servers)
        @($again | ForEach-Object { $_.Id }) | Should -Be @($findings | ForEach-Object { $_.Id })
        $errors = @($connectors | Test-ReceiveConnector -ExchangeServer $servers -MinimumSeverity Error)
        @($errors | ForEach-Object { $_.Id }) | Should -Be @($findings | Where-Object { [string]$_.Severity -eq 'Error' } | ForEach-Object { $_.Id })
    }

    It 'differs between findings that differ only in the sender' {
        $captures = @($findings | Where-Object { $_.RuleId -eq 'ECD0101' })
        @($captures | ForEach-Object { $_.Id } | Sort-Object -Unique).Count | Should -Be $captures.Count
    }
}

Describe 'Export-Csv and ConvertTo-Json' {
    It 'Export-Csv writes Evidence as key=value text, not a type name' {
        $csv = @($findings | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv)
        $csv.Count | Should -Be $findings.Count
        $edge = @($csv | Where-Object { $_.Sender -eq 'EDGE01' })[0]
        $edge.Evidence | Should -Match '(^|; )sender=EDGE01(;|$)'
        $edge.Evidence | Should -Match 'senderAddress=10\.0\.0\.20'
        $edge.Evidence | Should -Not -Match '@\{|PSCustomObject'
        $edge.Severity | Should -Be 'Error'
        $edge.Id | Should -Match '^ECD0101-'
    }

    It 'ConvertTo-Json gives the whole object, Evidence as an object' {
        $edge = @($findings | Where-Object { $_.Sender -eq 'EDGE01' })[0]
        $json = $edge | ConvertTo-Json -Depth 6 | ConvertFrom-Json
        $json.Evidence.sender | Should -Be 'EDGE01'
        $json.Summary | Should -Be $edge.Summary
        $json.Id | Should -Be $edge.Id
    }

    It 'findings from Import-Clixml still make a report (Severity and Id survive the round trip)' {
        $file = Join-Path ([System.IO.Path]::GetTempPath()) ('ecd-findings-{0}.xml' -f [guid]::NewGuid())
        try {
            $findings | Export-Clixml -Path $file
            $back = @(Import-Clixml -Path $file)
            [string]$back[0].Severity | Should -Be 'Error'
            $report = Join-Path ([System.IO.Path]::GetTempPath()) ('ecd-report-{0}.html' -f [guid]::NewGuid())
            @($back) + @($connectors) | Export-ReceiveConnectorReport -Path $report -ExchangeServer $servers
            [System.IO.File]::ReadAllText($report) | Should -Match 'data-severity="Error"'
            Remove-Item -LiteralPath $report
        } finally {
            Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue
        }
    }
}

Describe 'Views for every other object' {
    It 'Resolve-ReceiveConnector: the table names the winner and its range; the Detail list the reason in words' {
        $r = @($connectors | Resolve-ReceiveConnector -RemoteAddress 10.0.0.5 -Port 25 -Server EX01)
        $table = ($r | Out-String -Width 120)
        $table | Should -Match 'Relay EX01'
        $table | Should -Match '10\.0\.0\.1-10\.0\.0\.30'
        @(($table -split "`r?`n") | Where-Object { $_.Length -gt 120 }) | Should -HaveCount 0
        $list = ($r | Format-List -View Detail | Out-String -Width 200)
        $list | Should -Match 'Reason\s+: .*smallest'
    }

    It 'Resolve-SmtpError: the reply, its meaning, the likely cause and the next step; no row numbers' {
        $text = (Resolve-SmtpError -InputObject '451 4.4.395 Target host responded with error. -> 451 5.7.3 Cannot achieve Exchange Server authentication' -NextHop EX01 | Out-String -Width 200)
        $text | Should -Match 'Reply\s+: 451 5\.7\.3 Cannot achieve Exchange Server authentication'
        $text | Should -Match 'Meaning\s+: '
        $text | Should -Match 'LikelyCause\s+: '
        $text | Should -Match 'Next\s+: .*EX01'
        $text | Should -Not -Match '(?m)^(Rows|Causes|Replies)\s+:'
    }

    It 'Get-ReceiveConnectorRule: one line per rule at 120 columns' {
        $rules = @(Get-ReceiveConnectorRule)
        $lines = @((($rules | Out-String -Width 120) -split "`r?`n") | Where-Object { $_.Trim() })
        $lines.Count | Should -Be ($rules.Count + 2)
    }
}

Describe '-Verbose for administrators' {
    It 'says which servers connect from which addresses and which checks were skipped, not byte counts' {
        $verbose = @($connectors | Test-ReceiveConnector -ExchangeServer 'EX01=10.0.0.11', @{ Name = 'EX02' } -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message })
        ($verbose -join "`n") | Should -Match 'Server EX01 \(.*\): connects from 10\.0\.0\.11'
        ($verbose -join "`n") | Should -Match 'Server EX02 \(.*\): no address known'
        ($verbose -join "`n") | Should -Match 'Check skipped on EX02'
        ($verbose -join "`n") | Should -Not -Match 'byte'
    }
}
