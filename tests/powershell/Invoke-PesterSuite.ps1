# Runs every *.Tests.ps1 under tests/powershell with the Pester that bootstrap.sh installed, against the
# module that build.sh left in out/. Prints Pester's summary and writes the counts to the file given.
param(
    [Parameter(Mandatory = $true)] [string] $PesterPath,
    [string] $CountsFile
)
$ErrorActionPreference = 'Stop'
Import-Module -Name (Resolve-Path -Path $PesterPath).ProviderPath -Force
$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputPath = Join-Path -Path $PSScriptRoot -ChildPath '../output/pester-results.xml'
# The tests run with the shell's default preference, as an administrator's commands do: Stop above is for this
# runner's own steps, and would turn every error a test collects into a failure.
$ErrorActionPreference = 'Continue'
$result = Invoke-Pester -Configuration $configuration
if ($CountsFile) { Set-Content -Path $CountsFile -Value ('{0} {1}' -f $result.PassedCount, ($result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount)) }
