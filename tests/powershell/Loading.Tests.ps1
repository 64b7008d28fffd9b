# Importing the module (from a path with spaces, -Force twice, without its native library), and how it finds its
# native library per platform and refuses a wrong one with one terminating error that says what was looked for and
# where. Each case runs in a new PowerShell process, as a user would.
BeforeAll {
    Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath 'TestHelpers.psm1') -Force
    $root = Get-EcdProjectRoot
    $module = Get-EcdModulePath
    $pwsh = Get-EcdPwshPath

    function Invoke-ImportWithLibrary([string] $Library) {
        $script = "`$env:ECD_NATIVE_LIBRARY = '$Library'; try { Import-Module -Name '$module' -ErrorAction Stop; 'imported' } catch { 'ERROR: ' + `$_.Exception.Message }"
        (& $pwsh -NoProfile -NonInteractive -Command $script 2>&1) -join "`n"
    }
}

Describe 'Importing the module' {
    BeforeAll {
        Import-Module -Name $module -Force
        $modulePath = $module

        function Invoke-ChildPwsh {
            # Runs a command in a new pwsh process; returns its output lines (stderr included, ANSI escapes removed)
            # and exit code.
            param([Parameter(Mandatory = $true)] [string] $Command)
            $output = @(& $pwsh -NoProfile -NonInteractive -Command $Command 2>&1 | ForEach-Object { Remove-AnsiEscape ([string]$_) })
            [pscustomobject]@{ Output = $output; ExitCode = $LASTEXITCODE; Text = ($output -join "`n") }
        }
    }

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

Describe 'Loading the native library' {
    It 'picks runtimes/linux-x64/native/libecd.so on Linux x64' {
        $script = "Import-Module -Name '$module'; [ExchangeConnectorDoctor.Interop.Engine]::LoadedPath"
        $loaded = (& $pwsh -NoProfile -NonInteractive -Command $script | Select-Object -Last 1)
        $loaded | Should -BeLike '*runtimes/linux-x64/native/libecd.so'
    }

    It 'refuses a library of another ABI version, naming the file it loaded and both versions' {
        $fake = Join-Path -Path $root -ChildPath 'build/release/tests/native/libecd_fake_abi.so'
        $fake | Should -Exist
        $message = Invoke-ImportWithLibrary -Library $fake
        $message | Should -Match 'ERROR: .*ABI version 999.*needs version 1'
        $message | Should -Match ([regex]::Escape($fake))
    }

    It 'refuses a library built for another platform (the Windows DLL on Linux), naming it' {
        $dll = Join-Path -Path $module -ChildPath 'runtimes/win-x64/native/ecd.dll'
        $dll | Should -Exist
        $message = Invoke-ImportWithLibrary -Library $dll
        $message | Should -Match 'ERROR: ExchangeConnectorDoctor: the native engine at .*could not be loaded'
        $message | Should -Match ([regex]::Escape($dll))
    }
}
