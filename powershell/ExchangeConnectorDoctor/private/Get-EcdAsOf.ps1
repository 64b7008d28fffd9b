function Get-EcdAsOf {
    # The time certificate expiry is judged at, in UTC: now, unless a test fixed the clock for reproducible output
    # with & (Get-Module ExchangeConnectorDoctor) { $script:EcdAsOf = [datetime]'2024-11-20T00:00:00Z' }. Not a
    # parameter, so that Get-Help shows administrators only what they use.
    [CmdletBinding()]
    [OutputType([datetime])]
    param()
    $fixed = Get-Variable -Name EcdAsOf -Scope Script -ValueOnly -ErrorAction Ignore
    if ($null -ne $fixed) { return ([datetime]$fixed).ToUniversalTime() }
    [datetime]::UtcNow
}
