function ConvertTo-EcdCertificate {
    # Projects one certificate (Get-ExchangeCertificate, live or from Import-Clixml, where it comes back as an
    # X509Certificate2; or a plain object with the same properties) to what the engine reads: Thumbprint,
    # Subject, Issuer, NotBefore/NotAfter as ISO 8601 UTC, Services, and the server it was read from.
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param([Parameter(Mandatory = $true)] [AllowNull()] [object] $InputObject)
    if ($null -eq $InputObject) { return $null }
    if ($InputObject -is [string]) { return $InputObject }
    $map = [ordered]@{}
    foreach ($name in @('Thumbprint', 'Subject', 'Issuer', 'NotBefore', 'NotAfter', 'Services', 'FriendlyName', 'Server', 'PSComputerName')) {
        $property = $InputObject.PSObject.Properties[$name]
        if ($null -eq $property) { continue }
        $value = $null
        try { $value = $property.Value } catch { continue }
        if ($null -eq $value) { continue }
        $map[$name] = ConvertTo-EcdValue -Value $value
    }
    $map
}
