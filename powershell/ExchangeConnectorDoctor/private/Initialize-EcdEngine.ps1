function Initialize-EcdEngine {
    # Loads the shim and the native library by full path and checks the ABI version: one terminating
    # error that says what was looked for and where when anything is wrong.
    [CmdletBinding()]
    [OutputType([void])]
    param()
    $assembly = Join-Path -Path $PSScriptRoot -ChildPath ('..{0}bin{0}ExchangeConnectorDoctor.Interop.dll' -f [System.IO.Path]::DirectorySeparatorChar)
    if (-not ('ExchangeConnectorDoctor.Interop.Engine' -as [type])) {
        if (-not (Test-Path -LiteralPath $assembly)) {
            throw (New-EcdErrorRecord -Message "ExchangeConnectorDoctor: the interop assembly was not found at '$assembly'. Build the module with build-scripts/build.sh or reinstall it." -ErrorId 'ECD.InteropNotFound' -Category ObjectNotFound -TargetObject $assembly -ExceptionType 'System.IO.FileNotFoundException')
        }
        Add-Type -LiteralPath $assembly
    }
    $library = [System.IO.Path]::GetFullPath((Get-EcdNativeLibraryPath))
    if (-not (Test-Path -LiteralPath $library)) {
        throw (New-EcdErrorRecord -Message ("ExchangeConnectorDoctor: the native engine for {0} was not found at '{1}'. This package may not include a build for this platform; set ECD_NATIVE_LIBRARY to the full path of a build of libecd." -f (Get-EcdRuntimeIdentifier), $library) -ErrorId 'ECD.EngineNotFound' -Category ObjectNotFound -TargetObject $library -ExceptionType 'System.IO.FileNotFoundException')
    }
    try {
        [ExchangeConnectorDoctor.Interop.Engine]::Load($library)
        $abi = [ExchangeConnectorDoctor.Interop.Engine]::AbiVersion()
    } catch {
        $inner = $_.Exception
        while ($inner.InnerException) { $inner = $inner.InnerException }
        throw (New-EcdErrorRecord -Message ("ExchangeConnectorDoctor: the native engine at '{0}' could not be loaded for {1}: {2}" -f $library, (Get-EcdRuntimeIdentifier), $inner.Message) -ErrorId 'ECD.EngineNotLoaded' -Category ResourceUnavailable -TargetObject $library -ExceptionType 'System.InvalidOperationException')
    }
    if ($abi -ne $script:EcdAbiVersion) {
        throw (New-EcdErrorRecord -Message ("ExchangeConnectorDoctor: the native engine at '{0}' speaks ABI version {1}, but this module needs version {2}. Install the module and its native library from the same package." -f [ExchangeConnectorDoctor.Interop.Engine]::LoadedPath, $abi, $script:EcdAbiVersion) -ErrorId 'ECD.AbiMismatch' -Category InvalidResult -TargetObject $library -ExceptionType 'System.InvalidOperationException')
    }
}
