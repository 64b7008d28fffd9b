function ConvertTo-EcdUtcTime {
    # An engine time (ISO 8601 UTC text, or the [datetime] PowerShell 7's ConvertFrom-Json already made of it) as a
    # UTC [datetime]; $null for none.
    [CmdletBinding()]
    [OutputType([datetime])]
    param([AllowNull()] [object] $Value)
    if ($null -eq $Value -or ($Value -is [string] -and $Value -eq '')) { return $null }
    if ($Value -is [datetime]) { return $Value.ToUniversalTime() }
    [datetime]::Parse([string]$Value, [System.Globalization.CultureInfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::RoundtripKind).ToUniversalTime()
}
