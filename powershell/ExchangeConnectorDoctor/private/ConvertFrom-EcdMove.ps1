function ConvertFrom-EcdMove {
    # The engine's moves (an Exchange sender that lands on another connector after a change) as objects.
    [CmdletBinding()]
    [OutputType('ExchangeConnectorDoctor.ConnectorMove')]
    param([Parameter(Mandatory = $true)] [AllowEmptyCollection()] [object[]] $Move)
    foreach ($m in $Move) {
        if ($null -eq $m) { continue }
        [pscustomobject][ordered]@{
            PSTypeName    = 'ExchangeConnectorDoctor.ConnectorMove'
            Sender        = $m.sender
            SenderAddress = $m.senderAddress
            Server        = $m.server
            Port          = $m.port
            LocalAddress  = $m.localAddress
            Before        = $m.before
            After         = $m.after
            Delivery      = $m.delivery
        }
    }
}
