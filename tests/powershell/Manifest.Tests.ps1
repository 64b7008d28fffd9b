# The module's manifest and the files under powershell/: the manifest passes Test-ModuleManifest and exports exactly
# the files in public/, one function per file named after it, UTF-8 with a BOM, and Windows PowerShell 5.1 syntax only.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EcdModulePath) -Force
    $script:root = Get-EcdProjectRoot
    $script:modulePath = Get-EcdModulePath
    $script:sourcePath = Join-Path $root 'powershell/ExchangeConnectorDoctor'
    $script:publicNames = @(Get-ChildItem -Path (Join-Path $sourcePath 'public') -Filter '*.ps1' | ForEach-Object { $_.BaseName } | Sort-Object)

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

    It 'each file in private/ defines one function, named after the file' {
        $files = @(Get-ChildItem -Path (Join-Path $sourcePath 'private') -Filter '*.ps1')
        $files.Count | Should -BeGreaterThan 0
        foreach ($file in $files) {
            $ast = [System.Management.Automation.Language.Parser]::ParseFile($file.FullName, [ref]$null, [ref]$null)
            $functions = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $false))
            @($functions | ForEach-Object { $_.Name }) | Should -Be @($file.BaseName) -Because $file.Name
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
