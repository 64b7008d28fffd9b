function ConvertTo-EcdObject {
    # Projects a whole object (a connector, a server) to an ordered dictionary of its properties.
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param(
        [Parameter(Mandatory = $true)] [AllowNull()] [object] $InputObject,
        [int] $Depth = 0
    )
    ConvertTo-EcdValue -Value $InputObject -Depth $Depth -ExpandObject
}
