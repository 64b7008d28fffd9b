function Test-ReceiveConnectorChange {
    <#
    .SYNOPSIS
    Checks a planned receive connector change before it is made: which findings it adds or removes, and which
    Exchange servers would land on another connector.

    .DESCRIPTION
    Test-ReceiveConnectorChange is a pre-flight check for Set-ReceiveConnector and New-ReceiveConnector. It hands the
    connectors as they are (from the pipeline) and the planned change to the engine, which analyses the organisation
    twice, as it is and as the change would leave it, with the same rules and the same connector selection as
    Test-ReceiveConnector, and answers with the difference:

    - Appeared: findings the change adds (an Error here is an outage you have not caused yet);
    - Disappeared: findings the change removes;
    - Moves: for each Exchange server, port and address, the connector it lands on before and after the change.

    With -Identity the change is Set-ReceiveConnector on a connector that was given: only the parameters you give
    change. With -New it is New-ReceiveConnector: the connector gets New-ReceiveConnector's defaults where the engine
    knows them (Enabled $true; TransportRole HubTransport unless the server is a 2013 Client Access server; AuthMechanism
    and PermissionGroups of the usage type, or of no usage type when -Usage is not given) and the parameters you give.
    New-ReceiveConnector needs -Bindings and -RemoteIPRanges; without them the engine says so rather than guess.
    A parameter the engine does not model is listed in NotModelled: its effect is not checked.

    .PARAMETER InputObject
    The receive connectors as they are: Get-ReceiveConnector output, Import-Clixml of an export, or objects from
    ConvertFrom-Json.

    .PARAMETER Identity
    The connector to change (SERVER\Name), as for Set-ReceiveConnector.

    .PARAMETER New
    The change creates a connector (New-ReceiveConnector) on -Server named -Name.

    .PARAMETER Server
    The server of the new connector.

    .PARAMETER Name
    The name of the new connector.

    .PARAMETER Usage
    The usage type of the new connector (New-ReceiveConnector's -Client, -Custom, -Internal, -Internet, -Partner
    switches), which decides its default AuthMechanism and PermissionGroups.

    .PARAMETER TransportRole
    FrontendTransport or HubTransport.

    .PARAMETER Bindings
    The local addresses and ports the connector listens on ('0.0.0.0:25').

    .PARAMETER RemoteIPRanges
    The remote addresses the connector takes (single addresses, ranges 'a-b' or CIDR).

    .PARAMETER AuthMechanism
    The authentication mechanisms ('Tls', 'ExchangeServer', ...).

    .PARAMETER PermissionGroups
    The permission groups ('AnonymousUsers', 'ExchangeServers', ...).

    .PARAMETER Enabled
    Whether the connector is enabled.

    .PARAMETER Fqdn
    The connector's FQDN.

    .PARAMETER Parameter
    Any other Set-ReceiveConnector or New-ReceiveConnector parameters, as a hashtable (@{ TlsCertificateName = '...' }).

    .PARAMETER ExchangeServer
    The Exchange servers, as for Test-ReceiveConnector: Get-ExchangeServer objects or 'NAME=ADDRESS' strings. Without
    it, Get-ExchangeServer is called when the session has it.

    .PARAMETER Queue
    Failing queues, as for Test-ReceiveConnector -Queue: a capture that explains a queue's 451 5.7.3 is confirmed.

    .PARAMETER Quiet
    Returns only $true when the change adds no Error or Warning, $false when it does.

    .EXAMPLE
    $examples = Join-Path -Path (Import-Module -Name ExchangeConnectorDoctor -PassThru).ModuleBase -ChildPath Examples
    $servers = 'EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5', 'EDGE01=10.0.0.20'
    Import-Clixml "$examples/contoso-GetReceiveConnector.clixml.xml" | Test-ReceiveConnectorChange -Identity 'EX01\Relay EX01' -RemoteIPRanges 10.0.0.1-10.0.0.4, 10.0.0.6-10.0.0.10, 10.0.0.13-10.0.0.19, 10.0.0.21-10.0.0.30 -ExchangeServer $servers

    Checks narrowing the printer relay of the example to the printers: the captures of LEGACY01, EX02 and EDGE01
    disappear, and they move back to the default connectors.

    .EXAMPLE
    $examples = Join-Path -Path (Import-Module -Name ExchangeConnectorDoctor -PassThru).ModuleBase -ChildPath Examples
    $servers = 'EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5', 'EDGE01=10.0.0.20'
    $connectors = Import-Clixml "$examples/contoso-GetReceiveConnector.clixml.xml" | Where-Object { $_.Name -ne 'Relay EX01' }
    $connectors | Test-ReceiveConnectorChange -New -Server EX01 -Name 'Relay EX01' -TransportRole FrontendTransport -Bindings 0.0.0.0:25 -RemoteIPRanges 10.0.0.1-10.0.0.30 -PermissionGroups AnonymousUsers -ExchangeServer $servers | Select-Object -ExpandProperty Appeared

    Before the printer relay exists: creating it for 10.0.0.1-10.0.0.30 would capture LEGACY01, EX02 and EDGE01.

    .EXAMPLE
    $examples = Join-Path -Path (Import-Module -Name ExchangeConnectorDoctor -PassThru).ModuleBase -ChildPath Examples
    $servers = 'EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5', 'EDGE01=10.0.0.20'
    if (Import-Clixml "$examples/contoso-GetReceiveConnector.clixml.xml" | Test-ReceiveConnectorChange -Identity 'EX01\Default EX01' -Enabled $false -ExchangeServer $servers -Quiet) { 'safe' } else { 'not safe' }

    For a change-management script: $false, because disabling a default connector adds an Error.

    .INPUTS
    Receive connector objects.

    .OUTPUTS
    ExchangeConnectorDoctor.ChangeResult, or System.Boolean with -Quiet.

    .LINK
    Repair-ReceiveConnector

    .LINK
    Test-ReceiveConnector
    #>
    [CmdletBinding(DefaultParameterSetName = 'Set')]
    [OutputType('ExchangeConnectorDoctor.ChangeResult', [bool])]
    param(
        [Parameter(Mandatory = $true, ValueFromPipeline = $true)]
        [AllowNull()]
        [AllowEmptyCollection()]
        [object[]] $InputObject,

        [Parameter(ParameterSetName = 'Set', Mandatory = $true, Position = 0)]
        [string] $Identity,

        [Parameter(ParameterSetName = 'New', Mandatory = $true)]
        [switch] $New,

        [Parameter(ParameterSetName = 'New', Mandatory = $true)]
        [string] $Server,

        [Parameter(ParameterSetName = 'New', Mandatory = $true)]
        [string] $Name,

        [Parameter(ParameterSetName = 'New')]
        [ValidateSet('Client', 'Custom', 'Internal', 'Internet', 'Partner')]
        [string] $Usage,

        [ValidateSet('FrontendTransport', 'HubTransport')]
        [string] $TransportRole,

        [string[]] $Bindings,

        [string[]] $RemoteIPRanges,

        [string[]] $AuthMechanism,

        [string[]] $PermissionGroups,

        [bool] $Enabled,

        [string] $Fqdn,

        [hashtable] $Parameter,

        [object[]] $ExchangeServer,

        [AllowEmptyCollection()]
        [object[]] $Queue,

        [switch] $Quiet
    )
    begin {
        $items = New-Object -TypeName System.Collections.Generic.List[object]
    }
    process {
        foreach ($item in @($InputObject)) { $items.Add($item) }
    }
    end {
        $parameters = [ordered]@{}
        foreach ($key in @('TransportRole', 'Bindings', 'RemoteIPRanges', 'AuthMechanism', 'PermissionGroups', 'Enabled', 'Fqdn')) {
            if ($PSBoundParameters.ContainsKey($key)) { $parameters[$key] = $PSBoundParameters[$key] }
        }
        if ($Parameter) { foreach ($key in @($Parameter.Keys)) { $parameters[[string]$key] = $Parameter[$key] } }
        $change = [ordered]@{ parameters = $parameters }
        if ($New) {
            $change.new = $true
            $change.server = $Server
            $change.name = $Name
            if ($Usage) { $change.usage = $Usage }
        } else {
            $change.identity = $Identity
        }
        $request = [ordered]@{
            operation  = 'change'
            connectors = @(foreach ($item in $items) { ConvertTo-EcdObject -InputObject $item })
            servers    = @(Get-EcdServerList -ExchangeServer $ExchangeServer -FromSession:(-not $PSBoundParameters.ContainsKey('ExchangeServer')))
            change     = $change
        }
        if ($PSBoundParameters.ContainsKey('Queue')) { $request.queues = @(foreach ($q in @($Queue)) { ConvertTo-EcdQueue -InputObject $q }) }
        $response = Invoke-EcdEngine -Request $request
        # Bad input in the connectors as they are is reported as Test-ReceiveConnector reports it.
        [void](ConvertFrom-EcdFinding -Finding @($response.findings) -InputItem $items.ToArray() -Cmdlet $PSCmdlet)
        # A value of the change that cannot be read is an input issue that appears: written as an error too.
        $appeared = @(ConvertFrom-EcdFinding -Finding @($response.appeared) -Cmdlet $PSCmdlet)
        if ($Quiet) {
            return (-not $response.addsProblems)
        }
        $target = if ($New) { '{0}\{1}' -f $Server, $Name } else { $Identity }
        [pscustomobject][ordered]@{
            PSTypeName   = 'ExchangeConnectorDoctor.ChangeResult'
            Connector    = $target
            Kind         = $(if ($New) { 'New' } else { 'Set' })
            Applied      = [bool]$response.change.applied
            AddsProblems = [bool]$response.addsProblems
            Appeared     = $appeared
            Disappeared  = @(ConvertFrom-EcdFinding -Finding @($response.disappeared) -Cmdlet $PSCmdlet)
            Moves        = @(ConvertFrom-EcdMove -Move @($response.moves))
            NotModelled  = @($response.change.notModelled)
        }
    }
}
