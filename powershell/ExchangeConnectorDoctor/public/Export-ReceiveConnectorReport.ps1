function Export-ReceiveConnectorReport {
    <#
    .SYNOPSIS
    Writes one self-contained HTML page with the findings, their fix commands, and a picture per server and port of which receive connector takes which remote addresses.

    .DESCRIPTION
    Export-ReceiveConnectorReport writes a report an administrator can open in any browser, offline, and print: a
    summary by severity, every finding with its message, evidence and the command that fixes it (with a copy
    button), and for each server and port a bar of the remote address space cut into the stretches that each
    connector takes (Exchange's connector selection: the smallest matching remote range wins), with the Exchange
    servers' addresses marked. An Exchange server whose address lands on a connector that cannot authenticate it
    (the relay connector behind 451 5.7.3 Cannot achieve Exchange Server authentication) is marked in red.

    The page has no external assets: styles, pictures (SVG) and the few lines of script for the copy buttons are
    inside it, and it forbids itself to load anything.

    Pipe in receive connectors (as for Test-ReceiveConnector; the findings are made for the report), or findings from
    Test-ReceiveConnector together with the connectors (the report then shows exactly those findings, and draws
    the maps from the connectors).

    .PARAMETER InputObject
    Receive connectors (Get-ReceiveConnector output, Import-Clixml of an export, objects from ConvertFrom-Json) and,
    optionally, findings from Test-ReceiveConnector.

    .PARAMETER Path
    The HTML file to write (UTF-8). An existing file is left alone unless -Force is given.

    .PARAMETER Force
    Replace the file at -Path when it exists.

    .PARAMETER PassThru
    Return the file written (System.IO.FileInfo), for example to open it with Invoke-Item.

    .PARAMETER ExchangeServer
    The Exchange servers and their addresses, as for Test-ReceiveConnector: Get-ExchangeServer objects, objects or
    hashtables with Name and Address, or 'NAME=ADDRESS[,ADDRESS...]' strings. Their addresses are marked in the maps.
    When omitted and Get-ExchangeServer is available in the session, it is called.

    .PARAMETER Queue
    Failing queues to explain, as for Test-ReceiveConnector -Queue (Get-Queue objects, Resolve-SmtpError results,
    or LastError strings). Used only when no findings are piped in.

    .PARAMETER Title
    The page's title. By default "Receive connector report".

    .EXAMPLE
    $examples = Join-Path -Path (Import-Module -Name ExchangeConnectorDoctor -PassThru).ModuleBase -ChildPath Examples
    Import-Clixml -Path "$examples/contoso-GetReceiveConnector.clixml.xml" | Export-ReceiveConnectorReport -Path (Join-Path -Path ([System.IO.Path]::GetTempPath()) -ChildPath contoso-report.html) -ExchangeServer 'EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5' -Force -PassThru

    Writes the report of the example organisation that ships with the module (Examples folder) to the temporary
    folder, replacing an earlier one (-Force), and returns the file (-PassThru): EX01's relay connector captures
    LEGACY01, EX01 and EX02 on port 25. -WhatIf shows what would be written and writes nothing.

    .EXAMPLE
    $examples = Join-Path -Path (Import-Module -Name ExchangeConnectorDoctor -PassThru).ModuleBase -ChildPath Examples
    $connectors = Import-Clixml -Path "$examples/contoso-GetReceiveConnector.clixml.xml"
    @($connectors | Test-ReceiveConnector -ExchangeServer 'LEGACY01=10.0.0.5' -MinimumSeverity Warning) + @($connectors) | Export-ReceiveConnectorReport -Path (Join-Path -Path ([System.IO.Path]::GetTempPath()) -ChildPath contoso-warnings.html) -ExchangeServer 'LEGACY01=10.0.0.5' -Title 'Contoso: warnings and errors' -Force -PassThru

    A report of the Warnings and Errors only: findings and connectors piped in together.

    .EXAMPLE
    Get-ReceiveConnector | Export-ReceiveConnectorReport -Path "$env:TEMP\receive-connectors.html" -Force -PassThru | Invoke-Item

    In the Exchange Management Shell: the report of the whole organisation, opened in the browser.

    .INPUTS
    Receive connector objects and ExchangeConnectorDoctor.Finding objects.

    .OUTPUTS
    None, or with -PassThru System.IO.FileInfo: the file written.

    .LINK
    Test-ReceiveConnector

    .LINK
    Resolve-ReceiveConnector
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    [OutputType([System.IO.FileInfo])]
    param(
        [Parameter(Mandatory = $true, ValueFromPipeline = $true, Position = 0)]
        [AllowNull()]
        [AllowEmptyCollection()]
        [object[]] $InputObject,

        [Parameter(Mandatory = $true)]
        [string] $Path,

        [object[]] $ExchangeServer,

        [AllowEmptyCollection()]
        [object[]] $Queue,

        [string] $Title,

        [switch] $Force,

        [switch] $PassThru
    )
    begin {
        $connectorItems = New-Object -TypeName System.Collections.Generic.List[object]
        $findings = New-Object -TypeName System.Collections.Generic.List[object]
    }
    process {
        foreach ($item in @($InputObject)) {
            if ($null -eq $item) { continue }
            $typeNames = @($item.PSObject.TypeNames)
            if ($typeNames -contains 'ExchangeConnectorDoctor.Finding' -or $typeNames -contains 'Deserialized.ExchangeConnectorDoctor.Finding') {
                $findings.Add((ConvertTo-EcdFinding -InputObject $item))
            } else {
                $connectorItems.Add($item)
            }
        }
    }
    end {
        $full = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path)
        $folder = Split-Path -Path $full -Parent
        if ($folder -and -not (Test-Path -LiteralPath $folder -PathType Container)) {
            $PSCmdlet.ThrowTerminatingError((New-EcdErrorRecord -Message ("The folder '{0}' does not exist." -f $folder) -ErrorId 'ECD.FolderNotFound' -Category ObjectNotFound -TargetObject $Path -ExceptionType 'System.IO.DirectoryNotFoundException'))
        }
        if (Test-Path -LiteralPath $full -PathType Container) {
            $PSCmdlet.ThrowTerminatingError((New-EcdErrorRecord -Message ("'{0}' is a folder: give the name of the HTML file to write, such as '{1}'." -f $full, (Join-Path -Path $full -ChildPath 'receive-connectors.html')) -ErrorId 'ECD.PathIsFolder' -Category InvalidArgument -TargetObject $Path))
        }
        if ((Test-Path -LiteralPath $full) -and -not $Force) {
            $PSCmdlet.ThrowTerminatingError((New-EcdErrorRecord -Message ("The file '{0}' exists: give -Force to replace it, or another -Path." -f $full) -ErrorId 'ECD.FileExists' -Category ResourceExists -TargetObject $full -ExceptionType 'System.IO.IOException'))
        }
        if (-not $PSCmdlet.ShouldProcess($full, 'Write the receive connector report')) { return }
        if ($connectorItems.Count -eq 0) {
            Write-Warning 'No receive connectors were piped in, so the report has no maps: pipe the connectors together with the findings.'
        }
        $request = [ordered]@{
            operation   = 'report'
            connectors  = @(foreach ($c in $connectorItems) { ConvertTo-EcdObject -InputObject $c })
            servers     = @(Get-EcdServerList -ExchangeServer $ExchangeServer -FromSession:(-not $PSBoundParameters.ContainsKey('ExchangeServer')) -Cmdlet $PSCmdlet)
            generatedAt = (Get-Date).ToString('yyyy-MM-dd HH:mm')
        }
        if ($Title) { $request.title = $Title }
        if ($findings.Count -gt 0) {
            $request.findings = $findings.ToArray()
        } elseif ($PSBoundParameters.ContainsKey('Queue')) {
            $request.queues = @(foreach ($q in @($Queue)) { ConvertTo-EcdQueue -InputObject $q })
        }
        $response = Invoke-EcdEngine -Request $request
        if ($findings.Count -eq 0) {
            [void](ConvertFrom-EcdFinding -Finding @($response.findings) -InputItem $connectorItems.ToArray() -Cmdlet $PSCmdlet)
        }
        [System.IO.File]::WriteAllText($full, [string]$response.html, (New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false))
        Write-Verbose ('Wrote {0} ({1} findings).' -f $full, @($response.findings).Count)
        if ($PassThru) { Get-Item -LiteralPath $full }
    }
}
