# Every example of every public command's help, run as written from an installed copy: the built module is copied
# into a fresh folder that alone is put on PSModulePath, and each example runs in its own PowerShell process, in an
# empty working folder, importing the module by name. The example exports come from the module's own Examples folder,
# so an example that reads ./examples or the project would fail here. Only the Exchange Management Shell and Windows
# cmdlets that an example calls (Get-ReceiveConnector, Set-ReceiveConnector, Get-ExchangeServer, Get-Queue,
# Write-EventLog, Invoke-Item) are stand-ins, defined before the example's code.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EcdModulePath) -Force
    $script:cases = @(foreach ($command in @(Get-Command -Module ExchangeConnectorDoctor | Sort-Object Name)) { Get-HelpExampleCase -Command $command.Name })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:pwsh = Get-EcdPwshPath
    $script:sandbox = Join-Path ([System.IO.Path]::GetTempPath()) ('ecd-installed-' + [guid]::NewGuid())
    $script:modules = Join-Path $sandbox 'Modules'
    [void](New-Item -ItemType Directory -Path $modules)
    Copy-Item -Path (Get-EcdModulePath) -Destination (Join-Path $modules 'ExchangeConnectorDoctor') -Recurse
    $script:projectExamples = Join-Path (Get-EcdProjectRoot) 'examples'

    # The stand-ins: what the Exchange Management Shell and Windows would answer, from the project's example exports.
    $script:prelude = @'
$ErrorActionPreference = 'Continue'
function Get-ReceiveConnector { Import-Clixml -Path (Join-Path $env:ECD_TEST_EXAMPLES 'contoso-GetReceiveConnector.clixml.xml') }
function Get-ExchangeServer { @{ Name = 'EX01'; Address = '10.0.0.11'; Version = '15.1' }; @{ Name = 'EX02'; Address = '10.0.0.12'; Version = '15.1' }; @{ Name = 'LEGACY01'; Address = '10.0.0.5'; Version = '14.3'; Role = 'HubTransport' }; @{ Name = 'EDGE01'; Address = '10.0.0.20'; Version = '15.1'; Role = 'Edge' } }
function Get-Queue { Import-Clixml -Path (Join-Path $env:ECD_TEST_EXAMPLES 'contoso-GetQueue.clixml.xml') }
function Invoke-Item { param([Parameter(ValueFromPipeline = $true)] $InputObject) process { 'opened ' + $InputObject.FullName } }
function Set-ReceiveConnector { [CmdletBinding(SupportsShouldProcess = $true)] param([Parameter(ValueFromRemainingArguments = $true)] $Rest, [object] $Identity) Add-Content -Path (Join-Path $env:ECD_TEST_WORK 'set-receiveconnector.txt') -Value ([string]$Identity) }
$ConfirmPreference = 'None'  # the administrator answers Yes when Repair-ReceiveConnector asks (the process cannot prompt)
function Write-EventLog { param([string] $LogName, [string] $Source, [int] $EventId, [string] $EntryType, [string] $Message) Set-Content -Path (Join-Path $env:ECD_TEST_WORK 'eventlog.txt') -Value ("{0} {1} {2}`n{3}" -f $LogName, $EventId, $EntryType, $Message) }
'@

    function script:Invoke-Example {
        # Runs one example in a new process with only the sandbox on PSModulePath; returns its exit code, output and errors.
        param([string] $Code)
        $work = Join-Path $sandbox ('work-' + [guid]::NewGuid())
        [void](New-Item -ItemType Directory -Path $work)
        $scriptPath = Join-Path $work 'example.ps1'
        [System.IO.File]::WriteAllText($scriptPath, ($prelude + "`n" + $Code + "`n"), (New-Object System.Text.UTF8Encoding $true))
        $saved = @{}
        foreach ($name in 'PSModulePath', 'ECD_NATIVE_LIBRARY', 'ECD_TEST_EXAMPLES', 'ECD_TEST_WORK', 'TEMP', 'TMPDIR') { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
        try {
            $env:PSModulePath = $modules
            $env:ECD_NATIVE_LIBRARY = $null
            $env:ECD_TEST_EXAMPLES = $projectExamples
            $env:ECD_TEST_WORK = $work
            $env:TEMP = $work
            $env:TMPDIR = $work
            Push-Location -Path $work
            try {
                $stdout = @(& $pwsh -NoProfile -NonInteractive -File $scriptPath 2> (Join-Path $work 'stderr.txt'))
                $exit = $LASTEXITCODE
            } finally {
                Pop-Location
            }
        } finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
        [pscustomobject]@{
            ExitCode = $exit
            Output   = (Remove-AnsiEscape ($stdout -join "`n"))
            Errors   = (Remove-AnsiEscape ((Get-Content -Raw -LiteralPath (Join-Path $work 'stderr.txt') -ErrorAction SilentlyContinue) + ''))
            Work     = $work
        }
    }
}

AfterAll {
    Remove-Item -LiteralPath $sandbox -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Help example <Number> of <Command>, from an installed copy' -ForEach $cases {
    It 'reads no project path and runs without an error: <Code>' {
        $Code | Should -Not -Match '\./examples|tests/' -Because 'an installed copy has no project folder'
        $run = Invoke-Example -Code $Code
        $run.Errors.Trim() | Should -BeNullOrEmpty
        if ($Code -match '(?m)^exit ') {
            # The monitoring example: Error found in the example organisation, so 2.
            $run.ExitCode | Should -Be 2
        } else {
            $run.ExitCode | Should -Be 0
        }
        if ($Code -match 'Write-EventLog') {
            (Get-Content -Raw -LiteralPath (Join-Path $run.Work 'eventlog.txt')) | Should -Match '(?s)^Application 9001 Warning.*ECD0101'
        } elseif ($Code -notmatch '(?m)^exit ') {
            $run.Output.Trim() | Should -Not -BeNullOrEmpty
        }
        if ($Code -match 'ExpandProperty RemediationCommand') {
            foreach ($line in @($run.Output -split "`n" | Where-Object { $_.Trim() })) { $line | Should -Match '^Set-ReceiveConnector ' }
        }
        if ($Code -match 'Export-ReceiveConnectorReport') {
            # The report went where the example says (the temporary folder) and -PassThru printed it.
            @(Get-ChildItem -Path $run.Work -Filter '*.html').Count | Should -Be 1
            $run.Output | Should -Match 'Directory: |opened '
        }
    }
}

Describe 'The example of the short output in the help of Test-ReceiveConnector' {
    It 'shows what the command prints: one line per finding, Errors first' {
        $case = @(Get-HelpExampleCase -Command Test-ReceiveConnector | Where-Object { $_.Code -match 'contoso-GetExchangeServer' })[0]
        # As in a 120-column console (a redirected child process would format for 80).
        $run = Invoke-Example -Code ($case.Code.TrimEnd() + ' | Out-String -Width 120')
        $shown = (@(@((Get-Help -Name Test-ReceiveConnector -Full).examples.example)[$case.Number - 1].remarks) | ForEach-Object { $_.Text }) -join "`n"
        $printed = @($run.Output -split "`n" | Where-Object { $_ -match '^(Error|Warning|Information) ' } | ForEach-Object { $_.TrimEnd() })
        $printed.Count | Should -BeGreaterThan 0
        foreach ($line in $printed) { $shown | Should -Match ([regex]::Escape($line.Substring(0, [Math]::Min(80, $line.Length)))) -Because "the help shows: $line" }
    }
}
