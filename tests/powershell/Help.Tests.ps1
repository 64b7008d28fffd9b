# Every public command has help that works offline: synopsis, description, every parameter, examples.
# (HelpExamples.Tests.ps1 runs every example from an installed copy.)
BeforeDiscovery {
    $root = (Resolve-Path -Path (Join-Path -Path $PSScriptRoot -ChildPath '../..')).Path
    Import-Module -Name (Join-Path -Path $root -ChildPath 'out/ExchangeConnectorDoctor') -Force
    $commands = @(Get-Command -Module ExchangeConnectorDoctor | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    $root = (Resolve-Path -Path (Join-Path -Path $PSScriptRoot -ChildPath '../..')).Path
    Import-Module -Name (Join-Path -Path $root -ChildPath 'out/ExchangeConnectorDoctor') -Force
    # Common parameters and -WhatIf/-Confirm (SupportsShouldProcess) have PowerShell's own help.
    $common = @([System.Management.Automation.Internal.CommonParameters].GetProperties().Name) + @([System.Management.Automation.Internal.ShouldProcessParameters].GetProperties().Name)
}

Describe 'Help of <Name>' -ForEach $commands {
    BeforeAll {
        $help = Get-Help -Name $Name -Full
        $command = Get-Command -Name $Name
    }

    It 'has a synopsis' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "*$Name *[<]*"
    }

    It 'has a description' {
        ($help.Description | Out-String).Trim().Length | Should -BeGreaterThan 40
    }

    It 'documents every parameter' {
        foreach ($parameter in $command.Parameters.Keys | Where-Object { $_ -notin $common }) {
            $entry = $help.Parameters.Parameter | Where-Object { $_.Name -eq $parameter }
            ($entry.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter needs help"
        }
    }

    It 'has at least one example, shown by Get-Help -Examples' {
        $examples = Get-Help -Name $Name -Examples
        @($examples.Examples.Example).Count | Should -BeGreaterThan 0
        foreach ($example in $examples.Examples.Example) { $example.Code | Should -Not -BeNullOrEmpty }
    }
}

Describe 'about_ExchangeConnectorDoctor' {
    It 'explains the 451 5.7.3 case and how to run the check in the shell, a health check and a runbook' {
        $text = Get-Content -Raw -Path (Join-Path -Path $root -ChildPath 'out/ExchangeConnectorDoctor/en-US/about_ExchangeConnectorDoctor.help.txt')
        $text | Should -Match '451 5\.7\.3'
        $text | Should -Match 'EXCHANGE MANAGEMENT SHELL'
        $text | Should -Match 'HEALTH CHECK'
        $text | Should -Match 'RUNBOOK'
    }
}

Describe 'The examples of the help' {
    It 'each of the three commands has examples' {
        foreach ($command in 'Test-ReceiveConnector', 'Resolve-ReceiveConnector', 'Get-ReceiveConnectorRule') {
            @((Get-Help -Name $command -Full).examples.example).Count | Should -BeGreaterThan 0 -Because $command
        }
    }
}

Describe 'What Get-Help shows of Test-ReceiveConnector' {
    It 'shows no test-only parameter in the syntax (the clock is fixed inside the module, not by -AsOf)' {
        ((Get-Help -Name Test-ReceiveConnector).syntax | Out-String) | Should -Not -Match 'AsOf'
        (Get-Command -Name Test-ReceiveConnector).Parameters.ContainsKey('AsOf') | Should -BeFalse
    }

    It 'documents wildcards in -Path as supported' {
        [string](Get-Help -Name Test-ReceiveConnector -Parameter Path).globbing | Should -Be 'true'
    }

    It 'leaves HelpUri out (there is no online page), so -Online says so instead of opening a wrong address' {
        foreach ($command in @(Get-Command -Module ExchangeConnectorDoctor)) { $command.HelpUri | Should -BeNullOrEmpty -Because $command.Name }
    }
}

Describe 'The rule pages ship with the module' {
    It 'every rule has its page in en-US/rules of the module, and HelpFile names it' {
        foreach ($rule in @(Get-ReceiveConnectorRule)) {
            $rule.HelpFile | Should -Not -BeNullOrEmpty -Because $rule.Id
            $rule.HelpFile | Should -BeLike (Join-Path (Get-Module -Name ExchangeConnectorDoctor).ModuleBase '*')
            (Get-Content -Raw -LiteralPath $rule.HelpFile) | Should -Match ([regex]::Escape($rule.Id))
        }
    }
}
