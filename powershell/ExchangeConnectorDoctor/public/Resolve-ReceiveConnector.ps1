function Resolve-ReceiveConnector {
    <#
    .SYNOPSIS
    Tells which receive connector takes a connection from a remote address, and why every other connector lost.

    .DESCRIPTION
    Resolve-ReceiveConnector reproduces Exchange's connector selection: on the server, the service of the transport
    role that owns the port looks at its enabled connectors bound to that port; the connector whose matching remote
    IP range is the smallest wins; a connector bound to the exact local address beats one bound to all addresses only
    when its range is the same size or smaller; address families are kept apart. When no connector matches, Exchange
    answers 421 4.3.2 Service not available, and Connector is $null.

    One object is returned for each server, port and remote address, with the winner, its matching range, the
    candidates (every connector of the server) and why each lost.

    .PARAMETER InputObject
    Receive connectors: Get-ReceiveConnector output, Import-Clixml of an export, or objects from ConvertFrom-Json.

    .PARAMETER RemoteAddress
    One or more remote (sending) IP addresses, IPv4 or IPv6.

    .PARAMETER Port
    The port connected to. By default every port on which the server's connectors listen.

    .PARAMETER LocalAddress
    The server's local address that the connection reaches. By default a local address that no connector binds
    specifically, so only connectors bound to all addresses (0.0.0.0 or [::]) compete.

    .PARAMETER Server
    The server to resolve on. By default every server whose connectors were given.

    .EXAMPLE
    $examples = Join-Path -Path (Import-Module -Name ExchangeConnectorDoctor -PassThru).ModuleBase -ChildPath Examples
    Import-Clixml -Path "$examples/contoso-GetReceiveConnector.clixml.xml" | Resolve-ReceiveConnector -RemoteAddress 10.0.0.5 -Port 25 -Server EX01

    Shows that a connection from 10.0.0.5 to EX01 on port 25 lands on 'EX01\Relay EX01', whose range 10.0.0.1-10.0.0.30 is smaller than the default connector's.

    .EXAMPLE
    $examples = Join-Path -Path (Import-Module -Name ExchangeConnectorDoctor -PassThru).ModuleBase -ChildPath Examples
    Import-Clixml -Path "$examples/contoso-GetReceiveConnector.clixml.xml" | Resolve-ReceiveConnector -RemoteAddress 10.0.0.5, 192.0.2.7 -Server EX01 | Format-List -View Detail

    For two senders and every port EX01 listens on: which connector answers, the range it matched, and why in words.

    .INPUTS
    Receive connector objects.

    .OUTPUTS
    ExchangeConnectorDoctor.Resolution

    .LINK
    Test-ReceiveConnector
    #>
    [CmdletBinding()]
    [OutputType('ExchangeConnectorDoctor.Resolution')]
    param(
        [Parameter(Mandatory = $true, ValueFromPipeline = $true, Position = 0)]
        [AllowNull()]
        [AllowEmptyCollection()]
        [object[]] $InputObject,

        [Parameter(Mandatory = $true)]
        [string[]] $RemoteAddress,

        [ValidateRange(0, 65535)]
        [int] $Port = -1,

        [string] $LocalAddress,

        [string] $Server
    )
    begin {
        $items = New-Object -TypeName System.Collections.Generic.List[object]
    }
    process {
        foreach ($item in @($InputObject)) { $items.Add($item) }
    }
    end {
        $queries = foreach ($address in $RemoteAddress) {
            $query = [ordered]@{ remoteAddress = $address }
            if ($Server) { $query.server = $Server }
            if ($PSBoundParameters.ContainsKey('Port')) { $query.port = $Port }
            if ($LocalAddress) { $query.localAddress = $LocalAddress }
            $query
        }
        $connectors = foreach ($item in $items) { ConvertTo-EcdObject -InputObject $item }
        $request = [ordered]@{
            operation  = 'resolve'
            connectors = @($connectors)
            queries    = @($queries)
        }
        $response = Invoke-EcdEngine -Request $request
        [void](ConvertFrom-EcdFinding -Finding @($response.findings) -InputItem $items.ToArray() -Cmdlet $PSCmdlet)
        foreach ($r in @($response.resolutions)) {
            [pscustomobject][ordered]@{
                PSTypeName       = 'ExchangeConnectorDoctor.Resolution'
                Server           = $r.server
                Port             = $r.port
                TransportRole    = $r.transportRole
                LocalAddress     = $r.localAddress
                RemoteAddress    = $r.remoteAddress
                Connector        = $r.connector
                MatchedRange     = $r.matchedRange
                MatchedRangeSize = $r.matchedRangeSize
                Binding          = $r.binding
                Reason           = $r.reason
                Candidates       = @($r.candidates)
            }
        }
    }
}
