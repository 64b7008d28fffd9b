function Read-EcdInputFile {
    # Reads -Path files: Export-Clixml exports become objects (projected like pipeline input); JSON files
    # are handed to the engine as text, so that it reports errors with their byte offset and pointer.
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)] [string[]] $Path,
        # The public command's $PSCmdlet, so that errors are reported as its own.
        [Parameter(Mandatory = $true)] [System.Management.Automation.PSCmdlet] $Cmdlet
    )
    function Write-EcdFileError([string] $Message, [string] $Id, [System.Management.Automation.ErrorCategory] $Category, [string] $Target) {
        $record = New-Object -TypeName System.Management.Automation.ErrorRecord -ArgumentList @(
            (New-Object -TypeName System.IO.IOException -ArgumentList $Message), $Id, $Category, $Target)
        $Cmdlet.WriteError($record)
    }
    $objects = New-Object -TypeName System.Collections.Generic.List[object]
    $documents = New-Object -TypeName System.Collections.Generic.List[object]
    foreach ($p in $Path) {
        $files = @(Resolve-Path -Path $p -ErrorAction Ignore)
        if ($files.Count -eq 0) {
            Write-EcdFileError -Message "Cannot find the file '$p'." -Id 'ECD.PathNotFound' -Category ObjectNotFound -Target $p
            continue
        }
        foreach ($file in $files) {
            $full = $file.ProviderPath
            $text = [System.IO.File]::ReadAllText($full)
            if ($text.TrimStart([char]0xFEFF, ' ', "`t", "`r", "`n").StartsWith('<')) {
                try {
                    foreach ($o in @(Import-Clixml -LiteralPath $full)) { $objects.Add($o) }
                } catch {
                    Write-EcdFileError -Message ("'{0}' is not a readable Export-Clixml file: {1}" -f $full, $_.Exception.Message) -Id 'ECD.BadClixml' -Category InvalidData -Target $full
                }
            } else {
                $documents.Add([ordered]@{ source = $full; text = $text })
            }
        }
    }
    [pscustomobject]@{ Objects = $objects.ToArray(); Documents = $documents.ToArray() }
}
