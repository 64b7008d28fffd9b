# The module finds its native library per platform, and refuses a wrong one with one terminating error that
# says what was looked for and where. Each case runs in a new PowerShell process, as a user would.
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
