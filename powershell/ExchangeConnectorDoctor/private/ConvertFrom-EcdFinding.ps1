function ConvertFrom-EcdFinding {
    # Turns the engine's findings into ExchangeConnectorDoctor.Finding objects: the one place the module names the
    # finding's fields (ConvertTo-EcdFinding turns the objects back by their property names). A finding about bad
    # input (ECD0001) is also written as a non-terminating error with the input item as its target.
    [CmdletBinding()]
    [OutputType('ExchangeConnectorDoctor.Finding')]
    param(
        [Parameter(Mandatory = $true)] [AllowEmptyCollection()] [object[]] $Finding,
        [AllowEmptyCollection()] [object[]] $InputItem = @(),
        # The public command's $PSCmdlet, so that errors are reported as its own.
        [Parameter(Mandatory = $true)] [System.Management.Automation.PSCmdlet] $Cmdlet
    )
    foreach ($f in $Finding) {
        # The fix as data (ConvertFrom-EcdFix): the cmdlet and its parameters in an ordered dictionary (the engine made
        # RemediationCommand from the same data), so that a script can splat them.
        $fix = $null
        if ($f.PSObject.Properties['fix'] -and $null -ne $f.fix) {
            $fix = ConvertFrom-EcdFix -Fix $f.fix
            # As text (Export-Csv, "$($finding.Fix)"): the engine's command, made from the same data.
            $command = [string]$f.remediationCommand
            Add-Member -InputObject $fix -MemberType ScriptMethod -Name ToString -Value ({ $command }.GetNewClosure()) -Force
        }
        # Evidence prints as "key=value; key=value" where a text is wanted (Export-Csv, string expansion); it stays
        # an object for scripts and ConvertTo-Json.
        $evidence = $f.evidence
        if ($null -ne $evidence) {
            Add-Member -InputObject $evidence -MemberType ScriptMethod -Name ToString -Value { ConvertTo-EcdEvidenceText -Evidence $this } -Force
        }
        $object = [pscustomobject][ordered]@{
            PSTypeName         = 'ExchangeConnectorDoctor.Finding'
            Id                 = $f.id
            RuleId             = $f.ruleId
            Rule               = $f.rule
            Severity           = [ExchangeConnectorDoctor.Severity][string]$f.severity
            Server             = $f.server
            Connector          = $f.connector
            Sender             = $f.sender
            Summary            = $f.summary
            Message            = $f.message
            Symptom            = $f.symptom
            Evidence           = $evidence
            Remediation        = $f.remediation
            RemediationCommand = $f.remediationCommand
            Fix                = $fix
            HelpFile           = Get-EcdRuleHelpFile -RuleId ([string]$f.ruleId)
        }
        if ($f.ruleId -eq 'ECD0001') {
            $target = $null
            if ($f.evidence.PSObject.Properties['item'] -and $f.evidence.item -lt $InputItem.Count) { $target = $InputItem[$f.evidence.item] }
            $record = New-Object -TypeName System.Management.Automation.ErrorRecord -ArgumentList @(
                (New-Object -TypeName System.IO.InvalidDataException -ArgumentList $f.message),
                'ECD0001.InvalidInput',
                [System.Management.Automation.ErrorCategory]::InvalidData,
                $target)
            $Cmdlet.WriteError($record)
        }
        $object
    }
}
