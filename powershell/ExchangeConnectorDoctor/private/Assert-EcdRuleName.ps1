function Assert-EcdRuleName {
    # -Rule or -ExcludeRule naming no rule is a terminating error of the public command, with the nearest rule names
    # (the engine finds them and says so in its ECD0001 finding about /rules/N or /excludeRules/N), not a run of
    # fewer rules than asked for.
    [CmdletBinding()]
    [OutputType([void])]
    param(
        [Parameter(Mandatory = $true)] [object] $Response,
        [Parameter(Mandatory = $true)] [System.Management.Automation.PSCmdlet] $Cmdlet
    )
    foreach ($f in @($Response.findings)) {
        if ($null -eq $f -or $f.ruleId -ne 'ECD0001' -or $f.evidence.source -ne 'request') { continue }
        if ([string]$f.evidence.pointer -notmatch '^/(rules|excludeRules)/\d+$') { continue }
        $parameter = if ($Matches[1] -eq 'rules') { '-Rule' } else { '-ExcludeRule' }
        $what = [string]$f.message -replace '^input, (rules|excludeRules): ', ''
        $Cmdlet.ThrowTerminatingError((New-EcdErrorRecord -Message ('{0}: {1}.' -f $parameter, $what) -ErrorId 'ECD.UnknownRule' -Category InvalidArgument -TargetObject ([string]$f.evidence.text) -RecommendedAction 'Use an id or a name that Get-ReceiveConnectorRule lists; Tab after -Rule completes them.'))
    }
}
