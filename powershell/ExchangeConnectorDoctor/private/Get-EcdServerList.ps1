function Get-EcdServerList {
    # The request's servers from -ExchangeServer: Get-ExchangeServer objects (live or deserialized),
    # objects or hashtables with Name/Address/Version, or 'NAME=ADDRESS[,ADDRESS]' strings (read by the
    # engine). Objects with an FQDN and no address are resolved through DNS, in parallel, with a time limit.
    [CmdletBinding()]
    [OutputType([object])]
    param([AllowNull()] [AllowEmptyCollection()] [object[]] $ExchangeServer)
    $servers = New-Object -TypeName System.Collections.Generic.List[object]
    $lookups = @()
    foreach ($item in @($ExchangeServer)) {
        if ($null -eq $item) { continue }
        $projected = ConvertTo-EcdObject -InputObject $item
        $servers.Add($projected)
        if ($projected -isnot [System.Collections.IDictionary]) { continue }
        $hasAddress = $false
        foreach ($key in @('Address', 'Addresses', 'IPAddress', 'IPAddresses')) { if ($projected.Contains($key) -and $null -ne $projected[$key]) { $hasAddress = $true } }
        if (-not $hasAddress -and $projected.Contains('Fqdn') -and $projected['Fqdn']) {
            $lookups += [pscustomobject]@{ Server = $projected; Task = [System.Net.Dns]::GetHostAddressesAsync([string]$projected['Fqdn']) }
        }
    }
    if ($lookups.Count -gt 0) {
        try { [void][System.Threading.Tasks.Task]::WaitAll([System.Threading.Tasks.Task[]]@($lookups | ForEach-Object { $_.Task }), 5000) } catch { Write-Verbose $_.Exception.Message }
        foreach ($lookup in $lookups) {
            if ($lookup.Task.Status -eq 'RanToCompletion') {
                $lookup.Server['ResolvedAddress'] = @($lookup.Task.Result | ForEach-Object { $_.ToString() })
                Write-Verbose ('{0} resolves to {1}.' -f $lookup.Server['Fqdn'], ($lookup.Server['ResolvedAddress'] -join ', '))
            } else {
                Write-Verbose ('{0} could not be resolved through DNS.' -f $lookup.Server['Fqdn'])
            }
        }
    }
    $servers
}
