function ConvertTo-EcdFinding {
    # Turns an ExchangeConnectorDoctor.Finding (live, or deserialized from Export-Clixml) back into the engine's
    # finding, for a request that carries findings (the report of Export-ReceiveConnectorReport). It names no field:
    # each property that ConvertFrom-EcdFinding made goes back under the engine's name (RuleId -> ruleId), and Fix
    # back to the engine's {cmdlet, parameters: [{name, value}]}, so the fields are listed once, in the projection.
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param([Parameter(Mandatory = $true)] [object] $InputObject)
    $finding = [ordered]@{}
    foreach ($property in $InputObject.PSObject.Properties) {
        $name = $property.Name.Substring(0, 1).ToLowerInvariant() + $property.Name.Substring(1)
        $value = $property.Value
        # Severity is an enum (its number in JSON): the engine reads its name. A deserialized enum prints its name too.
        if ($name -eq 'severity' -and $null -ne $value) { $value = $value.ToString() }
        if ($name -eq 'helpFile') { continue }  # where this copy of the module keeps the rule's page, not the engine's
        if ($name -eq 'fix') {
            if ($null -eq $value) { continue }
            $before = $null
            if ($value.PSObject.Properties['Before']) { $before = $value.Before }
            $parameters = foreach ($key in @($value.Parameters.Keys)) {
                $p = [ordered]@{ name = [string]$key; value = $value.Parameters[$key] }
                if ($null -ne $before -and $before.Contains($key)) { $p.before = $before[$key] }
                $p
            }
            $value = [ordered]@{ cmdlet = [string]$value.Cmdlet; parameters = @($parameters) }
        }
        $finding[$name] = $value
    }
    $finding
}
