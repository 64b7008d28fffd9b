function Invoke-EcdEngine {
    # Sends one request to the native engine and returns the parsed response. A request that the engine
    # refuses as a whole is a terminating error; bad values inside it come back as findings.
    [CmdletBinding()]
    [OutputType([object])]
    param(
        [Parameter(Mandatory = $true)] [System.Collections.IDictionary] $Request,
        # Members whose value is JSON text already (a protocol log summary), added as they are.
        [System.Collections.IDictionary] $Raw = @{}
    )
    $json = ConvertTo-Json -InputObject $Request -Depth 12 -Compress
    foreach ($key in $Raw.Keys) { $json = $json.Substring(0, $json.Length - 1) + ',"' + $key + '":' + $Raw[$key] + '}' }
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    try {
        $text = [ExchangeConnectorDoctor.Interop.Engine]::Run($json)
    } catch {
        $inner = $_.Exception
        while ($inner.InnerException) { $inner = $inner.InnerException }
        throw (New-EcdErrorRecord -Message ('ExchangeConnectorDoctor: the engine refused the request: {0}' -f $inner.Message) -ErrorId 'ECD.RequestRefused' -Category InvalidData -TargetObject $Request['operation'] -ExceptionType 'System.IO.InvalidDataException')
    }
    Write-Debug ('The engine answered a {0}-byte {1} request in {2} ms.' -f $json.Length, $Request['operation'], $watch.ElapsedMilliseconds)
    ConvertFrom-Json -InputObject $text
}
