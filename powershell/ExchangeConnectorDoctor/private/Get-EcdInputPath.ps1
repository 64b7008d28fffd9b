function Get-EcdInputPath {
    # The file an input item names, for commands that take connectors from the pipeline and files with -Path: a
    # FileInfo (Get-ChildItem *.xml | Test-ReceiveConnector) or a string that names an existing file
    # (Test-ReceiveConnector .\connectors.xml) gives its full path, read as -Path; a DirectoryInfo gives its path too,
    # so that the reader says it is a folder. Anything else gives $null: it is a connector object.
    [CmdletBinding()]
    [OutputType([string])]
    param([AllowNull()] [object] $InputObject)
    if ($null -eq $InputObject) { return $null }
    $base = $InputObject
    if ($InputObject -is [System.Management.Automation.PSObject]) { $base = $InputObject.PSObject.BaseObject }
    if ($base -is [System.IO.FileSystemInfo]) { return $base.FullName }
    if ($base -is [string] -and $base.Trim().Length -gt 0 -and $base.IndexOfAny([char[]]'{[<') -lt 0) {
        $found = @(Resolve-Path -Path $base -ErrorAction Ignore)
        if ($found.Count -gt 0 -and $found[0].Provider.Name -eq 'FileSystem') { return $base }
    }
    $null
}
