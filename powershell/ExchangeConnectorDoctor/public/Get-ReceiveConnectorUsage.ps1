function Get-ReceiveConnectorUsage {
    <#
    .SYNOPSIS
    Reads SMTP Receive (and Send) protocol logs natively and shows who used each receive connector: one object per
    server, connector and remote address, with sessions, first and last seen, EHLO names, authentication, TLS,
    permissions, messages, refusals and the peak of concurrent sessions.

    .DESCRIPTION
    Get-ReceiveConnectorUsage hands the files and folders to the native engine, which opens them itself (sharing
    them with Exchange, which keeps writing), reads them on all cores and summarises them. The columns come from
    each file's #Fields line; a line that cannot be read is reported with its file and line number (a warning) and
    the rest is read; the last line of a log that is still being written is skipped and counted. Memory depends on
    the number of distinct connectors and senders, not on the size of the logs.

    Only connectors whose ProtocolLoggingLevel is Verbose write these logs (Default Frontend <server> does by
    default; the others do not). The logs cover only the period they hold: by default 30 days or 250 MB per
    transport service, whichever comes first, so a sender that is silent in that period does not appear.

    With -AsSummary the command returns one summary object instead (its Json property is the engine's summary):
    summaries made on several servers, for example with Invoke-Command, merge with -Summary, and
    Test-ReceiveConnector -ProtocolLog takes them.

    .PARAMETER Path
    Protocol log files or folders (a folder gives its *.log files, with its subfolders): for example the
    SmtpReceive folder under TransportRoles\Logs\FrontEnd\ProtocolLog, or a UNC path such as
    \\EX01\c$\Program Files\Microsoft\Exchange Server\V15\TransportRoles\Logs\FrontEnd\ProtocolLog\SmtpReceive.

    .PARAMETER Server
    Exchange servers whose receive protocol logs to read, in the Exchange Management Shell: each server's
    ReceiveProtocolLogPath (Get-FrontendTransportService and Get-TransportService) is read over its admin share
    (\\server\c$\...).

    .PARAMETER Summary
    Summaries made earlier with -AsSummary (on other servers, say) to merge into one view.

    .PARAMETER Since
    Only log lines at or after this time.

    .PARAMETER Until
    Only log lines before this time.

    .PARAMETER AsSummary
    Return one ExchangeConnectorDoctor.ProtocolLogSummary (period, counts, Json) instead of one object per
    connector and sender.

    .EXAMPLE
    $examples = Join-Path -Path (Import-Module -Name ExchangeConnectorDoctor -PassThru).ModuleBase -ChildPath Examples
    Get-ReceiveConnectorUsage -Path "$examples/contoso-SmtpReceive" -Since '2026-01-01'

    Who connected to each receive connector in the logs of a folder since 1 January 2026 (on a server: the
    SmtpReceive folder under TransportRoles\Logs\FrontEnd\ProtocolLog, and -Since (Get-Date).AddDays(-7)).

    .EXAMPLE
    $examples = Join-Path -Path (Import-Module -Name ExchangeConnectorDoctor -PassThru).ModuleBase -ChildPath Examples
    Get-ReceiveConnectorUsage -Path "$examples/contoso-SmtpReceive" | Where-Object -Property Connector -Like -Value '*Relay*' | Sort-Object -Property LastSeen | Format-Table RemoteAddress, Sessions, LastSeen, EhloNames

    Who still uses the relay connector, the longest silent first: before narrowing or removing a relay, the senders
    it would cut off.

    .EXAMPLE
    $examples = Join-Path -Path (Import-Module -Name ExchangeConnectorDoctor -PassThru).ModuleBase -ChildPath Examples
    $summary = Get-ReceiveConnectorUsage -Path "$examples/contoso-SmtpReceive" -AsSummary; Get-ReceiveConnectorUsage -Summary $summary, $summary

    Summaries merge: on several servers, $summaries = Invoke-Command -ComputerName EX01, EX02 { Get-ReceiveConnectorUsage
    -Path $using:folder -AsSummary } reads each server's logs on the server itself, and
    Get-ReceiveConnectorUsage -Summary $summaries merges them into one view.

    .OUTPUTS
    ExchangeConnectorDoctor.ConnectorUsage, or ExchangeConnectorDoctor.ProtocolLogSummary with -AsSummary

    .LINK
    Test-ReceiveConnector
    #>
    [CmdletBinding(DefaultParameterSetName = 'Path')]
    [OutputType('ExchangeConnectorDoctor.ConnectorUsage', 'ExchangeConnectorDoctor.ProtocolLogSummary')]
    param(
        [Parameter(ParameterSetName = 'Path', Mandatory = $true, Position = 0)]
        [string[]] $Path,

        [Parameter(ParameterSetName = 'Server', Mandatory = $true)]
        [string[]] $Server,

        [Parameter(ParameterSetName = 'Summary', Mandatory = $true, ValueFromPipeline = $true)]
        [object[]] $Summary,

        [datetime] $Since,

        [datetime] $Until,

        [switch] $AsSummary
    )
    begin {
        $given = New-Object -TypeName System.Collections.Generic.List[string]
    }
    process {
        foreach ($s in @($Summary)) {
            if ($null -eq $s) { continue }
            $json = $null
            if ($s -is [string]) { $json = $s }
            elseif ($s.PSObject.Properties['Json']) { $json = [string]$s.Json }
            if ([string]::IsNullOrEmpty($json)) {
                Write-Error -Message ('ExchangeConnectorDoctor: -Summary takes the objects of Get-ReceiveConnectorUsage -AsSummary (or their Json); this one is a {0}.' -f $s.GetType().FullName) -Category InvalidArgument -TargetObject $s
                continue
            }
            $given.Add($json)
        }
    }
    end {
        $paths = @()
        if ($PSCmdlet.ParameterSetName -eq 'Path') {
            $paths = @(foreach ($p in $Path) { $PSCmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($p) })
        } elseif ($PSCmdlet.ParameterSetName -eq 'Server') {
            $paths = @(Get-EcdProtocolLogPath -Server $Server)
        }
        $read = @{ Path = [string[]]$paths; SummaryJson = [string[]]$given.ToArray(); Activity = 'Get-ReceiveConnectorUsage' }
        if ($PSBoundParameters.ContainsKey('Since')) { $read.Since = $Since }
        if ($PSBoundParameters.ContainsKey('Until')) { $read.Until = $Until }
        $response = Invoke-EcdLogRead @read
        $logs = $response.Summary
        foreach ($issue in @($logs.issues)) {
            if ($issue.line -gt 0) { Write-Warning ('{0}, line {1}: {2}' -f $issue.file, $issue.line, $issue.message) }
            else { Write-Warning ('{0}: {1}' -f $issue.file, $issue.message) }
        }
        $shown = @($logs.issues).Count
        $problems = [uint64]$logs.malformedLines + [uint64]$logs.unreadable + [uint64]$logs.truncatedFiles
        if ($problems -gt $shown) {
            Write-Warning ('{0} more problems were counted than shown ({1} malformed lines, {2} unreadable paths, {3} files still being written).' -f ($problems - $shown), $logs.malformedLines, $logs.unreadable, $logs.truncatedFiles)
        }
        if ($AsSummary) {
            [pscustomobject][ordered]@{
                PSTypeName     = 'ExchangeConnectorDoctor.ProtocolLogSummary'
                FirstSeen      = ConvertTo-EcdUtcTime $logs.firstSeen
                LastSeen       = ConvertTo-EcdUtcTime $logs.lastSeen
                Files          = [uint64]$logs.files
                Bytes          = [uint64]$logs.bytes
                Lines          = [uint64]$logs.lines
                MalformedLines = [uint64]$logs.malformedLines
                Connectors     = @($logs.receive).Count
                Json           = $response.SummaryJson
            }
            return
        }
        # One object per row, built inline: a function call per property costs more than the engine's whole read.
        $invariant = [System.Globalization.CultureInfo]::InvariantCulture
        $roundtrip = [System.Globalization.DateTimeStyles]::RoundtripKind
        foreach ($r in @($logs.receive)) {
            $first = $r.firstSeen; $last = $r.lastSeen
            if ($first -is [datetime]) { $first = $first.ToUniversalTime() } elseif ($first) { $first = [datetime]::Parse($first, $invariant, $roundtrip).ToUniversalTime() } else { $first = $null }
            if ($last -is [datetime]) { $last = $last.ToUniversalTime() } elseif ($last) { $last = [datetime]::Parse($last, $invariant, $roundtrip).ToUniversalTime() } else { $last = $null }
            [pscustomobject][ordered]@{
                PSTypeName             = 'ExchangeConnectorDoctor.ConnectorUsage'
                Server                 = $r.server
                Connector              = $r.connector
                RemoteAddress          = $r.remoteAddress
                Sessions               = [uint64]$r.sessions
                FirstSeen              = $first
                LastSeen               = $last
                EhloNames              = [string[]]@(foreach ($p in $r.ehloNames.PSObject.Properties) { $p.Name })
                Authentication         = [string[]]@(foreach ($p in $r.authentication.PSObject.Properties) { '{0} ({1})' -f $p.Name, $p.Value })
                Users                  = [string[]]@(foreach ($p in $r.users.PSObject.Properties) { $p.Name })
                TlsSessions            = [uint64]$r.tlsSessions
                Permissions            = [string[]]@(foreach ($p in $r.permissions.PSObject.Properties) { $p.Name })
                Messages               = [uint64]$r.messages
                RecipientsAccepted     = [uint64]$r.recipientsAccepted
                Refused                = [string[]]@(foreach ($p in $r.refused.PSObject.Properties) { '{0} ({1})' -f $p.Name, $p.Value })
                PeakConcurrentSessions = [uint64]$r.peakConcurrentSessions
                OfferedXExps           = [uint64]$r.offeredXExps
                LocalEndpoints         = [string[]]@(foreach ($p in $r.localEndpoints.PSObject.Properties) { $p.Name })
            }
        }
    }
}
