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
    # The module that build-scripts/build.sh leaves in out/, or the one $env:ECD_TEST_MODULE_PATH names.
    if ($env:ECD_TEST_MODULE_PATH) { return $env:ECD_TEST_MODULE_PATH }
    Join-Path (Get-EcdProjectRoot) 'out/ExchangeConnectorDoctor'
}

function Get-EcdPwshPath {
    # The pwsh that runs the tests, for child processes.
    $candidates = @((Join-Path $PSHOME 'pwsh'), (Join-Path $PSHOME 'pwsh.exe'), [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName)
    foreach ($c in $candidates) { if (Test-Path -LiteralPath $c) { return $c } }
    throw 'pwsh not found'
}

function Set-EcdTestClock {
    # Fixes the time the module judges certificate expiry at (Get-EcdAsOf), or with $null lets it use the clock again.
    param([AllowNull()] [object] $AsOf)
    $value = if ($null -eq $AsOf) { $null } else { [datetime]$AsOf }
    & (Get-Module -Name ExchangeConnectorDoctor) { param($v) $script:EcdAsOf = $v } $value
}

function Remove-AnsiEscape {
    param([AllowNull()] [string] $Text)
    if ($null -eq $Text) { return '' }
    $Text -replace "\x1b\[[0-9;?]*[A-Za-z]", ''
}

function Get-HelpExampleCase {
    # The examples of a command's help as test cases: @{ Command; Number (as Get-Help numbers them); Code }.
    param([Parameter(Mandatory = $true)] [string] $Command)
    $i = 0
    foreach ($example in @((Get-Help -Name $Command -Full).examples.example)) {
        $i++
        @{ Command = $Command; Number = $i; Code = [string]$example.code }
    }
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
                Id                 = $f.Id
                RuleId             = $f.RuleId
                Rule               = $f.Rule
                Severity           = [string]$f.Severity  # the enum's name, not its number
                Server             = $f.Server
                Connector          = $f.Connector
                Sender             = $f.Sender
                Summary            = $f.Summary
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

function Assert-OnlyCertificateNotChecked {
    # A healthy analysis without -Certificate and -TransportService: no finding but the one Information note that the
    # internal transport certificate of $Server was not checked (ECD1003), which is never a pass.
    param([object[]] $Findings, [string[]] $Server)
    @($Findings | ForEach-Object { $_.RuleId }) | Should -Be @('ECD1003')
    $Findings[0].Severity | Should -Be 'Information'
    $Findings[0].Summary | Should -Be 'Not checked: internal transport certificate'
    @($Findings[0].Evidence.notChecked) | Should -Be $Server
}

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

function New-BrokenOrganisation {
    # The organisation $Connector with connector $Identity replaced by a copy that has the given property changed
    # (or removed with -Remove). Returns @{ Connectors; Broken }.
    param(
        [Parameter(Mandatory = $true)] [object[]] $Connector,
        [Parameter(Mandatory = $true)] [string] $Identity,
        [string] $Property, [object] $Value, [switch] $Remove
    )
    $broken = $null
    $list = foreach ($c in $Connector) {
        if ($c.Identity -ne $Identity) { $c; continue }
        $broken = Copy-ConnectorObject -Connector $c
        if ($Remove) { $broken.PSObject.Properties.Remove($Property) } else { $broken.$Property = $Value }
        $broken
    }
    $broken | Should -Not -BeNullOrEmpty
    [pscustomobject]@{ Connectors = @($list); Broken = $broken }
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

#region a stand-in Exchange for the remediation commands -------------------------------------------------------------

function New-StandIn {
    # Set-ReceiveConnector, New-ReceiveConnector, Get-ReceiveConnector and Get-ADPermission that record their calls and apply them to the
    # connector objects in $Connectors, as Exchange does: each given parameter replaces the whole property (flag lists
    # written the way Exchange prints them), and a change Exchange's cmdlets refuse throws with Exchange's reason
    # (DOMAIN.md §1.3: ExchangeServer needs the server's own name as Fqdn; ExternalAuthoritative only with Tls;
    # RemoteIPRanges never empty and at most about 1,200 entries). Get-ADPermission only shows, so it returns nothing.
    param([System.Collections.Generic.List[object]] $Connectors, [System.Collections.Generic.List[object]] $Calls, $Servers)
    $apply = {
        param($target, $bound)
        foreach ($key in @($bound.Keys)) {
            if ($key -in 'Identity', 'Name', 'Server') { continue }
            $value = $bound[$key]
            if ($key -in 'AuthMechanism', 'PermissionGroups') { $value = (@($value) -join ', ') }
            $target | Add-Member -NotePropertyName $key -NotePropertyValue $value -Force
        }
    }.GetNewClosure()
    $refuse = {
        # Why Exchange would refuse the connector $target as $bound leaves it; $null when it accepts it.
        param($target, $bound, [string] $server)
        $auth = if ($bound.ContainsKey('AuthMechanism')) { @($bound.AuthMechanism) -join ', ' } else { [string]$target.AuthMechanism }
        $fqdn = if ($bound.ContainsKey('Fqdn')) { [string]$bound.Fqdn } else { [string]$target.Fqdn }
        $ranges = if ($bound.ContainsKey('RemoteIPRanges')) { @($bound.RemoteIPRanges) } else { $null }
        $flags = @($auth -split ',\s*' | Where-Object { $_ })
        $edge = @($Connectors | Where-Object { [string]$_.Identity -eq "$server\Default internal receive connector $server" }).Count -gt 0
        if ($flags -contains 'ExchangeServer' -and -not $edge -and $fqdn -and $fqdn -ne $server -and $fqdn -notlike "$server.*") {
            return "If the AuthMechanism attribute on a Receive connector contains the value ExchangeServer, you must set the FQDN parameter on the Receive connector to the FQDN of the transport server, its NetBIOS name or `$null (Fqdn '$fqdn')."
        }
        if ($flags -contains 'ExternalAuthoritative' -and @($flags | Where-Object { $_ -in 'BasicAuth', 'BasicAuthRequireTLS', 'ExchangeServer', 'Integrated' }).Count -gt 0) {
            return 'ExternalAuthoritative cannot be combined with BasicAuth, BasicAuthRequireTLS, ExchangeServer or Integrated.'
        }
        if ($null -ne $ranges -and $ranges.Count -eq 0) { return 'RemoteIPRanges cannot be empty.' }
        if ($null -ne $ranges -and $ranges.Count -gt 1200) { return 'The administrative limit for this request was exceeded.' }
        $null
    }.GetNewClosure()
    $set = {
        [CmdletBinding()]
        param([Parameter(Mandatory = $true)] [string] $Identity, [object] $RemoteIPRanges, [object] $Bindings,
              [object] $AuthMechanism, [object] $PermissionGroups, [object] $Enabled, [object] $TransportRole,
              [object] $Fqdn, [object] $SuppressXAnonymousTls, [object] $MaxInboundConnectionPerSource,
              [object] $MaxInboundConnectionPercentagePerSource, [object] $TlsCertificateName, [object] $ProtocolLoggingLevel)
        $Calls.Add([pscustomobject]@{ Command = 'Set-ReceiveConnector'; Arguments = $PSBoundParameters })
        $target = @($Connectors | Where-Object { [string]$_.Identity -eq $Identity })
        if ($target.Count -ne 1) { throw "Set-ReceiveConnector: no connector '$Identity'" }
        $why = & $refuse $target[0] $PSBoundParameters ($Identity.Substring(0, $Identity.IndexOf('\')))
        if ($why) { throw "Set-ReceiveConnector '$Identity': $why" }
        & $apply $target[0] $PSBoundParameters
    }.GetNewClosure()
    $new = {
        [CmdletBinding()]
        param([Parameter(Mandatory = $true)] [string] $Name, [Parameter(Mandatory = $true)] [string] $Server,
              [object] $TransportRole = 'HubTransport', [Parameter(Mandatory = $true)] [object] $Bindings,
              [Parameter(Mandatory = $true)] [object] $RemoteIPRanges, [object] $AuthMechanism, [object] $PermissionGroups,
              [object] $DomainSecureEnabled, [object] $MaxInboundConnectionPerSource,
              [object] $MaxInboundConnectionPercentagePerSource, [object] $MaxRecipientsPerMessage)
        $Calls.Add([pscustomobject]@{ Command = 'New-ReceiveConnector'; Arguments = $PSBoundParameters })
        if (@($Connectors | Where-Object { [string]$_.Identity -eq "$Server\$Name" }).Count -gt 0) { throw "New-ReceiveConnector: '$Server\$Name' exists" }
        $fqdn = @($Servers | Where-Object { $_ -and $_.PSObject.Properties['Name'] -and $_.Name -eq $Server -and $_.PSObject.Properties['Fqdn'] } | ForEach-Object { $_.Fqdn })
        $connector = [pscustomobject]@{ Identity = "$Server\$Name"; Name = $Name; Server = $Server; Enabled = $true
            TransportRole = $TransportRole; Fqdn = ($fqdn + $Server)[0] }
        & $apply $connector $PSBoundParameters
        $Connectors.Add($connector)
    }.GetNewClosure()
    $permission = {
        param([Parameter(ValueFromPipeline = $true)] [object] $InputObject, [string] $Identity)
        $Calls.Add([pscustomobject]@{ Command = 'Get-ADPermission'; Arguments = $PSBoundParameters })
    }.GetNewClosure()
    $get = {
        # Get-ReceiveConnector: the connectors as the stand-in holds them (changed by Set-ReceiveConnector).
        [CmdletBinding()]
        param([Parameter(Position = 0)] [string] $Identity, [string] $Server)
        $Calls.Add([pscustomobject]@{ Command = 'Get-ReceiveConnector'; Arguments = $PSBoundParameters })
        foreach ($c in $Connectors) {
            if ($Identity -and [string]$c.Identity -ne $Identity) { continue }
            if ($Server -and [string]$c.Server -ne $Server) { continue }
            $c
        }
    }.GetNewClosure()
    @{ Set = $set; New = $new; GetADPermission = $permission; Get = $get }
}

function Test-FixComposition {
    # Runs every distinct RemediationCommand of one analysis, in the order returned, against the stand-in Exchange,
    # then analyses again. Returns what went wrong, one line each (nothing when the fixes compose):
    # a command that Exchange would refuse, an Error or Warning that a Set-/New-ReceiveConnector command was meant
    # to fix and that remains, and an Error or Warning that was not there before.
    param(
        [Parameter(Mandatory = $true)] [System.Collections.Generic.List[object]] $Connectors,
        # Analyses the connectors given as its one argument and returns the findings.
        [Parameter(Mandatory = $true)] [scriptblock] $Analyze,
        [object[]] $Servers = @()
    )
    $key = {
        param($f)
        $sender = @(foreach ($name in 'sender', 'senderAddress') { $p = $f.Evidence.PSObject.Properties[$name]; if ($p) { $p.Value } })
        '{0}|{1}|{2}|{3}' -f $f.RuleId, $f.Server, $f.Connector, ($sender -join '|')
    }
    $before = @(& $Analyze $Connectors.ToArray())
    $calls = New-Object -TypeName System.Collections.Generic.List[object]
    $standIn = New-StandIn -Connectors $Connectors -Calls $calls -Servers $Servers
    $commands = @($before | Where-Object { $_.RemediationCommand } | ForEach-Object { $_.RemediationCommand } | Select-Object -Unique)
    $problems = New-Object -TypeName System.Collections.Generic.List[string]
    & {
        Set-Item -Path Function:Set-ReceiveConnector -Value $standIn.Set
        Set-Item -Path Function:New-ReceiveConnector -Value $standIn.New
        Set-Item -Path Function:Get-ADPermission -Value $standIn.GetADPermission
        # New-ExchangeCertificate (ECD1003) changes no connector: this stand-in has its parameters, so a command with
        # a parameter it lacks or a value it cannot take fails to bind and is reported as refused.
        Set-Item -Path Function:New-ExchangeCertificate -Value {
            [CmdletBinding()]
            param([Parameter(Mandatory = $true)] [string] $Server, [int] $KeySize, [bool] $PrivateKeyExportable, [string] $FriendlyName,
                [string[]] $DomainName, [switch] $IncludeServerFQDN, [ValidateSet('None', 'IMAP', 'POP', 'UM', 'IIS', 'SMTP', 'Federation', 'UMCallRouter')] [string[]] $Services,
                [switch] $Force)
            if ($KeySize -lt 2048) { throw "KeySize $KeySize" }
        }
        foreach ($command in $commands) {
            try { & ([scriptblock]::Create($command)) } catch { $problems.Add(('refused: {0} -> {1}' -f $command, $_.Exception.Message)) }
        }
    }
    $after = @(& $Analyze $Connectors.ToArray())
    $serious = { param($f) $f.Severity -in 'Error', 'Warning' }
    $beforeKeys = @($before | Where-Object { & $serious $_ } | ForEach-Object { & $key $_ })
    foreach ($f in @($before | Where-Object { (& $serious $_) -and $_.RemediationCommand -match '^(Set|New)-ReceiveConnector ' })) {
        $k = & $key $f
        if (@($after | Where-Object { (& $serious $_) -and (& $key $_) -eq $k }).Count -gt 0) { $problems.Add(('remains: {0} after {1}' -f $k, $f.RemediationCommand)) }
    }
    foreach ($f in @($after | Where-Object { & $serious $_ })) {
        $k = & $key $f
        if ($beforeKeys -notcontains $k) { $problems.Add(('new: {0} {1}: {2}' -f $f.Severity, $k, $f.Message)) }
    }
    @($problems)
}

#endregion

Export-ModuleMember -Function *
