function Get-EcdPropertyText {
    # The text of the first of -Name that the object has and that is not empty: strings as they are,
    # collections joined (each item's Value when it has one, as event record properties do), other values
    # through ToString(). Live, deserialized, Import-Clixml and ConvertFrom-Json objects all work.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)] [AllowNull()] [object] $InputObject,
        [Parameter(Mandatory = $true)] [string[]] $Name
    )
    if ($null -eq $InputObject) { return '' }
    foreach ($n in $Name) {
        $property = $InputObject.PSObject.Properties[$n]
        if ($null -eq $property) { continue }
        $value = $null
        try { $value = $property.Value } catch { continue }
        if ($null -eq $value) { continue }
        $base = $value
        if ($value -is [System.Management.Automation.PSObject]) { $base = $value.PSObject.BaseObject }
        if ($base -is [string]) {
            $text = $base
        } elseif ($base -is [System.Collections.IEnumerable]) {
            $parts = foreach ($item in $base) {
                if ($null -eq $item) { continue }
                if ($item -isnot [string] -and $item.PSObject.Properties['Value']) { [string]$item.Value } else { [string]$item }
            }
            $text = @($parts) -join "`n"
        } else {
            $text = $value.ToString()
        }
        if ($text -and $text.Trim()) { return $text }
    }
    ''
}
