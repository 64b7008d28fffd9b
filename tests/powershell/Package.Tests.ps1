# The package that build-scripts/package.sh makes installs as PowerShellGet would install it and works
# when imported by name from a clean PowerShell process.
BeforeAll {
    $root = (Resolve-Path -Path (Join-Path -Path $PSScriptRoot -ChildPath '../..')).Path
    $manifest = Import-PowerShellDataFile -Path (Join-Path -Path $root -ChildPath 'powershell/ExchangeConnectorDoctor/ExchangeConnectorDoctor.psd1')
    $version = $manifest.ModuleVersion
    $zip = Join-Path -Path $root -ChildPath "dist/ExchangeConnectorDoctor-$version.zip"
    Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath 'TestHelpers.psm1') -Force
    $pwsh = Get-EcdPwshPath
}

Describe 'The package dist/ExchangeConnectorDoctor-<version>.zip' {
    It 'exists after build-scripts/package.sh' {
        $zip | Should -Exist
    }

    It 'holds the module in the <version>/ layout with the manifest, scripts, format file, help, shim and both native libraries' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $archive = [System.IO.Compression.ZipFile]::OpenRead($zip)
        try { $entries = @($archive.Entries | ForEach-Object { $_.FullName -replace '\\', '/' }) } finally { $archive.Dispose() }
        foreach ($expected in @(
                'ExchangeConnectorDoctor.psd1', 'ExchangeConnectorDoctor.psm1', 'ExchangeConnectorDoctor.Format.ps1xml',
                'en-US/about_ExchangeConnectorDoctor.help.txt', 'public/Test-ReceiveConnector.ps1',
                'bin/ExchangeConnectorDoctor.Interop.dll', 'runtimes/win-x64/native/ecd.dll', 'runtimes/linux-x64/native/libecd.so')) {
            $entries | Should -Contain "ExchangeConnectorDoctor/$version/$expected"
        }
    }

    It 'imports by name from a folder that is alone on PSModulePath, in a new process, and analyses the example' {
        $modules = Join-Path -Path $TestDrive -ChildPath 'modules'
        New-Item -ItemType Directory -Path $modules | Out-Null
        Expand-Archive -Path $zip -DestinationPath $modules
        $example = Join-Path -Path $root -ChildPath 'examples/contoso-GetReceiveConnector.clixml.xml'
        $serverExport = Join-Path -Path $root -ChildPath 'examples/contoso-GetExchangeServer.clixml.xml'
        $script = @"
`$ErrorActionPreference = 'Stop'
`$env:PSModulePath = '$modules'
Import-Module -Name ExchangeConnectorDoctor
`$m = Get-Module -Name ExchangeConnectorDoctor
`$servers = @(Import-Clixml -Path '$serverExport') + @('EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5', 'EDGE01=10.0.0.20')
`$findings = Import-Clixml -Path '$example' | Test-ReceiveConnector -ExchangeServer `$servers
'{0}|{1}' -f `$m.ModuleBase, ((`$findings | ForEach-Object { '{0}:{1}:{2}' -f `$_.RuleId, `$_.Severity, `$_.Evidence.sender }) -join ',')
"@
        $output = & $pwsh -NoProfile -NonInteractive -Command $script 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $base, $found = ($output | Select-Object -Last 1) -split '\|'
        $base | Should -BeLike "$modules*ExchangeConnectorDoctor*$version"
        $found -split ',' | Should -Contain 'ECD0101:Error:EDGE01'
        $found -split ',' | Should -Contain 'ECD0101:Warning:LEGACY01'
        $found -split ',' | Should -Contain 'ECD0101:Warning:EX02'
    }

    It 'has a manifest that passes Test-ModuleManifest and carries what the PowerShell Gallery requires' {
        $m = Test-ModuleManifest -Path (Join-Path -Path $root -ChildPath 'out/ExchangeConnectorDoctor/ExchangeConnectorDoctor.psd1')
        $m.Author | Should -Not -BeNullOrEmpty
        $m.Description | Should -Not -BeNullOrEmpty
        $m.LicenseUri | Should -Not -BeNullOrEmpty
        $m.ProjectUri | Should -Not -BeNullOrEmpty
        $m.ReleaseNotes | Should -Not -BeNullOrEmpty
        $m.Tags | Should -Contain 'PSEdition_Desktop'
        $m.Tags | Should -Contain 'PSEdition_Core'
        $m.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $m.PowerShellVersion | Should -Be ([version]'5.1')
    }
}

Describe 'The shim assembly' {
    It 'targets netstandard2.0 and references nothing but netstandard, so Windows PowerShell 5.1 can load it' {
        $path = Join-Path -Path $root -ChildPath 'out/ExchangeConnectorDoctor/bin/ExchangeConnectorDoctor.Interop.dll'
        $bytes = [System.IO.File]::ReadAllBytes($path)
        $context = New-Object -TypeName System.Runtime.Loader.AssemblyLoadContext -ArgumentList @('shim-check', $true)
        try {
            $assembly = $context.LoadFromStream((New-Object -TypeName System.IO.MemoryStream -ArgumentList @(, $bytes)))
            @($assembly.GetReferencedAssemblies().Name) | Should -Be @('netstandard')
            $framework = $assembly.GetCustomAttributes($true) | Where-Object { $_.GetType().Name -eq 'TargetFrameworkAttribute' }
            $framework.FrameworkName | Should -Be '.NETStandard,Version=v2.0'
        } finally {
            $context.Unload()
        }
    }
}
