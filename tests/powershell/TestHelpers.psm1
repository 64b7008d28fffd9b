# Helpers shared by the Pester files in this folder (imported in their BeforeAll; not a test file itself).
Set-StrictMode -Version Latest

function Get-EcdProjectRoot {
    # The project root: two levels above this folder.
    (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).ProviderPath
}

function Get-EcdSharedRoot {
    # ../shared relative to the project root.
    (Resolve-Path -LiteralPath (Join-Path (Get-EcdProjectRoot) '../shared')).ProviderPath
}

function Get-EcdModulePath {
    # The module that build-scripts/build.sh leaves in out/.
    Join-Path (Get-EcdProjectRoot) 'out/ExchangeConnectorDoctor'
}

function Get-EcdPwshPath {
    # The pwsh that runs the tests, for child processes.
    $candidates = @((Join-Path $PSHOME 'pwsh'), (Join-Path $PSHOME 'pwsh.exe'), [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName)
    foreach ($c in $candidates) { if (Test-Path -LiteralPath $c) { return $c } }
    throw 'pwsh not found'
}

function Remove-AnsiEscape {
    param([AllowNull()] [string] $Text)
    if ($null -eq $Text) { return '' }
    $Text -replace "\x1b\[[0-9;?]*[A-Za-z]", ''
}

#region findings ---------------------------------------------------------------------------------------------------

function ConvertTo-SortedObject {
    # PSCustomObjects / dictionaries with their keys in ordinal order (recursively), arrays kept in order.
    param([AllowNull()] [object] $Value)
    if ($null -eq $Value) { return $null }
    if ($Value -is [string] -or $Value -is [ValueType]) { return $Value }
    if ($Value -is [System.Collections.IDictionary]) {
        $out = [ordered]@{}
        foreach ($k in @($Value.Keys | ForEach-Object { [string]$_ } | Sort-Object -CaseSensitive)) { $out[$k] = ConvertTo-SortedObject $Value[$k] }
        return $out
    }
    if ($Value -is [System.Collections.IEnumerable]) {
        return , @(foreach ($i in $Value) { ConvertTo-SortedObject $i })
    }
    $out = [ordered]@{}
    foreach ($name in @($Value.PSObject.Properties | ForEach-Object { $_.Name } | Sort-Object -CaseSensitive)) {
        $out[$name] = ConvertTo-SortedObject $Value.$name
    }
    $out
}

function ConvertTo-FindingSnapshot {
    # A stable text of findings for golden files: one [ordered] record per finding (engine order kept), Evidence
    # with its keys sorted, JSON with LF line ends and a final LF.
    param([AllowNull()] [AllowEmptyCollection()] [object[]] $Finding)
    $records = @(foreach ($f in @($Finding)) {
            if ($null -eq $f) { continue }
            [ordered]@{
                RuleId             = $f.RuleId
                Rule               = $f.Rule
                Severity           = $f.Severity
                Server             = $f.Server
                Connector          = $f.Connector
                Message            = $f.Message
                Symptom            = $f.Symptom
                Evidence           = ConvertTo-SortedObject $f.Evidence
                Remediation        = $f.Remediation
                RemediationCommand = $f.RemediationCommand
            }
        })
    $json = ConvertTo-Json -InputObject $records -Depth 8
    (($json -replace "`r`n", "`n").TrimEnd("`n")) + "`n"
}

function Test-GoldenUpdate { $env:ECD_UPDATE_GOLDEN -eq '1' }

function Get-GoldenText {
    # With ECD_UPDATE_GOLDEN=1 writes $Actual to the golden file first. Returns the golden file's text (LF line ends),
    # or $null when it does not exist.
    param([Parameter(Mandatory = $true)] [string] $Path, [Parameter(Mandatory = $true)] [string] $Actual)
    if (Test-GoldenUpdate) {
        $dir = Split-Path -Parent $Path
        if (-not (Test-Path -LiteralPath $dir)) { [void](New-Item -ItemType Directory -Path $dir -Force) }
        [System.IO.File]::WriteAllText($Path, $Actual, (New-Object System.Text.UTF8Encoding($false)))
    }
    if (-not (Test-Path -LiteralPath $Path)) { return $null }
    ([System.IO.File]::ReadAllText($Path) -replace "`r`n", "`n")
}

#endregion

#region connectors -------------------------------------------------------------------------------------------------

function Copy-ConnectorObject {
    # A [pscustomobject] copy of a connector (deserialized or not) without the SerializationData blob, with
    # optional property overrides.
    param([Parameter(Mandatory = $true)] [object] $Connector, [hashtable] $Set = @{})
    $copy = [ordered]@{}
    foreach ($p in $Connector.PSObject.Properties) {
        if ($p.Name -eq 'SerializationData' -or $p.MemberType -eq 'ScriptProperty') { continue }
        $copy[$p.Name] = $p.Value
    }
    foreach ($k in $Set.Keys) { $copy[$k] = $Set[$k] }
    [pscustomobject]$copy
}

#endregion

#region IP arithmetic (independent of the engine) ---------------------------------------------------------------------

function ConvertTo-IPNumber {
    # 'a.b.c.d' or an IPv6 text -> @{ Family = 'IPv4'|'IPv6'; Value = [bigint] }.
    param([Parameter(Mandatory = $true)] [string] $Address)
    $ip = [System.Net.IPAddress]::Parse($Address.Trim().Trim('[', ']'))
    $value = [System.Numerics.BigInteger]::Zero
    foreach ($b in $ip.GetAddressBytes()) { $value = $value * 256 + $b }
    [pscustomobject]@{ Family = $(if ($ip.AddressFamily -eq 'InterNetwork') { 'IPv4' } else { 'IPv6' }); Value = $value }
}

function ConvertFrom-IPNumber {
    param([Parameter(Mandatory = $true)] [string] $Family, [Parameter(Mandatory = $true)] [System.Numerics.BigInteger] $Value)
    $length = if ($Family -eq 'IPv4') { 4 } else { 16 }
    $bytes = New-Object byte[] $length
    $v = $Value
    for ($i = $length - 1; $i -ge 0; $i--) {
        $bytes[$i] = [byte][int]($v % 256)
        $v = [System.Numerics.BigInteger]::Divide($v, 256)
    }
    ([System.Net.IPAddress]::new($bytes)).ToString()
}

function Get-IPRangeBound {
    # A RemoteIPRanges expression (single address, lo-hi, CIDR) -> @{ Family; Lower; Upper } ([bigint]s).
    param([Parameter(Mandatory = $true)] [string] $Expression)
    $e = $Expression.Trim()
    if ($e -match '^(?<a>[^-]+)-(?<b>[^-]+)$') {
        $lo = ConvertTo-IPNumber $Matches.a; $hi = ConvertTo-IPNumber $Matches.b
        return [pscustomobject]@{ Family = $lo.Family; Lower = $lo.Value; Upper = $hi.Value }
    }
    if ($e -match '^(?<a>[^/]+)/(?<n>\d+)$') {
        $a = ConvertTo-IPNumber $Matches.a
        $width = if ($a.Family -eq 'IPv4') { 32 } else { 128 }
        $hostBits = $width - [int]$Matches.n
        $block = [System.Numerics.BigInteger]::Pow(2, $hostBits)
        $lower = [System.Numerics.BigInteger]::Divide($a.Value, $block) * $block
        return [pscustomobject]@{ Family = $a.Family; Lower = $lower; Upper = $lower + $block - 1 }
    }
    $single = ConvertTo-IPNumber $e
    [pscustomobject]@{ Family = $single.Family; Lower = $single.Value; Upper = $single.Value }
}

function Get-IPKey {
    # 'IPv4:<number>' / 'IPv6:<number>': equal for every text of the same address.
    param([Parameter(Mandatory = $true)] [string] $Address)
    $n = ConvertTo-IPNumber $Address
    '{0}:{1}' -f $n.Family, $n.Value
}

function Test-IPInRange {
    param([Parameter(Mandatory = $true)] [string] $Address, [Parameter(Mandatory = $true)] [string[]] $Range)
    $a = ConvertTo-IPNumber $Address
    foreach ($r in $Range) {
        $b = Get-IPRangeBound $r
        if ($b.Family -eq $a.Family -and $a.Value -ge $b.Lower -and $a.Value -le $b.Upper) { return $true }
    }
    $false
}

#endregion

Export-ModuleMember -Function *
