// The severity of a finding, as a type that PowerShell sorts and compares by weight (Information < Warning < Error),
// so that Sort-Object Severity, -gt 'Warning' and Group-Object work. The engine's Severity (native/finding/finding.h)
// has the same names and values; the module converts the engine's text to this type and nothing else decides it.
namespace ExchangeConnectorDoctor
{
    public enum Severity
    {
        Information = 0,
        Warning = 1,
        Error = 2,
    }
}
