function Write-EcdAnalysisVerbose {
    # -Verbose for an administrator: which servers the analysis knows, which addresses each connects from (or why
    # none is known), and which checks could not run. The engine says all of it in its response.
    [CmdletBinding()]
    [OutputType([void])]
    param([Parameter(Mandatory = $true)] [object] $Response)
    if ($VerbosePreference -eq 'SilentlyContinue') { return }
    if ($Response.PSObject.Properties['servers']) {
        foreach ($s in @($Response.servers)) {
            if ($null -eq $s) { continue }
            $from = if (@($s.addresses).Count -gt 0) { 'connects from ' + (@($s.addresses) -join ', ') } elseif ($s.addressNote) { 'no address known: ' + $s.addressNote } else { 'no address known (give it with -ExchangeServer NAME=ADDRESS)' }
            Write-Verbose ('Server {0} ({1}, {2} connector(s)): {3}.' -f $s.name, $s.kind, $s.connectors, $from)
        }
    }
    foreach ($f in @($Response.findings)) {
        if ($null -ne $f -and $f.ruleId -eq 'ECD0002') { Write-Verbose ('Check skipped on {0}: {1}' -f $f.server, $f.summary) }
    }
}
