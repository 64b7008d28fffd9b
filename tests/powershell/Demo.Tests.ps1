# build-scripts/demo.ps1 (the PowerShell half of the demo) in a new pwsh process, on the module already built in out/.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $root = Get-EcdProjectRoot
    $pwsh = Get-EcdPwshPath
    $previous = $env:ECD_NATIVE_LIBRARY
    $env:ECD_NATIVE_LIBRARY = $null
    try {
        $script:lines = @(& $pwsh -NoProfile -NonInteractive -File (Join-Path $root 'build-scripts/demo.ps1') 2>&1 | ForEach-Object { Remove-AnsiEscape ([string]$_) })
        $script:exitCode = $LASTEXITCODE
    } finally {
        $env:ECD_NATIVE_LIBRARY = $previous
    }
    $script:text = $lines -join "`n"
}

Describe 'build-scripts/demo.ps1' {
    It 'runs to the end without error' {
        $exitCode | Should -Be 0 -Because $text
        # demo.ps1 sets $ErrorActionPreference = 'Stop': any error ends it with exit code 1 before its last part.
        $text | Should -Match 'The fix \(one command'
        $text | Should -Match 'Which connector takes LEGACY01'
    }

    It 'shows the Error capture of the Edge server EDGE01 (10.0.0.20) by EX01\Relay EX01 on port 25' {
        @($lines | Where-Object { $_ -match '^Error\s+ECD0101\s+EX01\s+Relay EX01\s+EDGE01\s+EDGE01 -> EX01:25 lands on ''Relay EX01'': 451 5\.7\.3\s*$' }) | Should -HaveCount 1 -Because $text
        $text | Should -Match ([regex]::Escape('[Error] ECD0101 EX01\Relay EX01'))
        $text | Should -Match ([regex]::Escape("Mail from EDGE01 (10.0.0.20) to EX01 on port 25 (Front End Transport service) lands on 'EX01\Relay EX01'"))
    }

    It 'shows LEGACY01 (Exchange 2010) as a Warning, because its port towards Exchange 2016 is not documented' {
        @($lines | Where-Object { $_ -match '^Warning\s+ECD0101\s+EX01\s+Relay EX01\s+LEGACY01\s+LEGACY01 -> EX01:25 lands on ''Relay EX01'': 451 5\.7\.3\?\s*$' }) | Should -HaveCount 1 -Because $text
        $text | Should -Match 'which port LEGACY01 \(Exchange 2010 Hub Transport\) uses to deliver to EX01 \(Exchange 2016\) is not documented'
    }

    It 'shows the Warning for EX02 (10.0.0.12), which delivers to EX01 on 2525' {
        @($lines | Where-Object { $_ -match '^Warning\s+ECD0101\s+EX01\s+Relay EX01\s+EX02\s+EX02 -> EX01:25 lands on ''Relay EX01'' \(path unused\)\s*$' }) | Should -HaveCount 1 -Because $text
        $text | Should -Match ([regex]::Escape("Connections from EX02 (10.0.0.12) to EX01 on port 25 (Front End Transport service) land on 'EX01\Relay EX01'"))
    }

    It 'shows one remediation command for the relay that keeps every other address, EX01''s own included' {
        $command = "Set-ReceiveConnector -Identity 'EX01\Relay EX01' -RemoteIPRanges '10.0.0.1-10.0.0.4','10.0.0.6-10.0.0.11','10.0.0.13-10.0.0.19','10.0.0.21-10.0.0.30'"
        @($lines | Where-Object { $_.Trim() -ceq $command }) | Should -HaveCount 1 -Because $text
        @($lines | Where-Object { $_.Trim() -like 'Set-ReceiveConnector *' }) | Should -HaveCount 1 -Because $text
    }

    It 'shows LEGACY01''s queue confirming its capture, an Error then' {
        @($lines | Where-Object { $_ -match '^\[Error\] ECD0101 EX01\\Relay EX01, sender LEGACY01, explains queue LEGACY01\\5$' }) | Should -HaveCount 1 -Because $text
    }

    It 'shows that the relay wins for LEGACY01 on EX01 port 25, with its range' {
        @($lines | Where-Object { $_ -match '^EX01\\Relay EX01\s+0\.0\.0\.0:25\s+10\.0\.0\.1-10\.0\.0\.30\s+True\s' }) | Should -HaveCount 1 -Because $text
        @($lines | Where-Object { $_ -match '^EX01\\Default Frontend EX01\s+0\.0\.0\.0:25\s+0\.0\.0\.0-255\.255\.255\.255\s+False\s' }) | Should -HaveCount 1 -Because $text
    }

    It 'checks the relay before it exists: a new Error for EDGE01, and EDGE01 moving off the default connector' {
        $text | Should -Match ([regex]::Escape('[Error] ECD0101 EX01\Relay EX01 EDGE01'))
        $text | Should -Match ([regex]::Escape('EDGE01 (10.0.0.20) to EX01:25: EX01\Default Frontend EX01 -> EX01\Relay EX01'))
    }

    It 'shows the fix with -WhatIf, old -> new, and changes nothing' {
        $text | Should -Match ([regex]::Escape('RemoteIPRanges: 10.0.0.1-10.0.0.30 -> 10.0.0.1-10.0.0.4, 10.0.0.6-10.0.0.11'))
        @($lines | Where-Object { $_ -match '^EX01\\Relay EX01\s+False\s' }) | Should -HaveCount 1 -Because $text
    }
}
