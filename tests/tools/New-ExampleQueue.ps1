<#
.SYNOPSIS
    Writes examples/contoso-GetQueue.clixml.xml: a Get-Queue export from LEGACY01 (Exchange 2010) of the example
    organisation, whose queue to EX01 is in Retry with 451 4.4.395 ... -> 451 5.7.3 Cannot achieve Exchange Server
    authentication (EX01's printer relay captures LEGACY01's address 10.0.0.5).

.DESCRIPTION
    There is no real Get-Queue export in ../shared; this builds one as Export-Clixml writes it from the Exchange
    Management Shell: the object's type names are Get-Queue's (ExtensibleQueueInfo), so that Import-Clixml gives
    Deserialized.Microsoft.Exchange.Data.QueueViewer.ExtensibleQueueInfo objects with Get-Queue's property names, and
    Identity is a QueueIdentity printed as SERVER\Id. Times are fixed, so re-running gives identical files.
    Runs on Windows PowerShell 5.1 and PowerShell 7.
#>
[CmdletBinding()]
param([string] $OutputPath = (Join-Path $PSScriptRoot '../../examples/contoso-GetQueue.clixml.xml'))
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function New-ExchangeValue {
    # A property bag that Export-Clixml writes with Exchange's type names and ToString text.
    param([string[]] $TypeName, [string] $Text, [hashtable] $Property = @{})
    $o = New-Object -TypeName psobject -Property $Property
    $o.PSObject.TypeNames.Clear()
    foreach ($t in $TypeName) { $o.PSObject.TypeNames.Add($t) }
    $o | Add-Member -MemberType NoteProperty -Name '__ToString' -Value $Text
    $o
}

function New-Queue {
    param([string] $Id, [string] $DeliveryType, [string] $NextHopDomain, [string] $Status, [int] $MessageCount,
          [string] $LastError, [int] $RetryCount, [object] $LastRetryTime, [object] $NextRetryTime, [string] $NextHopCategory)
    $identity = New-ExchangeValue -TypeName 'Microsoft.Exchange.Data.QueueViewer.QueueIdentity', 'Microsoft.Exchange.Data.ObjectId', 'System.Object' -Text "LEGACY01\$Id" -Property ([ordered]@{ Server = 'LEGACY01'; RowId = [long]($Id -replace '\D', '0'); Type = $DeliveryType; NextHopDomain = $NextHopDomain; IsEmpty = $false; IsFullySpecified = $true })
    $queue = New-Object -TypeName psobject
    $properties = [ordered]@{
        DeliveryType             = $DeliveryType
        NextHopDomain            = $NextHopDomain
        TlsDomain                = ''
        NextHopConnector         = [guid]'00000000-0000-0000-0000-000000000000'
        Status                   = $Status
        MessageCount             = $MessageCount
        LastError                = $LastError
        RetryCount               = $RetryCount
        LastRetryTime            = $LastRetryTime
        NextRetryTime            = $NextRetryTime
        DeferredMessageCount     = 0
        LockedMessageCount       = 0
        MessageCountsPerPriority = [int[]](0, $MessageCount, 0, 0)
        DeferredMessageCountsPerPriority = [int[]](0, 0, 0, 0)
        RiskLevel                = 'Normal'
        OutboundIPPool           = 0
        NextHopCategory          = $NextHopCategory
        IncomingRate             = 0.0
        OutgoingRate             = 0.0
        Velocity                 = 0.0
        QueueIdentity            = $identity
        Identity                 = $identity
        IsValid                  = $true
        ObjectState              = 'Unchanged'
    }
    foreach ($k in $properties.Keys) { $queue | Add-Member -MemberType NoteProperty -Name $k -Value $properties[$k] }
    $queue.PSObject.TypeNames.Clear()
    foreach ($t in 'Microsoft.Exchange.Data.QueueViewer.ExtensibleQueueInfo', 'Microsoft.Exchange.Data.QueueViewer.PagedDataObject', 'Microsoft.Exchange.Data.ConfigurableObject', 'System.Object') { $queue.PSObject.TypeNames.Add($t) }
    $queue | Add-Member -MemberType NoteProperty -Name '__ToString' -Value "LEGACY01\$Id"
    $queue
}

$lastRetry = [datetime]::new(2026, 11, 27, 9, 41, 54, [System.DateTimeKind]::Local)
$queues = @(
    New-Queue -Id '5' -DeliveryType 'SmtpRelayToServers' -NextHopDomain 'ex01.contoso.com' -Status 'Retry' -MessageCount 37 `
        -LastError '451 4.4.395 Target host responded with error. -> 451 5.7.3 Cannot achieve Exchange Server authentication' `
        -RetryCount 12 -LastRetryTime $lastRetry -NextRetryTime $lastRetry.AddMinutes(10) -NextHopCategory 'Internal'
    New-Queue -Id 'Submission' -DeliveryType 'Undefined' -NextHopDomain 'Submission' -Status 'Ready' -MessageCount 0 `
        -LastError $null -RetryCount 0 -LastRetryTime $null -NextRetryTime $null -NextHopCategory 'Internal'
    New-Queue -Id 'Shadow\3' -DeliveryType 'ShadowRedundancy' -NextHopDomain 'ex02.contoso.com' -Status 'Ready' -MessageCount 2 `
        -LastError $null -RetryCount 0 -LastRetryTime $null -NextRetryTime $null -NextHopCategory 'Internal'
)
$queues | Export-Clixml -Path $OutputPath -Depth 2

# Export-Clixml writes a property bag's notes as <MS>; Exchange's objects carry <ToString> and adapted <Props>.
# Move __ToString into <ToString> and the notes into <Props>, as the Exchange Management Shell writes them.
$xml = New-Object -TypeName System.Xml.XmlDocument
$xml.PreserveWhitespace = $true
$xml.Load((Resolve-Path -LiteralPath $OutputPath).ProviderPath)
$ns = New-Object -TypeName System.Xml.XmlNamespaceManager -ArgumentList $xml.NameTable
$ns.AddNamespace('ps', 'http://schemas.microsoft.com/powershell/2004/04')
foreach ($obj in @($xml.SelectNodes('//ps:Obj[ps:MS/ps:S[@N="__ToString"]]', $ns))) {
    $ms = $obj.SelectSingleNode('ps:MS', $ns)
    $marker = $ms.SelectSingleNode('ps:S[@N="__ToString"]', $ns)
    $text = $marker.InnerText
    [void]$ms.RemoveChild($marker)
    $toString = $xml.CreateElement('ToString', $ns.LookupNamespace('ps'))
    $toString.InnerText = $text
    [void]$obj.InsertBefore($toString, $ms)
    [void]$obj.InsertBefore($xml.CreateWhitespace($ms.PreviousSibling.PreviousSibling.Value), $ms)
    $props = $xml.CreateElement('Props', $ns.LookupNamespace('ps'))
    while ($ms.HasChildNodes) { [void]$props.AppendChild($ms.FirstChild) }
    [void]$obj.ReplaceChild($props, $ms)
}
$xml.Save((Resolve-Path -LiteralPath $OutputPath).ProviderPath)
Write-Verbose "Wrote $OutputPath"
