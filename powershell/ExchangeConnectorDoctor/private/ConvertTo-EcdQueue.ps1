function ConvertTo-EcdQueue {
    # Projects a failing queue for the engine's "queues": Get-Queue and Get-Message objects (Identity or
    # Queue, NextHopDomain, LastError), Resolve-SmtpError results (Source, NextHop, Text), or a string (the
    # error itself). Only picks fields by name: every format is read by the engine.
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param([Parameter(Mandatory = $true)] [AllowNull()] [object] $InputObject)
    if ($null -eq $InputObject) { return }
    $base = $InputObject
    if ($InputObject -is [System.Management.Automation.PSObject]) { $base = $InputObject.PSObject.BaseObject }
    if ($base -is [string]) { return [ordered]@{ identity = ''; nextHopDomain = ''; lastError = $base } }
    $queue = [ordered]@{
        identity      = Get-EcdPropertyText -InputObject $InputObject -Name 'Queue', 'Identity', 'Source'
        nextHopDomain = Get-EcdPropertyText -InputObject $InputObject -Name 'NextHopDomain', 'NextHop'
        lastError     = [string](Get-EcdErrorText -InputObject $InputObject)
    }
    $server = Get-EcdPropertyText -InputObject $InputObject -Name 'QueueServer'
    if ($server) { $queue.server = $server }
    $queue
}
