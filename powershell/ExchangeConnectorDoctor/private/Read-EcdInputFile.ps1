function Read-EcdInputFile {
    # Reads -Path files: Export-Clixml exports become objects (projected like pipeline input); JSON files
    # are handed to the engine as text, so that it reports errors with their byte offset and pointer.
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param([Parameter(Mandatory = $true)] [string[]] $Path)
    $objects = New-Object -TypeName System.Collections.Generic.List[object]
    $documents = New-Object -TypeName System.Collections.Generic.List[object]
    foreach ($p in $Path) {
        $files = @(Resolve-Path -Path $p -ErrorAction SilentlyContinue)
        if ($files.Count -eq 0) {
            Write-Error -Message "Cannot find the file '$p'." -Category ObjectNotFound -TargetObject $p -ErrorId 'ECD.PathNotFound'
            continue
        }
        foreach ($file in $files) {
            $full = $file.ProviderPath
            $text = [System.IO.File]::ReadAllText($full)
            if ($text.TrimStart([char]0xFEFF, ' ', "`t", "`r", "`n").StartsWith('<')) {
                try {
                    foreach ($o in @(Import-Clixml -LiteralPath $full)) { $objects.Add($o) }
                } catch {
                    Write-Error -Message ("'{0}' is not a readable Export-Clixml file: {1}" -f $full, $_.Exception.Message) -Category InvalidData -TargetObject $full -ErrorId 'ECD.BadClixml'
                }
            } else {
                $documents.Add([ordered]@{ source = $full; text = $text })
            }
        }
    }
    [pscustomobject]@{ Objects = $objects.ToArray(); Documents = $documents.ToArray() }
}
