function Resolve-SmtpError {
    <#
    .SYNOPSIS
    Reads the SMTP error of a queue, message, tracking log entry or event, and says what causes it, which server is the next hop, and what to run next.

    .DESCRIPTION
    Resolve-SmtpError starts from the symptom: a queue in Retry with a LastError such as
    451 4.4.395 Target host responded with error. -> 451 5.7.3 Cannot achieve Exchange Server authentication, an
    event's DiagnosticInfo, a tracking log's RecipientStatus, or a non-delivery report.

    It finds every SMTP reply in the text (basic code, enhanced status code, text), follows how they wrap each other
    (->, "responded with", quoted inner replies, line breaks inside a reply), and classifies the innermost reply into
    the known causes (the cause catalogue of the project's DOMAIN reference): for 451 5.7.3 Cannot achieve Exchange
    Server authentication, a relay connector capturing the sending server's address, a default connector without
    Exchange Server authentication or the ExchangeServers permission group, a wrong Fqdn, SuppressXAnonymousTls, or,
    outside receive connectors, a firewall stripping X-EXPS. It names the rules of Test-ReceiveConnector that can
    confirm the cause, whether the cause may lie outside receive connectors, and the command to run next.

    Input: strings, or objects from Get-Queue (LastError, NextHopDomain, Identity), Get-Message (LastError, Queue),
    Get-MessageTrackingLog (RecipientStatus, EventData, SourceContext, ServerHostname) and event log records
    (Get-WinEvent: Message, Properties; Get-EventLog: Message, ReplacementStrings), live or from Import-Clixml. The
    command only picks these fields; the engine reads them.

    Pipe the results into Test-ReceiveConnector -Queue to tie each error to the connector finding that explains it.

    .PARAMETER InputObject
    The errors: strings, or Get-Queue, Get-Message, Get-MessageTrackingLog or event log objects (live or deserialized).

    .PARAMETER NextHop
    The next hop (a server name or FQDN) for input that does not name one, such as a plain string.

    .EXAMPLE
    Resolve-SmtpError -InputObject '451 4.4.0 Primary target IP address responded with: "451 5.7.3 Cannot achieve Exchange Server authentication." Attempted failover to alternate host, but that did not succeed.' -NextHop EX01

    Shows the two replies, the innermost one (451 5.7.3), its causes, the rules that confirm them (ECD0101,
    ECD0102, ...), and the command to run next on EX01. (The arrow form of the same error, 451 4.4.395 Target host
    responded with error. -> 451 5.7.3 ..., is read the same way.)

    .EXAMPLE
    $examples = Join-Path -Path (Import-Module -Name ExchangeConnectorDoctor -PassThru).ModuleBase -ChildPath Examples
    Import-Clixml -Path "$examples/contoso-GetQueue.clixml.xml" | Resolve-SmtpError

    Offline, on a Get-Queue export: the queue on LEGACY01 towards ex01.contoso.com and what to check.

    .EXAMPLE
    Get-Queue | Where-Object { $_.LastError } | Resolve-SmtpError | Format-Table -Property Source, NextHop, Reply -Wrap

    In the Exchange Management Shell: every failing queue with its innermost SMTP reply.

    .INPUTS
    System.String, or Get-Queue / Get-Message / Get-MessageTrackingLog / event log objects.

    .OUTPUTS
    ExchangeConnectorDoctor.SmtpError

    .LINK
    Test-ReceiveConnector

    .LINK
    about_ExchangeConnectorDoctor
    #>
    [CmdletBinding()]
    [OutputType('ExchangeConnectorDoctor.SmtpError')]
    param(
        [Parameter(Mandatory = $true, ValueFromPipeline = $true, Position = 0)]
        [AllowNull()]
        [AllowEmptyCollection()]
        [object[]] $InputObject,

        [string] $NextHop
    )
    begin {
        $texts = New-Object -TypeName System.Collections.Generic.List[object]
    }
    process {
        foreach ($item in @($InputObject)) {
            if ($null -eq $item) { continue }
            $base = $item
            if ($item -is [System.Management.Automation.PSObject]) { $base = $item.PSObject.BaseObject }
            if ($base -is [string]) {
                $texts.Add([ordered]@{ text = $base; source = ''; nextHop = [string]$NextHop })
                continue
            }
            $text = Get-EcdErrorText -InputObject $item
            $source = Get-EcdPropertyText -InputObject $item -Name 'Identity', 'Source'
            if (-not $source -and $item.PSObject.Properties['MessageId']) {
                $source = ('{0} {1} {2}' -f (Get-EcdPropertyText -InputObject $item -Name 'ServerHostname'), (Get-EcdPropertyText -InputObject $item -Name 'EventId'), (Get-EcdPropertyText -InputObject $item -Name 'MessageId')).Trim()
            }
            if (-not $source -and ($item.PSObject.Properties['RecordId'] -or $item.PSObject.Properties['Index'])) {
                $source = ('{0} event {1}' -f (Get-EcdPropertyText -InputObject $item -Name 'MachineName'), (Get-EcdPropertyText -InputObject $item -Name 'Id', 'EventID', 'InstanceId')).Trim()
            }
            $hop = Get-EcdPropertyText -InputObject $item -Name 'NextHopDomain', 'NextHop', 'ServerHostname'
            if (-not $hop) { $hop = [string]$NextHop }
            if ($null -ne $text -and -not $text) {
                Write-Verbose ("'{0}' has no error (its LastError is empty): skipped." -f $item)
                continue
            }
            if ($null -eq $text) {
                $record = New-Object -TypeName System.Management.Automation.ErrorRecord -ArgumentList @(
                    (New-Object -TypeName System.IO.InvalidDataException -ArgumentList ("'{0}' has no error text: it is not a queue, a message, a tracking log entry or an event record." -f $item)),
                    'ECD.NoErrorText',
                    [System.Management.Automation.ErrorCategory]::InvalidData,
                    $item)
                $PSCmdlet.WriteError($record)
                continue
            }
            $texts.Add([ordered]@{ text = $text; source = $source; nextHop = $hop })
        }
    }
    end {
        if ($texts.Count -eq 0) { return }
        $response = Invoke-EcdEngine -Request ([ordered]@{ operation = 'smtp'; texts = $texts.ToArray() })
        $answers = @($response.replies)
        for ($i = 0; $i -lt $answers.Count; $i++) {
            $a = $answers[$i]
            $cause = $a.cause
            $inner = $a.innermost
            $hop = $a.nextHop.host
            if (-not $hop) { $hop = $a.nextHop.address }
            $object = [pscustomobject][ordered]@{
                PSTypeName               = 'ExchangeConnectorDoctor.SmtpError'
                Source                   = $a.source
                QueueServer              = $a.queueServer
                NextHop                  = $hop
                NextHopAddress           = $a.nextHop.address
                Reply                    = $a.reply
                Code                     = $(if ($inner) { $inner.code } else { $null })
                EnhancedCode             = $(if ($inner) { $inner.enhanced } else { '' })
                Cause                    = $(if ($cause) { $cause.title } else { '' })
                Rows                     = $(if ($cause) { @($cause.rows) } else { @() })
                Rules                    = $(if ($cause) { @($cause.rules) } else { @() })
                OutsideReceiveConnectors = $(if ($cause) { [bool]$cause.outsideReceiveConnectors } else { $false })
                Causes                   = $(if ($cause) { @($cause.causes) } else { @() })
                Next                     = $(if ($cause) { $cause.next } else { '' })
                Replies                  = @($a.replies)
                Text                     = $texts[$i].text
            }
            $object
        }
    }
}
