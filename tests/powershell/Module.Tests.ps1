# The module as a package: import (paths with spaces, -Force twice, missing native library), the manifest and the
# files under powershell/ (encoding, Windows PowerShell 5.1 syntax), the finding objects, the filters, -Quiet, and
# the examples of the help.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EcdModulePath) -Force
    $script:helpExamples = @(foreach ($command in 'Test-ReceiveConnector', 'Resolve-ReceiveConnector', 'Get-ReceiveConnectorRule') {
            $i = 0
            foreach ($example in @((Get-Help -Name $command -Full).examples.example)) {
                $i++
                @{ Command = $command; Number = $i; Code = [string]$example.code }
            }
        })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EcdModulePath) -Force
    $script:root = Get-EcdProjectRoot
    $script:modulePath = Get-EcdModulePath
    $script:sourcePath = Join-Path $root 'powershell/ExchangeConnectorDoctor'
    $script:pwsh = Get-EcdPwshPath
    $script:realPath = Join-Path (Get-EcdSharedRoot) 'fixtures/real/exchange2019-lab-GetReceiveConnector.clixml.xml'
    $script:example = @(Get-Content -Raw -Path (Join-Path $root 'examples/contoso-GetReceiveConnector.json') | ConvertFrom-Json)
    $script:publicNames = @(Get-ChildItem -Path (Join-Path $sourcePath 'public') -Filter '*.ps1' | ForEach-Object { $_.BaseName } | Sort-Object)

    function Invoke-ChildPwsh {
        # Runs a command in a new pwsh process; returns its output lines (stderr included, ANSI escapes removed)
        # and exit code.
        param([Parameter(Mandatory = $true)] [string] $Command)
        $output = @(& $pwsh -NoProfile -NonInteractive -Command $Command 2>&1 | ForEach-Object { Remove-AnsiEscape ([string]$_) })
        [pscustomobject]@{ Output = $output; ExitCode = $LASTEXITCODE; Text = ($output -join "`n") }
    }

    function Find-Ps7OnlySyntax {
        # PowerShell 7-only syntax (and parse errors) in a script text: the module must run on Windows PowerShell 5.1.
        param([Parameter(Mandatory = $true)] [string] $Text, [string] $Name = 'text')
        $tokens = $null; $parseErrors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Text, $Name, [ref]$tokens, [ref]$parseErrors)
        $found = New-Object System.Collections.Generic.List[string]
        foreach ($e in @($parseErrors)) { $found.Add("${Name}:$($e.Extent.StartLineNumber): parse error: $($e.Message)") }
        $ps7Types = @('TernaryExpressionAst', 'PipelineChainAst')
        foreach ($node in @($ast.FindAll({ param($n) $n.GetType().Name -in $ps7Types }, $true))) {
            $found.Add("${Name}:$($node.Extent.StartLineNumber): $($node.GetType().Name): $($node.Extent.Text)")
        }
        foreach ($t in @($tokens)) {
            if ([string]$t.Kind -in 'QuestionQuestion', 'QuestionQuestionEquals', 'QuestionDot', 'QuestionLBracket') {
                $found.Add("${Name}:$($t.Extent.StartLineNumber): token $($t.Kind): $($t.Text)")
            }
        }
        foreach ($block in @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.ScriptBlockAst] }, $true))) {
            if ($block.PSObject.Properties['CleanBlock'] -and $null -ne $block.CleanBlock) {
                $found.Add("${Name}:$($block.CleanBlock.Extent.StartLineNumber): clean block")
            }
        }
        foreach ($command in @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true))) {
            if ($command.GetCommandName() -in 'ForEach-Object', '%', 'foreach') {
                foreach ($p in @($command.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] })) {
                    if ($p.ParameterName -like 'pa*') { $found.Add("${Name}:$($command.Extent.StartLineNumber): ForEach-Object -Parallel") }
                }
            }
        }
        foreach ($v in @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.VariableExpressionAst] }, $true))) {
            if ($v.VariablePath.UserPath -in 'IsWindows', 'IsLinux', 'IsMacOS') {
                $found.Add("${Name}:$($v.Extent.StartLineNumber): `$$($v.VariablePath.UserPath) (not defined in Windows PowerShell 5.1)")
            }
        }
        $found.ToArray()
    }
}

Describe 'Importing the module' {
    It 'imports from a path with spaces in a new pwsh process, and its commands run' {
        $target = Join-Path $TestDrive 'path with spaces/ExchangeConnectorDoctor'
        New-Item -ItemType Directory -Path (Split-Path -Parent $target) -Force | Out-Null
        Copy-Item -Path $modulePath -Destination $target -Recurse
        $expected = @(Get-ReceiveConnectorRule).Count
        $expected | Should -BeGreaterThan 0
        $run = Invoke-ChildPwsh "`$env:ECD_NATIVE_LIBRARY = `$null; Import-Module '$target' -ErrorAction Stop; (Get-ReceiveConnectorRule).Count; (Get-Module ExchangeConnectorDoctor).ModuleBase"
        $run.ExitCode | Should -Be 0 -Because $run.Text
        $run.Output[0] | Should -Be ([string]$expected) -Because $run.Text
        $run.Output[1] | Should -Be (Resolve-Path -LiteralPath $target).ProviderPath
    }

    It 'Import-Module -Force twice in one new session works and the commands still run' {
        $command = @(
            "`$env:ECD_NATIVE_LIBRARY = `$null"
            "Import-Module '$modulePath' -Force -ErrorAction Stop"
            "Import-Module '$modulePath' -Force -ErrorAction Stop"
            "'RULES ' + @(Get-ReceiveConnectorRule).Count"
            "`$c = Get-Content -Raw '$root/examples/contoso-GetReceiveConnector.json' | ConvertFrom-Json"
            "'FINDINGS ' + @(`$c | Test-ReceiveConnector -ExchangeServer 'LEGACY01=10.0.0.5' -Rule ECD0101).Count"
            "'RESOLVED ' + (`$c | Resolve-ReceiveConnector -RemoteAddress 10.0.0.5 -Port 25 -Server EX01).Connector"
            "'ERRORS ' + `$Error.Count"
        ) -join '; '
        $run = Invoke-ChildPwsh $command
        $run.ExitCode | Should -Be 0 -Because $run.Text
        $run.Output | Should -Contain ('RULES {0}' -f @(Get-ReceiveConnectorRule).Count) -Because $run.Text
        $run.Output | Should -Contain 'FINDINGS 1' -Because $run.Text
        $run.Output | Should -Contain 'RESOLVED EX01\Relay EX01' -Because $run.Text
        $run.Output | Should -Contain 'ERRORS 0' -Because $run.Text
    }

    It 'a missing native library gives one terminating error naming the path looked for' {
        $missing = Join-Path $TestDrive 'no such folder/libecd.so'
        $command = @(
            "`$env:ECD_NATIVE_LIBRARY = '$missing'"
            "try { Import-Module '$modulePath' -ErrorAction Stop; 'IMPORTED' } catch { 'CAUGHT ' + `$_.Exception.Message }"
            "'ERRORS ' + `$Error.Count"
            "'LOADED ' + @(Get-Module ExchangeConnectorDoctor).Count"
        ) -join '; '
        $run = Invoke-ChildPwsh $command
        $run.Output | Should -Not -Contain 'IMPORTED'
        $caught = @($run.Output | Where-Object { $_ -like 'CAUGHT *' })
        $caught | Should -HaveCount 1 -Because $run.Text
        $caught[0] | Should -Match ([regex]::Escape("'$missing'"))
        $caught[0] | Should -Match 'native engine'
        $run.Output | Should -Contain 'ERRORS 1' -Because $run.Text
        $run.Output | Should -Contain 'LOADED 0' -Because $run.Text
    }
}

Describe 'The manifest and the files under powershell/' {
    It 'the manifest passes Test-ModuleManifest' {
        $manifest = Test-ModuleManifest -Path (Join-Path $sourcePath 'ExchangeConnectorDoctor.psd1') -ErrorAction Stop
        $manifest.Name | Should -Be 'ExchangeConnectorDoctor'
        $manifest.PowerShellVersion | Should -Be ([version]'5.1')
        { Test-ModuleManifest -Path (Join-Path $modulePath 'ExchangeConnectorDoctor.psd1') -ErrorAction Stop } | Should -Not -Throw
    }

    It 'the manifest and the imported module export exactly the files in public/' {
        $publicNames.Count | Should -BeGreaterThan 0
        $manifest = Test-ModuleManifest -Path (Join-Path $sourcePath 'ExchangeConnectorDoctor.psd1')
        (@($manifest.ExportedFunctions.Keys | Sort-Object) -join ',') | Should -Be ($publicNames -join ',')
        (@((Get-Module ExchangeConnectorDoctor).ExportedCommands.Keys | Sort-Object) -join ',') | Should -Be ($publicNames -join ',')
    }

    It 'each file in public/ defines one function, named after the file' {
        foreach ($file in Get-ChildItem -Path (Join-Path $sourcePath 'public') -Filter '*.ps1') {
            $ast = [System.Management.Automation.Language.Parser]::ParseFile($file.FullName, [ref]$null, [ref]$null)
            $functions = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $false))
            $functions | Should -HaveCount 1 -Because $file.Name
            $functions[0].Name | Should -Be $file.BaseName
        }
    }

    It 'every .ps1, .psm1 and .psd1 under powershell/ is UTF-8 with a BOM' {
        $files = @(Get-ChildItem -Path (Join-Path $root 'powershell') -Recurse -File | Where-Object { $_.Extension -in '.ps1', '.psm1', '.psd1' })
        $files.Count | Should -BeGreaterThan 5
        foreach ($f in $files) {
            $bytes = [System.IO.File]::ReadAllBytes($f.FullName)
            ($bytes.Length -ge 3 -and $bytes[0] -eq 0xEF -and $bytes[1] -eq 0xBB -and $bytes[2] -eq 0xBF) | Should -BeTrue -Because "$($f.FullName) must start with the UTF-8 BOM"
            { (New-Object System.Text.UTF8Encoding($true, $true)).GetString($bytes) } | Should -Not -Throw -Because "$($f.FullName) must be valid UTF-8"
        }
    }

    It 'the syntax check finds each kind of PowerShell 7-only syntax (so the next test can fail)' {
        foreach ($snippet in @(
                '$a ? 1 : 2', 'Get-Item x && Get-Item y', '$x ?? 1', '$x ??= 1', '${x}?.Name', '${x}?[0]',
                'function f { process { } clean { } }', '1..3 | ForEach-Object -Parallel { $_ }', '1..3 | % -Parallel { $_ }',
                'if ($IsLinux) { }', 'if ($IsWindows) { }', '$IsMacOS', 'function (')) {
            @(Find-Ps7OnlySyntax -Text $snippet).Count | Should -BeGreaterThan 0 -Because "'$snippet' is not Windows PowerShell 5.1 syntax"
        }
        @(Find-Ps7OnlySyntax -Text 'if ($a) { 1 } else { 2 }; 1..3 | ForEach-Object -Process { $_ }; $PSVersionTable.PSEdition -eq ''Desktop''').Count | Should -Be 0
    }

    It 'no script under powershell/ uses PowerShell 7-only syntax or has a parse error' {
        $files = @(Get-ChildItem -Path (Join-Path $root 'powershell') -Recurse -File | Where-Object { $_.Extension -in '.ps1', '.psm1', '.psd1' })
        $problems = @(foreach ($f in $files) { Find-Ps7OnlySyntax -Text ([System.IO.File]::ReadAllText($f.FullName)) -Name $f.FullName.Substring($root.Length + 1) })
        $problems -join "`n" | Should -BeNullOrEmpty
    }
}

Describe 'Findings, filters and -Quiet' {
    BeforeAll {
        # The example organisation with EX01 on 15.1 (its own capture on 25 is a Warning: it does not deliver there),
        # an Edge server given by Role (an Error: Edge delivers to port 25), LEGACY01 of unknown version (a Warning: it
        # would deliver on 25 only as an Edge or 2010 server), EX02 without addresses (ECD0002 Warning: the capture
        # check could not run), Default EX02 without ExchangeServers (ECD0102), and LEGACY01 and EDGE01 without
        # connectors (ECD0003 Information).
        $script:org = @(foreach ($c in $example) {
                if ($c.Identity -eq 'EX02\Default EX02') { Copy-ConnectorObject -Connector $c -Set @{ PermissionGroups = 'ExchangeUsers, ExchangeLegacyServers' } } else { $c }
            })
        $script:orgServers = @(@{ Name = 'EX01'; Address = '10.0.0.11'; Version = '15.1' }, 'LEGACY01=10.0.0.5', @{ Name = 'EX02' },
            @{ Name = 'EDGE01'; Address = '10.0.0.20'; Version = '15.1'; Role = 'Edge' })
        $script:all = @($org | Test-ReceiveConnector -ExchangeServer $orgServers)
        function Get-Key([object[]] $Findings) { (@($Findings | ForEach-Object { '{0}/{1}/{2}' -f $_.RuleId, $_.Severity, $_.Evidence.PSObject.Properties['sender'].Value } | Sort-Object) -join ' ') }
    }

    It 'the test organisation gives two Errors, two Warnings and one Information (baseline of the filters)' {
        Get-Key $all | Should -Be 'ECD0002/Warning/ ECD0003/Information/ ECD0101/Error/EDGE01 ECD0101/Warning/LEGACY01 ECD0102/Error/'
    }

    It 'findings have the type name ExchangeConnectorDoctor.Finding and every required property' {
        $required = 'RuleId', 'Rule', 'Severity', 'Server', 'Connector', 'Message', 'Symptom', 'Evidence', 'Remediation', 'RemediationCommand'
        foreach ($f in $all) {
            $f.PSObject.TypeNames[0] | Should -Be 'ExchangeConnectorDoctor.Finding'
            foreach ($p in $required) { $f.PSObject.Properties.Name | Should -Contain $p }
            $f.RuleId | Should -Match '^ECD\d{4}$'
            $f.Severity | Should -BeIn 'Information', 'Warning', 'Error'
            $f.Message | Should -Not -BeNullOrEmpty
            $f.Symptom | Should -Not -BeNullOrEmpty
            $f.Remediation | Should -Not -BeNullOrEmpty
        }
        foreach ($f in @($all | Where-Object { $_.RuleId -in 'ECD0101', 'ECD0102' })) { $f.RemediationCommand | Should -Match '^Set-ReceiveConnector -Identity ' }
        $rules = @(Get-ReceiveConnectorRule)
        foreach ($f in $all) {
            $rule = @($rules | Where-Object { $_.Id -eq $f.RuleId })
            $rule | Should -HaveCount 1
            $f.Rule | Should -Be $rule[0].Name
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

    It '-Rule by id keeps only that rule' {
        Get-Key @($org | Test-ReceiveConnector -ExchangeServer $orgServers -Rule ECD0101) | Should -Be 'ECD0101/Error/EDGE01 ECD0101/Warning/LEGACY01'
    }

    It '-Rule by name keeps only that rule, and ids and names mix' {
        Get-Key @($org | Test-ReceiveConnector -ExchangeServer $orgServers -Rule 'default-connector-exchange-auth') | Should -Be 'ECD0102/Error/'
        Get-Key @($org | Test-ReceiveConnector -ExchangeServer $orgServers -Rule 'ECD0102', 'exchange-addresses-unknown') | Should -Be 'ECD0002/Warning/ ECD0102/Error/'
    }

    It '-ExcludeRule by id and by name drops those rules' {
        Get-Key @($org | Test-ReceiveConnector -ExchangeServer $orgServers -ExcludeRule ECD0101) | Should -Be 'ECD0002/Warning/ ECD0003/Information/ ECD0102/Error/'
        Get-Key @($org | Test-ReceiveConnector -ExchangeServer $orgServers -ExcludeRule 'exchange-server-captured', 'default-connector-exchange-auth') | Should -Be 'ECD0002/Warning/ ECD0003/Information/'
    }

    It 'bad input (ECD0001) is reported even when -Rule or -ExcludeRule leave it out' {
        $broken = @($org) + 'not a connector'
        $f = @($broken | Test-ReceiveConnector -ExchangeServer $orgServers -Rule ECD0102 -ErrorVariable errors -ErrorAction SilentlyContinue)
        Get-Key $f | Should -Be 'ECD0001/Warning/ ECD0102/Error/'
        $f = @($broken | Test-ReceiveConnector -ExchangeServer $orgServers -ExcludeRule ECD0001, ECD0101, ECD0102, ECD0002, ECD0003 -ErrorVariable errors -ErrorAction SilentlyContinue)
        Get-Key $f | Should -Be 'ECD0001/Warning/'
    }

    It '-MinimumSeverity Error drops Warnings and Information; Warning drops Information' {
        Get-Key @($org | Test-ReceiveConnector -ExchangeServer $orgServers -MinimumSeverity Error) | Should -Be 'ECD0101/Error/EDGE01 ECD0102/Error/'
        Get-Key @($org | Test-ReceiveConnector -ExchangeServer $orgServers -MinimumSeverity Warning) | Should -Be 'ECD0002/Warning/ ECD0101/Error/EDGE01 ECD0101/Warning/LEGACY01 ECD0102/Error/'
    }

    It '-Quiet returns $true on the healthy real export when its server''s address is given' {
        $result = @(Import-Clixml -Path $realPath | Test-ReceiveConnector -ExchangeServer 'WIN-CTD3L0RGEN4=10.10.0.11' -Quiet)
        $result | Should -HaveCount 1
        $result[0] | Should -BeOfType [bool]
        $result[0] | Should -BeTrue
    }

    It '-Quiet returns $false on the healthy real export when the capture check could not run (no address: ECD0002)' {
        $result = @(Import-Clixml -Path $realPath | Test-ReceiveConnector -Quiet)
        $result | Should -HaveCount 1
        $result[0] | Should -BeFalse -Because 'a check that could not run never passes'
        $note = @(Import-Clixml -Path $realPath | Test-ReceiveConnector)
        @($note | ForEach-Object { '{0}/{1}/{2}' -f $_.RuleId, $_.Severity, $_.Server }) | Should -Be 'ECD0002/Warning/WIN-CTD3L0RGEN4'
        $note[0].Message | Should -Match 'could not run for WIN-CTD3L0RGEN4'
        $note[0].Message | Should -Match '-ExchangeServer does not name WIN-CTD3L0RGEN4'
    }

    It '-Quiet -MinimumSeverity Information returns $false on the real export without an address' {
        $copies = @(Import-Clixml -Path $realPath | ForEach-Object { Copy-ConnectorObject -Connector $_ })
        $copies | Test-ReceiveConnector -Quiet -MinimumSeverity Information -ExchangeServer @{ Name = 'WIN-CTD3L0RGEN4' } | Should -BeFalse
        $copies | Test-ReceiveConnector -Quiet -MinimumSeverity Information -ExchangeServer 'WIN-CTD3L0RGEN4=10.10.0.11' | Should -BeTrue
    }

    It '-Quiet returns $false on the example organisation' {
        $result = @($example | Test-ReceiveConnector -ExchangeServer 'EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5' -Quiet)
        $result | Should -HaveCount 1
        $result[0] | Should -BeOfType [bool]
        $result[0] | Should -BeFalse
    }
}

Describe 'The examples of the help' {
    BeforeAll {
        # Stand-ins for the Exchange Management Shell cmdlets that the first example uses.
        function Get-ReceiveConnector { $example }
        function Get-ExchangeServer {
            @{ Name = 'EX01'; Address = '10.0.0.11'; Version = '15.1' }
            @{ Name = 'EX02'; Address = '10.0.0.12'; Version = '15.1' }
            @{ Name = 'LEGACY01'; Address = '10.0.0.5'; Version = '14.3'; Role = 'HubTransport' }
            @{ Name = 'EDGE01'; Address = '10.0.0.20'; Version = '15.1'; Role = 'Edge' }
        }
    }

    It 'each of the three commands has examples' {
        foreach ($command in 'Test-ReceiveConnector', 'Resolve-ReceiveConnector', 'Get-ReceiveConnectorRule') {
            @((Get-Help -Name $command -Full).examples.example).Count | Should -BeGreaterThan 0 -Because $command
        }
    }

    It '<Command> example <Number> runs without error from the project root: <Code>' -ForEach $helpExamples {
        $text = $Code
        if ($text -match '^\s*\$(\w+)\s*=') { $text += "`n`$$($Matches[1])" }
        Push-Location -Path $root
        try {
            $output = @(& ([scriptblock]::Create($text)) 2>&1)
        } finally {
            Pop-Location
        }
        $errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        ($errors | ForEach-Object { $_.ToString() }) -join "`n" | Should -BeNullOrEmpty
        $output.Count | Should -BeGreaterThan 0
        if ($Code -match '^\s*\$healthy\s*=') { $output[-1] | Should -BeFalse -Because 'the help says the example organisation is not healthy' }
        if ($Code -match 'ExpandProperty RemediationCommand') { $output | ForEach-Object { $_ | Should -Match '^Set-ReceiveConnector ' } }
    }
}
