function ConvertTo-EcdEvidenceText {
    # A finding's Evidence as one line of text, "key=value; key=value" (lists joined by ", ", nested objects as
    # compact JSON): what Export-Csv and "$($finding.Evidence)" show. Only formatting; the object keeps the data.
    [CmdletBinding()]
    [OutputType([string])]
    param([AllowNull()] [object] $Evidence)
    if ($null -eq $Evidence) { return '' }
    $parts = foreach ($property in $Evidence.PSObject.Properties) {
        if ($property.MemberType -notin 'NoteProperty', 'Property') { continue }
        $value = $property.Value
        if ($null -eq $value) {
            $text = ''
        } elseif ($value -is [string] -or $value -is [ValueType]) {
            $text = [string]$value
        } elseif ($value -is [System.Collections.IEnumerable] -and -not ($value -is [System.Collections.IDictionary])) {
            $text = @(foreach ($item in $value) { if ($item -is [string] -or $item -is [ValueType]) { [string]$item } else { ConvertTo-Json -InputObject $item -Compress -Depth 5 } }) -join ', '
        } else {
            $text = ConvertTo-Json -InputObject $value -Compress -Depth 5
        }
        '{0}={1}' -f $property.Name, $text
    }
    @($parts) -join '; '
}
