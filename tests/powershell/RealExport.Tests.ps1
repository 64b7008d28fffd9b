# The real Export-Clixml of Get-ReceiveConnector (five healthy default connectors of WIN-CTD3L0RGEN4, Exchange 2019)
# and the embedded example in its three input forms; no rule gives an Error or a Warning on the real exports when
# every server's address is given; and the example Get-Queue export.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EcdModulePath) -Force
    $script:root = Get-EcdProjectRoot
    $script:realPath = Join-Path (Get-EcdSharedRoot) 'fixtures/real/exchange2019-lab-GetReceiveConnector.clixml.xml'
    $script:real = @(Import-Clixml -Path $realPath)
    $script:pipelineFindings = @($real | Test-ReceiveConnector)
    # [pscustomobject] copies without the SerializationData blob, for the tests about -ExchangeServer (faster).
    $script:realCopies = @($real | ForEach-Object { Copy-ConnectorObject -Connector $_ })
}

Describe 'The real Exchange 2019 export (WIN-CTD3L0RGEN4)' {
    It 'holds the five default connectors of WIN-CTD3L0RGEN4' {
        $real.Count | Should -Be 5
        @($real | ForEach-Object { [string]$_.Identity } | Sort-Object) | Should -Be @(
            'WIN-CTD3L0RGEN4\Client Frontend WIN-CTD3L0RGEN4', 'WIN-CTD3L0RGEN4\Client Proxy WIN-CTD3L0RGEN4',
            'WIN-CTD3L0RGEN4\Default Frontend WIN-CTD3L0RGEN4', 'WIN-CTD3L0RGEN4\Default WIN-CTD3L0RGEN4',
            'WIN-CTD3L0RGEN4\Outbound Proxy Frontend WIN-CTD3L0RGEN4')
    }

    It 'Import-Clixml | Test-ReceiveConnector without addresses gives one ECD0002 Warning for WIN-CTD3L0RGEN4: the capture check could not run' {
        @($pipelineFindings | Where-Object { $_.Severity -eq 'Error' }) | Should -HaveCount 0
        # Then the note that the internal transport certificate was not checked (no -Certificate, no -TransportService).
        @($pipelineFindings | ForEach-Object { $_.RuleId }) | Should -Be @('ECD0002', 'ECD1003')
        $pipelineFindings[1].Severity | Should -Be 'Information'
        $pipelineFindings[1].Summary | Should -Be 'Not checked: internal transport certificate'
        $pipelineFindings[0].RuleId | Should -Be 'ECD0002'
        $pipelineFindings[0].Rule | Should -Be 'exchange-addresses-unknown'
        $pipelineFindings[0].Severity | Should -Be 'Warning'
        $pipelineFindings[0].Server | Should -Be 'WIN-CTD3L0RGEN4'
        $pipelineFindings[0].Message | Should -Match 'not a pass'
        $pipelineFindings[0].Remediation | Should -Match ([regex]::Escape("-ExchangeServer 'WIN-CTD3L0RGEN4="))
    }

    It 'a server whose FQDN DNS cannot resolve: the Warning says so in words, per server' {
        # .dom is no top-level domain: no resolver answers for the lab's FQDN.
        $server = [pscustomobject]@{ Name = 'WIN-CTD3L0RGEN4'; Fqdn = 'WIN-CTD3L0RGEN4.exlab.dom' }
        $findings = @($realCopies | Test-ReceiveConnector -ExchangeServer $server -Verbose 4>&1)
        $verbose = @($findings | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message })
        $finding = @($findings | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        @($finding | ForEach-Object { $_.RuleId }) | Should -Be @('ECD0002', 'ECD1003')
        $finding[0].Message | Should -Match 'DNS (could not resolve|gave no answer for|answered for) WIN-CTD3L0RGEN4\.exlab\.dom'
        $finding[0].Evidence.reason | Should -Match 'WIN-CTD3L0RGEN4\.exlab\.dom'
        @($verbose | Where-Object { $_ -match '^WIN-CTD3L0RGEN4: DNS ' }) | Should -HaveCount 1
        @($verbose | Where-Object { $_ -match 'Exception' }) | Should -HaveCount 0
    }

    It 'with -ExchangeServer ''WIN-CTD3L0RGEN4=10.10.0.11'' finds nothing but the note that the certificate was not checked' {
        $findings = @($real | Test-ReceiveConnector -ExchangeServer 'WIN-CTD3L0RGEN4=10.10.0.11' -ErrorVariable errors)
        Assert-OnlyCertificateNotChecked $findings -Server 'WIN-CTD3L0RGEN4'
        $errors | Should -HaveCount 0
    }

    It 'with the server given as a hashtable with Version 15.2 finds nothing but the note that the certificate was not checked' {
        $findings = @($realCopies | Test-ReceiveConnector -ExchangeServer @{ Name = 'WIN-CTD3L0RGEN4'; Address = '10.10.0.11', 'fd00::11'; Version = '15.2' })
        Assert-OnlyCertificateNotChecked $findings -Server 'WIN-CTD3L0RGEN4'
    }

    It 'calls Get-ExchangeServer when -ExchangeServer is omitted and the command exists' {
        function global:Get-ExchangeServer { @{ Name = 'WIN-CTD3L0RGEN4'; Address = '10.10.0.11' } }
        try {
            $findings = @($realCopies | Test-ReceiveConnector)
        } finally {
            Remove-Item -Path Function:\Get-ExchangeServer
        }
        Assert-OnlyCertificateNotChecked $findings -Server 'WIN-CTD3L0RGEN4'
    }

    It 'without -ExchangeServer outside the Exchange shell, -ErrorVariable stays empty' {
        $null = $real | Test-ReceiveConnector -ErrorVariable errors
        @($errors) | Should -HaveCount 0
    }

    It '-Path on the real file gives the same findings as the pipeline' {
        $fromPath = @(Test-ReceiveConnector -Path $realPath)
        ConvertTo-FindingSnapshot $fromPath | Should -BeExactly (ConvertTo-FindingSnapshot $pipelineFindings)
        $fromPath | Should -HaveCount 2
    }
}

Describe 'The embedded example (examples/contoso-*) in its three input forms' {
    BeforeAll {
        $script:servers = @('EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5', 'EDGE01=10.0.0.20')
        $script:clixmlPath = Join-Path $root 'examples/contoso-GetReceiveConnector.clixml.xml'
        $script:jsonPath = Join-Path $root 'examples/contoso-GetReceiveConnector.json'
        $script:fromClixml = @(Import-Clixml -Path $clixmlPath | Test-ReceiveConnector -ExchangeServer $servers)
        $script:clixmlSnapshot = ConvertTo-FindingSnapshot $fromClixml
    }

    It 'the Clixml example gives the relay captures of EDGE01, EX02 and LEGACY01, the notes on servers without connectors, on the relay''s per-source limits and on the certificate not checked' {
        $fromClixml | Should -HaveCount 6
        @($fromClixml | ForEach-Object { $_.RuleId } | Sort-Object -Unique) | Should -Be @('ECD0003', 'ECD0101', 'ECD0901', 'ECD1003')
        @($fromClixml | Where-Object { $_.RuleId -eq 'ECD0901' } | ForEach-Object { '{0} {1}' -f $_.Severity, $_.Connector }) | Should -Be 'Information EX01\Relay EX01'
        $captures = @($fromClixml | Where-Object { $_.RuleId -eq 'ECD0101' })
        @($captures | ForEach-Object { $_.Connector } | Sort-Object -Unique) | Should -Be 'EX01\Relay EX01'
        @($captures | ForEach-Object { $_.Evidence.sender } | Sort-Object) | Should -Be @('EDGE01', 'EX02', 'LEGACY01')
    }

    It 'the JSON example holds the same eleven connectors as the Clixml example' {
        $json = @(Get-Content -Raw -Path $jsonPath | ConvertFrom-Json)
        $clixml = @(Import-Clixml -Path $clixmlPath)
        $json | Should -HaveCount 11
        (@($json | ForEach-Object { [string]$_.Identity }) -join '|') | Should -Be (@($clixml | ForEach-Object { [string]$_.Identity }) -join '|')
    }

    It 'the request for the 11 Clixml connectors stays small (the SerializationData blob is not sent)' {
        # The request's size is for developers: a Debug message, not a Verbose one.
        $verbose = @(Import-Clixml -Path $clixmlPath | Test-ReceiveConnector -ExchangeServer $servers -Debug 5>&1 |
                Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object { $_.Message })
        $sizes = @($verbose | Where-Object { $_ -match 'answered a (\d+)-byte analyze request' } | ForEach-Object { [int]($_ -replace '^.*answered a (\d+)-byte analyze request.*$', '$1') })
        $sizes | Should -HaveCount 1
        $sizes[0] | Should -BeLessThan 200000
    }

    It 'the JSON example via -Path gives the same findings as the Clixml example' {
        $fromJson = @(Test-ReceiveConnector -Path $jsonPath -ExchangeServer $servers -ErrorVariable errors)
        $errors | Should -HaveCount 0
        ConvertTo-FindingSnapshot $fromJson | Should -BeExactly $clixmlSnapshot
    }

    It 'the JSON example via Get-Content -Raw | ConvertFrom-Json piped gives the same findings as the Clixml example' {
        $objects = Get-Content -Raw -Path $jsonPath | ConvertFrom-Json
        $fromPipe = @($objects | Test-ReceiveConnector -ExchangeServer $servers -ErrorVariable errors)
        $errors | Should -HaveCount 0
        ConvertTo-FindingSnapshot $fromPipe | Should -BeExactly $clixmlSnapshot
    }
}

Describe 'The real healthy Exchange 2019 export' {
    BeforeAll {
        $script:realRoot = Join-Path (Get-EcdSharedRoot) 'fixtures/real'
        # The real connectors of WIN-CTD3L0RGEN4, and the real Get-ExchangeServer exports of an Exchange 2019 and an
        # Exchange 2016 server (other labs: their connectors are not in the export), every server with an address.
        $script:realConnectors = @(Import-Clixml -Path (Join-Path $realRoot 'exchange2019-lab-GetReceiveConnector.clixml.xml'))
        $script:realServers = @(Import-Clixml -Path (Join-Path $realRoot 'exchange2019-GetExchangeServer.clixml.xml')) +
            @(Import-Clixml -Path (Join-Path $realRoot 'exchange2016-GetExchangeServer.clixml.xml')) +
            @('WIN-CTD3L0RGEN4=10.10.0.11,fd00::11', 'SOLO-E19A=10.10.0.21', 'SOLO-E16A=10.10.0.22')
    }

    It 'yields no Error and no Warning from any rule when every server''s address is given' {
        $findings = @($realConnectors | Test-ReceiveConnector -ExchangeServer $realServers)
        @($findings | Where-Object { $_.Severity -in 'Error', 'Warning' } | ForEach-Object { "$($_.RuleId): $($_.Message)" }) | Should -BeNullOrEmpty
        # The two servers whose connectors are not in the export are said, not silently skipped; so is the internal
        # transport certificate, which was not checked (no -Certificate, no -TransportService).
        @($findings | ForEach-Object { $_.RuleId }) | Should -Be @('ECD0003', 'ECD1003')
        @($findings[0].Evidence.serversWithoutConnectors) | Should -Be @('Solo-E16A', 'Solo-E19A')
    }

    It 'yields no Error and no Warning with the real Get-ExchangeCertificate export either (those are another server''s)' {
        $certificates = @(Import-Clixml -Path (Join-Path $realRoot 'exchange2019-GetExchangeCertificate.clixml.xml'))
        $findings = @($realConnectors | Test-ReceiveConnector -ExchangeServer $realServers -Certificate $certificates)
        @($findings | Where-Object { $_.Severity -in 'Error', 'Warning' } | ForEach-Object { "$($_.RuleId): $($_.Message)" }) | Should -BeNullOrEmpty
    }

    It 'gives a Warning, not a pass, when no address is given (the capture check could not run)' {
        $findings = @($realConnectors | Test-ReceiveConnector)
        @($findings | ForEach-Object { '{0}/{1}' -f $_.RuleId, $_.Severity }) | Should -Be @('ECD0002/Warning', 'ECD1003/Information')
    }
}

Describe 'The example Get-Queue export' {
    BeforeAll {
        $script:queues = @(Import-Clixml -Path (Join-Path $root 'examples/contoso-GetQueue.clixml.xml'))
        $script:queueError = '451 4.4.395 Target host responded with error. -> 451 5.7.3 Cannot achieve Exchange Server authentication'
    }

    It 'imports as deserialized Get-Queue objects with Get-Queue''s property names' {
        $queues[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.Microsoft.Exchange.Data.QueueViewer.ExtensibleQueueInfo'
        foreach ($name in 'Identity', 'DeliveryType', 'NextHopDomain', 'TlsDomain', 'NextHopConnector', 'Status', 'MessageCount', 'LastError', 'RetryCount', 'LastRetryTime', 'NextRetryTime') {
            $queues[0].PSObject.Properties[$name] | Should -Not -BeNullOrEmpty -Because $name
        }
        "$($queues[0].Identity)" | Should -Be 'LEGACY01\5'
        $queues[0].NextHopDomain | Should -Be 'ex01.contoso.com'
        $queues[0].LastError | Should -Be $queueError
        $queues[0].Status | Should -Be 'Retry'
    }
}
