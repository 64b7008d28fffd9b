function Repair-ReceiveConnector {
    <#
    .SYNOPSIS
    Applies the fixes of Test-ReceiveConnector's findings: one Set-ReceiveConnector call per connector, checked by
    the engine first, with -WhatIf and -Confirm.

    .DESCRIPTION
    Repair-ReceiveConnector takes findings from the pipeline (Test-ReceiveConnector | Repair-ReceiveConnector), groups
    them per connector and makes each connector's fix with one call of the Set-ReceiveConnector command of the session
    (in the Exchange Management Shell, the proxy function of the remote session), its parameters splatted from the
    fix as data (the finding's Fix: cmdlet and typed parameters). The RemediationCommand text is never run.

    Before changing anything it hands the connectors as they are (-Connector, or Get-ReceiveConnector when the session
    has it) to the engine, which analyses the organisation with each fix applied. A fix that would add an Error or a
    Warning is refused and the new findings are listed, unless -Force is given. A fix the engine now computes
    differently (the connector changed since the analysis) is not applied: run Test-ReceiveConnector again.
    Findings without a fix as data (a connector to delete or re-create, bindings on a server whose version is not
    known, a change that needs Get-ADPermission) are reported with their reason and never applied.

    -WhatIf prints each connector's command and what it changes (old value -> new value) and calls nothing;
    -Confirm asks once per connector (the default, ConfirmImpact is High); -Force skips the question.

    After each change the connector is read again with Get-ReceiveConnector (when the session has it) and analysed
    again: the result says which findings are gone. One result object per connector.

    .PARAMETER InputObject
    Findings from Test-ReceiveConnector (live or from Import-Clixml).

    .PARAMETER Connector
    The receive connectors as they are now, for the engine's check before each change. Without it,
    Get-ReceiveConnector is called; a repair without them is refused, because the fixes could not be checked.

    .PARAMETER ExchangeServer
    The Exchange servers, as for Test-ReceiveConnector. Without it, Get-ExchangeServer is called when the session has it.

    .PARAMETER WhatIf
    Shows, per connector, the command and what it changes (old value -> new value), and changes nothing.

    .PARAMETER Confirm
    Asks once per connector before changing it (the default: ConfirmImpact is High). -Confirm:$false does not ask.

    .PARAMETER Force
    Applies fixes that the check says would add an Error or a Warning, and skips the confirmation.

    .EXAMPLE
    $examples = Join-Path -Path (Import-Module -Name ExchangeConnectorDoctor -PassThru).ModuleBase -ChildPath Examples
    $connectors = Import-Clixml "$examples/contoso-GetReceiveConnector.clixml.xml"
    $servers = 'EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5', 'EDGE01=10.0.0.20'
    $connectors | Test-ReceiveConnector -ExchangeServer $servers | Repair-ReceiveConnector -Connector $connectors -ExchangeServer $servers -WhatIf

    Shows what would change on the printer relay of the example (RemoteIPRanges: 10.0.0.1-10.0.0.30 -> the ranges
    without the Exchange servers' addresses) and changes nothing.

    .EXAMPLE
    Get-ReceiveConnector | Test-ReceiveConnector -MinimumSeverity Error | Repair-ReceiveConnector

    In the Exchange Management Shell: fixes every Error, asking once per connector.

    .INPUTS
    ExchangeConnectorDoctor.Finding

    .OUTPUTS
    ExchangeConnectorDoctor.RepairResult

    .LINK
    Test-ReceiveConnectorChange

    .LINK
    Test-ReceiveConnector
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    [OutputType('ExchangeConnectorDoctor.RepairResult')]
    param(
        [Parameter(Mandatory = $true, ValueFromPipeline = $true)]
        [AllowNull()]
        [AllowEmptyCollection()]
        [object[]] $InputObject,

        [object[]] $Connector,

        [object[]] $ExchangeServer,

        [switch] $Force
    )
    begin {
        $findings = New-Object -TypeName System.Collections.Generic.List[object]
        if ($Force -and -not $PSBoundParameters.ContainsKey('Confirm')) { $ConfirmPreference = 'None' }
    }
    process {
        foreach ($item in @($InputObject)) {
            if ($null -ne $item -and $item.PSObject.Properties['RuleId']) { $findings.Add($item) }
        }
    }
    end {
        # Per connector: its findings, and the one fix they share.
        $groups = @{}
        $order = New-Object -TypeName System.Collections.Generic.List[string]
        foreach ($f in $findings) {
            $name = [string]$f.Connector
            if (-not $name) { continue }
            if (-not $groups.ContainsKey($name)) {
                $groups[$name] = New-Object -TypeName System.Collections.Generic.List[object]
                $order.Add($name)
            }
            $groups[$name].Add($f)
        }
        if ($order.Count -eq 0) { return }

        $fixFor = @{}
        foreach ($name in $order) {
            $withFix = @($groups[$name].ToArray() | Where-Object { $_.PSObject.Properties['Fix'] -and $null -ne $_.Fix })
            if ($withFix.Count -gt 0) { $fixFor[$name] = $withFix[0].Fix }
        }

        $items = @()
        if ($PSBoundParameters.ContainsKey('Connector')) {
            $items = @($Connector)
        } elseif ($fixFor.Count -gt 0 -and (Get-Command -Name 'Get-ReceiveConnector' -ErrorAction Ignore)) {
            Write-Verbose 'Reading the connectors as they are with Get-ReceiveConnector.'
            $items = @(Get-ReceiveConnector)
        } elseif ($fixFor.Count -gt 0) {
            $record = New-Object -TypeName System.Management.Automation.ErrorRecord -ArgumentList @(
                (New-Object -TypeName System.InvalidOperationException -ArgumentList 'Repair-ReceiveConnector checks every fix against the connectors as they are before it changes anything, and none were given: give -Connector (Get-ReceiveConnector output or an Import-Clixml export), or run it in the Exchange Management Shell.'),
                'ECD.Repair.NoConnectors', [System.Management.Automation.ErrorCategory]::InvalidArgument, $null)
            $PSCmdlet.ThrowTerminatingError($record)
        }
        $servers = @(Get-EcdServerList -ExchangeServer $ExchangeServer -FromSession:(-not $PSBoundParameters.ContainsKey('ExchangeServer')))
        $connectors = @(foreach ($item in $items) { ConvertTo-EcdObject -InputObject $item })
        $checks = @{}
        if ($fixFor.Count -gt 0) {
            $request = [ordered]@{ operation = 'change'; connectors = $connectors; servers = $servers; applyFixes = @($fixFor.Keys) }
            $response = Invoke-EcdEngine -Request $request
            [void](ConvertFrom-EcdFinding -Finding @($response.findings) -InputItem $items -Cmdlet $PSCmdlet)
            foreach ($entry in @($response.fixes)) { $checks[[string]$entry.connector] = $entry }
        }

        $setCommand = $null
        $changed = New-Object -TypeName System.Collections.Generic.List[string]
        $results = New-Object -TypeName System.Collections.Generic.List[object]
        foreach ($name in $order) {
            $group = $groups[$name].ToArray()
            $result = [pscustomobject][ordered]@{
                PSTypeName        = 'ExchangeConnectorDoctor.RepairResult'
                Connector         = $name
                Changed           = $false
                Command           = $null
                Before            = $null
                After             = $null
                FindingsFixed     = @()
                FindingsRemaining = @($group)
                Reason            = $null
            }
            $results.Add($result)
            if (-not $fixFor.ContainsKey($name)) {
                $why = @($group | ForEach-Object { '{0}: {1}' -f $_.RuleId, $_.Remediation }) -join ' '
                $result.Reason = 'Not applied: no finding on it has a fix as data, so what to do depends on what the engine cannot know. ' + $why
                continue
            }
            $fix = $fixFor[$name]
            $result.Command = @($group | Where-Object { $_.RemediationCommand } | Select-Object -First 1 -ExpandProperty RemediationCommand)[0]
            $check = $null
            foreach ($key in @($checks.Keys)) { if ($key -eq $name) { $check = $checks[$key] } }
            if ([string]$fix.Cmdlet -ne 'Set-ReceiveConnector') {
                $result.Reason = 'Not applied: only Set-ReceiveConnector fixes are checked and applied, not {0}.' -f $fix.Cmdlet
                continue
            }
            if ($null -eq $check) {
                $result.Reason = 'Not applied: on the connectors as they are, the engine gives no fix for this connector (it may be fixed already, or not among the connectors given). Run Test-ReceiveConnector again.'
                continue
            }
            $now = ConvertFrom-EcdFix -Fix $check.fix
            # The same fix as the analysis gave (keys compared in order of name: Import-Clixml does not keep their order)?
            $texts = foreach ($parameters in @($now.Parameters, $fix.Parameters)) {
                @(@($parameters.Keys) | Sort-Object | ForEach-Object { '{0}={1}' -f $_, (ConvertTo-Json -InputObject @($parameters[$_]) -Depth 4 -Compress) }) -join ';'
            }
            if ($texts[0] -ne $texts[1]) {
                $result.Reason = 'Not applied: on the connectors given, the engine''s fix for this connector differs from the finding''s (the connector changed since it was analysed, or the analysis used -Rule, -Certificate or -Queue): it now changes {0}. Run Test-ReceiveConnector again.' -f ((@($now.Parameters.Keys) | Where-Object { $_ -ne 'Identity' }) -join ', ')
                continue
            }
            $fix = $now  # the engine's, equal to the finding's: typed as the engine wrote it, in command order
            $before = $fix.Before
            $result.Before = $before
            if (-not $check.checked) {
                $result.Reason = 'Not applied: the engine could not check it: {0}.' -f $check.reason
                continue
            }
            if ($check.addsProblems -and -not $Force) {
                $new = @(ConvertFrom-EcdFinding -Finding @($check.appeared) -Cmdlet $PSCmdlet | Where-Object { $_.Severity -ne 'Information' })
                $list = @($new | ForEach-Object { '[{0}] {1}: {2}' -f $_.Severity, $_.RuleId, $_.Message }) -join ' '
                $result.Reason = 'Refused: the fix would add {0} Error or Warning finding(s): {1} Give -Force to apply it anyway.' -f $new.Count, $list
                $record = New-Object -TypeName System.Management.Automation.ErrorRecord -ArgumentList @(
                    (New-Object -TypeName System.InvalidOperationException -ArgumentList ("Repair-ReceiveConnector: the fix of '{0}' was not applied. {1}" -f $name, $result.Reason)),
                    'ECD.Repair.WouldAddProblems', [System.Management.Automation.ErrorCategory]::InvalidOperation, $name)
                $PSCmdlet.WriteError($record)
                continue
            }
            # Old -> new, per parameter: what -WhatIf and -Confirm show.
            $lines = foreach ($key in @($fix.Parameters.Keys)) {
                if ($key -eq 'Identity') { continue }
                $old = if ($before -and $before.Contains($key)) { @($before[$key]) -join ', ' } else { '' }
                '{0}: {1} -> {2}' -f $key, $old, (@($fix.Parameters[$key]) -join ', ')
            }
            $action = '{0} ({1})' -f $fix.Cmdlet, (@($lines) -join '; ')
            if (-not $PSCmdlet.ShouldProcess($name, $action)) {
                $result.Reason = 'Not applied: not confirmed (or -WhatIf).'
                continue
            }
            if ($null -eq $setCommand) {
                # The session's command (in the Exchange Management Shell, the implicit remoting module's proxy function).
                $setCommand = Get-Command -Name 'Set-ReceiveConnector' -CommandType Function, Cmdlet, Alias -ErrorAction Ignore | Select-Object -First 1
                if ($null -eq $setCommand) {
                    $result.Reason = 'Not applied: there is no Set-ReceiveConnector in this session (run it in the Exchange Management Shell).'
                    continue
                }
            }
            $splat = @{}
            foreach ($key in @($fix.Parameters.Keys)) {
                $value = $fix.Parameters[$key]
                if ($value -is [bool]) { $splat[[string]$key] = $value }
                elseif ($value -is [System.Collections.IEnumerable] -and $value -isnot [string]) { $splat[[string]$key] = [string[]]@($value) }
                else { $splat[[string]$key] = [string]$value }
            }
            try {
                & $setCommand @splat -ErrorAction Stop
            } catch {
                $result.Reason = 'Set-ReceiveConnector failed: {0}' -f $_.Exception.Message
                $PSCmdlet.WriteError($_)
                continue
            }
            $result.Changed = $true
            $changed.Add($name)
        }

        # Read the changed connectors again and analyse: which findings are gone.
        if ($changed.Count -gt 0) {
            if (Get-Command -Name 'Get-ReceiveConnector' -ErrorAction Ignore) {
                $current = New-Object -TypeName System.Collections.Generic.List[object]
                $reread = @{}
                foreach ($name in $changed) { $reread[$name] = @(Get-ReceiveConnector -Identity $name)[0] }
                foreach ($item in $items) {
                    $id = [string]$item.Identity
                    $replacement = $null
                    foreach ($key in @($reread.Keys)) { if ($key -eq $id) { $replacement = $reread[$key] } }
                    if ($null -ne $replacement) { $current.Add($replacement) } else { $current.Add($item) }
                }
                $request = [ordered]@{ operation = 'analyze'; connectors = @(foreach ($c in $current) { ConvertTo-EcdObject -InputObject $c }); servers = $servers }
                $after = @((Invoke-EcdEngine -Request $request).findings)
                foreach ($result in $results) {
                    if (-not $result.Changed) { continue }
                    $key = $null
                    foreach ($k in @($reread.Keys)) { if ($k -eq $result.Connector) { $key = $k } }
                    $object = $reread[$key]
                    $values = [ordered]@{}
                    foreach ($p in @($fixFor[$result.Connector].Parameters.Keys)) {
                        if ($p -ne 'Identity' -and $null -ne $object -and $object.PSObject.Properties[$p]) { $values[$p] = $object.$p }
                    }
                    $result.After = $values
                    $still = @($after | Where-Object { $_.connector -eq $result.Connector })
                    $fixed = @(); $remaining = @()
                    foreach ($f in @($groups[$result.Connector].ToArray())) {
                        $same = @($still | Where-Object { $_.ruleId -eq $f.RuleId -and (ConvertTo-Json -InputObject $_.evidence -Depth 6 -Compress) -eq (ConvertTo-Json -InputObject $f.Evidence -Depth 6 -Compress) })
                        if ($same.Count -gt 0) { $remaining += $f } else { $fixed += $f }
                    }
                    $result.FindingsFixed = $fixed
                    $result.FindingsRemaining = $remaining
                }
            } else {
                foreach ($result in $results) {
                    if ($result.Changed) { $result.Reason = 'Changed; not read again: Get-ReceiveConnector is not in this session.' }
                }
            }
        }
        $results
    }
}
