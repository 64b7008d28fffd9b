function Get-EcdRuleHelpFile {
    # The full path of a rule's page inside the installed module (en-US/rules/<id>.md, copied from docs/rules by
    # build-scripts/build.sh), so that a finding's help works offline; $null when the module has no such page.
    [CmdletBinding()]
    [OutputType([string])]
    param([AllowEmptyString()] [string] $RuleId)
    if (-not $RuleId -or $RuleId -notmatch '^[A-Za-z0-9]+$') { return $null }
    $page = Join-Path -Path (Split-Path -Path $PSScriptRoot -Parent) -ChildPath ('en-US{0}rules{0}{1}.md' -f [System.IO.Path]::DirectorySeparatorChar, $RuleId)
    if (Test-Path -LiteralPath $page -PathType Leaf) { return $page }
    $null
}
