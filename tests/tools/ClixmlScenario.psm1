<#
    ClixmlScenario.psm1 - derive test scenarios from REAL Export-Clixml files of Exchange cmdlets.

    The CLIXML is edited as XML (System.Xml.XmlDocument), so every property that is not touched keeps exactly
    the serialized shape Exchange produced; properties that are set are rebuilt in the shape the real export uses
    (type names, ToString, Props, I32 of enums, ...).  Rebuilt objects drop their <MS><BA N="SerializationData">
    blob (it would describe the old value); untouched objects keep theirs.

    Runs on Windows PowerShell 5.1 and PowerShell 7.
#>
Set-StrictMode -Version Latest

$script:ClixmlNamespace = 'http://schemas.microsoft.com/powershell/2004/04'

# Type name lists (<TN>) of the objects this module builds, as in the real exports.
$script:ClixmlTypes = @{
    IPBinding          = @('Microsoft.Exchange.Data.IPBinding', 'System.Net.IPEndPoint', 'System.Net.EndPoint', 'System.Object')
    IPAddress          = @('System.Net.IPAddress', 'System.Object')
    IPRange            = @('Microsoft.Exchange.Data.IPRange', 'System.Object')
    Fqdn               = @('Microsoft.Exchange.Data.Fqdn', 'Microsoft.Exchange.Data.SmtpDomain', 'System.Object')
    X509Identifier     = @('Microsoft.Exchange.Data.SmtpX509Identifier', 'System.Object')
    DomainCapabilities = @('Microsoft.Exchange.Data.SmtpReceiveDomainCapabilities', 'System.Object')
}

# Enum properties: name -> value, in value order (the ToString of a flags value lists its names in this order).
$script:ServerRoleValues = [ordered]@{
    None = 0; Cafe = 1; Mailbox = 2; ClientAccess = 4; UnifiedMessaging = 16; HubTransport = 32; Edge = 64
    FrontendTransport = 16384
}
$script:ClixmlEnums = @{
    AuthMechanism            = [ordered]@{ None = 0; Tls = 1; Integrated = 2; BasicAuth = 4; BasicAuthRequireTLS = 8; ExchangeServer = 16; ExternalAuthoritative = 32 }
    PermissionGroups         = [ordered]@{ None = 0; AnonymousUsers = 1; ExchangeUsers = 2; ExchangeServers = 4; ExchangeLegacyServers = 8; Partners = 16; Custom = 32 }
    TransportRole            = $script:ServerRoleValues
    ServerRole               = $script:ServerRoleValues
    ProtocolLoggingLevel     = [ordered]@{ None = 0; Verbose = 1 }
    MessageRateSource        = [ordered]@{ None = 0; IPAddress = 1; User = 2; All = 3 }
    SizeEnabled              = [ordered]@{ Disabled = 0; Enabled = 1; EnabledWithoutValue = 2 }
    ExtendedProtectionPolicy = [ordered]@{ None = 0; Allow = 1; Require = 2 }
}

#region XML plumbing ---------------------------------------------------------------------------------------------

function Get-ClixmlNamespaceManager {
    param([Parameter(Mandatory)] [System.Xml.XmlDocument] $Xml)
    $ns = New-Object System.Xml.XmlNamespaceManager($Xml.NameTable)
    $ns.AddNamespace('ps', $script:ClixmlNamespace)
    , $ns   # the manager is IEnumerable: do not let the pipeline unroll it
}

function ConvertTo-ClixmlText {
    # Encode a string the way the PowerShell serializer does (control characters as _xHHHH_, literal _xHHHH_ escaped).
    param([AllowNull()] [AllowEmptyString()] [string] $Value)
    if ($null -eq $Value) { return '' }
    $escaped = [regex]::Replace($Value, '_(x[0-9A-Fa-f]{4}_)', '_x005F_$1')
    $sb = New-Object System.Text.StringBuilder
    foreach ($c in $escaped.ToCharArray()) {
        if ([int]$c -lt 32) { [void]$sb.AppendFormat('_x{0:X4}_', [int]$c) } else { [void]$sb.Append($c) }
    }
    $sb.ToString()
}

function New-ClixmlElement {
    # <Kind N="Name">Text</Kind> in the CLIXML namespace; -Text $null gives an element without content.
    param(
        [Parameter(Mandatory)] [System.Xml.XmlDocument] $Xml,
        [Parameter(Mandatory)] [string] $Kind,
        [string] $N,
        [AllowNull()] [object] $Text
    )
    $e = $Xml.CreateElement($Kind, $script:ClixmlNamespace)
    if ($N) { $e.SetAttribute('N', $N) }
    if ($null -ne $Text) { $e.InnerText = [string]$Text }
    $e
}

function Add-ClixmlChild {
    # Appends a simple <Kind N=..>text</Kind> child and returns nothing.
    # Strings (S, ToString) are encoded like the PowerShell serializer does.
    param([System.Xml.XmlElement] $Parent, [string] $Kind, [string] $N, [AllowNull()] [object] $Text)
    if ($null -ne $Text -and ($Kind -eq 'S' -or $Kind -eq 'ToString')) { $Text = ConvertTo-ClixmlText ([string]$Text) }
    [void]$Parent.AppendChild((New-ClixmlElement -Xml $Parent.OwnerDocument -Kind $Kind -N $N -Text $Text))
}

function Get-ClixmlMaxRefId {
    param([System.Xml.XmlDocument] $Xml, [string] $Kind = 'Obj')
    $max = -1
    foreach ($a in @($Xml.SelectNodes("//ps:$Kind/@RefId", (Get-ClixmlNamespaceManager $Xml)))) {
        $v = [int]$a.Value
        if ($v -gt $max) { $max = $v }
    }
    $max
}

function Complete-ClixmlRefIds {
    # Gives every <Obj> without RefId (the ones this module built) the next free RefId, in document order.
    param([System.Xml.XmlDocument] $Xml)
    $next = (Get-ClixmlMaxRefId $Xml) + 1
    foreach ($o in @($Xml.SelectNodes('//ps:Obj[not(@RefId)]', (Get-ClixmlNamespaceManager $Xml)))) {
        $o.SetAttribute('RefId', [string]$next)
        $next++
    }
}

function Get-ClixmlTypeElement {
    # A <TNRef> to the type if the document already defines it, else a new <TN> with a fresh RefId.
    param([System.Xml.XmlDocument] $Xml, [string[]] $TypeNames)
    $ns = Get-ClixmlNamespaceManager $Xml
    $existing = $Xml.SelectSingleNode("//ps:TN[ps:T[1]='$($TypeNames[0])']", $ns)
    if ($null -ne $existing) {
        $ref = New-ClixmlElement -Xml $Xml -Kind 'TNRef'
        $ref.SetAttribute('RefId', $existing.GetAttribute('RefId'))
        return $ref
    }
    $tn = New-ClixmlElement -Xml $Xml -Kind 'TN'
    $tn.SetAttribute('RefId', [string]((Get-ClixmlMaxRefId $Xml 'TN') + 1))
    foreach ($t in $TypeNames) { Add-ClixmlChild $tn 'T' $null $t }
    $tn
}

function Get-ClixmlTypeName {
    # First <T> of an <Obj>, following a <TNRef>.
    param([System.Xml.XmlElement] $Object)
    $ns = Get-ClixmlNamespaceManager $Object.OwnerDocument
    $tn = $Object.SelectSingleNode('ps:TN', $ns)
    if ($null -eq $tn) {
        $ref = $Object.SelectSingleNode('ps:TNRef', $ns)
        if ($null -eq $ref) { return $null }
        $tn = $Object.OwnerDocument.SelectSingleNode("//ps:TN[@RefId='$($ref.GetAttribute('RefId'))']", $ns)
        if ($null -eq $tn) { return $null }
    }
    $tn.SelectSingleNode('ps:T', $ns).InnerText
}

function New-ClixmlObj {
    # <Obj N=..> with its type element and <ToString>; RefId is assigned later by Complete-ClixmlRefIds.
    param([System.Xml.XmlDocument] $Xml, [string] $N, [string[]] $TypeNames, [AllowNull()] [string] $ToString)
    $obj = New-ClixmlElement -Xml $Xml -Kind 'Obj' -N $N
    [void]$obj.AppendChild((Get-ClixmlTypeElement $Xml $TypeNames))
    Add-ClixmlChild $obj 'ToString' $null ([string]$ToString)
    $obj
}

function Test-ClixmlIsInside {
    param([System.Xml.XmlNode] $Node, [System.Xml.XmlNode] $Container)
    $p = $Node
    while ($null -ne $p) {
        if ([object]::ReferenceEquals($p, $Container)) { return $true }
        $p = $p.ParentNode
    }
    $false
}

function Copy-ClixmlTree {
    # Deep clone of an <Obj> that is valid anywhere after the original: fresh RefIds, <TN> -> <TNRef>,
    # <Ref>s into the clone re-pointed to the clone's objects (Refs to objects outside stay as they are).
    param([System.Xml.XmlElement] $Element)
    $xml = $Element.OwnerDocument
    $ns = Get-ClixmlNamespaceManager $xml
    $clone = $Element.CloneNode($true)
    $next = (Get-ClixmlMaxRefId $xml) + 1
    $map = @{}
    foreach ($o in @($clone.SelectNodes('descendant-or-self::ps:Obj[@RefId]', $ns))) {
        $map[$o.GetAttribute('RefId')] = [string]$next
        $o.SetAttribute('RefId', [string]$next)
        $next++
    }
    foreach ($r in @($clone.SelectNodes('descendant-or-self::ps:Ref', $ns))) {
        $old = $r.GetAttribute('RefId')
        if ($map.ContainsKey($old)) { $r.SetAttribute('RefId', $map[$old]) }
    }
    foreach ($tn in @($clone.SelectNodes('descendant::ps:TN', $ns))) {
        $ref = New-ClixmlElement -Xml $xml -Kind 'TNRef'
        $ref.SetAttribute('RefId', $tn.GetAttribute('RefId'))
        [void]$tn.ParentNode.ReplaceChild($ref, $tn)
    }
    $clone
}

function Remove-ClixmlIndentation {
    # Drops the whitespace between elements (re-created on save) but keeps whitespace that is a string value.
    param([System.Xml.XmlNode] $Node)
    $hasElements = $false
    foreach ($c in @($Node.ChildNodes)) { if ($c.NodeType -eq [System.Xml.XmlNodeType]::Element) { $hasElements = $true } }
    foreach ($c in @($Node.ChildNodes)) {
        if ($c.NodeType -eq [System.Xml.XmlNodeType]::Element) { Remove-ClixmlIndentation $c }
        elseif ($hasElements -and ($c.NodeType -eq [System.Xml.XmlNodeType]::Whitespace -or
                $c.NodeType -eq [System.Xml.XmlNodeType]::SignificantWhitespace)) { [void]$Node.RemoveChild($c) }
    }
}

function Repair-ClixmlReferences {
    # Before saving: every <TNRef>/<Ref> must follow its definition, and Obj RefIds must be unique.
    param([System.Xml.XmlDocument] $Xml)
    $ns = Get-ClixmlNamespaceManager $Xml
    $definitions = @{}
    foreach ($tn in @($Xml.SelectNodes('//ps:TN', $ns))) {
        $id = $tn.GetAttribute('RefId')
        if (-not $definitions.ContainsKey($id)) { $definitions[$id] = $tn }
    }
    $seen = @{}
    foreach ($node in @($Xml.SelectNodes('//ps:TN | //ps:TNRef', $ns))) {
        $id = $node.GetAttribute('RefId')
        if ($node.LocalName -eq 'TN') {
            if ($seen.ContainsKey($id)) {
                $ref = New-ClixmlElement -Xml $Xml -Kind 'TNRef'
                $ref.SetAttribute('RefId', $id)
                [void]$node.ParentNode.ReplaceChild($ref, $node)
            }
            else { $seen[$id] = $true }
        }
        elseif (-not $seen.ContainsKey($id)) {
            if (-not $definitions.ContainsKey($id)) { throw "TNRef RefId=$id has no <TN> definition in the document." }
            [void]$node.ParentNode.ReplaceChild($definitions[$id].CloneNode($true), $node)
            $seen[$id] = $true
        }
    }
    $objects = @{}
    foreach ($node in @($Xml.SelectNodes('//ps:Obj[@RefId] | //ps:Ref', $ns))) {
        $id = $node.GetAttribute('RefId')
        if ($node.LocalName -eq 'Obj') {
            if ($objects.ContainsKey($id)) { throw "Two <Obj> elements share RefId=$id." }
            $objects[$id] = $true
        }
        elseif (-not $objects.ContainsKey($id)) { throw "<Ref RefId=`"$id`"> does not follow an <Obj> with that RefId." }
    }
}

function Update-ClixmlRefIdOrder {
    # Renumbers Obj and TN RefIds 0,1,2,... in document order (as the serializer writes them) and follows with Ref/TNRef.
    param([System.Xml.XmlDocument] $Xml)
    $ns = Get-ClixmlNamespaceManager $Xml
    foreach ($pair in @(@('Obj', 'Ref'), @('TN', 'TNRef'))) {
        $map = @{}
        $next = 0
        foreach ($d in @($Xml.SelectNodes("//ps:$($pair[0])[@RefId]", $ns))) {
            $map[$d.GetAttribute('RefId')] = [string]$next
            $d.SetAttribute('RefId', [string]$next)
            $next++
        }
        foreach ($r in @($Xml.SelectNodes("//ps:$($pair[1])", $ns))) { $r.SetAttribute('RefId', $map[$r.GetAttribute('RefId')]) }
    }
}

#endregion

#region documents and top-level objects ------------------------------------------------------------------------

function Read-ClixmlDocument {
    <# .SYNOPSIS Loads a CLIXML file. Returns an object with .Xml (XmlDocument), .Namespace (XmlNamespaceManager, prefix 'ps'), .Path. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Path)
    $full = $PSCmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
    $xml = New-Object System.Xml.XmlDocument
    $xml.PreserveWhitespace = $true
    $xml.Load($full)
    if ($xml.DocumentElement.LocalName -ne 'Objs' -or $xml.DocumentElement.NamespaceURI -ne $script:ClixmlNamespace) {
        throw "$Path is not a CLIXML file (root <Objs> in namespace $script:ClixmlNamespace expected)."
    }
    Remove-ClixmlIndentation $xml.DocumentElement
    [pscustomobject]@{ PSTypeName = 'ClixmlDocument'; Xml = $xml; Namespace = (Get-ClixmlNamespaceManager $xml); Path = $full }
}

function Save-ClixmlDocument {
    <# .SYNOPSIS Writes the document as UTF-8 (with BOM, like the real exports), indented, LF line ends, root <Objs> kept.
       Checks that every TNRef/Ref follows its definition and renumbers RefIds in document order. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [object] $Document, [Parameter(Mandatory)] [string] $Path)
    Repair-ClixmlReferences $Document.Xml
    Update-ClixmlRefIdOrder $Document.Xml
    $full = $PSCmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
    $dir = Split-Path -Parent $full
    if ($dir -and -not (Test-Path -LiteralPath $dir)) { [void](New-Item -ItemType Directory -Path $dir) }
    $settings = New-Object System.Xml.XmlWriterSettings
    $settings.Encoding = New-Object System.Text.UTF8Encoding($true)
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.NewLineChars = "`n"
    $settings.OmitXmlDeclaration = $true
    $writer = [System.Xml.XmlWriter]::Create($full, $settings)
    try { $Document.Xml.Save($writer) } finally { $writer.Close() }
}

function Get-ClixmlObject {
    <# .SYNOPSIS Top-level <Obj> elements; -Name matches the Name property or the object's ToString (e.g. 'EX01\Default EX01'). #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [object] $Document, [string] $Name)
    foreach ($o in @($Document.Xml.DocumentElement.SelectNodes('ps:Obj', $Document.Namespace))) {
        if (-not $Name) { $o; continue }
        $n = $o.SelectSingleNode("ps:Props/ps:S[@N='Name']", $Document.Namespace)
        $t = $o.SelectSingleNode('ps:ToString', $Document.Namespace)
        if (($null -ne $n -and $n.InnerText -eq $Name) -or ($null -ne $t -and $t.InnerText -eq $Name)) { $o }
    }
}

function Resolve-ClixmlObject {
    param([object] $Document, [string] $Name, [System.Xml.XmlElement] $Object)
    if ($null -ne $Object) { return $Object }
    $found = @(Get-ClixmlObject -Document $Document -Name $Name)
    if ($found.Count -ne 1) { throw "Expected exactly one top-level object named '$Name', found $($found.Count)." }
    $found[0]
}

function Copy-ClixmlObject {
    <# .SYNOPSIS Appends a deep clone of a top-level object (fresh RefIds, TN->TNRef, internal Refs re-pointed) and returns it.
       The clone gets a fresh random Guid unless -KeepGuid. #>
    [CmdletBinding(DefaultParameterSetName = 'ByName')]
    param(
        [Parameter(Mandatory)] [object] $Document,
        [Parameter(Mandatory, ParameterSetName = 'ByName')] [string] $Name,
        [Parameter(Mandatory, ParameterSetName = 'ByObject')] [System.Xml.XmlElement] $Object,
        [switch] $KeepGuid
    )
    $source = Resolve-ClixmlObject -Document $Document -Name $Name -Object $Object
    $clone = Copy-ClixmlTree $source
    [void]$Document.Xml.DocumentElement.AppendChild($clone)
    if (-not $KeepGuid) { Set-ClixmlGuid -Object $clone -Value ([guid]::NewGuid()) }
    $clone
}

function Remove-ClixmlNode {
    # Removes an element of a document. Refs from elsewhere into it are replaced by a copy of the target (first use)
    # and re-pointed to that copy (later uses); type definitions it holds move to their next use.
    param([System.Xml.XmlDocument] $Xml, [System.Xml.XmlElement] $Target)
    $ns = Get-ClixmlNamespaceManager $Xml
    $inside = @{}
    foreach ($o in @($Target.SelectNodes('descendant-or-self::ps:Obj[@RefId]', $ns))) { $inside[$o.GetAttribute('RefId')] = $o }
    $moved = @{}
    foreach ($r in @($Xml.SelectNodes('//ps:Ref', $ns))) {
        $id = $r.GetAttribute('RefId')
        if (-not $inside.ContainsKey($id) -or (Test-ClixmlIsInside $r $Target)) { continue }
        if ($moved.ContainsKey($id)) { $r.SetAttribute('RefId', $moved[$id]); continue }
        $copy = Copy-ClixmlTree $inside[$id]
        if ($r.HasAttribute('N')) { $copy.SetAttribute('N', $r.GetAttribute('N')) } else { $copy.RemoveAttribute('N') }
        [void]$r.ParentNode.ReplaceChild($copy, $r)
        $moved[$id] = $copy.GetAttribute('RefId')
    }
    foreach ($tn in @($Target.SelectNodes('descendant::ps:TN', $ns))) {
        foreach ($use in @($Xml.SelectNodes("//ps:TNRef[@RefId='$($tn.GetAttribute('RefId'))']", $ns))) {
            if (Test-ClixmlIsInside $use $Target) { continue }
            [void]$use.ParentNode.ReplaceChild($tn.CloneNode($true), $use)
            break
        }
    }
    [void]$Target.ParentNode.RemoveChild($Target)
}

function Remove-ClixmlObject {
    <# .SYNOPSIS Removes a top-level object; what other objects share with it stays valid (Remove-ClixmlNode). #>
    [CmdletBinding(DefaultParameterSetName = 'ByName')]
    param(
        [Parameter(Mandatory)] [object] $Document,
        [Parameter(Mandatory, ParameterSetName = 'ByName')] [string] $Name,
        [Parameter(Mandatory, ParameterSetName = 'ByObject')] [System.Xml.XmlElement] $Object
    )
    $target = Resolve-ClixmlObject -Document $Document -Name $Name -Object $Object
    Remove-ClixmlNode -Xml $Document.Xml -Target $target
}

function Remove-ClixmlProperty {
    <# .SYNOPSIS Removes property -Name of a top-level object, as an older shell exports objects without it
       (an Exchange 2010/2007 Get-ReceiveConnector has no TransportRole). #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [System.Xml.XmlElement] $Object, [Parameter(Mandatory)] [string] $Name)
    Remove-ClixmlNode -Xml $Object.OwnerDocument -Target (Get-ClixmlProperty -Object $Object -Name $Name)
}

#endregion

#region renaming -------------------------------------------------------------------------------------------------

function Get-ClixmlCaseLike {
    # $Value in the case style of $Sample: all upper, all lower, or as given.
    param([string] $Sample, [string] $Value)
    $upper = $Sample.ToUpperInvariant(); $lower = $Sample.ToLowerInvariant()
    if ($upper -cne $lower) {
        if ($Sample -ceq $upper) { return $Value.ToUpperInvariant() }
        if ($Sample -ceq $lower) { return $Value.ToLowerInvariant() }
    }
    $Value
}

function Convert-ClixmlToken {
    # Replaces whole-token, case-insensitive occurrences of $From (not inside a longer host/word).
    param([string] $Text, [string] $From, [string] $To)
    $pattern = '(?<![A-Za-z0-9-])' + [regex]::Escape($From) + '(?![A-Za-z0-9-])'
    $matchList = @([regex]::Matches($Text, $pattern, [System.Text.RegularExpressions.RegexOptions]::IgnoreCase))
    if ($matchList.Count -eq 0) { return $Text }
    $sb = New-Object System.Text.StringBuilder
    $pos = 0
    foreach ($m in $matchList) {
        [void]$sb.Append($Text.Substring($pos, $m.Index - $pos))
        [void]$sb.Append((Get-ClixmlCaseLike $m.Value $To))
        $pos = $m.Index + $m.Length
    }
    [void]$sb.Append($Text.Substring($pos))
    $sb.ToString()
}

function Rename-ClixmlServer {
    <# .SYNOPSIS Rewrites every string of one object (S, ToString, list items, MS notes; not SerializationData blobs)
       that mentions server -From as -To, and, with -Domain, the old domain (dotted and DC=..,DC=.. form) as the new one.
       -FromDomain defaults to the object's first DomainId (exlab.dom in the receive-connector export).
       Works for any whole token, e.g. -From SoloORG -To 'First Organization'. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Xml.XmlElement] $Object,
        [Parameter(Mandatory)] [string] $From,
        [Parameter(Mandatory)] [string] $To,
        [string] $Domain,
        [string] $FromDomain
    )
    $ns = Get-ClixmlNamespaceManager $Object.OwnerDocument
    $pairs = New-Object System.Collections.ArrayList
    [void]$pairs.Add(@($From, $To))
    if ($Domain) {
        if (-not $FromDomain) {
            $d = $Object.SelectSingleNode("descendant::ps:S[@N='DomainId']", $ns)
            if ($null -eq $d) { throw 'No DomainId in the object: pass -FromDomain.' }
            $FromDomain = $d.InnerText
        }
        $dcFrom = 'DC=' + (($FromDomain -split '\.') -join ',DC=')
        $dcTo = 'DC=' + (($Domain -split '\.') -join ',DC=')
        [void]$pairs.Add(@($dcFrom, $dcTo))
        [void]$pairs.Add(@($FromDomain, $Domain))
    }
    foreach ($text in @($Object.SelectNodes('descendant::text()[not(ancestor::ps:BA)]', $ns))) {
        $value = $text.Value
        foreach ($p in $pairs) { $value = Convert-ClixmlToken $value $p[0] $p[1] }
        if ($value -cne $text.Value) { $text.Value = $value }
    }
}

#endregion

#region value builders -------------------------------------------------------------------------------------------

function ConvertTo-ClixmlEnumValue {
    # Names (array or 'A, B') or an integer -> @{ Text = 'A, B'; Value = n } using the property's enum map.
    param([string] $Property, [AllowNull()] [object] $Value)
    $map = $script:ClixmlEnums[$Property]
    $number = 0
    if ($Value -is [int] -or $Value -is [long]) { $number = [int]$Value }
    else {
        foreach ($name in @(@($Value) -join ',' -split ',')) {
            $name = $name.Trim()
            if (-not $name) { continue }
            $key = @($map.Keys | Where-Object { $_ -eq $name })
            if ($key.Count -eq 0) { throw "'$name' is not a value of $Property ($(@($map.Keys) -join ', '))." }
            $number = $number -bor $map[$key[0]]
        }
    }
    $exact = @($map.Keys | Where-Object { $map[$_] -eq $number })
    if ($exact.Count -gt 0) { return @{ Text = $exact[0]; Value = $number } }
    $names = @($map.Keys | Where-Object { $map[$_] -ne 0 -and ($number -band $map[$_]) -eq $map[$_] })
    $covered = 0
    foreach ($n in $names) { $covered = $covered -bor $map[$n] }
    if ($covered -ne $number) { throw "$number is not a combination of $Property values." }
    @{ Text = ($names -join ', '); Value = $number }
}

function ConvertTo-ClixmlIPAddress {
    param([string] $Text)
    $t = $Text.Trim()
    if ($t.StartsWith('[') -and $t.EndsWith(']')) { $t = $t.Substring(1, $t.Length - 2) }
    $ip = $null
    if ($t -notmatch ':' -and $t -notmatch '^\d{1,3}(\.\d{1,3}){3}$') { throw "Not an IP address: '$Text'." }
    if (-not [System.Net.IPAddress]::TryParse($t, [ref]$ip)) { throw "Not an IP address: '$Text'." }
    $ip
}

function Format-ClixmlIPv6 {
    # RFC 5952 text of 16 bytes (lower case, longest zero run of 2+ words as ::), same on .NET Framework and .NET.
    param([byte[]] $Bytes)
    $words = @(for ($i = 0; $i -lt 8; $i++) { [int]$Bytes[2 * $i] * 256 + [int]$Bytes[2 * $i + 1] })
    $bestStart = -1; $bestLength = 0; $i = 0
    while ($i -lt 8) {
        if ($words[$i] -ne 0) { $i++; continue }
        $j = $i
        while ($j -lt 8 -and $words[$j] -eq 0) { $j++ }
        if ($j - $i -gt $bestLength) { $bestStart = $i; $bestLength = $j - $i }
        $i = $j
    }
    $hex = @($words | ForEach-Object { '{0:x}' -f $_ })
    if ($bestLength -lt 2) { return ($hex -join ':') }
    $left = @(); $right = @()
    for ($k = 0; $k -lt $bestStart; $k++) { $left += $hex[$k] }
    for ($k = $bestStart + $bestLength; $k -lt 8; $k++) { $right += $hex[$k] }
    ($left -join ':') + '::' + ($right -join ':')
}

function Format-ClixmlAddressBytes {
    param([byte[]] $Bytes)
    if ($Bytes.Length -eq 4) { return ($Bytes -join '.') }
    Format-ClixmlIPv6 $Bytes
}

function ConvertTo-ClixmlBytes16 {
    # Exchange keeps every address as 128 bits; IPv4 as ::ffff:a.b.c.d.
    param([byte[]] $Bytes)
    if ($Bytes.Length -eq 16) { return , $Bytes }
    , ([byte[]](@(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255) + $Bytes))
}

function Compare-ClixmlBytes {
    param([byte[]] $A, [byte[]] $B)
    for ($i = 0; $i -lt $A.Length; $i++) { if ($A[$i] -ne $B[$i]) { return [int]$A[$i] - [int]$B[$i] } }
    0
}

function Get-ClixmlRangeSize {
    # Upper - Lower + 1 in 128 bits, printed as an IPv6 address (Exchange's IPRange.Size); the whole IPv6 space
    # overflows and shows as ffff:...:ffff, as in the real export.
    param([byte[]] $Lower, [byte[]] $Upper)
    $lo = ConvertTo-ClixmlBytes16 $Lower; $hi = ConvertTo-ClixmlBytes16 $Upper
    $r = New-Object byte[] 16
    $borrow = 0
    for ($i = 15; $i -ge 0; $i--) {
        $d = [int]$hi[$i] - [int]$lo[$i] - $borrow
        if ($d -lt 0) { $d += 256; $borrow = 1 } else { $borrow = 0 }
        $r[$i] = [byte]$d
    }
    $carry = 1
    for ($i = 15; $i -ge 0 -and $carry -eq 1; $i--) {
        $s = [int]$r[$i] + 1
        if ($s -eq 256) { $r[$i] = 0 } else { $r[$i] = [byte]$s; $carry = 0 }
    }
    if ($carry -eq 1) { for ($i = 0; $i -lt 16; $i++) { $r[$i] = 255 } }
    Format-ClixmlIPv6 $r
}

function Get-ClixmlMaskedBytes {
    # ($Bytes AND mask) or ($Bytes OR NOT mask) for a prefix length.
    param([byte[]] $Bytes, [int] $PrefixLength, [switch] $Upper)
    $out = New-Object byte[] $Bytes.Length
    for ($i = 0; $i -lt $Bytes.Length; $i++) {
        $bits = [Math]::Max(0, [Math]::Min(8, $PrefixLength - 8 * $i))
        $mask = (0xFF -shl (8 - $bits)) -band 0xFF
        if ($Upper) { $out[$i] = [byte](($Bytes[$i] -band $mask) -bor (0xFF -bxor $mask)) }
        else { $out[$i] = [byte]($Bytes[$i] -band $mask) }
    }
    , $out
}

function ConvertTo-ClixmlIPRange {
    <# Parses an Exchange RemoteIPRanges entry: single address, lo-hi, CIDR a/n, or netmask a(m).
       Returns the IPRange properties as Exchange shows them. #>
    param([string] $Expression)
    $e = $Expression.Trim()
    if ($e -match '^(?<a>[^/]+)/(?<n>\d{1,3})$') {
        $bytes = (ConvertTo-ClixmlIPAddress $Matches.a).GetAddressBytes()
        $n = [int]$Matches.n
        if ($n -gt 8 * $bytes.Length) { throw "Prefix length too large in '$Expression'." }
        $lo = Get-ClixmlMaskedBytes $bytes $n
        $hi = Get-ClixmlMaskedBytes $bytes $n -Upper
        $format = 'CIDR'; $text = (Format-ClixmlAddressBytes $lo) + '/' + $n
    }
    elseif ($e -match '^(?<a>[^(]+)\((?<m>[^)]+)\)$') {
        $bytes = (ConvertTo-ClixmlIPAddress $Matches.a).GetAddressBytes()
        $mask = (ConvertTo-ClixmlIPAddress $Matches.m).GetAddressBytes()
        if ($bytes.Length -ne 4 -or $mask.Length -ne 4) { throw "Netmask ranges are IPv4 only: '$Expression'." }
        $lo = New-Object byte[] 4; $hi = New-Object byte[] 4
        for ($i = 0; $i -lt 4; $i++) { $lo[$i] = [byte]($bytes[$i] -band $mask[$i]); $hi[$i] = [byte]($lo[$i] -bor (0xFF -bxor $mask[$i])) }
        $format = 'Netmask'; $text = (Format-ClixmlAddressBytes $lo) + '(' + ($mask -join '.') + ')'
    }
    elseif ($e -match '^(?<a>[^-]+)-(?<b>[^-]+)$') {
        $lo = (ConvertTo-ClixmlIPAddress $Matches.a).GetAddressBytes()
        $hi = (ConvertTo-ClixmlIPAddress $Matches.b).GetAddressBytes()
        if ($lo.Length -ne $hi.Length) { throw "Both ends of '$Expression' must be of the same address family." }
        if ((Compare-ClixmlBytes $lo $hi) -gt 0) { throw "Lower bound above upper bound in '$Expression'." }
        $format = 'LoHi'; $text = (Format-ClixmlAddressBytes $lo) + '-' + (Format-ClixmlAddressBytes $hi)
    }
    else {
        $lo = (ConvertTo-ClixmlIPAddress $e).GetAddressBytes()
        $hi = $lo
        $format = 'SingleAddress'; $text = Format-ClixmlAddressBytes $lo
    }
    [ordered]@{
        ToString    = $text
        LowerBound  = Format-ClixmlAddressBytes $lo
        UpperBound  = Format-ClixmlAddressBytes $hi
        RangeFormat = $format
        Size        = Get-ClixmlRangeSize $lo $hi
        Expression  = $e
    }
}

function New-ClixmlIPRangeObj {
    param([System.Xml.XmlDocument] $Xml, [string] $Expression)
    $r = ConvertTo-ClixmlIPRange $Expression
    $obj = New-ClixmlObj -Xml $Xml -TypeNames $script:ClixmlTypes.IPRange -ToString $r.ToString
    $props = New-ClixmlElement -Xml $Xml -Kind 'Props'
    foreach ($key in 'LowerBound', 'UpperBound', 'RangeFormat', 'Size', 'Expression') { Add-ClixmlChild $props 'S' $key $r[$key] }
    [void]$obj.AppendChild($props)
    $obj
}

function New-ClixmlIPAddressObj {
    # System.Net.IPAddress as Exchange's remoting serializes it (PowerShell rehydrates it from IPAddressToString).
    param([System.Xml.XmlDocument] $Xml, [string] $N, [System.Net.IPAddress] $Address)
    $bytes = $Address.GetAddressBytes()
    $text = Format-ClixmlAddressBytes $bytes
    $obj = New-ClixmlObj -Xml $Xml -N $N -TypeNames $script:ClixmlTypes.IPAddress -ToString $text
    $props = New-ClixmlElement -Xml $Xml -Kind 'Props'
    if ($bytes.Length -eq 4) {
        $number = [long]$bytes[0] + 256L * $bytes[1] + 65536L * $bytes[2] + 16777216L * $bytes[3]
        Add-ClixmlChild $props 'I64' 'Address' $number
        Add-ClixmlChild $props 'S' 'AddressFamily' 'InterNetwork'
    }
    else {
        Add-ClixmlChild $props 'S' 'AddressFamily' 'InterNetworkV6'
        Add-ClixmlChild $props 'I64' 'ScopeId' $Address.ScopeId
    }
    foreach ($flag in 'IsIPv6Multicast', 'IsIPv6LinkLocal', 'IsIPv6SiteLocal', 'IsIPv6Teredo', 'IsIPv4MappedToIPv6') {
        Add-ClixmlChild $props 'B' $flag ([string]$Address.$flag).ToLowerInvariant()
    }
    [void]$obj.AppendChild($props)
    $ms = New-ClixmlElement -Xml $Xml -Kind 'MS'
    Add-ClixmlChild $ms 'S' 'IPAddressToString' $text
    [void]$obj.AppendChild($ms)
    $obj
}

function New-ClixmlIPBindingObj {
    # '0.0.0.0:25', '[::]:25', ':::25', '10.0.0.11:25', '[fd00::11]:25' -> IPBinding (split at the last ':').
    param([System.Xml.XmlDocument] $Xml, [string] $Binding)
    $b = $Binding.Trim()
    $cut = $b.LastIndexOf(':')
    if ($cut -lt 0) { throw "Binding '$Binding' has no port." }
    $addressText = $b.Substring(0, $cut)
    if (-not $addressText) { $addressText = '0.0.0.0' }
    $port = 0
    if (-not [int]::TryParse($b.Substring($cut + 1), [ref]$port) -or $port -lt 0 -or $port -gt 65535) { throw "Bad port in binding '$Binding'." }
    $address = ConvertTo-ClixmlIPAddress $addressText
    $v6 = $address.AddressFamily -eq [System.Net.Sockets.AddressFamily]::InterNetworkV6
    $text = Format-ClixmlAddressBytes $address.GetAddressBytes()
    if ($v6) { $text = "[$text]" }
    $obj = New-ClixmlObj -Xml $Xml -TypeNames $script:ClixmlTypes.IPBinding -ToString "${text}:$port"
    $props = New-ClixmlElement -Xml $Xml -Kind 'Props'
    Add-ClixmlChild $props 'I32' 'Port' $port
    if ($v6) { Add-ClixmlChild $props 'S' 'AddressFamily' 'InterNetworkV6' } else { Add-ClixmlChild $props 'S' 'AddressFamily' 'InterNetwork' }
    [void]$obj.AppendChild($props)
    # The IPAddress object is built after the binding is in the document, so the TN order stays natural.
    $obj
}

function New-ClixmlDomainCapabilitiesObj {
    # 'fabrikam.com:AcceptCloudServicesMail'
    param([System.Xml.XmlDocument] $Xml, [string] $Value)
    $cut = $Value.IndexOf(':')
    if ($cut -lt 1) { throw "TlsDomainCapabilities entry '$Value' must look like domain:Capability." }
    $obj = New-ClixmlObj -Xml $Xml -TypeNames $script:ClixmlTypes.DomainCapabilities -ToString $Value
    $props = New-ClixmlElement -Xml $Xml -Kind 'Props'
    Add-ClixmlChild $props 'S' 'Domain' $Value.Substring(0, $cut)
    Add-ClixmlChild $props 'S' 'Capabilities' $Value.Substring($cut + 1)
    [void]$props.AppendChild((New-ClixmlElement -Xml $Xml -Kind 'Nil' -N 'SmtpX509Identifier'))
    [void]$obj.AppendChild($props)
    $obj
}

function Format-ClixmlByteQuantifiedSize {
    # ByteQuantifiedSize.ToString(): '36 MB (37,748,736 bytes)'.
    param([long] $Bytes)
    $inv = [System.Globalization.CultureInfo]::InvariantCulture
    $units = @(@('TB', 1099511627776L), @('GB', 1073741824L), @('MB', 1048576L), @('KB', 1024L), @('B', 1L))
    $unit = $units[4]
    foreach ($u in $units) { if ($Bytes -ge $u[1]) { $unit = $u; break } }
    $value = ([double]$Bytes / $unit[1]).ToString('G4', $inv)
    '{0} {1} ({2} bytes)' -f $value, $unit[0], $Bytes.ToString('N0', $inv)
}

#endregion

#region property setters -----------------------------------------------------------------------------------------

function Get-ClixmlProperty {
    <# .SYNOPSIS The XML element of property -Name of a top-level object (looked up in <Props>, then in <MS>). #>
    param([Parameter(Mandatory)] [System.Xml.XmlElement] $Object, [Parameter(Mandatory)] [string] $Name)
    $ns = Get-ClixmlNamespaceManager $Object.OwnerDocument
    $e = $Object.SelectSingleNode("ps:Props/*[@N='$Name']", $ns)
    if ($null -eq $e) { $e = $Object.SelectSingleNode("ps:MS/*[@N='$Name']", $ns) }
    if ($null -eq $e) { throw "Object has no property '$Name'." }
    $e
}

function Set-ClixmlElement {
    # Replaces property element $Old by $New (keeping its name) and returns $New.
    param([System.Xml.XmlElement] $Old, [System.Xml.XmlElement] $New)
    $New.SetAttribute('N', $Old.GetAttribute('N'))
    if ($New.LocalName -eq 'Obj' -and $Old.LocalName -eq 'Obj' -and $Old.HasAttribute('RefId')) { $New.SetAttribute('RefId', $Old.GetAttribute('RefId')) }
    [void]$Old.ParentNode.ReplaceChild($New, $Old)
    Complete-ClixmlRefIds $New.OwnerDocument
    $New
}

function Set-ClixmlObjToString {
    # New ToString (and Props children) for an existing <Obj>; its stale SerializationData is dropped.
    param([System.Xml.XmlElement] $Obj, [string] $Text)
    $ns = Get-ClixmlNamespaceManager $Obj.OwnerDocument
    $Obj.SelectSingleNode('ps:ToString', $ns).InnerText = (ConvertTo-ClixmlText $Text)
    $ms = $Obj.SelectSingleNode('ps:MS', $ns)
    if ($null -ne $ms) { [void]$Obj.RemoveChild($ms) }
}

function Set-ClixmlProps {
    # Replaces the <Props> of an <Obj> by simple children given as @(@(Kind, N, Text), ...).
    param([System.Xml.XmlElement] $Obj, [object[]] $Children)
    $ns = Get-ClixmlNamespaceManager $Obj.OwnerDocument
    $old = $Obj.SelectSingleNode('ps:Props', $ns)
    $props = New-ClixmlElement -Xml $Obj.OwnerDocument -Kind 'Props'
    foreach ($c in $Children) { Add-ClixmlChild $props $c[0] $c[1] $c[2] }
    if ($null -ne $old) { [void]$Obj.ReplaceChild($props, $old) } else { [void]$Obj.InsertAfter($props, $Obj.SelectSingleNode('ps:ToString', $ns)) }
}

function Set-ClixmlSimpleValue {
    # S / B / I32 / I64 / By / Db / G / DT / Nil properties.
    param([System.Xml.XmlElement] $Element, [AllowNull()] [object] $Value)
    $xml = $Element.OwnerDocument
    $inv = [System.Globalization.CultureInfo]::InvariantCulture
    if ($null -eq $Value) { [void](Set-ClixmlElement $Element (New-ClixmlElement -Xml $xml -Kind 'Nil')); return }
    $kind = $Element.LocalName
    if ($kind -eq 'Nil' -or $kind -eq 'Obj') {
        if ($Value -is [bool]) { $kind = 'B' }
        elseif ($Value -is [int]) { $kind = 'I32' }
        elseif ($Value -is [long]) { $kind = 'I64' }
        elseif ($Value -is [guid]) { $kind = 'G' }
        else { $kind = 'S' }
    }
    switch ($kind) {
        'S' { $text = ConvertTo-ClixmlText ([string]$Value) }
        'B' {
            if ($Value -is [string]) { $Value = [bool]::Parse($Value) }
            $text = ([string][bool]$Value).ToLowerInvariant()
        }
        'G' { $text = ([guid][string]$Value).ToString() }
        'Db' { $text = ([double]$Value).ToString('R', $inv) }
        'DT' { $text = ([datetime]$Value).ToString('o', $inv) }
        default { $text = ([long]$Value).ToString($inv) }
    }
    if ($kind -ne $Element.LocalName) {
        [void](Set-ClixmlElement $Element (New-ClixmlElement -Xml $xml -Kind $kind -Text $text))
    }
    else { $Element.InnerText = $text }
}

function Set-ClixmlEnumValue {
    param([System.Xml.XmlElement] $Element, [string] $Property, [object] $Value)
    $v = ConvertTo-ClixmlEnumValue $Property $Value
    $ns = Get-ClixmlNamespaceManager $Element.OwnerDocument
    $i32 = $Element.SelectSingleNode('ps:I32', $ns)
    if ($Element.LocalName -ne 'Obj' -or $null -eq $i32) { throw "$Property is not serialized as an enum (Obj with I32) here; cannot set it." }
    $Element.SelectSingleNode('ps:ToString', $ns).InnerText = $v.Text
    $i32.InnerText = [string]$v.Value
}

function Set-ClixmlUnlimitedValue {
    # Unlimited<int>: 'Unlimited' or a number.
    param([System.Xml.XmlElement] $Element, [object] $Value)
    if ([string]$Value -eq 'Unlimited') {
        Set-ClixmlObjToString $Element 'Unlimited'
        Set-ClixmlProps $Element @(, @('B', 'IsUnlimited', 'true'))
    }
    else {
        $n = [int]$Value
        Set-ClixmlObjToString $Element ([string]$n)
        Set-ClixmlProps $Element @(@('B', 'IsUnlimited', 'false'), @('I32', 'Value', $n))
    }
}

function Set-ClixmlTimeSpanValue {
    # EnhancedTimeSpan: a [TimeSpan] or text like '00:10:00', '1.00:00:00'.
    param([System.Xml.XmlElement] $Element, [object] $Value)
    $inv = [System.Globalization.CultureInfo]::InvariantCulture
    if ($Value -is [timespan]) { $t = $Value } else { $t = [timespan]::Parse([string]$Value, $inv) }
    Set-ClixmlObjToString $Element $t.ToString()
    $sign = 0
    if ($t.Ticks -gt 0) { $sign = 1 } elseif ($t.Ticks -lt 0) { $sign = -1 }
    Set-ClixmlProps $Element @(
        @('I32', 'Days', $t.Days), @('I32', 'Hours', $t.Hours), @('I32', 'Milliseconds', $t.Milliseconds),
        @('I32', 'Minutes', $t.Minutes), @('I32', 'Seconds', $t.Seconds), @('I64', 'Ticks', $t.Ticks),
        @('Db', 'TotalDays', $t.TotalDays.ToString('G17', $inv)), @('Db', 'TotalHours', $t.TotalHours.ToString('G17', $inv)),
        @('Db', 'TotalMilliseconds', $t.TotalMilliseconds.ToString('G17', $inv)), @('Db', 'TotalMinutes', $t.TotalMinutes.ToString('G17', $inv)),
        @('Db', 'TotalSeconds', $t.TotalSeconds.ToString('G17', $inv)), @('I32', 'Sign', $sign))
}

function Set-ClixmlByteSizeValue {
    # ByteQuantifiedSize: a byte count or '36MB' / '256 KB'.
    param([System.Xml.XmlElement] $Element, [object] $Value)
    $bytes = 0L
    if ([string]$Value -match '^\s*(?<n>[\d.]+)\s*(?<u>B|KB|MB|GB|TB)?\s*$') {
        $factor = @{ '' = 1L; B = 1L; KB = 1024L; MB = 1048576L; GB = 1073741824L; TB = 1099511627776L }[[string]$Matches.u]
        $bytes = [long]([double]::Parse($Matches.n, [System.Globalization.CultureInfo]::InvariantCulture) * $factor)
    }
    else { throw "Cannot read '$Value' as a size." }
    Set-ClixmlObjToString $Element (Format-ClixmlByteQuantifiedSize $bytes)
}

function Set-ClixmlListValue {
    # Replaces the items of a MultiValuedProperty (<Obj><LST>) using $Builder (scriptblock: param($xml, $text) -> element).
    param([System.Xml.XmlElement] $Element, [AllowNull()] [object] $Value, [scriptblock] $Builder)
    $xml = $Element.OwnerDocument
    $lst = $Element.SelectSingleNode('ps:LST', (Get-ClixmlNamespaceManager $xml))
    if ($null -eq $lst) { throw "Property '$($Element.GetAttribute('N'))' is not a serialized list (Obj with LST)." }
    $items = @($Value | Where-Object { $null -ne $_ -and [string]$_ -ne '' })
    foreach ($item in $items) { [void](& $Builder $xml ([string]$item)) }   # validate all before changing anything
    $lst.RemoveAll()
    foreach ($item in $items) {
        [void]$lst.AppendChild((& $Builder $xml ([string]$item)))
        Complete-ClixmlRefIds $xml
    }
    if (-not $lst.HasChildNodes) { $lst.IsEmpty = $true }
}

function Set-ClixmlProperty {
    <# .SYNOPSIS Sets a property of any object by its serialized kind: enums of known names (AuthMechanism,
       PermissionGroups, TransportRole, ServerRole, ProtocolLoggingLevel, MessageRateSource, SizeEnabled,
       ExtendedProtectionPolicy), Unlimited<int>, EnhancedTimeSpan, ByteQuantifiedSize, and S/B/I32/I64/G/Nil.
       Guid also sets the Identity's ObjectGuid ($null = a new random one). $null makes other properties Nil. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Xml.XmlElement] $Object,
        [Parameter(Mandatory)] [string] $Name,
        [AllowNull()] [AllowEmptyString()] [AllowEmptyCollection()] [object] $Value
    )
    if ($Name -eq 'Guid') { if ($null -eq $Value) { $Value = [guid]::NewGuid() }; Set-ClixmlGuid $Object $Value; return }
    $element = Get-ClixmlProperty -Object $Object -Name $Name
    $ns = Get-ClixmlNamespaceManager $Object.OwnerDocument
    if ($null -ne $Value -and $script:ClixmlEnums.ContainsKey($Name)) { Set-ClixmlEnumValue $element $Name $Value; return }
    if ($null -ne $Value -and $element.LocalName -eq 'Obj') {
        $type = Get-ClixmlTypeName $element
        if ($null -ne $element.SelectSingleNode("ps:Props/ps:B[@N='IsUnlimited']", $ns)) { Set-ClixmlUnlimitedValue $element $Value; return }
        if ($type -eq 'Microsoft.Exchange.Data.EnhancedTimeSpan') { Set-ClixmlTimeSpanValue $element $Value; return }
        if ($type -eq 'Microsoft.Exchange.Data.ByteQuantifiedSize') { Set-ClixmlByteSizeValue $element $Value; return }
        throw "No setter for property '$Name' of type $type."
    }
    Set-ClixmlSimpleValue $element $Value
}

function ConvertTo-ClixmlDnValue {
    param([string] $Value)
    $v = $Value -replace '([,\\+<>;"=])', '\$1'
    if ($v.StartsWith('#') -or $v.StartsWith(' ')) { $v = '\' + $v }
    if ($v.EndsWith(' ')) { $v = $v.Substring(0, $v.Length - 1) + '\ ' }
    $v
}

function Set-ClixmlConnectorName {
    # Name, top-level ToString and Identity 'SERVER\Name', DistinguishedName CN, Identity Rdn/DN/Name, AdminDisplayName.
    param([System.Xml.XmlElement] $Object, [string] $Value)
    $ns = Get-ClixmlNamespaceManager $Object.OwnerDocument
    $nameElement = Get-ClixmlProperty -Object $Object -Name 'Name'
    $old = $nameElement.InnerText
    $nameElement.InnerText = ConvertTo-ClixmlText $Value
    $top = $Object.SelectSingleNode('ps:ToString', $ns)
    $server = $top.InnerText.Split('\')[0]
    $top.InnerText = ConvertTo-ClixmlText "$server\$Value"
    $oldRdn = 'CN=' + (ConvertTo-ClixmlDnValue $old)
    $newRdn = 'CN=' + (ConvertTo-ClixmlDnValue $Value)
    $dnElements = @($Object.SelectNodes("ps:Props/ps:S[@N='DistinguishedName'] | ps:Props/ps:Obj[@N='Identity']/ps:Props/ps:S[@N='DistinguishedName']", $ns))
    foreach ($dn in $dnElements) {
        if (-not $dn.InnerText.StartsWith($oldRdn + ',')) { throw "DistinguishedName '$($dn.InnerText)' does not start with $oldRdn." }
        $dn.InnerText = ConvertTo-ClixmlText ($newRdn + $dn.InnerText.Substring($oldRdn.Length))
    }
    $identity = $Object.SelectSingleNode("ps:Props/ps:Obj[@N='Identity']", $ns)
    if ($null -ne $identity) {
        $identity.SelectSingleNode('ps:ToString', $ns).InnerText = ConvertTo-ClixmlText "$server\$Value"
        $identity.SelectSingleNode("ps:Props/ps:S[@N='Rdn']", $ns).InnerText = ConvertTo-ClixmlText $newRdn
        $identity.SelectSingleNode("ps:Props/ps:S[@N='Name']", $ns).InnerText = ConvertTo-ClixmlText $Value
    }
    $admin = $Object.SelectSingleNode("ps:Props/ps:S[@N='AdminDisplayName']", $ns)
    if ($null -ne $admin -and $admin.InnerText -eq $old -and $old -ne '') { $admin.InnerText = ConvertTo-ClixmlText $Value }
}

function Set-ClixmlGuid {
    # Guid and the Identity's ObjectGuid (Id is a <Ref> to Identity and follows).
    param([System.Xml.XmlElement] $Object, [object] $Value)
    $ns = Get-ClixmlNamespaceManager $Object.OwnerDocument
    $text = ([guid][string]$Value).ToString()
    $g = $Object.SelectSingleNode("ps:Props/ps:G[@N='Guid']", $ns)
    if ($null -ne $g) { $g.InnerText = $text }
    $og = $Object.SelectSingleNode("ps:Props/ps:Obj[@N='Identity']/ps:Props/ps:G[@N='ObjectGuid']", $ns)
    if ($null -ne $og) { $og.InnerText = $text }
}

function Set-ClixmlFqdn {
    param([System.Xml.XmlElement] $Object, [AllowNull()] [string] $Value)
    $element = Get-ClixmlProperty -Object $Object -Name 'Fqdn'
    if ($element.LocalName -eq 'S') { Set-ClixmlSimpleValue $element $Value; return }
    if (-not $Value) { [void](Set-ClixmlElement $element (New-ClixmlElement -Xml $Object.OwnerDocument -Kind 'Nil')); return }
    if ($element.LocalName -ne 'Obj') {
        $element = Set-ClixmlElement $element (New-ClixmlObj -Xml $Object.OwnerDocument -TypeNames $script:ClixmlTypes.Fqdn -ToString $Value)
    }
    Set-ClixmlObjToString $element $Value
    Set-ClixmlProps $element @(, @('S', 'Domain', $Value))
}

function Set-ClixmlTlsCertificateName {
    # '<I>issuer<S>subject' (or '<S>subject'); $null/'' -> Nil.
    param([System.Xml.XmlElement] $Object, [AllowNull()] [string] $Value)
    $element = Get-ClixmlProperty -Object $Object -Name 'TlsCertificateName'
    if (-not $Value) { [void](Set-ClixmlElement $element (New-ClixmlElement -Xml $Object.OwnerDocument -Kind 'Nil')); return }
    if ($Value -notmatch '^(<I>(?<i>.*))?<S>(?<s>.+)$') { throw "TlsCertificateName must look like '<I>issuer<S>subject'." }
    $issuer = $null
    if ($Matches.ContainsKey('i')) { $issuer = $Matches.i }
    $subject = $Matches.s
    $cn = ''
    if ($subject -match '(?i)(?:^|,\s*)CN=(?<cn>[^,]+)') { $cn = $Matches.cn }
    if ($element.LocalName -ne 'Obj') {
        $element = Set-ClixmlElement $element (New-ClixmlObj -Xml $Object.OwnerDocument -TypeNames $script:ClixmlTypes.X509Identifier -ToString $Value)
    }
    Set-ClixmlObjToString $element $Value
    Set-ClixmlProps $element @(@('S', 'CertificateSubject', $subject), @('S', 'CertificateIssuer', $issuer), @('S', 'SubjectCommonName', $cn))
    if ($null -eq $issuer) {
        $ns = Get-ClixmlNamespaceManager $Object.OwnerDocument
        [void](Set-ClixmlElement $element.SelectSingleNode("ps:Props/ps:S[@N='CertificateIssuer']", $ns) (New-ClixmlElement -Xml $Object.OwnerDocument -Kind 'Nil'))
    }
}

function Set-ClixmlConnectorProperty {
    <# .SYNOPSIS Sets one property of a deserialized ReceiveConnector in its real serialized shape.
       Special: Name, Bindings, RemoteIPRanges, TlsDomainCapabilities (string lists), Fqdn, TlsCertificateName;
       everything else via Set-ClixmlProperty (AuthMechanism/PermissionGroups/TransportRole names, Unlimited, S/B/I32...). #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Xml.XmlElement] $Object,
        [Parameter(Mandatory)] [string] $Name,
        [AllowNull()] [AllowEmptyString()] [AllowEmptyCollection()] [object] $Value
    )
    switch ($Name) {
        'Name' { Set-ClixmlConnectorName $Object ([string]$Value) }
        'Fqdn' { Set-ClixmlFqdn $Object ([string]$Value) }
        'TlsCertificateName' { Set-ClixmlTlsCertificateName $Object ([string]$Value) }
        'Bindings' {
            $element = Get-ClixmlProperty -Object $Object -Name 'Bindings'
            Set-ClixmlListValue $element $Value { param($xml, $text) New-ClixmlIPBindingObj $xml $text }
            # The Address objects are added once the bindings are in the document (keeps TN definitions in order).
            $ns = Get-ClixmlNamespaceManager $Object.OwnerDocument
            foreach ($item in @($element.SelectNodes('ps:LST/ps:Obj', $ns))) {
                $text = $item.SelectSingleNode('ps:ToString', $ns).InnerText
                $addressText = $text.Substring(0, $text.LastIndexOf(':'))
                $address = ConvertTo-ClixmlIPAddress $addressText
                [void]$item.SelectSingleNode('ps:Props', $ns).AppendChild((New-ClixmlIPAddressObj $Object.OwnerDocument 'Address' $address))
                Complete-ClixmlRefIds $Object.OwnerDocument
            }
        }
        'RemoteIPRanges' {
            Set-ClixmlListValue (Get-ClixmlProperty -Object $Object -Name 'RemoteIPRanges') $Value { param($xml, $text) New-ClixmlIPRangeObj $xml $text }
        }
        'TlsDomainCapabilities' {
            Set-ClixmlListValue (Get-ClixmlProperty -Object $Object -Name 'TlsDomainCapabilities') $Value { param($xml, $text) New-ClixmlDomainCapabilitiesObj $xml $text }
        }
        default { Set-ClixmlProperty -Object $Object -Name $Name -Value $Value }
    }
}

#endregion

#region Get-ExchangeServer ---------------------------------------------------------------------------------------

function Set-ClixmlExchangeServer {
    <# .SYNOPSIS Edits a deserialized Get-ExchangeServer object: -Name renames the server everywhere (with the domain
       taken from -Fqdn), -AdminDisplayVersion 'Version 14.3 (Build 123.4)' also sets IsE14OrLater/IsE15OrLater/
       IsExchange2007OrLater and the V14/V15 DataPath, -ServerRole 'Mailbox, ClientAccess, HubTransport' also sets the
       Is*Server flags (a 2016+ Mailbox server is Hub, CAS and FrontendTransport too). -IsEdgeServer overrides. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Xml.XmlElement] $Object,
        [string] $Name,
        [string] $Fqdn,
        [string] $AdminDisplayVersion,
        [string] $ServerRole,
        [AllowNull()] [object] $IsEdgeServer
    )
    $ns = Get-ClixmlNamespaceManager $Object.OwnerDocument
    if ($Name) {
        $current = (Get-ClixmlProperty -Object $Object -Name 'Name').InnerText
        $domain = $null
        if ($Fqdn -and $Fqdn.Contains('.')) { $domain = $Fqdn.Substring($Fqdn.IndexOf('.') + 1) }
        if ($domain) { Rename-ClixmlServer -Object $Object -From $current -To $Name -Domain $domain }
        else { Rename-ClixmlServer -Object $Object -From $current -To $Name }
    }
    if ($Fqdn) { Set-ClixmlFqdn $Object $Fqdn }
    $version = Get-ClixmlProperty -Object $Object -Name 'AdminDisplayVersion'
    if ($AdminDisplayVersion) {
        if ($AdminDisplayVersion -notmatch '^Version (?<a>\d+)\.(?<b>\d+) \(Build (?<c>\d+)\.(?<d>\d+)\)$') {
            throw "AdminDisplayVersion must look like 'Version 15.2 (Build 1544.4)'."
        }
        Set-ClixmlObjToString $version $AdminDisplayVersion
        Set-ClixmlProps $version @(@('I32', 'Major', [int]$Matches.a), @('I32', 'Minor', [int]$Matches.b),
            @('I32', 'Build', [int]$Matches.c), @('I32', 'Revision', [int]$Matches.d))
        [void]$version.SelectSingleNode('ps:Props', $ns).AppendChild((New-ClixmlElement -Xml $Object.OwnerDocument -Kind 'Nil' -N 'FilePatchLevelDescription'))
    }
    $major = [int]$version.SelectSingleNode("ps:Props/ps:I32[@N='Major']", $ns).InnerText
    $minor = [int]$version.SelectSingleNode("ps:Props/ps:I32[@N='Minor']", $ns).InnerText
    if ($AdminDisplayVersion) {
        Set-ClixmlProperty -Object $Object -Name 'IsExchange2007OrLater' -Value ($major -ge 8)
        Set-ClixmlProperty -Object $Object -Name 'IsE14OrLater' -Value ($major -ge 14)
        Set-ClixmlProperty -Object $Object -Name 'IsE15OrLater' -Value ($major -ge 15)
        $dataPath = $Object.SelectSingleNode("ps:Props/ps:Obj[@N='DataPath']", $ns)
        if ($null -ne $dataPath -and ($major -eq 14 -or $major -eq 15)) {
            foreach ($t in @($dataPath.SelectNodes("ps:ToString | ps:Props/ps:S[@N='PathName']", $ns))) {
                $t.InnerText = $t.InnerText -replace '\\V1[45]\\', "\V$major\"
            }
        }
    }
    if ($ServerRole) {
        Set-ClixmlProperty -Object $Object -Name 'ServerRole' -Value $ServerRole
        $role = (ConvertTo-ClixmlEnumValue 'ServerRole' $ServerRole).Value
        $modernMailbox = ($major -gt 15 -or ($major -eq 15 -and $minor -ge 1)) -and ($role -band 2)
        $flags = [ordered]@{
            IsMailboxServer           = [bool]($role -band 2)
            IsClientAccessServer      = [bool]($role -band 4) -or $modernMailbox
            IsHubTransportServer      = [bool]($role -band 32) -or ($major -ge 15 -and ($role -band 2))
            IsFrontendTransportServer = [bool]($role -band 16384) -or ($major -ge 15 -and ($role -band 4)) -or $modernMailbox
            IsUnifiedMessagingServer  = [bool]($role -band 16)
            IsEdgeServer              = [bool]($role -band 64)
        }
        foreach ($k in $flags.Keys) { Set-ClixmlProperty -Object $Object -Name $k -Value $flags[$k] }
    }
    if ($null -ne $IsEdgeServer) { Set-ClixmlProperty -Object $Object -Name 'IsEdgeServer' -Value ([bool]$IsEdgeServer) }
}

#endregion

#region projection -----------------------------------------------------------------------------------------------

function ConvertTo-ClixmlProjection {
    <# .SYNOPSIS Projects an imported (deserialized) object to what PowerShell shows: $null -> $null, bool -> bool,
       plain numbers -> numbers, collections -> array of item ToString(), DateTime -> UTC 'yyyy-MM-ddTHH:mm:ssZ'
       (machine independent), anything else -> ToString(). The SerializationData byte blob is left out. #>
    param([Parameter(Mandatory, ValueFromPipeline)] [object] $InputObject)
    process {
        $out = [ordered]@{}
        foreach ($p in $InputObject.PSObject.Properties) {
            if ($p.Name -eq 'SerializationData') { continue }
            $v = $p.Value
            $deserialized = $null -ne $v -and @($v.PSObject.TypeNames | Where-Object { $_ -like 'Deserialized.*' }).Count -gt 0
            if ($null -eq $v) { $out[$p.Name] = $null }
            elseif ($v -is [bool]) { $out[$p.Name] = $v }
            elseif ($v -is [string]) { $out[$p.Name] = $v }
            elseif ($v -is [datetime]) { $out[$p.Name] = $v.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ', [System.Globalization.CultureInfo]::InvariantCulture) }
            elseif ($v -is [System.Collections.IEnumerable]) { $out[$p.Name] = @(foreach ($i in $v) { $i.ToString() }) }
            elseif (-not $deserialized -and ($v -is [int] -or $v -is [long] -or $v -is [double] -or $v -is [byte])) { $out[$p.Name] = $v }
            else { $out[$p.Name] = $v.ToString() }
        }
        [pscustomobject]$out
    }
}

#endregion

Export-ModuleMember -Function Read-ClixmlDocument, Save-ClixmlDocument, Get-ClixmlObject, Copy-ClixmlObject, Remove-ClixmlObject,
    Remove-ClixmlProperty,
    Rename-ClixmlServer, Get-ClixmlProperty, Set-ClixmlProperty, Set-ClixmlConnectorProperty, Set-ClixmlExchangeServer,
    ConvertTo-ClixmlIPRange, ConvertTo-ClixmlProjection
