# The whole path in PowerShell for generated organisations (build-scripts/bench.sh): connectors as
# [pscustomobject]s with Exchange's property names in, findings out. Prints, per size, the end-to-end time of
# Test-ReceiveConnector and where it goes (projection to the request in PowerShell, the native call, conversion
# of the response back to finding objects; measured around the module's private functions), and beside it a
# straightforward pure-PowerShell capture check (for each connector, for each range, for each Exchange address:
# parse with [System.Net.IPAddress], compare bytes) and the ratio. Figures only; nothing is asserted.
param(
    [Parameter(Mandatory = $true)] [string] $ModulePath,
    [int[]] $Size = @(10, 100, 1000),
    # The pure-PowerShell check stops after this many seconds per size; its total is extrapolated from the
    # share of (range, address) pairs it got through (its cost is exactly proportional to that number).
    [double] $NaiveBudgetSeconds = 15,
    [string] $JsonPath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module -Name $ModulePath -Force

function New-Connector([string] $Server, [string] $Name, [string] $Role, [string[]] $Bindings, [string[]] $Ranges, [string] $Auth, [string] $Permissions) {
    [pscustomobject]@{
        Identity = "$Server\$Name"; Name = $Name; Server = $Server; TransportRole = $Role; Enabled = $true
        Bindings = $Bindings; RemoteIPRanges = $Ranges; AuthMechanism = $Auth; PermissionGroups = $Permissions
        Fqdn = "$Server.contoso.com"
    }
}

# The same organisation as tests/bench/generated_organisation.h: N servers, 5 default connectors each and one
# relay on port 25 with 100 single addresses (every tenth relay 1,200); every 50th relay holds the next server.
function New-Organisation([int] $Servers) {
    $all = @('::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '0.0.0.0-255.255.255.255')
    $full = 'Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer'
    $connectors = New-Object -TypeName System.Collections.Generic.List[object]
    $names = New-Object -TypeName System.Collections.Generic.List[string]
    $address = { param([int] $n) '10.{0}.{1}.11' -f [math]::Floor($n / 256), ($n % 256) }
    for ($n = 0; $n -lt $Servers; $n++) {
        $s = 'EX{0:D4}' -f $n
        $names.Add(('{0}={1}' -f $s, (& $address $n)))
        $connectors.Add((New-Connector $s "Default $s" 'HubTransport' @('0.0.0.0:2525', '[::]:2525') $all $full 'ExchangeUsers, ExchangeServers, ExchangeLegacyServers'))
        $connectors.Add((New-Connector $s "Client Proxy $s" 'HubTransport' @('0.0.0.0:465', '[::]:465') $all $full 'ExchangeUsers, ExchangeServers'))
        $connectors.Add((New-Connector $s "Default Frontend $s" 'FrontendTransport' @('0.0.0.0:25', '[::]:25') $all $full 'AnonymousUsers, ExchangeServers, ExchangeLegacyServers'))
        $connectors.Add((New-Connector $s "Outbound Proxy Frontend $s" 'FrontendTransport' @('0.0.0.0:717', '[::]:717') $all $full 'ExchangeServers'))
        $connectors.Add((New-Connector $s "Client Frontend $s" 'FrontendTransport' @('0.0.0.0:587', '[::]:587') $all 'Tls, Integrated, BasicAuth, BasicAuthRequireTLS' 'ExchangeUsers'))
        $count = if ($n % 10 -eq 0) { 1200 } else { 100 }
        $captured = ($n % 50 -eq 0 -and $Servers -gt 1)
        if ($captured) { $count-- }
        $ranges = New-Object -TypeName 'System.Collections.Generic.List[string]' -ArgumentList ($count + 1)
        for ($i = 0; $i -lt $count; $i++) { $ranges.Add(('172.{0}.{1}.{2}' -f (16 + [math]::Floor($n / 50)), (($n % 50) * 5 + [math]::Floor($i / 250)), (1 + $i % 250))) }
        if ($captured) { $ranges.Add((& $address (($n + 1) % $Servers))) }
        $connectors.Add((New-Connector $s "Relay $s" 'FrontendTransport' @('0.0.0.0:25') $ranges.ToArray() 'Tls' 'AnonymousUsers'))
    }
    [pscustomobject]@{ Connectors = $connectors.ToArray(); Servers = $names.ToArray() }
}

# The script an administrator would otherwise write.
function Test-RangeHoldsAddress([string] $Range, [System.Net.IPAddress] $Address) {
    if ($Range -match '^(.+)-(.+)$') {
        $low = [System.Net.IPAddress]::Parse($Matches[1]).GetAddressBytes(); $high = [System.Net.IPAddress]::Parse($Matches[2]).GetAddressBytes()
    } elseif ($Range -match '^(.+)/(\d+)$') {
        $low = [System.Net.IPAddress]::Parse($Matches[1]).GetAddressBytes(); $high = [byte[]]$low.Clone(); $bits = [int]$Matches[2]
        for ($b = 0; $b -lt $low.Length; $b++) {
            $keep = [math]::Max(0, [math]::Min(8, $bits - 8 * $b)); $mask = [byte]((0xFF -shl (8 - $keep)) -band 0xFF)
            $low[$b] = $low[$b] -band $mask; $high[$b] = $low[$b] -bor ((-bnot $mask) -band 0xFF)
        }
    } else {
        $low = [System.Net.IPAddress]::Parse($Range).GetAddressBytes(); $high = $low
    }
    $bytes = $Address.GetAddressBytes()
    if ($bytes.Length -ne $low.Length) { return $false }
    $aboveLow = $true; $belowHigh = $true
    for ($b = 0; $b -lt $bytes.Length; $b++) { if ($bytes[$b] -ne $low[$b]) { $aboveLow = $bytes[$b] -gt $low[$b]; break } }
    for ($b = 0; $b -lt $bytes.Length; $b++) { if ($bytes[$b] -ne $high[$b]) { $belowHigh = $bytes[$b] -lt $high[$b]; break } }
    $aboveLow -and $belowHigh
}

function Measure-NaiveCapture($Organisation, [double] $BudgetSeconds) {
    $addresses = @(foreach ($s in $Organisation.Servers) { $s.Split('=')[1] })
    $pairs = 0L
    foreach ($c in $Organisation.Connectors) { $pairs += $c.RemoteIPRanges.Count * $addresses.Count }
    $done = 0L; $captures = 0
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    :outer foreach ($c in $Organisation.Connectors) {
        foreach ($range in $c.RemoteIPRanges) {
            foreach ($a in $addresses) {
                if (Test-RangeHoldsAddress -Range $range -Address ([System.Net.IPAddress]::Parse($a))) {
                    if ($c.Name -notlike 'Default*' -and $c.Name -notlike 'Client*' -and $c.Name -notlike 'Outbound*') { $captures++ }
                }
                $done++
            }
            if ($watch.Elapsed.TotalSeconds -gt $BudgetSeconds) { break outer }
        }
    }
    $seconds = $watch.Elapsed.TotalSeconds
    [pscustomobject]@{ Pairs = $pairs; Done = $done; Seconds = $seconds; Estimated = $seconds * $pairs / [math]::Max(1, $done); Captures = $captures; Complete = ($done -eq $pairs) }
}

$module = Get-Module -Name ExchangeConnectorDoctor
$results = foreach ($n in $Size) {
    $generate = [System.Diagnostics.Stopwatch]::StartNew()
    $org = New-Organisation -Servers $n
    $generate.Stop()
    $ranges = 0; foreach ($c in $org.Connectors) { $ranges += $c.RemoteIPRanges.Count }

    # 1. The whole command, objects in, findings out.
    [GC]::Collect()
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $findings = @($org.Connectors | Test-ReceiveConnector -ExchangeServer $org.Servers)
    $endToEnd = $watch.Elapsed.TotalSeconds

    # 2. The same work split at the module's private functions.
    $split = & $module {
        param($Connectors, $Servers)
        function Measure-Conversion {
            [CmdletBinding()] param($Findings, $Items)
            @(ConvertFrom-EcdFinding -Finding $Findings -InputItem $Items -Cmdlet $PSCmdlet)
        }
        $w = [System.Diagnostics.Stopwatch]::StartNew()
        $projected = New-Object -TypeName System.Collections.Generic.List[object]
        foreach ($item in $Connectors) { $projected.Add((ConvertTo-EcdObject -InputObject $item)) }
        $request = [ordered]@{ operation = 'analyze'; connectors = $projected.ToArray(); documents = @(); servers = @(Get-EcdServerList -ExchangeServer $Servers); minimumSeverity = 'Information' }
        $json = ConvertTo-Json -InputObject $request -Depth 12 -Compress
        $projection = $w.Elapsed.TotalSeconds
        $w.Restart()
        $text = [ExchangeConnectorDoctor.Interop.Engine]::Run($json)
        $native = $w.Elapsed.TotalSeconds
        $w.Restart()
        $response = ConvertFrom-Json -InputObject $text
        $objects = Measure-Conversion -Findings @($response.findings) -Items $Connectors
        $conversion = $w.Elapsed.TotalSeconds
        [pscustomobject]@{ Projection = $projection; Native = $native; Conversion = $conversion; RequestBytes = $json.Length; ResponseBytes = $text.Length; Findings = $objects.Count }
    } $org.Connectors $org.Servers

    # 3. The pure-PowerShell capture check.
    $naive = Measure-NaiveCapture -Organisation $org -BudgetSeconds $NaiveBudgetSeconds

    [pscustomobject]@{
        Servers = $n; Connectors = $org.Connectors.Count; Ranges = $ranges; Findings = $findings.Count
        EndToEndSeconds = $endToEnd; PerConnectorMs = 1000 * $endToEnd / $org.Connectors.Count
        ProjectionSeconds = $split.Projection; NativeSeconds = $split.Native; ConversionSeconds = $split.Conversion
        RequestMB = [math]::Round($split.RequestBytes / 1MB, 1); ResponseKB = [math]::Round($split.ResponseBytes / 1KB, 1)
        NaiveSeconds = $naive.Estimated; NaiveComplete = $naive.Complete; NaivePairs = $naive.Pairs
        NaiveOverModule = $naive.Estimated / $endToEnd; GenerateSeconds = $generate.Elapsed.TotalSeconds
    }
}
$results | Format-Table -AutoSize -Property Servers, Connectors, Ranges, Findings,
    @{ n = 'Module s'; e = { '{0:N2}' -f $_.EndToEndSeconds } }, @{ n = 'ms/connector'; e = { '{0:N3}' -f $_.PerConnectorMs } },
    @{ n = 'Projection s'; e = { '{0:N2}' -f $_.ProjectionSeconds } }, @{ n = 'Native s'; e = { '{0:N2}' -f $_.NativeSeconds } },
    @{ n = 'Conversion s'; e = { '{0:N2}' -f $_.ConversionSeconds } }, RequestMB,
    @{ n = 'Pure PS capture s'; e = { '{0}{1:N1}' -f $(if ($_.NaiveComplete) { '' } else { '~' }), $_.NaiveSeconds } },
    @{ n = 'Pure PS / module'; e = { '{0:N0}x' -f $_.NaiveOverModule } } | Out-String -Width 200 | Write-Output
'(~ = extrapolated from the share of (range, address) pairs the pure-PowerShell check got through in {0} s)' -f $NaiveBudgetSeconds

# Real deserialized connectors (Import-Clixml of a lab export: about 90 properties each, most of them
# Exchange types that arrive as property bags) cost more to project than the generated ones above.
$export = Join-Path -Path $PSScriptRoot -ChildPath '../../../shared/fixtures/real/exchange2019-lab-GetReceiveConnector.clixml.xml'
$real = $null
if (Test-Path -LiteralPath $export) {
    $imported = @(Import-Clixml -LiteralPath $export)
    $rounds = 20
    $real = & $module {
        param($Items, $Rounds)
        $null = foreach ($item in $Items) { ConvertTo-EcdObject -InputObject $item }  # warm up
        $w = [System.Diagnostics.Stopwatch]::StartNew()
        for ($r = 0; $r -lt $Rounds; $r++) { $null = foreach ($item in $Items) { ConvertTo-EcdObject -InputObject $item } }
        [pscustomobject]@{ Connectors = $Items.Count; Properties = @($Items[0].PSObject.Properties).Count; MsPerConnector = 1000 * $w.Elapsed.TotalSeconds / ($Rounds * $Items.Count) }
    } $imported $rounds
    'Real deserialized connectors ({0}, {1} properties each, Import-Clixml of {2}): projection {3:N2} ms per connector' -f $real.Connectors, $real.Properties, (Split-Path -Leaf $export), $real.MsPerConnector
}
if ($JsonPath) { [pscustomobject]@{ Sizes = @($results); RealExport = $real } | ConvertTo-Json -Depth 4 | Set-Content -LiteralPath $JsonPath -Encoding UTF8 }
