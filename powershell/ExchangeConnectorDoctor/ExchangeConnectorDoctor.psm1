# ExchangeConnectorDoctor: a thin module over a native engine. Parameter binding, projection of
# Exchange objects to the engine's request, native loading, and conversion of the response to objects.
Set-StrictMode -Version Latest

# The C ABI version this module speaks (ECD_ABI_VERSION in interop/include/ecd.h).
$script:EcdAbiVersion = 1

# Each file in private/ and public/ holds one function, named after the file (tests/powershell/Manifest.Tests.ps1).
foreach ($folder in @('private', 'public')) {
    foreach ($file in Get-ChildItem -Path (Join-Path -Path $PSScriptRoot -ChildPath $folder) -Filter '*.ps1') {
        . $file.FullName
    }
}

Initialize-EcdEngine
