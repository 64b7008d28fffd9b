function Get-EcdProtocolLogPath {
    # The receive protocol log folders of Exchange servers, as admin-share paths (\\server\c$\...): each server's
    # ReceiveProtocolLogPath from Get-FrontendTransportService and Get-TransportService (Exchange Management Shell).
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory = $true)] [string[]] $Server)
    $commands = @('Get-FrontendTransportService', 'Get-TransportService') | Where-Object { Get-Command -Name $_ -ErrorAction SilentlyContinue }
    if (@($commands).Count -eq 0) {
        throw (New-EcdErrorRecord -Message 'ExchangeConnectorDoctor: -Server needs the Exchange Management Shell (Get-TransportService, Get-FrontendTransportService were not found). Run it there, or give the log folders with -Path.' -ErrorId 'ECD.NeedsExchangeShell' -Category ObjectNotFound -TargetObject $Server -ExceptionType 'System.Management.Automation.CommandNotFoundException')
    }
    foreach ($name in $Server) {
        foreach ($command in $commands) {
            try {
                $service = & $command -Identity $name -ErrorAction Stop
            } catch {
                Write-Warning ('{0} -Identity {1}: {2}' -f $command, $name, $_.Exception.Message)
                continue
            }
            $local = [string]$service.ReceiveProtocolLogPath
            if ([string]::IsNullOrEmpty($local)) {
                Write-Warning ('{0} on {1} has no ReceiveProtocolLogPath: its receive protocol logging is off.' -f $command, $name)
                continue
            }
            ConvertTo-EcdAdminSharePath -Server $name -LocalPath $local
        }
    }
}
