function ConvertTo-EcdCountList {
    # An engine object of counts ({"Anonymous": 3, "User": 1}) as strings 'Anonymous (3)', in the engine's order.
    [CmdletBinding()]
    [OutputType([string[]])]
    param([AllowNull()] [object] $Counts, [switch] $NamesOnly)
    if ($null -eq $Counts) { return , @() }
    $list = @(foreach ($p in $Counts.PSObject.Properties) {
            if ($NamesOnly) { [string]$p.Name } else { '{0} ({1})' -f $p.Name, $p.Value }
        })
    , [string[]]$list
}
