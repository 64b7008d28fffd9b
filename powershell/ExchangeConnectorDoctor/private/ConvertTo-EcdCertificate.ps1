function ConvertTo-EcdCertificate {
    # Projects one certificate (Get-ExchangeCertificate, live or from Import-Clixml, where it comes back as an
    # X509Certificate2; or a plain object with the same properties) to what the engine reads: Thumbprint,
    # Subject, Issuer, NotBefore/NotAfter as ISO 8601 UTC, Services, the key size (PublicKeySize, or read from the
    # X509Certificate2's public key), and the server it was read from.
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
    $size = $null
    $property = $InputObject.PSObject.Properties['PublicKeySize']
    if ($null -ne $property) { try { $size = [int]$property.Value } catch { $size = $null } }
    if (($null -eq $size -or $size -le 0) -and $InputObject -is [System.Security.Cryptography.X509Certificates.X509Certificate2]) {
        try {
            $rsa = [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::GetRSAPublicKey($InputObject)
            # Through the base class: on .NET's OpenSSL RSA the derived KeySize reads as write-only to PowerShell.
            if ($null -ne $rsa) { $size = [int][System.Security.Cryptography.AsymmetricAlgorithm].GetProperty('KeySize').GetValue($rsa) }
        } catch { $size = $null }
    }
    # The key size of an ECC certificate is not comparable with 2048 (HealthChecker skips them too): not sent.
    $algorithm = $null
    try { $algorithm = [string]$InputObject.PublicKey.Oid.Value } catch { $algorithm = $null }
    if ($algorithm -eq '1.2.840.10045.2.1') { $size = $null }
    if ($null -ne $size -and $size -gt 0) { $map['PublicKeySize'] = $size }
    $map
}
