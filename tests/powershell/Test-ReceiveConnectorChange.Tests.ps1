# Test-ReceiveConnectorChange: the pre-flight check of a planned Set-ReceiveConnector or New-ReceiveConnector, on the
# embedded example (examples/: EX01 and EX02 on 2016, LEGACY01 on 2010, the Edge EDGE01, a printer relay on EX01 for
# 10.0.0.1-10.0.0.30) deserialized by Import-Clixml, through the real module and engine.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EcdModulePath) -Force
    $script:root = Get-EcdProjectRoot
    $script:servers = @(Import-Clixml -Path (Join-Path $root 'examples/contoso-GetExchangeServer.clixml.xml')) + @('EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5', 'EDGE01=10.0.0.20')
    $script:connectors = @(Import-Clixml -Path (Join-Path $root 'examples/contoso-GetReceiveConnector.clixml.xml'))
    $script:withoutRelay = @($connectors | Where-Object { [string]$_.Identity -ne 'EX01\Relay EX01' })
    $script:relay = @($connectors | Where-Object { [string]$_.Identity -eq 'EX01\Relay EX01' })[0]
    # The fix Test-ReceiveConnector gives for the relay: its RemoteIPRanges without the Exchange servers' addresses.
    $fixes = @($connectors | Test-ReceiveConnector -ExchangeServer $servers | Where-Object { $_.Connector -eq 'EX01\Relay EX01' -and $_.Fix })
    $script:fixedRanges = [string[]]@($fixes[0].Fix.Parameters['RemoteIPRanges'])
    $script:newRelay = @{ New = $true; Server = 'EX01'; Name = 'Relay EX01'; TransportRole = 'FrontendTransport'; Bindings = '0.0.0.0:25'
        AuthMechanism = 'Tls'; PermissionGroups = 'AnonymousUsers'; ExchangeServer = $servers }
}

Describe 'Test-ReceiveConnectorChange -New: the printer relay before it exists' {
    It 'for 10.0.0.1-10.0.0.30 it reports new Errors, and names LEGACY01, EX02 and EDGE01 as captured on their paths' {
        $result = $withoutRelay | Test-ReceiveConnectorChange @newRelay -RemoteIPRanges '10.0.0.1-10.0.0.30'
        $result.PSObject.TypeNames[0] | Should -Be 'ExchangeConnectorDoctor.ChangeResult'
        $result.Applied | Should -BeTrue
        $result.AddsProblems | Should -BeTrue
        $captures = @($result.Appeared | Where-Object { $_.RuleId -eq 'ECD0101' -and $_.Connector -eq 'EX01\Relay EX01' })
        @($captures | Where-Object { $_.Severity -eq 'Error' }).Count | Should -BeGreaterThan 0
        # The Edge delivers to port 25 (Error); LEGACY01's port towards 2016 is not documented (judged, at Warning);
        # EX02 delivers to EX01 on 2525, so its address on the port-25 relay is a Warning.
        @($captures | Where-Object { $_.Evidence.sender -eq 'EDGE01' } | ForEach-Object { [string]$_.Severity }) | Should -Contain 'Error'
        @($captures | Where-Object { $_.Evidence.sender -eq 'LEGACY01' }).Count | Should -BeGreaterThan 0
        @($captures | Where-Object { $_.Evidence.sender -eq 'EX02' }).Count | Should -BeGreaterThan 0
        foreach ($c in $captures) { [string]$c.Severity | Should -BeIn 'Warning', 'Error' }
        $result.Disappeared | Should -BeNullOrEmpty
        # Where they land instead of the default connector.
        $edge = @($result.Moves | Where-Object { $_.Sender -eq 'EDGE01' -and $_.Server -eq 'EX01' -and $_.Port -eq 25 })
        $edge.Count | Should -BeGreaterThan 0
        $edge[0].Before | Should -Be 'EX01\Default Frontend EX01'
        $edge[0].After | Should -Be 'EX01\Relay EX01'
    }

    It 'with the example''s failing queue, LEGACY01''s capture is a new Error that explains it, and the queue is no longer unexplained' {
        $queues = @(Import-Clixml -Path (Join-Path $root 'examples/contoso-GetQueue.clixml.xml'))
        $result = $withoutRelay | Test-ReceiveConnectorChange @newRelay -RemoteIPRanges '10.0.0.1-10.0.0.30' -Queue $queues
        $legacy = @($result.Appeared | Where-Object { $_.RuleId -eq 'ECD0101' -and $_.Evidence.sender -eq 'LEGACY01' })
        $legacy | Should -HaveCount 1
        [string]$legacy[0].Severity | Should -Be 'Error'
        @($legacy[0].Evidence.explainsQueues) | Should -Contain 'LEGACY01\5'
        @($result.Disappeared | Where-Object { $_.RuleId -eq 'ECD1101' }) | Should -HaveCount 1
    }

    It 'for the ranges of the fix it reports no Error and no Warning, and nobody moves' {
        $fixedRanges.Count | Should -BeGreaterThan 1
        $result = $withoutRelay | Test-ReceiveConnectorChange @newRelay -RemoteIPRanges $fixedRanges
        $result.AddsProblems | Should -BeFalse
        @($result.Appeared | Where-Object { $_.Severity -ne 'Information' }) | Should -BeNullOrEmpty
        $result.Moves | Should -BeNullOrEmpty
    }

    It '-Quiet answers $false for the wide relay and $true for the fixed one' {
        $withoutRelay | Test-ReceiveConnectorChange @newRelay -RemoteIPRanges '10.0.0.1-10.0.0.30' -Quiet | Should -BeFalse
        $withoutRelay | Test-ReceiveConnectorChange @newRelay -RemoteIPRanges $fixedRanges -Quiet | Should -BeTrue
    }

    It 'without -Bindings it says so instead of guessing a default' {
        $arguments = @{} + $newRelay
        $arguments.Remove('Bindings')
        $result = $withoutRelay | Test-ReceiveConnectorChange @arguments -RemoteIPRanges $fixedRanges -ErrorVariable errors -ErrorAction SilentlyContinue
        @($result.Appeared | Where-Object { $_.RuleId -eq 'ECD0001' -and $_.Evidence.field -eq 'Bindings' }).Count | Should -BeGreaterThan 0
        @($errors).Count | Should -BeGreaterThan 0
        $result.AddsProblems | Should -BeTrue
    }
}

Describe 'Test-ReceiveConnectorChange -Identity: a change to a connector that exists' {
    It 'narrowing the relay to the ranges of the fix makes the captures disappear and the senders go back' {
        $result = $connectors | Test-ReceiveConnectorChange -Identity 'EX01\Relay EX01' -RemoteIPRanges $fixedRanges -ExchangeServer $servers
        $result.AddsProblems | Should -BeFalse
        @($result.Disappeared | Where-Object { $_.RuleId -eq 'ECD0101' }).Count | Should -BeGreaterThan 2
        $back = @($result.Moves | Where-Object { $_.Sender -eq 'LEGACY01' -and $_.Before -eq 'EX01\Relay EX01' })
        $back.Count | Should -BeGreaterThan 0
        $back[0].After | Should -Be 'EX01\Default Frontend EX01'
    }

    It 'disabling a default connector is a new Error' {
        $result = $connectors | Test-ReceiveConnectorChange -Identity 'EX02\Default EX02' -Enabled $false -ExchangeServer $servers
        $result.AddsProblems | Should -BeTrue
        @($result.Appeared | Where-Object { $_.Severity -eq 'Error' }).Count | Should -BeGreaterThan 0
    }

    It 'a parameter the engine does not model is listed as not checked' {
        $result = $connectors | Test-ReceiveConnectorChange -Identity 'EX01\Relay EX01' -Parameter @{ Banner = '220 relay' } -ExchangeServer $servers
        $result.NotModelled | Should -Be 'Banner'
        $result.AddsProblems | Should -BeFalse
    }

    It 'a connector that was not given is an error, and the change is not called safe' {
        $result = $connectors | Test-ReceiveConnectorChange -Identity 'EX01\Nope' -Enabled $false -ExchangeServer $servers -ErrorVariable errors -ErrorAction SilentlyContinue
        $result.Applied | Should -BeFalse
        $result.AddsProblems | Should -BeTrue
        ($errors | ForEach-Object { $_.ToString() }) -join ' ' | Should -Match 'EX01\\Nope'
    }
}
