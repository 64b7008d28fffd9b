function Get-ReceiveConnectorRule {
    <#
    .SYNOPSIS
    Lists the rules that Test-ReceiveConnector runs: id, name, severity, the symptom each explains, and its doc page.

    .DESCRIPTION
    Get-ReceiveConnectorRule returns the engine's rule catalogue. Use the ids or names with the -Rule and
    -ExcludeRule parameters of Test-ReceiveConnector; the doc page of each rule (docs/rules/<id>.md in the project)
    explains the symptom, why it happens, how it is detected, the fix and the sources. The pages ship with the module:
    HelpFile is the full path of the rule's page in the installed copy (en-US/rules), readable offline.

    .PARAMETER Name
    Only the rules whose id or name matches one of these (wildcards allowed).

    .EXAMPLE
    Get-ReceiveConnectorRule

    Lists every rule.

    .EXAMPLE
    Get-ReceiveConnectorRule -Name 'ECD01*' | Format-List -Property Id, Name, Severity, Symptom

    The rules about Exchange Server authentication, with their symptoms.

    .OUTPUTS
    ExchangeConnectorDoctor.Rule

    .LINK
    Test-ReceiveConnector
    #>
    [CmdletBinding()]
    [OutputType('ExchangeConnectorDoctor.Rule')]
    param(
        [Parameter(Position = 0)]
        [SupportsWildcards()]
        [string[]] $Name = @('*')
    )
    $response = Invoke-EcdEngine -Request ([ordered]@{ operation = 'rules' })
    foreach ($rule in @($response.rules)) {
        $match = $false
        foreach ($pattern in $Name) { if ($rule.id -like $pattern -or $rule.name -like $pattern) { $match = $true } }
        if (-not $match) { continue }
        [pscustomobject][ordered]@{
            PSTypeName = 'ExchangeConnectorDoctor.Rule'
            Id         = $rule.id
            Name       = $rule.name
            Severity   = [ExchangeConnectorDoctor.Severity][string]$rule.severity
            Title      = $rule.title
            Symptom    = $rule.symptom
            DocPage    = $rule.docPage
            HelpFile   = Get-EcdRuleHelpFile -RuleId $rule.id
        }
    }
}
