# Resolve-ReceiveConnector against DOMAIN.md §1 (connector selection), on connectors built as [pscustomobject]s with
# Exchange's property names; a broken connector among the example's (its help examples: HelpExamples.Tests.ps1).
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EcdModulePath) -Force
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EcdModulePath) -Force
    $script:root = Get-EcdProjectRoot

    function New-TestConnector {
        param(
            [string] $Name,
            [string[]] $Bindings,
            [string[]] $RemoteIPRanges,
            [string] $Server = 'EX01',
            [string] $TransportRole = 'FrontendTransport',
            [bool] $Enabled = $true,
            [string] $AuthMechanism = 'Tls',
            [string] $PermissionGroups = 'AnonymousUsers'
        )
        [pscustomobject]@{
            Identity         = "$Server\$Name"
            Name             = $Name
            Server           = $Server
            TransportRole    = $TransportRole
            Enabled          = $Enabled
            Bindings         = $Bindings
            RemoteIPRanges   = $RemoteIPRanges
            AuthMechanism    = $AuthMechanism
            PermissionGroups = $PermissionGroups
        }
    }

    function Get-Candidate {
        param($Resolution, [string] $Identity)
        $c = @($Resolution.Candidates | Where-Object { $_.connector -eq $Identity })
        $c | Should -HaveCount 1 -Because "$Identity is a candidate"
        $c[0]
    }
}

Describe 'DOMAIN §1.1 worked example: Client Frontend catch-all, Custom Connector A (192.168.1.0-192.168.1.255), B (192.168.1.75)' {
    BeforeAll {
        $script:catchAll = 'EX01\Client Frontend EX01'
        $script:connectorA = 'EX01\Custom Connector A'
        $script:connectorB = 'EX01\Custom Connector B'
        $connectors = @(
            New-TestConnector -Name 'Client Frontend EX01' -Bindings '0.0.0.0:25' -RemoteIPRanges '0.0.0.0-255.255.255.255' -AuthMechanism 'Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer' -PermissionGroups 'AnonymousUsers, ExchangeServers, ExchangeLegacyServers'
            New-TestConnector -Name 'Custom Connector A' -Bindings '0.0.0.0:25' -RemoteIPRanges '192.168.1.0-192.168.1.255'
            New-TestConnector -Name 'Custom Connector B' -Bindings '0.0.0.0:25' -RemoteIPRanges '192.168.1.75'
        )
        $script:resolved = @($connectors | Resolve-ReceiveConnector -RemoteAddress '192.168.1.75', '192.168.1.100', '10.9.9.9' -Port 25 -ErrorVariable errors)
        $script:resolveErrors = @($errors)
        function Get-Resolution([string] $Remote) {
            $r = @($resolved | Where-Object { $_.RemoteAddress -eq $Remote })
            $r | Should -HaveCount 1
            $r[0]
        }
    }

    It 'returns one resolution per remote address, on EX01 port 25, FrontendTransport, without errors' {
        $resolveErrors | Should -HaveCount 0
        $resolved | Should -HaveCount 3
        foreach ($r in $resolved) {
            $r.PSObject.TypeNames | Should -Contain 'ExchangeConnectorDoctor.Resolution'
            $r.Server | Should -Be 'EX01'
            $r.Port | Should -Be 25
            $r.TransportRole | Should -Be 'FrontendTransport'
            $r.Binding | Should -Be '0.0.0.0:25'
            @($r.Candidates) | Should -HaveCount 3
        }
    }

    It '192.168.1.75 goes to Custom Connector B (range of 1 address); A and the catch-all lose with larger ranges' {
        $r = Get-Resolution '192.168.1.75'
        $r.Connector | Should -Be $connectorB
        $r.MatchedRange | Should -Be '192.168.1.75'
        $r.MatchedRangeSize | Should -Match '^1 address'
        $r.Reason | Should -Match ([regex]::Escape($connectorB))
        $b = Get-Candidate $r $connectorB
        $b.won | Should -BeTrue
        foreach ($loser in $connectorA, $catchAll) {
            $c = Get-Candidate $r $loser
            $c.won | Should -BeFalse
            $c.reason | Should -Match 'larger'
        }
        (Get-Candidate $r $connectorA).matchedRange | Should -Be '192.168.1.0-192.168.1.255'
        (Get-Candidate $r $catchAll).matchedRange | Should -Be '0.0.0.0-255.255.255.255'
    }

    It '192.168.1.100 goes to Custom Connector A; B does not hold the address, the catch-all has a larger range' {
        $r = Get-Resolution '192.168.1.100'
        $r.Connector | Should -Be $connectorA
        $r.MatchedRange | Should -Be '192.168.1.0-192.168.1.255'
        $r.MatchedRangeSize | Should -Match '^256 addresses'
        (Get-Candidate $r $connectorA).won | Should -BeTrue
        $b = Get-Candidate $r $connectorB
        $b.won | Should -BeFalse
        $b.reason | Should -Match 'none of its remote ranges holds'
        $c = Get-Candidate $r $catchAll
        $c.won | Should -BeFalse
        $c.reason | Should -Match 'larger'
    }

    It '10.9.9.9 goes to the catch-all; A and B do not hold the address' {
        $r = Get-Resolution '10.9.9.9'
        $r.Connector | Should -Be $catchAll
        $r.MatchedRange | Should -Be '0.0.0.0-255.255.255.255'
        $r.MatchedRangeSize | Should -Match '^4,294,967,296 addresses'
        (Get-Candidate $r $catchAll).won | Should -BeTrue
        foreach ($loser in $connectorA, $connectorB) {
            $c = Get-Candidate $r $loser
            $c.won | Should -BeFalse
            $c.reason | Should -Match 'none of its remote ranges holds'
        }
    }
}

Describe 'DOMAIN §1.2 step 9 (<Family>): remote-range specificity dominates, the specific local binding only breaks ties' -ForEach @(
    @{ Family = 'IPv4'; Local = '10.0.0.5'; SpecificBinding = '10.0.0.5:25'; WildcardBinding = '0.0.0.0:25'; All = '0.0.0.0-255.255.255.255'; Sender = '10.0.0.20'; Other = '10.0.0.21' }
    @{ Family = 'IPv6'; Local = 'fd00::5'; SpecificBinding = '[fd00::5]:25'; WildcardBinding = '[::]:25'; All = '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'; Sender = 'fd00::20'; Other = 'fd00::21' }
) {
    It '<Family>: X bound <SpecificBinding> with all addresses, Y bound <WildcardBinding> with <Sender>: <Sender> -> Y' {
        $connectors = @(
            New-TestConnector -Name 'X' -Bindings $SpecificBinding -RemoteIPRanges $All
            New-TestConnector -Name 'Y' -Bindings $WildcardBinding -RemoteIPRanges $Sender)
        $r = @($connectors | Resolve-ReceiveConnector -RemoteAddress $Sender -LocalAddress $Local -Port 25)
        $r | Should -HaveCount 1
        $r[0].Connector | Should -Be 'EX01\Y'
        $r[0].MatchedRange | Should -Be $Sender
        $r[0].Binding | Should -Be $WildcardBinding
        $x = Get-Candidate $r[0] 'EX01\X'
        $x.won | Should -BeFalse
        $x.binding | Should -Be $SpecificBinding
        $x.matchedRange | Should -Be $All
        $x.reason | Should -Match 'larger'
    }

    It '<Family>: same connectors, from <Other> (not in Y''s range) -> X' {
        $connectors = @(
            New-TestConnector -Name 'X' -Bindings $SpecificBinding -RemoteIPRanges $All
            New-TestConnector -Name 'Y' -Bindings $WildcardBinding -RemoteIPRanges $Sender)
        $r = @($connectors | Resolve-ReceiveConnector -RemoteAddress $Other -LocalAddress $Local -Port 25)
        $r | Should -HaveCount 1
        $r[0].Connector | Should -Be 'EX01\X'
        $r[0].Binding | Should -Be $SpecificBinding
        $r[0].LocalAddress | Should -Be $Local
        (Get-Candidate $r[0] 'EX01\Y').reason | Should -Match 'none of its remote ranges holds'
    }

    It '<Family>: X given the same range as Y (<Sender>): the specific binding wins the tie -> X' {
        $connectors = @(
            New-TestConnector -Name 'Y' -Bindings $WildcardBinding -RemoteIPRanges $Sender
            New-TestConnector -Name 'X' -Bindings $SpecificBinding -RemoteIPRanges $Sender)
        $r = @($connectors | Resolve-ReceiveConnector -RemoteAddress $Sender -LocalAddress $Local -Port 25)
        $r | Should -HaveCount 1
        $r[0].Connector | Should -Be 'EX01\X'
        $r[0].Binding | Should -Be $SpecificBinding
        $y = Get-Candidate $r[0] 'EX01\Y'
        $y.won | Should -BeFalse
        $y.matchedRange | Should -Be $Sender
        $y.reason | Should -Match 'exact local address'
    }

    It '<Family>: without -LocalAddress only the all-addresses binding competes: <Other> matches nothing' {
        $connectors = @(
            New-TestConnector -Name 'X' -Bindings $SpecificBinding -RemoteIPRanges $All
            New-TestConnector -Name 'Y' -Bindings $WildcardBinding -RemoteIPRanges $Sender)
        $r = @($connectors | Resolve-ReceiveConnector -RemoteAddress $Other -Port 25)
        $r | Should -HaveCount 1
        $r[0].Connector | Should -BeNullOrEmpty
        $r[0].Reason | Should -Match '421 4\.3\.2'
    }
}

Describe 'No match and ports' {
    It 'when no connector holds the address: Connector is $null and the reason says 421 4.3.2 Service not available' {
        $connectors = @(New-TestConnector -Name 'Y' -Bindings '0.0.0.0:25' -RemoteIPRanges '10.0.0.20')
        $r = @($connectors | Resolve-ReceiveConnector -RemoteAddress '10.0.0.21' -Port 25)
        $r | Should -HaveCount 1
        $null -eq $r[0].Connector | Should -BeTrue
        $r[0].MatchedRange | Should -BeNullOrEmpty
        $r[0].Reason | Should -Match '421 4\.3\.2 Service not available'
        (Get-Candidate $r[0] 'EX01\Y').won | Should -BeFalse
    }

    It 'a disabled connector never wins, and its candidate says why' {
        $connectors = @(
            New-TestConnector -Name 'Catch-all' -Bindings '0.0.0.0:25' -RemoteIPRanges '0.0.0.0-255.255.255.255'
            New-TestConnector -Name 'Relay' -Bindings '0.0.0.0:25' -RemoteIPRanges '10.0.0.20' -Enabled $false)
        $r = @($connectors | Resolve-ReceiveConnector -RemoteAddress '10.0.0.20' -Port 25)
        $r[0].Connector | Should -Be 'EX01\Catch-all'
        (Get-Candidate $r[0] 'EX01\Relay').reason | Should -Match 'disabled'
    }

    It '-Port omitted: one result per listening port of the server, each answered by the role that owns it' {
        $connectors = @(
            New-TestConnector -Name 'Default Frontend EX01' -Bindings '0.0.0.0:25', '[::]:25' -RemoteIPRanges '0.0.0.0-255.255.255.255', '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'
            New-TestConnector -Name 'Client Frontend EX01' -Bindings '0.0.0.0:587', '[::]:587' -RemoteIPRanges '0.0.0.0-255.255.255.255', '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'
            New-TestConnector -Name 'Default EX01' -TransportRole 'HubTransport' -Bindings '0.0.0.0:2525', '[::]:2525' -RemoteIPRanges '0.0.0.0-255.255.255.255', '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'
            New-TestConnector -Name 'Relay EX01' -Bindings '0.0.0.0:25' -RemoteIPRanges '10.0.0.1-10.0.0.30')
        $r = @($connectors | Resolve-ReceiveConnector -RemoteAddress '10.0.0.5')
        $r | Should -HaveCount 3
        (@($r | ForEach-Object { [int]$_.Port } | Sort-Object) -join ',') | Should -Be '25,587,2525'
        $byPort = @{}
        foreach ($x in $r) { $byPort[[int]$x.Port] = $x }
        $byPort[25].Connector | Should -Be 'EX01\Relay EX01'
        $byPort[25].TransportRole | Should -Be 'FrontendTransport'
        $byPort[587].Connector | Should -Be 'EX01\Client Frontend EX01'
        $byPort[2525].Connector | Should -Be 'EX01\Default EX01'
        $byPort[2525].TransportRole | Should -Be 'HubTransport'
    }

    It '-Port omitted on the real export: the five ports of WIN-CTD3L0RGEN4, each to its default connector' {
        $real = @(Import-Clixml -Path (Join-Path (Get-EcdSharedRoot) 'fixtures/real/exchange2019-lab-GetReceiveConnector.clixml.xml') |
                ForEach-Object { Copy-ConnectorObject -Connector $_ })
        $r = @($real | Resolve-ReceiveConnector -RemoteAddress '10.10.0.12')
        (@($r | ForEach-Object { [int]$_.Port } | Sort-Object) -join ',') | Should -Be '25,465,587,717,2525'
        $expected = @{
            25   = 'Default Frontend'; 465 = 'Client Proxy'; 587 = 'Client Frontend'; 717 = 'Outbound Proxy Frontend'; 2525 = 'Default'
        }
        foreach ($x in $r) { $x.Connector | Should -Be ('WIN-CTD3L0RGEN4\{0} WIN-CTD3L0RGEN4' -f $expected[[int]$x.Port]) }
    }
}

Describe 'Invalid input to Resolve-ReceiveConnector' {
    BeforeAll {
        $script:example = @(Get-Content -Raw -Path (Join-Path $root 'examples/contoso-GetReceiveConnector.json') | ConvertFrom-Json)
        $script:victim = 'EX02\Client Frontend EX02'
    }

    It 'a broken connector gives the same error, and the connection is still resolved with the others' {
        $org = New-BrokenOrganisation -Connector $example -Identity $victim -Property RemoteIPRanges -Value @('10.0.0.300')
        $resolved = @($org.Connectors | Resolve-ReceiveConnector -RemoteAddress 10.0.0.5 -Port 25 -Server EX01 -ErrorVariable errors -ErrorAction SilentlyContinue)
        @($errors) | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'ECD0001.InvalidInput,Resolve-ReceiveConnector'
        $errors[0].Exception.Message | Should -Match ([regex]::Escape($victim))
        $resolved | Should -HaveCount 1
        $resolved[0].Connector | Should -Be 'EX01\Relay EX01'
    }
}
