function ConvertTo-EcdValue {
    # Projects one value of an Exchange object (live, deserialized, from ConvertFrom-Json, or a hashtable)
    # to what the engine reads: strings as Exchange prints them, booleans, lists and plain objects.
    # No parsing here: every format is read by the engine.
    # One pass over a work list instead of recursion: a call of an advanced function costs tens of
    # microseconds, and a connector holds about 80 properties and up to thousands of remote ranges. A
    # container's strings are stored at once; every other child gets its slot (a list index or a key, so
    # the order is kept) and is projected when its turn comes.
    [CmdletBinding()]
    [OutputType([object])]
    param(
        [Parameter(Mandatory = $true)] [AllowNull()] [object] $Value,
        [int] $Depth = 0,
        # Project the value itself to its properties whatever its type (a connector, a server); nested
        # values are projected to properties only when they are plain objects (ConvertFrom-Json,
        # [pscustomobject]), since a deserialized Exchange value carries the text Exchange printed.
        [switch] $ExpandObject
    )
    $holder = [System.Collections.Generic.List[object]]::new()
    $holder.Add($null)
    $work = [System.Collections.Generic.Stack[object]]::new()
    $work.Push(@($holder, 0, $Value, $Depth))
    while ($work.Count -gt 0) {
        $target, $slot, $item, $level = $work.Pop()
        $out = $null
        if ($null -ne $item) {
            $base = $item
            if ($item -is [System.Management.Automation.PSObject]) { $base = $item.PSObject.BaseObject }
            if ($base -is [string]) {
                $out = $base
            } elseif ($base -is [byte[]]) {
                $out = $null  # binary blobs (SerializationData) carry nothing the engine reads
            } elseif ($base -is [bool] -or $base -is [System.Management.Automation.SwitchParameter]) {
                $out = [bool]$base
            } elseif ($base -is [datetime]) {
                $out = $base.ToUniversalTime().ToString('o', [System.Globalization.CultureInfo]::InvariantCulture)
            } elseif ($level -ge 4 -and -not ($ExpandObject -and $level -eq $Depth)) {
                $out = $item.ToString()
            } elseif ($base -is [System.Collections.IDictionary]) {
                $out = [ordered]@{}
                foreach ($name in $base.Keys) {
                    $child = $base[$name]
                    if ($child -is [string]) { $out[[string]$name] = [string]$child; continue }
                    $out[[string]$name] = $null
                    $work.Push(@($out, [string]$name, $child, ($level + 1)))
                }
            } elseif ($base -is [System.Collections.IEnumerable]) {
                $out = [System.Collections.Generic.List[object]]::new()
                foreach ($child in $base) {
                    if ($child -is [string]) { $out.Add([string]$child); continue }
                    $work.Push(@($out, $out.Count, $child, ($level + 1)))
                    $out.Add($null)
                }
            } elseif (($ExpandObject -and $level -eq $Depth -and $base -isnot [System.ValueType]) -or
                ($base -is [System.Management.Automation.PSCustomObject] -and -not $item.PSObject.TypeNames[0].StartsWith('Deserialized.'))) {
                $out = [ordered]@{}
                foreach ($property in $item.PSObject.Properties) {
                    if ($property.MemberType -eq 'ScriptProperty' -or $property.Name -eq 'SerializationData') { continue }
                    $child = $null
                    try { $child = $property.Value } catch { continue }
                    if ($child -is [string]) { $out[$property.Name] = [string]$child; continue }
                    $out[$property.Name] = $null
                    $work.Push(@($out, $property.Name, $child, ($level + 1)))
                }
            } else {
                # Deserialized Exchange values carry the text Exchange printed; live ones print it with ToString().
                $out = $item.ToString()
            }
        }
        $target[$slot] = $out
    }
    , $holder[0]
}
