function New-EcdErrorRecord {
    # One ErrorRecord for every error the module reports: an exception of the given type with the message, an id
    # (the public command that writes or throws it adds its name: 'ECD.PathIsFolder,Test-ReceiveConnector'), a
    # category and the object at fault. Write it with $PSCmdlet.WriteError or $PSCmdlet.ThrowTerminatingError.
    [CmdletBinding()]
    [OutputType([System.Management.Automation.ErrorRecord])]
    param(
        [Parameter(Mandatory = $true)] [string] $Message,
        [Parameter(Mandatory = $true)] [string] $ErrorId,
        [Parameter(Mandatory = $true)] [System.Management.Automation.ErrorCategory] $Category,
        [AllowNull()] [object] $TargetObject,
        [string] $ExceptionType = 'System.ArgumentException',
        # What to do about it, shown under the error (ErrorDetails.RecommendedAction).
        [string] $RecommendedAction
    )
    $exception = New-Object -TypeName $ExceptionType -ArgumentList $Message
    $record = New-Object -TypeName System.Management.Automation.ErrorRecord -ArgumentList @($exception, $ErrorId, $Category, $TargetObject)
    if ($RecommendedAction) {
        $record.ErrorDetails = New-Object -TypeName System.Management.Automation.ErrorDetails -ArgumentList $Message
        $record.ErrorDetails.RecommendedAction = $RecommendedAction
    }
    $record
}
