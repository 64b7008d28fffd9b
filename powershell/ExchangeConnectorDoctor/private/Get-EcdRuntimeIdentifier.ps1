function Get-EcdRuntimeIdentifier {
    # The runtimes/<rid>/native folder for this OS and process architecture.
    [CmdletBinding()]
    [OutputType([string])]
    param()
    if ($PSVersionTable.PSEdition -eq 'Desktop') {
        $os = 'win'
        $arch = if (-not [Environment]::Is64BitProcess) { 'x86' } elseif ($env:PROCESSOR_ARCHITECTURE -eq 'ARM64') { 'arm64' } else { 'x64' }
    } else {
        $info = [System.Runtime.InteropServices.RuntimeInformation]
        $platform = [System.Runtime.InteropServices.OSPlatform]
        $os = if ($info::IsOSPlatform($platform::Windows)) { 'win' } elseif ($info::IsOSPlatform($platform::OSX)) { 'osx' } else { 'linux' }
        $arch = $info::ProcessArchitecture.ToString().ToLowerInvariant()
    }
    '{0}-{1}' -f $os, $arch
}
