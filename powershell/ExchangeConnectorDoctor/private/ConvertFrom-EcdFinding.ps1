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
        }
        $object = [pscustomobject][ordered]@{
            PSTypeName         = 'ExchangeConnectorDoctor.Finding'
            RuleId             = $f.ruleId
            Rule               = $f.rule
            Severity           = $f.severity
            Server             = $f.server
            Connector          = $f.connector
            Message            = $f.message
            Symptom            = $f.symptom
            Evidence           = $f.evidence
            Remediation        = $f.remediation
            RemediationCommand = $f.remediationCommand
            Fix                = $fix
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
