function Invoke-EcdEngine {
    # Sends one request to the native engine and returns the parsed response. A request that the engine
    # refuses as a whole is a terminating error; bad values inside it come back as findings.
    [CmdletBinding()]
    [OutputType([object])]
    param([Parameter(Mandatory = $true)] [System.Collections.IDictionary] $Request)
    $json = ConvertTo-Json -InputObject $Request -Depth 12 -Compress
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    try {
        $text = [ExchangeConnectorDoctor.Interop.Engine]::Run($json)
    } catch {
        $inner = $_.Exception
        while ($inner.InnerException) { $inner = $inner.InnerException }
        throw ('ExchangeConnectorDoctor: the engine refused the request: {0}' -f $inner.Message)
    }
    Write-Verbose ('The engine answered a {0}-byte request in {1} ms.' -f $json.Length, $watch.ElapsedMilliseconds)
    ConvertFrom-Json -InputObject $text
}
