function Get-EcdNativeLibraryPath {
    # Where the native engine is: $env:ECD_NATIVE_LIBRARY (development builds), else runtimes/<rid>/native/.
    [CmdletBinding()]
    [OutputType([string])]
    param()
    if ($env:ECD_NATIVE_LIBRARY) { return $env:ECD_NATIVE_LIBRARY }
    $rid = Get-EcdRuntimeIdentifier
    $file = switch -Wildcard ($rid) { 'win-*' { 'ecd.dll' } 'osx-*' { 'libecd.dylib' } default { 'libecd.so' } }
    Join-Path -Path $PSScriptRoot -ChildPath ('..{0}runtimes{0}{1}{0}native{0}{2}' -f [System.IO.Path]::DirectorySeparatorChar, $rid, $file)
}
