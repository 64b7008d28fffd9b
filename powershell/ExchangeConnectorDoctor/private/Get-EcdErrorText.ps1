function Get-EcdErrorText {
    # The SMTP error text an object carries: the first of the properties Exchange keeps one in that is not empty
    # (Get-Queue and Get-Message: LastError; Get-MessageTrackingLog: RecipientStatus, EventData, SourceContext; event
    # log records: Message, ReplacementStrings, Properties; Resolve-SmtpError results: Text). '' when the object has
    # such a property but it is empty (a queue without an error); $null when it has none (it is no error record).
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory = $true)] [AllowNull()] [object] $InputObject)
    if ($null -eq $InputObject) { return $null }
    $names = 'LastError', 'RecipientStatus', 'EventData', 'SourceContext', 'Message', 'ReplacementStrings', 'Properties', 'Text'
    $text = Get-EcdPropertyText -InputObject $InputObject -Name $names
    if ($text) { return $text }
    foreach ($name in $names) { if ($InputObject.PSObject.Properties[$name]) { return '' } }
    $null
}
