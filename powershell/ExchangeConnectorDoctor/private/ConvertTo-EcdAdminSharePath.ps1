function ConvertTo-EcdAdminSharePath {
    # A server's local path (D:\Exchange\...) as its admin-share path (\\server\D$\Exchange\...); a UNC path as is.
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory = $true)] [string] $Server, [Parameter(Mandatory = $true)] [string] $LocalPath)
    if ($LocalPath -match '^[A-Za-z]:\\') { return ('\\{0}\{1}${2}' -f $Server, $LocalPath.Substring(0, 1), $LocalPath.Substring(2)) }
    $LocalPath
}
