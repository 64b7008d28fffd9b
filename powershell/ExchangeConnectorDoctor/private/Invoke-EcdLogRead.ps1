function Invoke-EcdLogRead {
    # Reads protocol logs in the native engine (ecd_logs_read) on a background thread: progress while it reads,
    # and a stop (Ctrl+C) cancels the engine's read within about a second. Returns the response: Text (the JSON),
    # SummaryJson (its "summary" as JSON text, untouched by PowerShell) and Summary (parsed).
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [AllowEmptyCollection()] [string[]] $Path = @(),
        [AllowEmptyCollection()] [string[]] $SummaryJson = @(),
        [Nullable[datetime]] $Since,
        [Nullable[datetime]] $Until,
        [string] $Activity = 'Reading SMTP protocol logs'
    )
    $parts = New-Object -TypeName System.Collections.Generic.List[string]
    $parts.Add('"paths":' + (ConvertTo-Json -InputObject ([object[]]@($Path)) -Compress))
    if ($SummaryJson.Count -gt 0) { $parts.Add('"summaries":[' + ($SummaryJson -join ',') + ']') }
    $format = 'yyyy-MM-ddTHH:mm:ss.fffZ'
    $invariant = [System.Globalization.CultureInfo]::InvariantCulture
    if ($null -ne $Since) { $parts.Add('"since":"' + ([datetime]$Since).ToUniversalTime().ToString($format, $invariant) + '"') }
    if ($null -ne $Until) { $parts.Add('"until":"' + ([datetime]$Until).ToUniversalTime().ToString($format, $invariant) + '"') }
    $request = '{' + ($parts -join ',') + '}'

    $reading = [ExchangeConnectorDoctor.Interop.LogReading]::Start($request)
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    try {
        while (-not $reading.Wait(200)) {
            $total = $reading.BytesTotal
            if ($total -gt 0) {
                $percent = [int][Math]::Min(100, 100 * $reading.BytesDone / $total)
                Write-Progress -Activity $Activity -Status ('{0:N0} of {1:N0} MB' -f ($reading.BytesDone / 1MB), ($total / 1MB)) -PercentComplete $percent
            }
        }
        try {
            $text = $reading.Result()
        } catch {
            $inner = $_.Exception
            while ($inner.InnerException) { $inner = $inner.InnerException }
            throw (New-EcdErrorRecord -Message ('ExchangeConnectorDoctor: the engine could not read the protocol logs: {0}' -f $inner.Message) -ErrorId 'ECD.LogReadFailed' -Category ReadError -TargetObject $Path -ExceptionType 'System.IO.IOException')
        }
    } finally {
        if (-not $reading.IsCompleted) {
            # Stopped (Ctrl+C): the engine checks its cancel flag at every buffer and ends within a second.
            $reading.Cancel()
            [void]$reading.Wait(2000)
        }
        Write-Progress -Activity $Activity -Completed
    }
    Write-Verbose ('The engine read the protocol logs in {0} ms.' -f $watch.ElapsedMilliseconds)
    # The response is {"version":...,"cancelled":...,"summary":{...}} with "summary" last (ecd.h): its JSON text
    # is kept as the engine wrote it, so that a summary passes on (remoting, -ProtocolLog) without PowerShell's
    # JSON conversion touching it (PowerShell 7 would turn its times into dates).
    $marker = '"summary":'
    $at = $text.IndexOf($marker)
    $summaryText = $text.Substring($at + $marker.Length, $text.Length - $at - $marker.Length - 1)
    [pscustomobject]@{
        Text        = $text
        SummaryJson = $summaryText
        Summary     = (ConvertFrom-Json -InputObject $summaryText)
    }
}
