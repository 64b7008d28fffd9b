function Test-ReceiveConnector {
    <#
    .SYNOPSIS
    Finds receive connector misconfigurations, such as the one behind 451 5.7.3 Cannot achieve Exchange Server authentication, and gives the command that fixes each.

    .DESCRIPTION
    Test-ReceiveConnector analyses receive connectors as Get-ReceiveConnector returns them: live in the Exchange
    Management Shell, from an Export-Clixml export (Import-Clixml), or from JSON. All connectors are collected and
    analysed together, because which connector takes a connection depends on every connector of the server.

    It reports, among others, an Exchange server whose address is listed on another connector (often an anonymous
    relay) that then wins Exchange's connector selection for that server's connections and cannot authenticate it
    (451 5.7.3), and default connectors that lost the ExchangeServer authentication mechanism or the ExchangeServers
    permission group. Each finding names the server, the connector, why, the symptom, the evidence, and a
    RemediationCommand that fixes exactly that.

    Which port an Exchange server delivers on is chosen by the receiving server: 2525 to a server that runs Front End
    Transport and Transport together (Exchange 2016, 2019, SE, 2013 multi-role), 25 to an Edge server, an Exchange
    2013 Mailbox-only server and an Exchange 2010/2007 Hub server, 717 for the outbound proxy. Every such path that
    exists in the organisation is checked, in the transport role that listens there. A server's version and role come
    from -ExchangeServer (Version, Role, or Get-ExchangeServer's AdminDisplayVersion and ServerRole) or, when it does
    not say, from the server's own connectors (an Edge default connector, connectors without TransportRole from an
    Exchange 2010 shell, Front End and Transport connectors together). A server whose version stays unknown is
    judged by its most likely case, and the message says so; no command moves its connectors' bindings.

    The capture check needs the addresses that Exchange servers connect from. Give them with -ExchangeServer
    (Get-ExchangeServer objects, resolved through DNS; objects or hashtables with Name and Address; or
    'NAME=ADDRESS' strings). When -ExchangeServer is omitted and Get-ExchangeServer is available in the session, it
    is called. Addresses that connectors bind to are where a server listens (a second network card, a DAG network),
    not where it connects from, and loopback is no Exchange sender: neither counts. A check that could not run never
    passes: a server whose addresses stay unknown (no address given, a DNS lookup that failed) gets a Warning that
    says why, and -Quiet returns $false.

    Each finding that can be fixed by a command carries it twice: RemediationCommand, the text to paste, and Fix, the
    same command as data (Cmdlet and Parameters). All findings that change one connector share one command that
    makes all their changes; running every distinct command of one analysis in order fixes them without one undoing
    another.

    Bad input (a value that cannot be read, an object that is not a connector) is reported as a non-terminating
    error and an ECD0001 finding; everything else is still analysed.

    .PARAMETER InputObject
    Receive connectors from the pipeline: Get-ReceiveConnector output, Import-Clixml of an export, or objects from
    ConvertFrom-Json with the same properties.

    .PARAMETER Path
    One or more files to read instead of the pipeline: an Export-Clixml export of Get-ReceiveConnector, or a JSON file
    holding an array of connectors. Wildcards are supported (C:\exports\*.xml). A file name or a FileInfo
    (Get-ChildItem) given as input is read the same way. A folder, an empty file or a file that is neither Clixml nor
    JSON is an error naming the file; the other files are still analysed.

    .PARAMETER ExchangeServer
    The Exchange servers of the organisation and their addresses: Get-ExchangeServer objects (their Fqdn is resolved
    through DNS; they carry AdminDisplayVersion and ServerRole), objects or hashtables with Name, Address (one or
    many) and optionally Version (such as 15.1 or the AdminDisplayVersion text) and Role (Mailbox, Edge,
    ClientAccess, HubTransport, or Get-ExchangeServer's ServerRole text such as 'Mailbox, ClientAccess'), strings
    'NAME=ADDRESS[,ADDRESS...]', or one table of names and addresses (@{ EX01 = '10.0.0.11'; EX02 = '10.0.0.12' }).
    Entries with the same Name are merged. A name without an address is an error naming it. An object or hashtable may also carry
    LocalAddresses (the addresses of the server's network adapters; connectors bound to another address are
    reported, ECD0807) and InternalTransportCertificateThumbprint (as -TransportService gives it).

    .PARAMETER Rule
    Run only these rules (ids such as ECD0101 or names such as exchange-server-captured). Tab completion lists them.
    A name that is no rule stops the command with an error that lists the nearest rule names.

    .PARAMETER ExcludeRule
    Skip these rules (ids or names). Bad input (ECD0001) is always reported.

    .PARAMETER MinimumSeverity
    Report only findings at or above this severity: Information (default), Warning or Error.

    .PARAMETER Queue
    Failing queues to explain: Get-Queue or Get-Message objects (live or from Import-Clixml), Resolve-SmtpError
    results, or LastError strings. The analysis then focuses on the servers the queues' next hops name; each finding
    that explains a queue lists it in Evidence.explainsQueues, and a queue that no finding explains gets an ECD1101
    Information finding naming the causes outside receive connectors (a firewall stripping X-EXPS, the internal
    transport certificate).

    .PARAMETER Certificate
    The servers' certificates, from Get-ExchangeCertificate (live, or Import-Clixml of an export). With them, a
    connector's TlsCertificateName is checked against the certificates of its server (ECD1001), for expiry within
    60 days (ECD1002: under 30 days an Error) and for keys under 2048 bits (ECD1005). A certificate belongs to the
    server named by its Server or PSComputerName property; without either, to every server. Objects from a remote session carry the session's server in PSComputerName, so add a
    Server property when reading other servers' certificates (Get-ExchangeCertificate -Server EX02 |
    Add-Member -NotePropertyName Server -NotePropertyValue EX02 -PassThru).

    .PARAMETER TransportService
    The servers' transport services, from Get-TransportService (live, or Import-Clixml of an export); their
    InternalTransportCertificateThumbprint is checked against the server's certificates (-Certificate): missing is
    an Error, expired a Warning (ECD1003). The same property on an -ExchangeServer object or hashtable counts too.
    Without -TransportService and -Certificate the check cannot run, and one Information finding says so ("Not
    checked: internal transport certificate"); nothing is claimed about the certificate.

    .PARAMETER HybridConfiguration
    Get-HybridConfiguration (live, or Import-Clixml of an export). The hybrid receive connectors (ECD1004) are then
    compared with its TlsCertificateName, only the servers it lists are expected to hold the certificate, and its
    Edge servers are checked for the documented AcceptOorgProtocol shape.

    .PARAMETER LoadBalancer
    The addresses that load balancers connect from when they translate the source address (SNAT). A connector that
    grants relay to one of them relays for everything behind it (ECD0705).

    .PARAMETER ProtocolLog
    What the SMTP protocol logs show, joined with the configuration: log files or folders (read by the native engine,
    as Get-ReceiveConnectorUsage -Path does), or summaries from Get-ReceiveConnectorUsage -AsSummary (made on each
    server, say). A capture the logs show is then confirmed ("seen N times, last at T"), a log that contradicts the
    simulation is a Warning (ECD1201), relay connectors get the list of the senders seen (ECD1202), and connectors
    whose logging is off are named (ECD1203). See docs/LOGS.md.

    .PARAMETER Quiet
    Return one boolean instead of findings, for health checks: $true when nothing at or above -MinimumSeverity was
    found. With -Quiet, -MinimumSeverity defaults to Warning.

    .EXAMPLE
    Get-ReceiveConnector | Test-ReceiveConnector -ExchangeServer (Get-ExchangeServer)

    In the Exchange Management Shell: checks every receive connector of the organisation; the servers' addresses come
    from DNS. Findings come sorted, Errors first, one line each; Format-List shows a finding's message, evidence and
    fix command.

    .EXAMPLE
    $examples = Join-Path -Path (Import-Module -Name ExchangeConnectorDoctor -PassThru).ModuleBase -ChildPath Examples
    $servers = @(Import-Clixml -Path "$examples/contoso-GetExchangeServer.clixml.xml") + 'EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5', 'EDGE01=10.0.0.20'
    Test-ReceiveConnector -Path "$examples/contoso-GetReceiveConnector.clixml.xml" -ExchangeServer $servers

    Offline, on the example export that ships with the module (Examples folder), with the servers' Get-ExchangeServer
    export (versions and roles) and their addresses:

    Severity    RuleId  Server     Connector              Sender     Summary
    --------    ------  ------     ---------              ------     -------
    Error       ECD0101 EX01       Relay EX01             EDGE01     EDGE01 -> EX01:25 lands on 'Relay EX01': 451 5.7.3
    Warning     ECD0101 EX01       Relay EX01             EX02       EX02 -> EX01:25 lands on 'Relay EX01' (path unused)
    Warning     ECD0101 EX01       Relay EX01             LEGACY01   LEGACY01 -> EX01:25 lands on 'Relay EX01': 451 5.7.3?
    Information ECD0003                                              Not checked: no connectors of EDGE01, LEGACY01 given
    Information ECD1003                                              Not checked: internal transport certificate
    Information ECD0901 EX01       Relay EX01                        Relay senders: 20 connections per source (421 4.3.2?)

    -Path takes wildcards (-Path C:\exports\*.xml) and JSON files (Get-ReceiveConnector | ConvertTo-Json).

    .EXAMPLE
    $examples = Join-Path -Path (Import-Module -Name ExchangeConnectorDoctor -PassThru).ModuleBase -ChildPath Examples
    Get-ChildItem -Path $examples -Filter '*GetReceiveConnector.clixml.xml' | Test-ReceiveConnector -ExchangeServer @{ EX01 = '10.0.0.11'; EX02 = '10.0.0.12'; LEGACY01 = '10.0.0.5' } | Format-List -View Detail

    Files from Get-ChildItem (or a file name given alone) are read as -Path; -ExchangeServer takes a table of names and
    addresses. Format-List -View Detail shows each finding's Id (the same on every run, for tickets and baselines),
    message, evidence and the command that fixes it.

    .EXAMPLE
    $examples = Join-Path -Path (Import-Module -Name ExchangeConnectorDoctor -PassThru).ModuleBase -ChildPath Examples
    $servers = @(Import-Clixml -Path "$examples/contoso-GetExchangeServer.clixml.xml") + 'EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5', 'EDGE01=10.0.0.20'
    $findings = @(Test-ReceiveConnector -Path "$examples/contoso-GetReceiveConnector.clixml.xml" -ExchangeServer $servers)
    $worst = @($findings | Sort-Object -Property Severity -Descending)[0]
    exit $(if ($worst) { [int]$worst.Severity } else { 0 })

    A monitoring script for Task Scheduler, SCOM or Nagios: exits 0 when healthy (nothing, or Information only), 1
    for a Warning, 2 for an Error (here 2). Severity is an enum ordered by weight (Information 0, Warning 1, Error 2),
    so Sort-Object, -gt and Group-Object work on it. In the Exchange Management Shell, use Get-ReceiveConnector |
    Test-ReceiveConnector instead of -Path.

    .EXAMPLE
    $examples = Join-Path -Path (Import-Module -Name ExchangeConnectorDoctor -PassThru).ModuleBase -ChildPath Examples
    $problems = @(Test-ReceiveConnector -Path "$examples/contoso-GetReceiveConnector.clixml.xml" -ExchangeServer 'EDGE01=10.0.0.20' -MinimumSeverity Warning)
    if ($problems) { Write-EventLog -LogName Application -Source MSExchangeTransport -EventId 9001 -EntryType Warning -Message ($problems | Format-Table -AutoSize | Out-String -Width 200) }

    A scheduled health check that writes what it found to the Application event log, where monitoring already looks
    (Windows PowerShell 5.1, as the Exchange Management Shell; the source must exist: New-EventLog -LogName
    Application -Source MSExchangeTransport creates it once). -Quiet returns just $true or $false.

    .EXAMPLE
    $examples = Join-Path -Path (Import-Module -Name ExchangeConnectorDoctor -PassThru).ModuleBase -ChildPath Examples
    Test-ReceiveConnector -Path "$examples/contoso-GetReceiveConnector.clixml.xml" -ExchangeServer @{ Name = 'EDGE01'; Address = '10.0.0.20'; Version = '15.1'; Role = 'Edge' } -Rule exchange-server-captured -MinimumSeverity Error | Select-Object -ExpandProperty RemediationCommand -Unique

    Prints only the commands that fix the Errors of one rule.

    .EXAMPLE
    $examples = Join-Path -Path (Import-Module -Name ExchangeConnectorDoctor -PassThru).ModuleBase -ChildPath Examples
    Test-ReceiveConnector -Path "$examples/contoso-GetReceiveConnector.clixml.xml" -ExchangeServer 'EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5' -Queue (Import-Clixml -Path "$examples/contoso-GetQueue.clixml.xml") | Where-Object { $_.Evidence.PSObject.Properties['explainsQueues'] } | Format-List -Property RuleId, Connector, Message

    From a queue in Retry with 451 5.7.3 on LEGACY01 to the finding that explains it: the relay connector on EX01. The
    queue confirms the capture, so the finding is an Error.

    .EXAMPLE
    $examples = Join-Path -Path (Import-Module -Name ExchangeConnectorDoctor -PassThru).ModuleBase -ChildPath Examples
    Test-ReceiveConnector -Path "$examples/contoso-GetReceiveConnector.clixml.xml" -ExchangeServer 'EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5' -ProtocolLog "$examples/contoso-SmtpReceive" | Format-List -Property RuleId, Connector, Message

    With EX01's receive protocol log: the capture of LEGACY01 by the relay is confirmed (seen 3 times, last at the time
    the log says), a sender the log shows on the relay although its ranges do not hold it is a stale-export Warning,
    and the relay's senders are listed with the narrowing that keeps them all and drops LEGACY01.

    .INPUTS
    Receive connector objects (live, deserialized, or from ConvertFrom-Json); file names and FileInfo objects (read as
    -Path).

    .OUTPUTS
    ExchangeConnectorDoctor.Finding, or System.Boolean with -Quiet. A finding has Id (stable across runs for the same
    input), RuleId, Rule, Severity ([ExchangeConnectorDoctor.Severity]), Server, Connector, Sender, Summary (one line),
    Message, Symptom, Evidence (prints as key=value text in Export-Csv), Remediation, RemediationCommand and Fix.

    .LINK
    Resolve-ReceiveConnector

    .LINK
    Get-ReceiveConnectorRule

    .LINK
    about_ExchangeConnectorDoctor
    #>
    [CmdletBinding(DefaultParameterSetName = 'InputObject')]
    [OutputType('ExchangeConnectorDoctor.Finding')]
    [OutputType([bool])]
    param(
        [Parameter(ParameterSetName = 'InputObject', Mandatory = $true, ValueFromPipeline = $true, Position = 0)]
        [AllowNull()]
        [AllowEmptyCollection()]
        [object[]] $InputObject,

        [Parameter(ParameterSetName = 'Path', Mandatory = $true)]
        [SupportsWildcards()]
        [string[]] $Path,

        [object[]] $ExchangeServer,

        [ArgumentCompleter({ param($commandName, $parameterName, $wordToComplete) $module = @(Get-Module -Name ExchangeConnectorDoctor)[0]; if ($module) { & $module { param($word) Get-EcdRuleCompletion -WordToComplete $word } $wordToComplete } })]
        [string[]] $Rule,

        [ArgumentCompleter({ param($commandName, $parameterName, $wordToComplete) $module = @(Get-Module -Name ExchangeConnectorDoctor)[0]; if ($module) { & $module { param($word) Get-EcdRuleCompletion -WordToComplete $word } $wordToComplete } })]
        [string[]] $ExcludeRule,

        [ValidateSet('Information', 'Warning', 'Error')]
        [string] $MinimumSeverity = 'Information',

        [AllowEmptyCollection()]
        [object[]] $Certificate,

        [AllowEmptyCollection()]
        [object[]] $TransportService,

        [object] $HybridConfiguration,

        [AllowEmptyCollection()]
        [string[]] $LoadBalancer,

        [AllowEmptyCollection()]
        [object[]] $Queue,

        [AllowEmptyCollection()]
        [object[]] $ProtocolLog,

        [switch] $Quiet
    )
    begin {
        $items = New-Object -TypeName System.Collections.Generic.List[object]
        $paths = New-Object -TypeName System.Collections.Generic.List[string]
        if ($PSCmdlet.ParameterSetName -eq 'Path') { foreach ($p in $Path) { $paths.Add($p) } }
    }
    process {
        if ($PSCmdlet.ParameterSetName -eq 'InputObject') {
            foreach ($item in @($InputObject)) {
                # A file (Get-ChildItem *.xml | Test-ReceiveConnector, or Test-ReceiveConnector .\connectors.xml) is read as -Path.
                $file = Get-EcdInputPath -InputObject $item
                if ($file) { $paths.Add($file) } else { $items.Add($item) }
            }
        }
    }
    end {
        $documents = @()
        if ($paths.Count -gt 0) {
            $read = Read-EcdInputFile -Path $paths.ToArray() -Cmdlet $PSCmdlet
            foreach ($o in $read.Objects) { $items.Add($o) }
            $documents = $read.Documents
            # Every file was refused, each with its own error: nothing is left to analyse, and saying so again would
            # report the same problem twice.
            if ($items.Count -eq 0 -and @($documents).Count -eq 0 -and $read.Failed -gt 0) {
                if ($Quiet) { return $false }
                return
            }
        }
        $severity = $MinimumSeverity
        if ($Quiet -and -not $PSBoundParameters.ContainsKey('MinimumSeverity')) { $severity = 'Warning' }

        $connectors = New-Object -TypeName System.Collections.Generic.List[object]
        $showProgress = $items.Count -ge 500
        for ($i = 0; $i -lt $items.Count; $i++) {
            if ($showProgress -and ($i % 200) -eq 0) {
                Write-Progress -Activity 'Test-ReceiveConnector' -Status 'Reading connectors' -PercentComplete (100 * $i / $items.Count)
            }
            $connectors.Add((ConvertTo-EcdObject -InputObject $items[$i]))
        }
        if ($showProgress) { Write-Progress -Activity 'Test-ReceiveConnector' -Completed }
        Write-Verbose ('Analysing {0} connector(s) from the pipeline or Clixml files and {1} JSON file(s).' -f $items.Count, @($documents).Count)

        $request = [ordered]@{
            operation       = 'analyze'
            connectors      = $connectors.ToArray()
            documents       = @($documents)
            servers         = @(Get-EcdServerList -ExchangeServer $ExchangeServer -FromSession:(-not $PSBoundParameters.ContainsKey('ExchangeServer')) -Cmdlet $PSCmdlet)
            minimumSeverity = $severity
        }
        if ($PSBoundParameters.ContainsKey('Queue')) { $request.queues = @(foreach ($q in @($Queue)) { ConvertTo-EcdQueue -InputObject $q }) }
        $request.asOf = (Get-EcdAsOf).ToString('o', [System.Globalization.CultureInfo]::InvariantCulture)
        if ($PSBoundParameters.ContainsKey('Certificate')) { $request.certificates = @(foreach ($c in @($Certificate)) { ConvertTo-EcdCertificate -InputObject $c }) }
        if ($PSBoundParameters.ContainsKey('TransportService')) { $request.transportServices = @(foreach ($t in @($TransportService)) { ConvertTo-EcdTransportService -InputObject $t }) }
        if ($PSBoundParameters.ContainsKey('HybridConfiguration')) { $request.hybridConfiguration = ConvertTo-EcdHybridConfiguration -InputObject @($HybridConfiguration)[0] }
        if ($PSBoundParameters.ContainsKey('LoadBalancer')) { $request.loadBalancers = @($LoadBalancer) }
        if ($Rule) { $request.rules = @($Rule) }
        if ($ExcludeRule) { $request.excludeRules = @($ExcludeRule) }
        $raw = @{}
        if ($PSBoundParameters.ContainsKey('ProtocolLog')) {
            $logPaths = @(foreach ($p in @($ProtocolLog)) { if ($p -is [string]) { $PSCmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($p) } })
            $logSummaries = @(foreach ($p in @($ProtocolLog)) { if ($p -isnot [string] -and $null -ne $p -and $p.PSObject.Properties['Json']) { [string]$p.Json } })
            $read = Invoke-EcdLogRead -Path ([string[]]$logPaths) -SummaryJson ([string[]]$logSummaries) -Activity 'Test-ReceiveConnector: reading protocol logs'
            foreach ($issue in @($read.Summary.issues)) { Write-Warning ('{0}, line {1}: {2}' -f $issue.file, $issue.line, $issue.message) }
            $raw.protocolLog = $read.SummaryJson
        }
        $response = Invoke-EcdEngine -Request $request -Raw $raw
        Assert-EcdRuleName -Response $response -Cmdlet $PSCmdlet
        Write-EcdAnalysisVerbose -Response $response
        $findings = @(ConvertFrom-EcdFinding -Finding @($response.findings) -InputItem $items.ToArray() -Cmdlet $PSCmdlet)
        if ($Quiet) {
            return ($findings.Count -eq 0)
        }
        $findings
    }
}
