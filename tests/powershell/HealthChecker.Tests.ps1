# What HealthChecker checks on receive connectors (docs/HEALTHCHECKER.md), on the real exports: the Exchange 2019 lab
# (WIN-CTD3L0RGEN4, whose Default Frontend carries a hybrid TlsCertificateName and TlsDomainCapabilities), the real
# Get-ExchangeCertificate and Get-HybridConfiguration exports, and the lab's own certificate made as a real
# X509Certificate2 (what Import-Clixml of Get-ExchangeCertificate gives back), since the lab's certificates were not
# exported. Each break gives the severity the rule promises; the healthy lab gives no Error and no Warning.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EcdModulePath) -Force
    $real = Join-Path (Get-EcdSharedRoot) 'fixtures/real'
    $script:lab = @(Import-Clixml -Path (Join-Path $real 'exchange2019-lab-GetReceiveConnector.clixml.xml'))
    $script:soloCertificates = @(Import-Clixml -Path (Join-Path $real 'exchange2019-GetExchangeCertificate.clixml.xml'))
    $script:hybrid = @(Import-Clixml -Path (Join-Path $real 'exchange2019-GetHybridConfiguration.clixml.xml'))[0]
    $script:server = 'WIN-CTD3L0RGEN4=10.10.0.11'
    $script:asOf = [datetime]::new(2026, 1, 15, 0, 0, 0, [System.DateTimeKind]::Utc)
    Set-EcdTestClock -AsOf $asOf  # certificate lifetimes are judged at this date, not today's

    function New-LabCertificate {
        # A real self-signed X509Certificate2 with the lab's name, tagged with its server as the README asks.
        param([string] $Subject = 'CN=WIN-CTD3L0RGEN4', [datetime] $NotAfter = '2030-01-01', [int] $KeySize = 2048)
        $rsa = [System.Security.Cryptography.RSA]::Create($KeySize)
        $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new($Subject, $rsa,
            [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $certificate = $request.CreateSelfSigned([datetimeoffset]::new([datetime]'2022-01-01'), [datetimeoffset]::new($NotAfter))
        $certificate | Add-Member -NotePropertyName Server -NotePropertyValue 'WIN-CTD3L0RGEN4' -PassThru
    }
    function Invoke-Lab {
        param([object[]] $Connectors = $lab, [object[]] $Certificate, [object[]] $TransportService, [object] $HybridConfiguration, [string[]] $LoadBalancer, [object[]] $ExchangeServer = @($server))
        $parameters = @{ ExchangeServer = $ExchangeServer }
        if ($PSBoundParameters.ContainsKey('Certificate')) { $parameters.Certificate = $Certificate }
        if ($PSBoundParameters.ContainsKey('TransportService')) { $parameters.TransportService = $TransportService }
        if ($PSBoundParameters.ContainsKey('HybridConfiguration')) { $parameters.HybridConfiguration = $HybridConfiguration }
        if ($PSBoundParameters.ContainsKey('LoadBalancer')) { $parameters.LoadBalancer = $LoadBalancer }
        @($Connectors | Test-ReceiveConnector @parameters)
    }
    $script:labCertificate = New-LabCertificate
    $script:transport = [pscustomobject]@{ Name = 'WIN-CTD3L0RGEN4'; InternalTransportCertificateThumbprint = $labCertificate.Thumbprint }
    $script:defaultFrontend = @($lab | Where-Object { [string]$_.Name -like 'Default Frontend *' })[0]
    $script:others = @($lab | Where-Object { [string]$_.Name -notlike 'Default Frontend *' })
}

Describe 'The real lab with its certificate' {
    It 'has a hybrid Default Frontend: TlsDomainCapabilities and the lab''s self-signed certificate as TlsCertificateName' {
        [string]$defaultFrontend.TlsCertificateName | Should -Be '<I>CN=WIN-CTD3L0RGEN4<S>CN=WIN-CTD3L0RGEN4'
        @($defaultFrontend.TlsDomainCapabilities) | Should -HaveCount 1
    }

    It 'gives no Error and no Warning with its certificate, its transport service, the real certificate and hybrid exports' {
        $findings = Invoke-Lab -Certificate (@($labCertificate) + $soloCertificates) -TransportService $transport -HybridConfiguration $hybrid
        @($findings | Where-Object { $_.Severity -in 'Error', 'Warning' } | ForEach-Object { '{0} {1}' -f $_.RuleId, $_.Message }) | Should -BeNullOrEmpty
        @($findings | Where-Object { $_.RuleId -in 'ECD1001', 'ECD1002', 'ECD1003', 'ECD1004', 'ECD1005' }) | Should -HaveCount 0
    }

    It 'says once, as Information, that the internal transport certificate was not checked without -TransportService' {
        $findings = @(Invoke-Lab -Certificate $labCertificate | Where-Object { $_.RuleId -eq 'ECD1003' })
        $findings | Should -HaveCount 1
        [string]$findings[0].Severity | Should -Be 'Information'
        $findings[0].Message | Should -Match 'WIN-CTD3L0RGEN4'
    }

    It 'says once, as Information, that it was not checked when neither certificates nor transport services are given' {
        $findings = @(Invoke-Lab)
        $notes = @($findings | Where-Object { $_.RuleId -eq 'ECD1003' })
        $notes | Should -HaveCount 1
        [string]$notes[0].Severity | Should -Be 'Information'
        $notes[0].Summary | Should -Be 'Not checked: internal transport certificate'
        $notes[0].RemediationCommand | Should -BeNullOrEmpty -Because 'nothing is claimed, so nothing is to be run'
        @($notes[0].Evidence.notChecked) | Should -Be 'WIN-CTD3L0RGEN4'
        # The report says it under its verdict, as a check that did not run.
        $report = Join-Path $TestDrive 'lab.html'
        $lab | Export-ReceiveConnectorReport -Path $report -ExchangeServer $server
        $html = Get-Content -Raw -Path $report
        $html | Should -Match '<p class="verdict skipped"><strong>Not checked\.</strong> The internal transport certificate was not checked for WIN-CTD3L0RGEN4'
    }
}

Describe 'Breaks of the real lab' {
    It 'its certificate absent: ECD1001 Error on the hybrid Default Frontend, and ECD1003 Error with New-ExchangeCertificate as data' {
        $other = New-LabCertificate -Subject 'CN=mail.exlab.dom'
        $findings = Invoke-Lab -Certificate $other -TransportService $transport
        $notFound = @($findings | Where-Object { $_.RuleId -eq 'ECD1001' })
        $notFound | Should -HaveCount 1
        [string]$notFound[0].Severity | Should -Be 'Error'
        $notFound[0].Connector | Should -Be 'WIN-CTD3L0RGEN4\Default Frontend WIN-CTD3L0RGEN4'
        $notFound[0].Message | Should -Match 'hybrid connector'
        $internal = @($findings | Where-Object { $_.RuleId -eq 'ECD1003' })
        $internal | Should -HaveCount 1
        [string]$internal[0].Severity | Should -Be 'Error'
        $internal[0].Fix.Cmdlet | Should -Be 'New-ExchangeCertificate'
        $internal[0].Fix.Parameters['Server'] | Should -Be 'WIN-CTD3L0RGEN4'
        $internal[0].Fix.Parameters['Services'] | Should -Be 'SMTP'
        $internal[0].RemediationCommand | Should -BeLike "New-ExchangeCertificate -Server 'WIN-CTD3L0RGEN4' -KeySize '2048' *-Services 'SMTP' -Force:`$true*"
    }

    It 'its certificate expiring in 45 days: ECD1002 Warning; in 20 days: ECD1002 Error' {
        $warning = @(Invoke-Lab -Certificate (New-LabCertificate -NotAfter $asOf.AddDays(45)) | Where-Object { $_.RuleId -eq 'ECD1002' })
        $warning | Should -HaveCount 1
        [string]$warning[0].Severity | Should -Be 'Warning'
        $error20 = @(Invoke-Lab -Certificate (New-LabCertificate -NotAfter $asOf.AddDays(20)) | Where-Object { $_.RuleId -eq 'ECD1002' })
        $error20 | Should -HaveCount 1
        [string]$error20[0].Severity | Should -Be 'Error'
    }

    It 'its certificate with a 1024-bit key: ECD1005 Warning (the key size read from the X509Certificate2)' {
        $findings = @(Invoke-Lab -Certificate (New-LabCertificate -KeySize 1024) | Where-Object { $_.RuleId -eq 'ECD1005' })
        $findings | Should -HaveCount 1
        [string]$findings[0].Severity | Should -Be 'Warning'
        $findings[0].Evidence.keySize | Should -Be 1024
    }

    It 'a hybrid configuration that lists the lab and names another certificate: ECD1004 Warning' {
        $listing = @{ TlsCertificateName = [string]$hybrid.TlsCertificateName; ReceivingTransportServers = @('WIN-CTD3L0RGEN4') }
        $findings = @(Invoke-Lab -Certificate $labCertificate -HybridConfiguration $listing | Where-Object { $_.RuleId -eq 'ECD1004' })
        $findings | Should -HaveCount 1
        [string]$findings[0].Severity | Should -Be 'Warning'
        $findings[0].Message | Should -Match ([regex]::Escape('CN=mail.contoso.com'))
    }

    It 'the real hybrid configuration lists another server (ex-02): the lab is not expected to hold its certificate' {
        @(Invoke-Lab -Certificate $labCertificate -HybridConfiguration $hybrid | Where-Object { $_.RuleId -eq 'ECD1004' }) | Should -HaveCount 0
    }

    It 'Default Frontend without TlsCertificateName: ECD1004 Error' {
        $connectors = @($others) + (Copy-ConnectorObject -Connector $defaultFrontend -Set @{ TlsCertificateName = $null })
        $findings = @(Invoke-Lab -Connectors $connectors -Certificate $labCertificate | Where-Object { $_.RuleId -eq 'ECD1004' })
        $findings | Should -HaveCount 1
        [string]$findings[0].Severity | Should -Be 'Error'
    }

    It 'a second Mailbox server whose Default Frontend lacks the hybrid settings: ECD1004 Warning naming both' {
        $second = foreach ($c in $lab) {
            $name = ([string]$c.Name) -replace 'WIN-CTD3L0RGEN4', 'EX02'
            $set = @{ Name = $name; Identity = "EX02\$name"; Server = 'EX02'; Fqdn = 'EX02.exlab.dom' }
            if ($name -like 'Default Frontend *') { $set.TlsCertificateName = $null; $set.TlsDomainCapabilities = @() }
            Copy-ConnectorObject -Connector $c -Set $set
        }
        $findings = @(Invoke-Lab -Connectors (@($lab) + @($second)) -ExchangeServer @($server, 'EX02=10.10.0.12') | Where-Object { $_.RuleId -eq 'ECD1004' })
        $findings | Should -HaveCount 1
        [string]$findings[0].Severity | Should -Be 'Warning'
        $findings[0].Connector | Should -Be 'EX02\Default Frontend EX02'
        $findings[0].Message | Should -Match 'WIN-CTD3L0RGEN4\\Default Frontend WIN-CTD3L0RGEN4'
        $findings[0].Message | Should -Match '4\.7\.320'
    }

    It 'a relay for three devices made with AnonymousUsers alone: ECD0704 Information with both ways to allow relay, no command' {
        $relay = Copy-ConnectorObject -Connector $defaultFrontend -Set @{ Name = 'Relay WIN-CTD3L0RGEN4'; Identity = 'WIN-CTD3L0RGEN4\Relay WIN-CTD3L0RGEN4'
            Bindings = @('0.0.0.0:25'); RemoteIPRanges = @('10.10.1.10-10.10.1.12'); PermissionGroups = 'AnonymousUsers'; AuthMechanism = 'Tls'
            TlsCertificateName = $null; TlsDomainCapabilities = @() }
        $findings = @(Invoke-Lab -Connectors (@($lab) + $relay) | Where-Object { $_.RuleId -eq 'ECD0704' })
        $findings | Should -HaveCount 1
        [string]$findings[0].Severity | Should -Be 'Information'
        $findings[0].Message | Should -Match '550 5\.7\.54'
        $findings[0].Remediation | Should -Match 'Ms-Exch-SMTP-Accept-Any-Recipient'
        $findings[0].Remediation | Should -Match 'ExternalAuthoritative'
        $findings[0].RemediationCommand | Should -BeNullOrEmpty
    }

    It 'a relay bound to an address none of the lab''s network adapters has: ECD0807 Warning, only when LocalAddresses are given' {
        $relay = Copy-ConnectorObject -Connector $defaultFrontend -Set @{ Name = 'Relay WIN-CTD3L0RGEN4'; Identity = 'WIN-CTD3L0RGEN4\Relay WIN-CTD3L0RGEN4'
            Bindings = @('10.10.9.9:25'); RemoteIPRanges = @('10.10.1.10-10.10.1.20'); PermissionGroups = 'AnonymousUsers, Custom'; AuthMechanism = 'Tls'
            TlsCertificateName = $null; TlsDomainCapabilities = @() }
        $withLocal = @{ Name = 'WIN-CTD3L0RGEN4'; Address = '10.10.0.11'; LocalAddresses = @('10.10.0.11', '192.168.10.11') }
        $findings = @(Invoke-Lab -Connectors (@($lab) + $relay) -ExchangeServer $withLocal | Where-Object { $_.RuleId -eq 'ECD0807' })
        $findings | Should -HaveCount 1
        [string]$findings[0].Severity | Should -Be 'Warning'
        $findings[0].Message | Should -Match ([regex]::Escape('10.10.9.9:25'))
        @(Invoke-Lab -Connectors $lab -ExchangeServer $withLocal | Where-Object { $_.RuleId -eq 'ECD0807' }) | Should -HaveCount 0
        @(Invoke-Lab -Connectors (@($lab) + $relay) | Where-Object { $_.RuleId -eq 'ECD0807' }) | Should -HaveCount 0
    }

    It 'an anonymous relay whose range holds a SNAT load balancer: ECD0705 Error whose command takes the address out' {
        $relay = Copy-ConnectorObject -Connector $defaultFrontend -Set @{ Name = 'Relay WIN-CTD3L0RGEN4'; Identity = 'WIN-CTD3L0RGEN4\Relay WIN-CTD3L0RGEN4'
            Bindings = @('0.0.0.0:25'); RemoteIPRanges = @('10.10.1.10-10.10.1.20'); PermissionGroups = 'AnonymousUsers, Custom'; AuthMechanism = 'Tls'
            TlsCertificateName = $null; TlsDomainCapabilities = @() }
        $findings = @(Invoke-Lab -Connectors (@($lab) + $relay) -LoadBalancer '10.10.1.15' | Where-Object { $_.RuleId -eq 'ECD0705' })
        $findings | Should -HaveCount 1
        [string]$findings[0].Severity | Should -Be 'Error'
        @($findings[0].Fix.Parameters['RemoteIPRanges']) | Should -Be @('10.10.1.10-10.10.1.14', '10.10.1.16-10.10.1.20')
        @(Invoke-Lab -Connectors (@($lab) + $relay) -LoadBalancer '10.10.2.15' | Where-Object { $_.RuleId -eq 'ECD0705' }) | Should -HaveCount 0
    }
}

AfterAll {
    Set-EcdTestClock -AsOf $null
}
