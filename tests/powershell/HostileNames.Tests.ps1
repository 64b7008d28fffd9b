# Every RemediationCommand is built by one function that single-quotes values for PowerShell
# (native/finding/powershell_command.cpp: ' and the Unicode single quotes doubled, nothing expanded).
# Hostile connector and server names (tests/fixtures/hostile-names.json, plus one very long name) in a
# relay-capture scenario (docs/rules/ECD0101.md: a relay on port 25 that holds another Exchange server's
# address) and a default connector that lost ExchangeServer (ECD0102). Each command is parsed with
# PowerShell's own parser: no parse errors, exactly one pipeline with one command, the rule's cmdlet, and
# every argument a constant (a single-quoted string, an array of them, or $true/$false after -Enabled:)
# equal to the intended value, the connector's identity exactly.
BeforeDiscovery {
    $fixturePath = Join-Path -Path $PSScriptRoot -ChildPath '../fixtures/hostile-names.json'
    $fixture = [System.IO.File]::ReadAllText($fixturePath, [System.Text.Encoding]::UTF8) | ConvertFrom-Json
    function Get-Label([string] $Text) {
        $label = $Text -replace "`r", '\r' -replace "`n", '\n'
        if ($label.Length -gt 60) { $label = $label.Substring(0, 40) + ('... ({0} characters)' -f $Text.Length) }
        $label
    }
    $script:connectorCases = @(foreach ($name in @($fixture.connectorNames) + ('Relay ' + ('x' * [int]$fixture.longNameLength))) {
            @{ RelayName = [string]$name; Label = (Get-Label $name) }
        })
    $script:serverCases = @(foreach ($name in @($fixture.serverNames) + ('EX' + ('y' * [int]$fixture.longNameLength))) {
            @{ ServerName = [string]$name; Label = (Get-Label $name) }
        })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EcdModulePath) -Force

    $script:allRanges = @('0.0.0.0-255.255.255.255', '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')
    $script:fullAuth = 'Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer'

    function New-HostileConnector {
        param([string] $Server, [string] $Name, [string[]] $Bindings, [string[]] $RemoteIPRanges, [string] $AuthMechanism,
            [string] $PermissionGroups)
        [pscustomobject]@{
            Identity         = "$Server\$Name"
            Name             = $Name
            Server           = $Server
            TransportRole    = 'FrontendTransport'
            Enabled          = $true
            Bindings         = $Bindings
            RemoteIPRanges   = $RemoteIPRanges
            AuthMechanism    = $AuthMechanism
            PermissionGroups = $PermissionGroups
        }
    }

    # The capture scenario on server $Server: its Default Frontend connector (broken when asked) and a relay on
    # port 25 whose ranges hold EDGE01's address (10.0.0.5), EDGE01 being an Edge Transport server that delivers
    # to the Mailbox servers on port 25.
    function Invoke-CaptureScenario {
        param([string] $Server, [string] $RelayName, [switch] $BrokenDefault)
        $defaultAuth = if ($BrokenDefault) { 'Tls, BasicAuth' } else { $fullAuth }
        $connectors = @(
            New-HostileConnector -Server $Server -Name "Default Frontend $Server" -Bindings '0.0.0.0:25', '[::]:25' `
                -RemoteIPRanges $allRanges -AuthMechanism $defaultAuth -PermissionGroups 'AnonymousUsers, ExchangeServers, ExchangeLegacyServers'
            New-HostileConnector -Server $Server -Name $RelayName -Bindings '0.0.0.0:25' `
                -RemoteIPRanges '10.0.0.0/24', '192.168.7.7' -AuthMechanism 'Tls' -PermissionGroups 'AnonymousUsers'
        )
        $servers = @(
            [pscustomobject]@{ Name = $Server; Address = '10.0.1.11'; AdminDisplayVersion = 'Version 15.2 (Build 1118.7)'; ServerRole = 'Mailbox' }
            [pscustomobject]@{ Name = 'EDGE01'; Address = '10.0.0.5'; AdminDisplayVersion = 'Version 15.2 (Build 1118.7)'; ServerRole = 'Edge' }
        )
        @($connectors | Test-ReceiveConnector -ExchangeServer $servers -ErrorAction Stop)
    }

    # The value of one argument, when it is a constant; anything else fails the test.
    function Get-ConstantValue {
        param([System.Management.Automation.Language.Ast] $Ast)
        if ($Ast -is [System.Management.Automation.Language.StringConstantExpressionAst]) {
            $Ast.StringConstantType | Should -Be 'SingleQuoted' -Because "'$($Ast.Extent.Text)' must be a single-quoted string"
            return , $Ast.Value
        }
        if ($Ast -is [System.Management.Automation.Language.ArrayLiteralAst]) {
            $values = foreach ($element in $Ast.Elements) {
                ($element -is [System.Management.Automation.Language.StringConstantExpressionAst]) | Should -BeTrue
                $element.StringConstantType | Should -Be 'SingleQuoted'
                $element.Value
            }
            return , @($values)
        }
        if ($Ast -is [System.Management.Automation.Language.VariableExpressionAst]) {
            $Ast.VariablePath.UserPath | Should -BeIn @('true', 'false') -Because 'the only variables allowed are $true and $false'
            return , ($Ast.VariablePath.UserPath -eq 'true')
        }
        throw ('not a constant: {0} {1}' -f $Ast.GetType().Name, $Ast.Extent.Text)
    }

    # Parses a command and returns its name and its parameters with their constant values.
    function Get-SafeCommand {
        param([string] $Command)
        $tokens = $null
        $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Command, [ref]$tokens, [ref]$errors)
        @($errors) | Should -HaveCount 0 -Because 'the command must parse'
        $ast.ParamBlock | Should -BeNullOrEmpty
        $ast.BeginBlock | Should -BeNullOrEmpty
        $ast.ProcessBlock | Should -BeNullOrEmpty
        @($ast.EndBlock.Statements) | Should -HaveCount 1 -Because 'one statement, nothing after a ; or a newline'
        $pipeline = $ast.EndBlock.Statements[0]
        ($pipeline -is [System.Management.Automation.Language.PipelineAst]) | Should -BeTrue
        @($pipeline.PipelineElements) | Should -HaveCount 1 -Because 'one command, no | after it'
        $commandAst = $pipeline.PipelineElements[0]
        ($commandAst -is [System.Management.Automation.Language.CommandAst]) | Should -BeTrue
        $commandAst.InvocationOperator | Should -Be 'Unknown' -Because 'no & or . invocation'
        @($commandAst.Redirections) | Should -HaveCount 0
        $elements = @($commandAst.CommandElements)
        ($elements[0] -is [System.Management.Automation.Language.StringConstantExpressionAst]) | Should -BeTrue
        $elements[0].StringConstantType | Should -Be 'BareWord'
        $parameters = [ordered]@{}
        for ($i = 1; $i -lt $elements.Count; $i++) {
            $parameter = $elements[$i]
            ($parameter -is [System.Management.Automation.Language.CommandParameterAst]) | Should -BeTrue -Because "'$($parameter.Extent.Text)' must be a parameter"
            if ($null -ne $parameter.Argument) {
                $value = Get-ConstantValue $parameter.Argument
            } else {
                $i++
                $i | Should -BeLessThan $elements.Count -Because "-$($parameter.ParameterName) needs a value"
                ($elements[$i] -is [System.Management.Automation.Language.CommandParameterAst]) | Should -BeFalse
                $value = Get-ConstantValue $elements[$i]
            }
            $parameters.Contains($parameter.ParameterName) | Should -BeFalse -Because 'no parameter is given twice'
            $parameters[$parameter.ParameterName] = $value
        }
        [pscustomobject]@{ Name = $commandAst.GetCommandName(); Parameters = $parameters }
    }

    function Assert-SafeRemediation {
        param([object[]] $Findings, [string] $RelayIdentity, [string] $DefaultIdentity)
        $withCommand = @($Findings | Where-Object { $_.RemediationCommand })
        $withCommand.Count | Should -BeGreaterThan 0
        foreach ($finding in $withCommand) {
            $parsed = Get-SafeCommand -Command $finding.RemediationCommand
            $parsed.Name | Should -Match '^(Set|New|Remove|Enable|Disable)-ReceiveConnector$' -Because "$($finding.RuleId) fixes receive connectors"
            $parsed.Parameters['Identity'] | Should -BeExactly $finding.Connector -Because "$($finding.RuleId)'s -Identity is its connector"
            # The text is made from the fix as data: the same cmdlet, the same parameters, the same values.
            $parsed.Name | Should -BeExactly $finding.Fix.Cmdlet
            @($parsed.Parameters.Keys) | Should -Be @($finding.Fix.Parameters.Keys)
            foreach ($name in $finding.Fix.Parameters.Keys) { @($parsed.Parameters[$name]) | Should -Be @($finding.Fix.Parameters[$name]) -Because $name }
            switch ($finding.RuleId) {
                'ECD0101' {
                    $parsed.Name | Should -Be 'Set-ReceiveConnector'
                    $parsed.Parameters['Identity'] | Should -BeExactly $RelayIdentity
                    $ranges = @($parsed.Parameters['RemoteIPRanges'])
                    $ranges | Should -Be @($finding.Fix.Parameters['RemoteIPRanges'])
                    $ranges | Should -Not -Contain '10.0.0.5'
                    $ranges | Should -Contain '192.168.7.7'
                }
                'ECD0102' {
                    $parsed.Name | Should -Be 'Set-ReceiveConnector'
                    $parsed.Parameters['Identity'] | Should -BeExactly $DefaultIdentity
                    @($parsed.Parameters['AuthMechanism']) | Should -Contain 'ExchangeServer'
                }
            }
        }
    }
}

Describe 'Remediation commands for a relay with a hostile name: <Label>' -ForEach $connectorCases {
    It 'parse as one Set-ReceiveConnector whose arguments are constants equal to the identity and the new ranges' {
        $findings = Invoke-CaptureScenario -Server 'EX01' -RelayName $RelayName
        @($findings | Where-Object { $_.RuleId -eq 'ECD0101' }) | Should -HaveCount 1 -Because 'the relay captures EDGE01'
        Assert-SafeRemediation -Findings $findings -RelayIdentity "EX01\$RelayName" -DefaultIdentity 'EX01\Default Frontend EX01'
    }
}

Describe 'Remediation commands on a server with a hostile name: <Label>' -ForEach $serverCases {
    It 'parse as one Set-ReceiveConnector per finding, for the relay and for the broken default connector' {
        $findings = Invoke-CaptureScenario -Server $ServerName -RelayName 'Relay' -BrokenDefault
        @($findings | Where-Object { $_.RuleId -eq 'ECD0102' }) | Should -HaveCount 1 -Because 'the default connector lost ExchangeServer'
        @($findings | Where-Object { $_.RuleId -eq 'ECD0101' }) | Should -HaveCount 1 -Because 'the relay captures EDGE01'
        Assert-SafeRemediation -Findings $findings -RelayIdentity "$ServerName\Relay" -DefaultIdentity "$ServerName\Default Frontend $ServerName"
    }
}

Describe 'The quoting itself' {
    It 'keeps a name with every kind of quote, $(), backtick, ; and | as one constant, doubling only the single quotes' {
        $l, $r, $low, $rev = [char]0x2018, [char]0x2019, [char]0x201A, [char]0x201B
        $dl, $dr = [char]0x201C, [char]0x201D
        $name = "a'b${l}c${r}d${low}e${rev}f" + '"g' + "${dl}h${dr}" + 'i$(j)k`l;m|n'
        $quoted = "'EX01\a''b${l}${l}c${r}${r}d${low}${low}e${rev}${rev}f" + '"g' + "${dl}h${dr}" + 'i$(j)k`l;m|n' + "'"
        $findings = Invoke-CaptureScenario -Server 'EX01' -RelayName $name
        $capture = @($findings | Where-Object { $_.RuleId -eq 'ECD0101' })[0]
        $capture.RemediationCommand.StartsWith("Set-ReceiveConnector -Identity $quoted -RemoteIPRanges ") | Should -BeTrue -Because $capture.RemediationCommand
        (Get-SafeCommand -Command $capture.RemediationCommand).Parameters['Identity'] | Should -BeExactly "EX01\$name"
    }
}
