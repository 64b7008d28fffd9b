function Read-EcdInputFile {
    # Reads -Path files (wildcards allowed): Export-Clixml exports become objects (projected like pipeline input);
    # JSON files are handed to the engine as text, so that it reports errors with their byte offset and pointer.
    # A path that names no file, a folder, an empty file or a file that is neither Clixml nor JSON is one error
    # each, naming the file and what was expected; the other files are still read. Failed counts those errors.
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)] [string[]] $Path,
        # The public command's $PSCmdlet, so that errors are reported as its own.
        [Parameter(Mandatory = $true)] [System.Management.Automation.PSCmdlet] $Cmdlet
    )
    $expected = 'an Export-Clixml export of Get-ReceiveConnector (Get-ReceiveConnector | Export-Clixml connectors.xml) or a JSON array of connectors (Get-ReceiveConnector | ConvertTo-Json)'
    function Write-EcdFileError([string] $Message, [string] $Id, [System.Management.Automation.ErrorCategory] $Category, [string] $Target, [string] $Type = 'System.IO.InvalidDataException') {
        $state.Failed++
        $Cmdlet.WriteError((New-EcdErrorRecord -Message $Message -ErrorId $Id -Category $Category -TargetObject $Target -ExceptionType $Type))
    }
    $state = @{ Failed = 0 }  # read by the nested function through PowerShell's dynamic scope
    $objects = New-Object -TypeName System.Collections.Generic.List[object]
    $documents = New-Object -TypeName System.Collections.Generic.List[object]
    foreach ($p in $Path) {
        $files = @(Resolve-Path -Path $p -ErrorAction Ignore)
        if ($files.Count -eq 0) {
            Write-EcdFileError -Message "Cannot find the file '$p'." -Id 'ECD.PathNotFound' -Category ObjectNotFound -Target $p -Type 'System.IO.FileNotFoundException'
            continue
        }
        foreach ($file in $files) {
            $full = $file.ProviderPath
            Write-Verbose ('Reading {0}.' -f $full)
            if (Test-Path -LiteralPath $full -PathType Container) {
                Write-EcdFileError -Message ("'{0}' is a folder, not a file: give {1}, or pipe the files: Get-ChildItem -Path '{0}' -Filter *.xml | Test-ReceiveConnector." -f $full, $expected) -Id 'ECD.PathIsFolder' -Category InvalidArgument -Target $full -Type 'System.ArgumentException'
                continue
            }
            $text = [System.IO.File]::ReadAllText($full)
            $start = $text.TrimStart([char]0xFEFF, ' ', "`t", "`r", "`n")
            if ($start.Length -eq 0) {
                Write-EcdFileError -Message ("'{0}' is empty: expected {1}." -f $full, $expected) -Id 'ECD.EmptyFile' -Category InvalidData -Target $full
                continue
            }
            if ($start.StartsWith('<')) {
                try {
                    foreach ($o in @(Import-Clixml -LiteralPath $full)) { $objects.Add($o) }
                } catch {
                    Write-EcdFileError -Message ("'{0}' is not a readable Export-Clixml file: {1}" -f $full, $_.Exception.Message) -Id 'ECD.BadClixml' -Category InvalidData -Target $full
                }
            } elseif ($start.StartsWith('[') -or $start.StartsWith('{')) {
                $documents.Add([ordered]@{ source = $full; text = $text })
            } else {
                Write-EcdFileError -Message ("'{0}' is neither Clixml nor JSON (it starts with '{1}'): expected {2}." -f $full, $start.Substring(0, [Math]::Min(20, $start.Length)).Split("`n")[0].Trim(), $expected) -Id 'ECD.UnknownFileFormat' -Category InvalidData -Target $full
            }
        }
    }
    [pscustomobject]@{ Objects = $objects.ToArray(); Documents = $documents.ToArray(); Failed = $state.Failed }
}
