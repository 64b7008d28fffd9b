# Bad input: each gives a clear non-terminating error (ECD0001) naming where the problem is, and the findings about
# every other connector are still returned. Base: the example organisation (examples/contoso-GetReceiveConnector.json),
# where 'EX01\Relay EX01' captures EDGE01, EX02 and LEGACY01 (three ECD0101 findings; EX01's own address on it is
# for its applications), and LEGACY01's and EDGE01's own connectors are not given (one ECD0003 Information).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EcdModulePath) -Force
    $script:jsonPath = Join-Path (Get-EcdProjectRoot) 'examples/contoso-GetReceiveConnector.json'
    $script:example = @(Get-Content -Raw -Path $jsonPath | ConvertFrom-Json)
    $script:servers = @('EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5', 'EDGE01=10.0.0.20')
    $script:victim = 'EX02\Client Frontend EX02'

    function New-BrokenOrganisation {
        # The example organisation with one connector replaced by a copy that has the given property changed
        # (or removed with -Remove). Returns @{ Connectors; Broken }.
        param([string] $Identity = $victim, [string] $Property, [object] $Value, [switch] $Remove)
        $broken = $null
        $list = foreach ($c in $example) {
            if ($c.Identity -ne $Identity) { $c; continue }
            $broken = Copy-ConnectorObject -Connector $c
            if ($Remove) { $broken.PSObject.Properties.Remove($Property) } else { $broken.$Property = $Value }
            $broken
        }
        $broken | Should -Not -BeNullOrEmpty
        [pscustomobject]@{ Connectors = @($list); Broken = $broken }
    }

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

Describe 'Invalid input to Test-ReceiveConnector' {
    It 'the unbroken example gives the three relay captures, the note on unanalysed servers and no error (baseline)' {
        $findings = @($example | Test-ReceiveConnector -ExchangeServer $servers -ErrorVariable errors)
        $errors | Should -HaveCount 0
        $findings | Should -HaveCount 4
        @($findings | Where-Object { $_.RuleId -eq 'ECD0003' }) | Should -HaveCount 1
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
        $org = New-BrokenOrganisation -Property RemoteIPRanges -Value @('10.0.0.300')
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
        $org = New-BrokenOrganisation -Identity 'EX01\Relay EX01' -Property RemoteIPRanges -Value @('10.0.0.300', '10.0.0.1-10.0.0.30')
        $findings = @($org.Connectors | Test-ReceiveConnector -ExchangeServer $servers -ErrorVariable errors -ErrorAction SilentlyContinue)
        $invalid = Assert-InvalidInputError -Errors $errors -Findings $findings -Pattern ([regex]::Escape('EX01\Relay EX01'))
        $invalid.Evidence.text | Should -Be '10.0.0.300'
        Assert-RelayFindingsStillThere $findings
    }

    It 'a binding without a port: the error names the connector, Bindings and the binding' {
        $org = New-BrokenOrganisation -Property Bindings -Value @('0.0.0.0', '[::]:587')
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
        $org = New-BrokenOrganisation -Property Bindings -Remove
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
        $org = New-BrokenOrganisation -Property RemoteIPRanges -Value @('10.0.0.300')
        { $org.Connectors | Test-ReceiveConnector -ExchangeServer $servers -ErrorAction Stop } | Should -Throw -ErrorId 'ECD0001.InvalidInput,Test-ReceiveConnector'
    }
}

Describe 'Invalid input to Resolve-ReceiveConnector' {
    It 'a broken connector gives the same error, and the connection is still resolved with the others' {
        $org = New-BrokenOrganisation -Property RemoteIPRanges -Value @('10.0.0.300')
        $resolved = @($org.Connectors | Resolve-ReceiveConnector -RemoteAddress 10.0.0.5 -Port 25 -Server EX01 -ErrorVariable errors -ErrorAction SilentlyContinue)
        @($errors) | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'ECD0001.InvalidInput,Resolve-ReceiveConnector'
        $errors[0].Exception.Message | Should -Match ([regex]::Escape($victim))
        $resolved | Should -HaveCount 1
        $resolved[0].Connector | Should -Be 'EX01\Relay EX01'
    }
}
