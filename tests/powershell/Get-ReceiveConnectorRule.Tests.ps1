# Get-ReceiveConnectorRule: the engine's rule catalogue, every rule that has fixtures with its name, severity, symptom
# and doc page (its help examples: HelpExamples.Tests.ps1).
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EcdModulePath) -Force
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EcdModulePath) -Force
    $script:root = Get-EcdProjectRoot
    $script:fixtureRoot = Join-Path $root 'tests/fixtures/rules'
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

    It 'the rule catalogue lists ECD0001, ECD0002, ECD0101 and ECD0102 with their names and severities, ids unique' {
        $rules = @(Get-ReceiveConnectorRule)
        $lines = @($rules | ForEach-Object { '{0} {1} {2}' -f $_.Id, $_.Name, $_.Severity })
        foreach ($expected in 'ECD0001 invalid-input Warning', 'ECD0002 exchange-addresses-unknown Warning',
            'ECD0101 exchange-server-captured Error', 'ECD0102 default-connector-exchange-auth Error') {
            $lines | Should -Contain $expected
        }
        @($rules | ForEach-Object { $_.Id } | Sort-Object -Unique).Count | Should -Be $rules.Count
        @($rules | ForEach-Object { $_.Name } | Sort-Object -Unique).Count | Should -Be $rules.Count
        foreach ($r in $rules) {
            $r.PSObject.TypeNames[0] | Should -Be 'ExchangeConnectorDoctor.Rule'
            $r.Title | Should -Not -BeNullOrEmpty
            $r.DocPage | Should -Be "docs/rules/$($r.Id).md"
        }
        @(Get-ReceiveConnectorRule -Name 'ECD01*' | ForEach-Object { $_.Id }) | Should -Contain 'ECD0101'
        @(Get-ReceiveConnectorRule -Name 'ECD01*' | Where-Object { $_.Id -notlike 'ECD01*' }) | Should -HaveCount 0
        (@(Get-ReceiveConnectorRule -Name 'exchange-server-captured') | ForEach-Object { $_.Id }) -join ',' | Should -Be 'ECD0101'
    }
}
