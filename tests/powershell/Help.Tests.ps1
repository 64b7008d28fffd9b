# Every public command has help that works offline: synopsis, description, every parameter, examples.
# (Each command's <Command>.Tests.ps1 runs its examples.)
BeforeDiscovery {
    $root = (Resolve-Path -Path (Join-Path -Path $PSScriptRoot -ChildPath '../..')).Path
    Import-Module -Name (Join-Path -Path $root -ChildPath 'out/ExchangeConnectorDoctor') -Force
    $commands = @(Get-Command -Module ExchangeConnectorDoctor | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    $root = (Resolve-Path -Path (Join-Path -Path $PSScriptRoot -ChildPath '../..')).Path
    Import-Module -Name (Join-Path -Path $root -ChildPath 'out/ExchangeConnectorDoctor') -Force
    $common = [System.Management.Automation.Internal.CommonParameters].GetProperties().Name
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
