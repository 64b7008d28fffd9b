# The module's projection of Exchange objects to the request (private ConvertTo-EcdObject / ConvertTo-EcdValue):
# what each kind of value becomes, that lists keep their order when strings and other values mix (strings are
# stored at once, the others later in their slots), and what a real deserialized connector projects to.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EcdModulePath) -Force
    $script:module = Get-Module -Name ExchangeConnectorDoctor
    $script:realPath = Join-Path (Get-EcdSharedRoot) 'fixtures/real/exchange2019-lab-GetReceiveConnector.clixml.xml'
    function Invoke-Projection([object] $InputObject) {
        & $module { param($o) , (ConvertTo-EcdObject -InputObject $o) } $InputObject
    }
    function ConvertTo-RequestJson([object] $Value) { ConvertTo-Json -InputObject $Value -Depth 12 -Compress }
}

Describe 'Projection of connector objects to the request' {
    It 'keeps strings, booleans and nulls, writes dates as ISO 8601 UTC and drops binary blobs' {
        $when = [datetime]::new(2026, 11, 28, 10, 30, 0, [System.DateTimeKind]::Utc)
        $p = Invoke-Projection ([pscustomobject]@{ Name = 'Relay'; Enabled = $false; Comment = $null; WhenChanged = $when; Blob = [byte[]](1, 2, 3); Port = 25 })
        ConvertTo-RequestJson $p | Should -Be '{"Name":"Relay","Enabled":false,"Comment":null,"WhenChanged":"2026-11-28T10:30:00.0000000Z","Blob":null,"Port":"25"}'
    }

    It 'keeps the order of a list that mixes strings with values that are projected later' {
        $p = Invoke-Projection ([pscustomobject]@{ Values = @('a', 1, 'b', @('c', $true), 'd', [pscustomobject]@{ X = 'e' }, $null, 'f') })
        ConvertTo-RequestJson $p | Should -Be '{"Values":["a","1","b",["c",true],"d",{"X":"e"},null,"f"]}'
    }

    It 'keeps the order of keys of a hashtable and of properties when strings and other values mix' {
        $p = Invoke-Projection ([pscustomobject]@{ A = 1; B = 'two'; C = [ordered]@{ D = $true; E = 'five'; F = @('six') }; G = 'seven' })
        ConvertTo-RequestJson $p | Should -Be '{"A":"1","B":"two","C":{"D":true,"E":"five","F":["six"]},"G":"seven"}'
    }

    It 'stops four levels down (values there become their text), so an object that holds itself ends' {
        $loop = [pscustomobject]@{ Name = 'loop'; Self = $null }
        $loop.Self = $loop
        $p = Invoke-Projection $loop
        ConvertTo-RequestJson $p | Should -Be '{"Name":"loop","Self":{"Name":"loop","Self":{"Name":"loop","Self":{"Name":"loop","Self":""}}}}'
    }

    It 'projects a real deserialized connector: its Exchange values as the text Exchange printed, lists as lists' {
        $real = @(Import-Clixml -LiteralPath $realPath)
        $connector = $real | Where-Object { [string]$_.Identity -eq 'WIN-CTD3L0RGEN4\Default WIN-CTD3L0RGEN4' }
        $p = Invoke-Projection $connector
        $p | Should -BeOfType [System.Collections.Specialized.OrderedDictionary]
        $p['Identity'] | Should -BeExactly 'WIN-CTD3L0RGEN4\Default WIN-CTD3L0RGEN4'
        $p['Enabled'] | Should -BeExactly $true
        @($p['Bindings']) | Should -Be @('0.0.0.0:2525', '[::]:2525')
        @($p['RemoteIPRanges']) | Should -Be @('::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '0.0.0.0-255.255.255.255')
        $p['AuthMechanism'] | Should -BeExactly 'Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer'
        $p['PermissionGroups'] | Should -BeExactly 'ExchangeUsers, ExchangeServers, ExchangeLegacyServers'
        $p['MaxMessageSize'] | Should -Match '^\d+(\.\d+)? MB \([\d,]+ bytes\)$'
        $p.Contains('SerializationData') | Should -BeFalse
        @($p.Keys) | Should -Be @($connector.PSObject.Properties | Where-Object { $_.MemberType -ne 'ScriptProperty' -and $_.Name -ne 'SerializationData' } | ForEach-Object { $_.Name })
    }
}

Describe 'Projection of the engine''s findings to objects and back (ConvertFrom-EcdFinding, ConvertTo-EcdFinding)' {
    BeforeAll {
        # The engine's own findings for the example organisation, as JSON objects (several with a fix), and the
        # finding objects the module makes of them.
        $connectors = @(Get-Content -Raw -Path (Join-Path (Get-EcdProjectRoot) 'examples/contoso-GetReceiveConnector.json') | ConvertFrom-Json)
        $script:raw = @(& $module {
                param($c)
                $request = [ordered]@{
                    operation = 'analyze'; connectors = @(foreach ($x in $c) { ConvertTo-EcdObject -InputObject $x })
                    servers = @('EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5', 'EDGE01=10.0.0.20')
                }
                (Invoke-EcdEngine -Request $request).findings
            } $connectors)
        $script:objects = @(& $module { param($f) & { [CmdletBinding()] param($x) ConvertFrom-EcdFinding -Finding $x -Cmdlet $PSCmdlet } $f } $raw)
    }

    It 'the engine''s answer has findings with and without a fix (so the tests below can fail)' {
        $objects | Should -HaveCount $raw.Count
        @($raw | Where-Object { $_.PSObject.Properties['fix'] }).Count | Should -BeGreaterThan 0
        @($raw | Where-Object { -not $_.PSObject.Properties['fix'] }).Count | Should -BeGreaterThan 0
    }

    It 'a finding object has every field of the engine''s finding, capitalised, in the engine''s order, and only Fix (when there is none) and HelpFile besides' {
        for ($i = 0; $i -lt $raw.Count; $i++) {
            $expected = @($raw[$i].PSObject.Properties | ForEach-Object { $_.Name.Substring(0, 1).ToUpperInvariant() + $_.Name.Substring(1) })
            if (-not $raw[$i].PSObject.Properties['fix']) { $expected += 'Fix' }
            $expected += 'HelpFile'  # where this copy of the module keeps the rule's page
            @($objects[$i].PSObject.Properties | ForEach-Object { $_.Name }) | Should -Be $expected -Because $raw[$i].ruleId
        }
    }

    It 'ConvertTo-EcdFinding gives the engine''s finding back, byte for byte once serialised, fix included' {
        for ($i = 0; $i -lt $raw.Count; $i++) {
            $back = & $module { param($o) ConvertTo-EcdFinding -InputObject $o } $objects[$i]
            ConvertTo-Json -InputObject $back -Depth 12 -Compress | Should -BeExactly (ConvertTo-Json -InputObject $raw[$i] -Depth 12 -Compress)
        }
    }
}
