function Get-EcdRuleCompletion {
    # Tab completion for -Rule / -ExcludeRule: rule ids and names from the engine's catalogue.
    [CmdletBinding()]
    [OutputType([System.Management.Automation.CompletionResult])]
    param([string] $WordToComplete)
    $response = Invoke-EcdEngine -Request ([ordered]@{ operation = 'rules' })
    foreach ($rule in $response.rules) {
        foreach ($text in @($rule.id, $rule.name)) {
            if ($text -like "$WordToComplete*") {
                New-Object -TypeName System.Management.Automation.CompletionResult -ArgumentList @($text, $text, 'ParameterValue', ('{0} {1}: {2}' -f $rule.id, $rule.name, $rule.title))
            }
        }
    }
}
