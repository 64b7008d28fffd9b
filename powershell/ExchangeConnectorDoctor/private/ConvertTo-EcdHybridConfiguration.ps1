function ConvertTo-EcdHybridConfiguration {
    # Projects Get-HybridConfiguration (live or from Import-Clixml; or a hashtable with the same names) to what the
    # engine reads: TlsCertificateName as Exchange prints it, and the names of the servers it lists.
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param([Parameter(Mandatory = $true)] [AllowNull()] [object] $InputObject)
    if ($null -eq $InputObject) { return $null }
    $map = [ordered]@{}
    foreach ($name in @('TlsCertificateName', 'SendingTransportServers', 'ReceivingTransportServers', 'EdgeTransportServers')) {
        $value = $null
        if ($InputObject -is [System.Collections.IDictionary]) {
            if (-not $InputObject.Contains($name)) { continue }
            $value = $InputObject[$name]
        } else {
            $property = $InputObject.PSObject.Properties[$name]
            if ($null -eq $property) { continue }
            try { $value = $property.Value } catch { continue }
        }
        if ($name -eq 'TlsCertificateName') {
            if ($null -ne $value) { $map[$name] = [string]$value }
            continue
        }
        # Server lists hold ADObjectIds: their Name is the server's name; a string is used as given.
        $map[$name] = @(foreach ($item in @($value)) {
                if ($null -eq $item) { continue }
                $itemName = $null
                if ($item -isnot [string]) { $p = $item.PSObject.Properties['Name']; if ($null -ne $p) { $itemName = $p.Value } }
                if ($null -eq $itemName) { $itemName = [string]$item }
                [string]$itemName
            })
    }
    $map
}
