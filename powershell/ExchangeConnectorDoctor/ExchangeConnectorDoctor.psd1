@{
    RootModule           = 'ExchangeConnectorDoctor.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '5f0b7f8e-2f43-4a5e-9f3c-3f6a0a9d7c11'
    Author               = 'ExchangeConnectorDoctor contributors'
    CompanyName          = 'ExchangeConnectorDoctor'
    Copyright            = '(c) ExchangeConnectorDoctor contributors. MIT licence.'
    Description          = 'Finds why Exchange servers cannot authenticate to each other (451 5.7.3 Cannot achieve Exchange Server authentication) and every other receive connector misconfiguration, from Get-ReceiveConnector output, and gives the command that fixes it.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FunctionsToExport    = @('Test-ReceiveConnector', 'Resolve-ReceiveConnector', 'Get-ReceiveConnectorRule', 'Resolve-SmtpError', 'Export-ReceiveConnectorReport', 'Test-ReceiveConnectorChange', 'Repair-ReceiveConnector', 'Get-ReceiveConnectorUsage')
    CmdletsToExport      = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    FormatsToProcess     = @('ExchangeConnectorDoctor.Format.ps1xml')
    PrivateData          = @{
        PSData = @{
            Tags         = @('Exchange', 'ExchangeServer', 'ReceiveConnector', 'SMTP', 'MailFlow', '451', 'HealthCheck', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ProjectUri   = 'https://github.com/ExchangeConnectorDoctor/ExchangeConnectorDoctor'
            ReleaseNotes = 'First version: finds Exchange servers whose connections are captured by another receive connector (451 5.7.3), default connectors without Exchange Server authentication, and explains connector selection with Resolve-ReceiveConnector.'
        }
    }
}
