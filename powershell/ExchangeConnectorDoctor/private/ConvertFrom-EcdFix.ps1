function ConvertFrom-EcdFix {
    # The engine's fix ({cmdlet, parameters: [{name, value, before}]}) as an ExchangeConnectorDoctor.Fix: the cmdlet,
    # its parameters in an ordered dictionary (the engine made RemediationCommand from the same data), so that a
    # script can splat them, and Before: each parameter's value before the fix (for old -> new), not part of the command.
    [CmdletBinding()]
    [OutputType('ExchangeConnectorDoctor.Fix')]
    param([Parameter(Mandatory = $true)] [object] $Fix)
    $parameters = [ordered]@{}
    $before = [ordered]@{}
    foreach ($p in @($Fix.parameters)) {
        $parameters[[string]$p.name] = $p.value
        if ($p.PSObject.Properties['before']) { $before[[string]$p.name] = $p.before }
    }
    [pscustomobject]@{ PSTypeName = 'ExchangeConnectorDoctor.Fix'; Cmdlet = [string]$Fix.cmdlet; Parameters = $parameters; Before = $before }
}
