function ConvertTo-EcdValue {
    # Projects one value of an Exchange object (live, deserialized, from ConvertFrom-Json, or a hashtable)
    # to what the engine reads: strings as Exchange prints them, booleans, arrays and plain objects.
    # No parsing here: every format is read by the engine.
    [CmdletBinding()]
    [OutputType([object])]
    param(
        [Parameter(Mandatory = $true)] [AllowNull()] [object] $Value,
        [int] $Depth = 0
    )
    if ($null -eq $Value) { return $null }
    $base = $Value
    if ($Value -is [System.Management.Automation.PSObject]) { $base = $Value.PSObject.BaseObject }
    if ($base -is [string]) { return $base }
    if ($base -is [byte[]]) { return $null }  # binary blobs (SerializationData) carry nothing the engine reads
    if ($base -is [bool] -or $base -is [System.Management.Automation.SwitchParameter]) { return [bool]$base }
    if ($base -is [datetime]) { return $base.ToUniversalTime().ToString('o', [System.Globalization.CultureInfo]::InvariantCulture) }
    if ($Depth -ge 4) { return $Value.ToString() }
    if ($base -is [System.Collections.IDictionary]) {
        $map = [ordered]@{}
        foreach ($key in $base.Keys) { $map[[string]$key] = ConvertTo-EcdValue -Value $base[$key] -Depth ($Depth + 1) }
        return $map
    }
    if ($base -is [System.Collections.IEnumerable]) {
        $list = New-Object -TypeName System.Collections.Generic.List[object]
        foreach ($item in $base) {
            # Strings (every entry of RemoteIPRanges, Bindings, ...) without a function call: a relay's
            # thousand ranges would otherwise cost a thousand calls of this advanced function.
            if ($item -is [string]) { $list.Add([string]$item) }
            else { $list.Add((ConvertTo-EcdValue -Value $item -Depth ($Depth + 1))) }
        }
        return , $list.ToArray()
    }
    if ($base -is [System.Management.Automation.PSCustomObject] -and -not $Value.PSObject.TypeNames[0].StartsWith('Deserialized.')) {
        # From ConvertFrom-Json or [pscustomobject]: keep its properties. (A deserialized Exchange value is
        # a property bag too, but it carries the text Exchange printed: it falls through to ToString.)
        return ConvertTo-EcdObject -InputObject $Value -Depth ($Depth + 1)
    }
    # Deserialized Exchange values carry the text Exchange printed; live ones print it with ToString().
    $Value.ToString()
}

function ConvertTo-EcdObject {
    # Projects a whole object (a connector, a server) to an ordered dictionary of its properties.
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param(
        [Parameter(Mandatory = $true)] [AllowNull()] [object] $InputObject,
        [int] $Depth = 0
    )
    if ($null -eq $InputObject) { return $null }
    $base = $InputObject
    if ($InputObject -is [System.Management.Automation.PSObject]) { $base = $InputObject.PSObject.BaseObject }
    if ($base -is [string] -or $base -is [System.Collections.IDictionary] -or $base -is [System.ValueType]) {
        return ConvertTo-EcdValue -Value $InputObject -Depth $Depth
    }
    $map = [ordered]@{}
    foreach ($property in $InputObject.PSObject.Properties) {
        if ($property.MemberType -eq 'ScriptProperty' -or $property.Name -eq 'SerializationData') { continue }
        $value = $null
        try { $value = $property.Value } catch { continue }
        if ($value -is [string]) { $map[$property.Name] = [string]$value }
        else { $map[$property.Name] = ConvertTo-EcdValue -Value $value -Depth ($Depth + 1) }
    }
    $map
}
