# The module from several runspaces at once: a RunspacePool of 4, each importing out/ExchangeConnectorDoctor and
# analysing the example (examples/contoso-GetReceiveConnector.json) through the native library at the same time.
# Every runspace must give the same findings as a run in this one, byte for byte once serialised.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:modulePath = Get-EcdModulePath
    $script:examplePath = Join-Path (Get-EcdProjectRoot) 'examples/contoso-GetReceiveConnector.json'
    $script:servers = @('EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5', 'EDGE01=10.0.0.20')

    # One analysis, serialised so that two results can be compared as strings.
    $script:analysis = {
        param([string] $ModulePath, [string] $Path, [string[]] $Servers, [int] $Rounds)
        $ErrorActionPreference = 'Stop'
        Import-Module -Name $ModulePath -Force
        $out = New-Object -TypeName System.Collections.Generic.List[string]
        for ($i = 0; $i -lt $Rounds; $i++) {
            $findings = @(Test-ReceiveConnector -Path $Path -ExchangeServer $Servers)
            $out.Add((ConvertTo-Json -InputObject @($findings | Select-Object RuleId, Rule, Severity, Server, Connector, Message, Evidence, RemediationCommand) -Depth 10 -Compress))
        }
        [pscustomobject]@{ Thread = [System.Threading.Thread]::CurrentThread.ManagedThreadId; Results = $out.ToArray() }
    }
}

Describe 'Test-ReceiveConnector in a RunspacePool of 4' {
    BeforeAll {
        $script:expected = (& $analysis $modulePath $examplePath $servers 1).Results[0]
        $pool = [runspacefactory]::CreateRunspacePool(4, 4)
        $pool.Open()
        try {
            $jobs = @(foreach ($n in 1..4) {
                    $ps = [powershell]::Create()
                    $ps.RunspacePool = $pool
                    [void]$ps.AddScript($analysis).AddArgument($modulePath).AddArgument($examplePath).AddArgument($servers).AddArgument(5)
                    [pscustomobject]@{ PowerShell = $ps; Handle = $ps.BeginInvoke() }
                })
            $script:outputs = @(foreach ($job in $jobs) {
                    try {
                        $job.PowerShell.EndInvoke($job.Handle)
                        foreach ($e in $job.PowerShell.Streams.Error) { throw $e }
                    } finally {
                        $job.PowerShell.Dispose()
                    }
                })
        } finally {
            $pool.Close()
            $pool.Dispose()
        }
    }

    It 'finds the relay capture in this runspace (the comparison is not between empty results)' {
        $expected | Should -Match 'ECD0101'
    }

    It 'gives every runspace the result of a single run, every time' {
        $outputs | Should -HaveCount 4
        foreach ($o in $outputs) {
            $o.Results | Should -HaveCount 5
            foreach ($r in $o.Results) { $r | Should -BeExactly $expected }
        }
    }
}
