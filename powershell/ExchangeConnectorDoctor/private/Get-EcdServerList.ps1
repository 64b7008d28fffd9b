function Get-EcdServerList {
    # The request's servers from -ExchangeServer: Get-ExchangeServer objects (live or deserialized),
    # objects or hashtables with Name/Address/Version, or 'NAME=ADDRESS[,ADDRESS]' strings (read by the
    # engine). Objects with an FQDN and no address are resolved through DNS, in parallel, with a time limit.
    [CmdletBinding()]
    [OutputType([object])]
    param(
        [AllowNull()] [AllowEmptyCollection()] [object[]] $ExchangeServer,
        # The public command was not given -ExchangeServer: ask Get-ExchangeServer when the session has it (the
        # Exchange Management Shell), and leave no error behind when it does not.
        [switch] $FromSession,
        # The public command's $PSCmdlet, so that errors about entries are reported as its own.
        [System.Management.Automation.PSCmdlet] $Cmdlet = $PSCmdlet
    )
    if ($FromSession -and (Get-Command -Name 'Get-ExchangeServer' -ErrorAction Ignore)) {
        Write-Verbose 'Reading the organisation''s servers with Get-ExchangeServer.'
        $ExchangeServer = @(Get-ExchangeServer)
    }
    $servers = New-Object -TypeName System.Collections.Generic.List[object]
    $lookups = @()
    $known = 'Name', 'Fqdn', 'Identity', 'Address', 'Addresses', 'IPAddress', 'IPAddresses', 'ResolvedAddress', 'Version', 'AdminDisplayVersion', 'ServerRole', 'Role', 'IsEdgeServer', 'AddressError'
    $entries = foreach ($item in @($ExchangeServer)) {
        # A name-to-address table (@{ EX01 = '10.0.0.11'; EX02 = '10.0.0.12', 'fd00::12' }) is one entry per name,
        # 'NAME=ADDRESS[,ADDRESS...]' as the engine reads it. A name without an address is an error naming it.
        if ($item -is [System.Collections.IDictionary] -and $item.Count -gt 0 -and -not @($item.Keys | Where-Object { $known -contains [string]$_ })) {
            foreach ($key in @($item.Keys)) {
                $addresses = @(@($item[$key]) | Where-Object { $null -ne $_ -and [string]$_ -ne '' } | ForEach-Object { ([string]$_).Trim() })
                if ($addresses.Count -eq 0) {
                    $Cmdlet.WriteError((New-EcdErrorRecord -Message ("-ExchangeServer: the entry '{0}' has no address; give it as @{{ {0} = '10.0.0.11' }} or '{0}=10.0.0.11'." -f $key) -ErrorId 'ECD.ServerWithoutAddress' -Category InvalidArgument -TargetObject ([string]$key)))
                    continue
                }
                '{0}={1}' -f $key, ($addresses -join ',')
            }
        } else {
            $item
        }
    }
    foreach ($item in @($entries)) {
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
        # A failed lookup is answered per server below, in words; WaitAll only waits (it throws when any failed).
        try { [void][System.Threading.Tasks.Task]::WaitAll([System.Threading.Tasks.Task[]]@($lookups | ForEach-Object { $_.Task }), 5000) } catch { $null = $_ }
        foreach ($lookup in $lookups) {
            $fqdn = [string]$lookup.Server['Fqdn']
            $why = $null
            if ($lookup.Task.Status -eq 'RanToCompletion' -and @($lookup.Task.Result).Count -gt 0) {
                $lookup.Server['ResolvedAddress'] = @($lookup.Task.Result | ForEach-Object { $_.ToString() })
                Write-Verbose ('{0} ({1}) resolves to {2}.' -f $lookup.Server['Name'], $fqdn, ($lookup.Server['ResolvedAddress'] -join ', '))
                continue
            } elseif ($lookup.Task.Status -eq 'RanToCompletion') {
                $why = 'DNS answered for {0} with no address' -f $fqdn
            } elseif ($lookup.Task.IsFaulted) {
                $inner = $lookup.Task.Exception
                while ($inner.InnerException) { $inner = $inner.InnerException }
                $why = 'DNS could not resolve {0}: {1}' -f $fqdn, $inner.Message.TrimEnd('.')
            } else {
                $why = 'DNS gave no answer for {0} within 5 seconds' -f $fqdn
            }
            # The engine says it in the finding of the check that could not run (ECD0002).
            $lookup.Server['AddressError'] = $why
            Write-Verbose ('{0}: {1}.' -f $lookup.Server['Name'], $why)
        }
    }
    $servers
}
