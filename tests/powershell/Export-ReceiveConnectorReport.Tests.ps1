# Export-ReceiveConnectorReport (issue 6): the report of the example organisation, rendered in headless Chromium
# (Debian package chromium, installed by build-scripts/bootstrap.sh). The rendered DOM holds every finding and every
# server's map; the page asks for nothing outside itself. The screenshot is tests/output/report.png.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EcdModulePath) -Force
    $script:root = Get-EcdProjectRoot
    $script:output = Join-Path $root 'tests/output'
    if (-not (Test-Path -LiteralPath $output)) { [void](New-Item -ItemType Directory -Path $output) }
    $script:connectors = @(Import-Clixml -Path (Join-Path $root 'examples/contoso-GetReceiveConnector.clixml.xml'))
    $script:servers = @(Import-Clixml -Path (Join-Path $root 'examples/contoso-GetExchangeServer.clixml.xml')) + @('EX01=10.0.0.11', 'EX02=10.0.0.12', 'LEGACY01=10.0.0.5', 'EDGE01=10.0.0.20')
    $script:queues = @(Import-Clixml -Path (Join-Path $root 'examples/contoso-GetQueue.clixml.xml'))
    $script:reportPath = Join-Path $output 'report.html'
    $script:findings = @($connectors | Test-ReceiveConnector -ExchangeServer $servers)
    $script:file = $connectors | Export-ReceiveConnectorReport -Path $reportPath -Force -PassThru -ExchangeServer $servers -Title 'Contoso receive connectors'
    $script:html = [System.IO.File]::ReadAllText($reportPath)

    $script:chromium = $null
    foreach ($name in 'chromium', 'chromium-browser', 'google-chrome') {
        $c = Get-Command -Name $name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($c) { $script:chromium = $c.Source; break }
    }

    function Invoke-Chromium {
        # Runs headless Chromium with PLATFORM.md's flags and a fresh, empty profile; returns its standard output.
        param([string[]] $Argument)
        $profileDir = Join-Path ([System.IO.Path]::GetTempPath()) ('ecd-chromium-' + [guid]::NewGuid())
        [void](New-Item -ItemType Directory -Path $profileDir)
        try {
            $common = @('--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
                '--disable-component-update', '--disable-sync', "--user-data-dir=$profileDir", '--hide-scrollbars')
            $all = @($common + $Argument)
            $stderr = Join-Path $profileDir 'stderr.txt'
            $out = @(& $chromium @all 2> $stderr)
            if ($LASTEXITCODE -ne 0) { throw ("chromium exited with {0}: {1}" -f $LASTEXITCODE, ((Get-Content -LiteralPath $stderr -ErrorAction SilentlyContinue | Select-Object -Last 5) -join "`n")) }
            $out
        } finally {
            Remove-Item -LiteralPath $profileDir -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    function Get-StartTag {
        # The start tags <name ...> of the DOM with their attributes (HTML-decoded).
        param([string] $Dom, [string] $Name)
        foreach ($m in [regex]::Matches($Dom, "<$Name(\s[^>]*)?>")) {
            $attributes = @{}
            foreach ($a in [regex]::Matches($m.Groups[1].Value, '([\w-]+)="([^"]*)"')) {
                $attributes[$a.Groups[1].Value] = [System.Net.WebUtility]::HtmlDecode($a.Groups[2].Value)
            }
            $attributes
        }
    }
    function Get-PageRequest {
        # The URLs of the requests in a Chromium net log that a page started (initiator other than "not an origin").
        param([string] $NetLog)
        foreach ($m in [regex]::Matches($NetLog, '"initiator":"(?<initiator>[^"]*)"[^\n]*?"url":"(?<url>[^"]*)"')) {
            if ($m.Groups['initiator'].Value -ne 'not an origin' -and $m.Groups['url'].Value -notmatch '^(file|data|blob):') { $m.Groups['url'].Value }
        }
    }
    $script:url = [System.Uri]::new((Resolve-Path -LiteralPath $reportPath).ProviderPath).AbsoluteUri
}

Describe 'Export-ReceiveConnectorReport on the example organisation' {
    It 'writes one HTML file and returns it' {
        $file | Should -BeOfType [System.IO.FileInfo]
        $file.FullName | Should -Be (Resolve-Path -LiteralPath $reportPath).ProviderPath
        $html | Should -Match '^<!DOCTYPE html>'
        $html | Should -Match '<title>Contoso receive connectors</title>'
    }

    It 'is self-contained: no http:, https: or protocol-relative src or href, no @import, no external url()' {
        $html | Should -Not -Match '(?i)\b(src|href|action|data)\s*=\s*["'']?\s*(https?:|//|ftp:|file:)'
        $html | Should -Not -Match '(?i)https?:'
        $html | Should -Not -Match '(?i)@import'
        $html | Should -Not -Match '(?i)url\(\s*["'']?(?!#)'
        $html | Should -Match "Content-Security-Policy"
    }

    It 'starts with a "who lands where" matrix: each Exchange sender against each receiving server, port and connector, ticked or crossed' {
        $html.IndexOf('<section id="matrix">') | Should -BeGreaterThan 0
        $html.IndexOf('<section id="matrix">') | Should -BeLessThan $html.IndexOf('<section id="findings">')
        $cell = {
            param([string] $Sender, [string] $Target)
            $row = [regex]::Match($html, ('<tr data-sender="{0}">.*?</tr>' -f [regex]::Escape($Sender))).Value
            [regex]::Match($row, ('<td data-target="{0}">(.*?)</td>' -f [regex]::Escape($Target))).Groups[1].Value
        }
        # EDGE01 delivers to EX01 on 25 and lands on the relay: a cross (the Error of ECD0101).
        (& $cell 'EDGE01' 'EX01') | Should -Match 'data-port="25" data-connector="Relay EX01" data-ok="false">25 &rarr; Relay EX01'
        # EX02 delivers to EX01 on 2525 and lands on its default connector: a tick.
        (& $cell 'EX02' 'EX01') | Should -Match 'data-port="2525" data-connector="Default EX01" data-ok="true">2525 &rarr; Default EX01'
        # LEGACY01 (Exchange 2010) may deliver on 25: the port is marked ? and the relay crossed.
        (& $cell 'LEGACY01' 'EX01') | Should -Match 'data-port="25" data-connector="Relay EX01" data-ok="false">25\? &rarr; Relay EX01'
        # EX02 does not deliver to EX01 on 25: no entry for that port, although its address lands on the relay there.
        (& $cell 'EX02' 'EX01') | Should -Not -Match 'data-port="25"'
    }

    It 'marks Exchange servers only on ports where they deliver (not on the client ports 465 and 587)' {
        $figures = [regex]::Matches($html, '<figure class="port-map" data-server="[^"]*" data-port="(\d+)".*?</figure>')
        $figures.Count | Should -BeGreaterThan 0
        foreach ($f in $figures) {
            if ($f.Groups[1].Value -in '465', '587') { $f.Value | Should -Not -Match 'class="marker' -Because $f.Value.Substring(0, 120) }
        }
        @($figures | Where-Object { $_.Groups[1].Value -eq '25' -and $_.Value -match 'class="marker' }).Count | Should -BeGreaterThan 0
    }

    It 'folds away maps of default connectors only where no Exchange server lands; the relay''s map stays open' {
        $folded = '<details class="folded"><summary>[^<]*</summary><figure class="port-map" data-server="{0}" data-port="{1}"'
        $html | Should -Match ($folded -f 'EX02', '587')
        $html | Should -Match ($folded -f 'EX01', '465')
        $relay = '<figure class="port-map" data-server="EX01" data-port="25" data-role="[^"]*" data-local="[^"]*" data-family="IPv4"'
        $html | Should -Match $relay
        $html | Should -Not -Match ('<details class="folded"><summary>[^<]*</summary>' + $relay)
    }

    It 'states which addresses were used for which server' {
        $html | Should -Match '<tr data-server="EX01"><td>EX01</td><td>10\.0\.0\.11</td></tr>'
        $html | Should -Match '<tr data-server="EDGE01"><td>EDGE01</td><td>10\.0\.0\.20</td></tr>'
        $other = $connectors | Export-ReceiveConnectorReport -Path (Join-Path $output 'report-without-address.html') -ExchangeServer 'EX01=10.0.0.11', @{ Name = 'EX02' } -Force -PassThru
        [System.IO.File]::ReadAllText($other.FullName) | Should -Match '<tr data-server="EX02"><td>EX02</td><td>not known: the capture check was skipped for it</td></tr>'
    }

    It 'prints well: it has print styles and hides the copy buttons on paper' {
        $html | Should -Match '@media print\{[^@]*\.command button\{display:none\}'
    }

    It 'lists every finding of Test-ReceiveConnector with its fix command, HTML-escaped' {
        $articles = @(Get-StartTag -Dom $html -Name 'article')
        $articles | Should -HaveCount $findings.Count
        foreach ($f in $findings) {
            @($articles | Where-Object { $_['data-rule-id'] -eq $f.RuleId -and $_['data-server'] -eq $f.Server -and $_['data-connector'] -eq $f.Connector }).Count | Should -BeGreaterThan 0 -Because "$($f.RuleId) on $($f.Connector)"
            if ($f.RemediationCommand) { $html | Should -Match ([regex]::Escape([System.Net.WebUtility]::HtmlEncode($f.RemediationCommand).Replace('&#39;', '&#39;'))) -Because $f.RemediationCommand }
        }
    }
}

Describe 'Export-ReceiveConnectorReport without -ExchangeServer' {
    It 'calls Get-ExchangeServer when -ExchangeServer is omitted and the command exists' {
        function global:Get-ExchangeServer { @{ Name = 'EX01'; Address = '10.0.0.11' }; @{ Name = 'EX02'; Address = '10.0.0.12' }; @{ Name = 'EDGE01'; Address = '10.0.0.20'; Role = 'Edge' } }
        try {
            $path = Join-Path $output 'report-get-exchangeserver.html'
            [void]($connectors | Export-ReceiveConnectorReport -Path $path -Force)
        } finally {
            Remove-Item -Path Function:\Get-ExchangeServer
        }
        $text = [System.IO.File]::ReadAllText($path)
        @(Get-StartTag -Dom $text -Name 'article' | Where-Object { $_['data-rule-id'] -eq 'ECD0101' }).Count | Should -BeGreaterThan 0
    }

    It 'outside the Exchange shell, leaves -ErrorVariable empty' {
        $path = Join-Path $output 'report-no-servers.html'
        [void]($connectors | Export-ReceiveConnectorReport -Path $path -Force -ErrorVariable errors)
        @($errors) | Should -HaveCount 0
    }
}

Describe 'The report in headless Chromium' -Skip:(-not $IsLinux -and -not (Get-Command -Name chromium -ErrorAction SilentlyContinue)) {
    BeforeAll {
        if (-not $chromium) { throw 'Chromium was not found: build-scripts/bootstrap.sh installs the Debian package chromium.' }
        $script:netLog = Join-Path $output 'report-netlog.json'
        $script:dom = (Invoke-Chromium -Argument @('--virtual-time-budget=2000', "--log-net-log=$netLog", '--dump-dom', $url)) -join "`n"
        $script:screenshot = Join-Path $output 'report.png'
        Remove-Item -LiteralPath $screenshot -ErrorAction SilentlyContinue
        [void](Invoke-Chromium -Argument @('--window-size=1280,2200', "--screenshot=$screenshot", $url))
        $script:pdf = Join-Path $output 'report.pdf'
        Remove-Item -LiteralPath $pdf -ErrorAction SilentlyContinue
        [void](Invoke-Chromium -Argument @('--no-pdf-header-footer', "--print-to-pdf=$pdf", $url))
    }

    It 'renders the page (the DOM ends with the body and the script ran without replacing it)' {
        $dom | Should -Match '<section id="findings">'
        $dom | Should -Match '</body>'
    }

    It 'has every finding in the rendered DOM, by rule id, server and connector' {
        $articles = @(Get-StartTag -Dom $dom -Name 'article')
        $articles | Should -HaveCount $findings.Count
        foreach ($f in $findings) {
            @($articles | Where-Object { $_['data-rule-id'] -eq $f.RuleId -and $_['data-server'] -eq $f.Server -and $_['data-connector'] -eq $f.Connector -and $_['data-severity'] -eq $f.Severity }).Count | Should -BeGreaterThan 0 -Because "$($f.RuleId) on $($f.Connector)"
        }
        # One copy button per command: findings that share a command are grouped under it.
        @(Get-StartTag -Dom $dom -Name 'button' | Where-Object { $_['class'] -eq 'copy' }).Count | Should -Be @($findings | Where-Object { $_.RemediationCommand } | Select-Object -ExpandProperty RemediationCommand -Unique).Count
    }

    It 'has every server''s map, each port of each server as a picture' {
        $sections = @(Get-StartTag -Dom $dom -Name 'section' | Where-Object { $_['class'] -eq 'server-map' })
        @($sections | ForEach-Object { $_['data-server'] } | Sort-Object) | Should -Be @('EX01', 'EX02')
        $figures = @(Get-StartTag -Dom $dom -Name 'figure')
        foreach ($server in 'EX01', 'EX02') {
            foreach ($port in 25, 465, 587, 717, 2525) {
                @($figures | Where-Object { $_['data-server'] -eq $server -and $_['data-port'] -eq "$port" }).Count | Should -BeGreaterThan 0 -Because "$server port $port"
            }
        }
        ([regex]::Matches($dom, '<svg[\s>]')).Count | Should -Be $figures.Count
    }

    It 'shows the relay connector capturing EDGE01, EX02 and LEGACY01 on EX01 port 25 in red (not EX01''s own address), and nothing captured elsewhere' {
        $figure = @(Get-StartTag -Dom $dom -Name 'figure' | Where-Object { $_['data-server'] -eq 'EX01' -and $_['data-port'] -eq '25' -and $_['data-family'] -eq 'IPv4' })
        $figure | Should -HaveCount 1
        $figure[0]['data-captured'] | Should -Be '3'
        $captured = @(Get-StartTag -Dom $dom -Name 'g' | Where-Object { $_['data-captured'] -eq 'true' })
        @($captured | ForEach-Object { $_['data-server'] } | Sort-Object) | Should -Be @('EDGE01', 'EX02', 'LEGACY01')
        @(Get-StartTag -Dom $dom -Name 'g' | Where-Object { $_['class'] -eq 'segment' -and $_['data-connector'] -eq 'EX01\Relay EX01' }).Count | Should -BeGreaterThan 0
        @(Get-StartTag -Dom $dom -Name 'figure' | Where-Object { $_['data-server'] -eq 'EX02' -and $_['data-captured'] -ne '0' }) | Should -HaveCount 0
    }

    It 'makes no network request: the net log holds no request that the page started' {
        # Chromium's own background requests (update, time, accounts) have the initiator "not an origin"; a request
        # of a file:// page has the initiator "null" (an opaque origin) and a file:// network isolation key.
        Test-Path -LiteralPath $netLog | Should -BeTrue
        @(Get-PageRequest -NetLog ([System.IO.File]::ReadAllText($netLog))) | Should -HaveCount 0
    }

    It 'would see a request if the page made one (the check above can fail)' {
        $probe = Join-Path $output 'report-probe.html'
        [System.IO.File]::WriteAllText($probe, '<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/probe.png"><p>probe</p></body></html>')
        $probeLog = Join-Path $output 'report-probe-netlog.json'
        [void](Invoke-Chromium -Argument @("--log-net-log=$probeLog", '--dump-dom', [System.Uri]::new($probe).AbsoluteUri))
        @(Get-PageRequest -NetLog ([System.IO.File]::ReadAllText($probeLog))) | Should -Contain 'http://127.0.0.1:9/probe.png'
    }

    It 'saves a screenshot and prints to PDF, on A4 pages' {
        (Get-Item -LiteralPath $screenshot).Length | Should -BeGreaterThan 10000
        (Get-Item -LiteralPath $pdf).Length | Should -BeGreaterThan 10000
        # A4 is 595 x 842 points (US Letter, Chromium's default, would be 612 x 792).
        $boxes = @([regex]::Matches([System.IO.File]::ReadAllText($pdf, [System.Text.Encoding]::GetEncoding('ISO-8859-1')), 'MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]') | ForEach-Object { '{0:N0}x{1:N0}' -f [double]$_.Groups[1].Value, [double]$_.Groups[2].Value })
        $boxes.Count | Should -BeGreaterThan 0
        $boxes | Select-Object -Unique | Should -Be '595x842'
    }

    It 'renders the "who lands where" matrix, with a screenshot of the top of the page where it is' {
        $rows = @(Get-StartTag -Dom $dom -Name 'tr' | Where-Object { $_.ContainsKey('data-sender') } | ForEach-Object { $_['data-sender'] })
        @($rows | Sort-Object) | Should -Be @('EDGE01', 'EX01', 'EX02', 'LEGACY01')
        $top = Join-Path $output 'report-matrix.png'
        Remove-Item -LiteralPath $top -ErrorAction SilentlyContinue
        [void](Invoke-Chromium -Argument @('--window-size=1280,900', "--screenshot=$top", ($url + '#matrix')))
        (Get-Item -LiteralPath $top).Length | Should -BeGreaterThan 10000
    }
}

Describe 'Export-ReceiveConnectorReport with findings piped in' {
    It 'shows exactly the findings piped in, and draws the maps from the connectors piped with them' {
        $errors = @($findings | Where-Object { $_.Severity -eq 'Error' })
        $path = Join-Path $output 'report-errors.html'
        [void](@($errors) + @($connectors) | Export-ReceiveConnectorReport -Path $path -Force -ExchangeServer $servers)
        $text = [System.IO.File]::ReadAllText($path)
        @(Get-StartTag -Dom $text -Name 'article') | Should -HaveCount $errors.Count
        @(Get-StartTag -Dom $text -Name 'section' | Where-Object { $_['class'] -eq 'server-map' }) | Should -HaveCount 2
    }

    It 'shows findings that went through Export-Clixml and Import-Clixml, with their fix commands' {
        $errors = @($findings | Where-Object { $_.Severity -eq 'Error' })
        @($errors | Where-Object { $_.Fix }).Count | Should -BeGreaterThan 0
        $clixml = Join-Path $output 'report-findings.clixml.xml'
        $errors | Export-Clixml -Path $clixml
        $path = Join-Path $output 'report-deserialized.html'
        [void](@(Import-Clixml -Path $clixml) + @($connectors) | Export-ReceiveConnectorReport -Path $path -Force -ExchangeServer $servers)
        $text = [System.IO.File]::ReadAllText($path)
        @(Get-StartTag -Dom $text -Name 'article') | Should -HaveCount $errors.Count
        foreach ($f in @($errors | Where-Object { $_.RemediationCommand })) {
            $text | Should -Match ([regex]::Escape([System.Net.WebUtility]::HtmlEncode($f.RemediationCommand))) -Because $f.RemediationCommand
        }
    }

    It 'ties the example queue to the relay finding in the report (-Queue)' {
        $path = Join-Path $output 'report-queue.html'
        [void]($connectors | Export-ReceiveConnectorReport -Path $path -Force -ExchangeServer $servers -Queue $queues)
        $text = [System.IO.File]::ReadAllText($path)
        $tags = @(Get-StartTag -Dom $text -Name 'article' | Where-Object { $_['data-explains-queues'] })
        $tags | Should -HaveCount 1
        $tags[0]['data-connector'] | Should -Be 'EX01\Relay EX01'
        $tags[0]['data-explains-queues'] | Should -Be 'LEGACY01\5'
    }

    It 'escapes every text: a connector named with markup stays text' {
        $evil = [pscustomobject]@{
            Identity = 'EX01\<script>alert("x")</script> & ''co'''; Name = '<script>alert("x")</script> & ''co'''; Server = 'EX01'
            TransportRole = 'FrontendTransport'; Enabled = $true; Bindings = @('0.0.0.0:25'); RemoteIPRanges = @('10.0.0.1-10.0.0.30')
            AuthMechanism = 'Tls'; PermissionGroups = 'AnonymousUsers'
        }
        $path = Join-Path $output 'report-escaped.html'
        [void](@($connectors | Where-Object { $_.Name -ne 'Relay EX01' }) + @($evil) | Export-ReceiveConnectorReport -Path $path -Force -ExchangeServer $servers)
        $text = [System.IO.File]::ReadAllText($path)
        $text | Should -Not -Match '<script>alert'
        $text | Should -Match '&lt;script&gt;alert\(&quot;x&quot;\)&lt;/script&gt; &amp; &#39;co&#39;'
        ([regex]::Matches($text, '<script>')).Count | Should -Be 1
    }

    It 'refuses a folder that does not exist, with a terminating error' {
        { $connectors | Export-ReceiveConnectorReport -Path (Join-Path $output 'no/such/folder/report.html') -ExchangeServer $servers -ErrorAction Stop } | Should -Throw -ExpectedMessage '*does not exist*'
    }
}

Describe 'Export-ReceiveConnectorReport changes a file only when asked: -WhatIf, -Confirm, -Force, -PassThru' {
    BeforeEach {
        $script:target = Join-Path $output ('report-shouldprocess-{0}.html' -f [guid]::NewGuid())
    }
    AfterEach {
        Remove-Item -LiteralPath $target -ErrorAction SilentlyContinue
    }

    It '-WhatIf writes nothing and returns nothing' {
        $result = @($connectors | Export-ReceiveConnectorReport -Path $target -ExchangeServer $servers -WhatIf -PassThru)
        $result | Should -HaveCount 0
        Test-Path -LiteralPath $target | Should -BeFalse
    }

    It '-Confirm:$false writes; without -PassThru nothing is returned, with it the FileInfo' {
        @($connectors | Export-ReceiveConnectorReport -Path $target -ExchangeServer $servers -Confirm:$false) | Should -HaveCount 0
        Test-Path -LiteralPath $target | Should -BeTrue
        $file = $connectors | Export-ReceiveConnectorReport -Path $target -ExchangeServer $servers -Force -PassThru
        $file | Should -BeOfType [System.IO.FileInfo]
        $file.FullName | Should -Be $target
    }

    It 'refuses to replace an existing file without -Force: ECD.FileExists, ResourceExists, the file untouched' {
        Set-Content -LiteralPath $target -Value 'keep me'
        $thrown = $null
        try { $connectors | Export-ReceiveConnectorReport -Path $target -ExchangeServer $servers -ErrorAction Stop } catch { $thrown = $_ }
        $thrown | Should -Not -BeNullOrEmpty
        $thrown.FullyQualifiedErrorId | Should -Be 'ECD.FileExists,Export-ReceiveConnectorReport'
        $thrown.CategoryInfo.Category | Should -Be 'ResourceExists'
        $thrown.TargetObject | Should -Be $target
        $thrown.Exception.Message | Should -Match '-Force'
        (Get-Content -LiteralPath $target -Raw).Trim() | Should -Be 'keep me'
        $connectors | Export-ReceiveConnectorReport -Path $target -ExchangeServer $servers -Force
        (Get-Content -LiteralPath $target -Raw) | Should -Match '^<!DOCTYPE html>'
    }

    It 'a folder as -Path is ECD.PathIsFolder' {
        { $connectors | Export-ReceiveConnectorReport -Path $output -ExchangeServer $servers -ErrorAction Stop } | Should -Throw -ErrorId 'ECD.PathIsFolder,Export-ReceiveConnectorReport'
    }
}
