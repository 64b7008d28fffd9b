function ConvertTo-EcdTransportService {
    # Projects one transport service (Get-TransportService, live or from Import-Clixml; or a hashtable with the same
    # names) to what the engine reads: the server's Name and its InternalTransportCertificateThumbprint.
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param([Parameter(Mandatory = $true)] [AllowNull()] [object] $InputObject)
    if ($null -eq $InputObject) { return $null }
    $map = [ordered]@{}
    foreach ($name in @('Name', 'Identity', 'Server', 'InternalTransportCertificateThumbprint')) {
        $value = $null
        if ($InputObject -is [System.Collections.IDictionary]) {
            if (-not $InputObject.Contains($name)) { continue }
            $value = $InputObject[$name]
        } else {
            $property = $InputObject.PSObject.Properties[$name]
            if ($null -eq $property) { continue }
            try { $value = $property.Value } catch { continue }
        }
        if ($null -eq $value) { $map[$name] = $null; continue }
        $map[$name] = [string]$value
    }
    $map
}
