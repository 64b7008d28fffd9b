#include "diagnose/smtp_cause.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/text.h"
#include "core/values.h"

namespace ecd {
namespace {

const std::vector<CauseRow> kRows{
    {1,
     "The connector the sending Exchange server lands on lacks Exchange Server authentication (ExchangeServer in "
     "AuthMechanism): 'Default <server>' on 2525, 'Default Frontend <server>' on 25, 'Outbound Proxy Frontend "
     "<server>' on 717",
     false, "AuthMechanism of the default connectors of the next hop must contain ExchangeServer (and Tls)."},
    {2,
     "Another connector on the same port (typically an anonymous relay) lists the sending server's address in its "
     "RemoteIPRanges, wins Exchange's connector selection and cannot authenticate Exchange servers",
     false,
     "Resolve-ReceiveConnector on the next hop with the sending server's address shows which connector takes it."},
    {3,
     "The connector offers ExchangeServer but lacks the ExchangeServers permission group, as which Exchange 2007, "
     "2010 and later servers authenticate",
     false, "PermissionGroups of the default connectors must hold ExchangeServers."},
    {4,
     "A connector with Exchange Server authentication advertises an Fqdn that is not the server's name, so the "
     "Kerberos target SMTPSVC/<Fqdn> fails (or ExchangeServer was removed to allow an external name)",
     false, "Fqdn of 'Default <server>' must be the server's FQDN or NetBIOS name."},
    {5,
     "The internal transport certificate is missing, expired or cannot be loaded (events 12012, 12013; event 1036 "
     "on the receiver)",
     true,
     "Not visible in Get-ReceiveConnector: Get-ExchangeCertificate and Get-TransportService | Select-Object Name, "
     "InternalTransportCertificateThumbprint on both servers."},
    {6, "TlsCertificateName names a certificate the server does not have, so STARTTLS is not offered (event 12014)",
     false, "TlsCertificateName must name a certificate on the server, in the form <I>issuer<S>subject."},
    {7, "SuppressXAnonymousTls is set on a connector that Exchange servers reach, so direct-trust TLS is not offered",
     false, "SuppressXAnonymousTls must be False unless the WAN-optimiser procedure is followed."},
    {8, "A firewall, IPS or SMTP inspection between the servers strips X-ANONYMOUSTLS / X-EXPS from the EHLO answer",
     true,
     "Not visible in Get-ReceiveConnector: compare the EHLO answer seen from the sending server with the one on the "
     "receiving server, and disable SMTP inspection between Exchange servers."},
    {9,
     "The anonymous session lacks Submit: AnonymousUsers is missing on 'Default Frontend <server>', or a connector "
     "without AnonymousUsers wins for the sender's address",
     false, "PermissionGroups of 'Default Frontend <server>' must hold AnonymousUsers."},
    {10,
     "The authenticated identity lacks Submit on the connector that matched (ExchangeUsers or a custom permission "
     "missing)",
     false, "PermissionGroups of the connector that takes the client must grant it Submit."},
    {11,
     "The connector that took the application's address does not allow relay (no relay connector for it, or the "
     "relay connector lacks the permission)",
     false, "Resolve-ReceiveConnector with the application's address shows which connector takes it."},
    {12,
     "No enabled connector matches the sender's address on that local address and port (a coverage gap, or a "
     "disabled default connector)",
     false, "Resolve-ReceiveConnector with the sender's address answers 'no connector: 421 4.3.2'."},
    {13, "A HubTransport connector is bound to port 25 and fights with the Front End Transport service", false,
     "TransportRole of every connector on port 25 must be FrontendTransport on servers that run Front End Transport "
     "too (2016, 2019, SE, 2013 multi-role); on Edge, 2013 Mailbox-only and 2010 hubs the Transport service owns 25."},
    {14,
     "MaxInboundConnectionPerSource (20) or MaxInboundConnectionPercentagePerSource (2 %) is hit, typically "
     "because Exchange servers or busy relays land on a non-default connector (event 1021)",
     false, "The connector that takes the sender must allow enough connections per source."},
    {15,
     "Credentials or Integrated authentication of a client failed (event 1035): not a connector selection "
     "problem",
     true, "Check the client's credentials and authentication method."},
    {16, "A connector's Fqdn equals another server's or device's FQDN, so mail loops", false,
     "Fqdn of every connector must be unique to its server."},
    {17, "A default connector is disabled or was deleted (or its bindings no longer cover the port)", false,
     "Every default connector must exist, be enabled and bind its port."},
};

bool contains(std::string_view lower_text, std::string_view lower_needle) {
  return lower_text.find(lower_needle) != std::string_view::npos;
}

/// A reply the catalogue knows: how to recognise it, which rows produce it, what it means, what next.
struct Pattern {
  int code = 0;               // 0: any basic code
  std::string_view enhanced;  // "" any; "5.7.3" exact; ".3.5" subject.detail of any class
  std::string_view text;      // lower-case words the text must contain; "" any
  std::vector<int> rows;
  std::string_view title;
  std::string_view next;  // {0}: the next hop ("<next hop server>" when unknown); {1}: the queue's server
  /// The rules that can confirm it, when they are not the rules of `rows` (a refused connection: the rules about
  /// disabled, missing and rebound default connectors).
  std::vector<std::string_view> rules = {};
  /// Its cause lies outside receive connectors (the title says where), whatever its rows say.
  bool outside = false;
};

// One meaning for each way a reply can say the same thing (an enhanced code, or only words in the text).
constexpr std::string_view kRefusedTitle =
    "The next hop refused the connection: nothing listens on that port (its transport service is stopped, or no "
    "enabled receive connector binds the port: a default connector disabled, deleted or rebound), or a firewall "
    "rejects it";
constexpr std::string_view kRefusedNext =
    "Get-ReceiveConnector -Server {0} | Test-ReceiveConnector -Rule ECD0202, ECD0203, ECD0204; on {0}: "
    "Get-Service MSExchangeTransport, MSExchangeFrontEndTransport; from {1}: Test-NetConnection {0} -Port 25";
constexpr std::string_view kUnreachableTitle =
    "Outside receive connectors: the sending server could not connect to the next hop at all (no route, a timeout, "
    "a firewall dropping the connection, or a name that resolves to the wrong address)";
constexpr std::string_view kUnreachableNext = "From {1}: Resolve-DnsName {0}; Test-NetConnection {0} -Port 25";

// Replies outside DOMAIN.md §5.2 (docs/SMTP-REPLIES.md gives the source of each meaning). They come first: a refused
// connection's text names a socket error, and 530 5.7.57 reads like row 9's "Client was not authenticated".
const std::vector<Pattern> kOtherReplies{
    {0, "4.4.316", "", {17}, kRefusedTitle, kRefusedNext, {"ECD0202", "ECD0203", "ECD0204"}},
    {0, "", "connection refused", {17}, kRefusedTitle, kRefusedNext, {"ECD0202", "ECD0203", "ECD0204"}},
    {0, "", "socket error code 10061", {17}, kRefusedTitle, kRefusedNext, {"ECD0202", "ECD0203", "ECD0204"}},
    {0, "", "error code: 10061", {17}, kRefusedTitle, kRefusedNext, {"ECD0202", "ECD0203", "ECD0204"}},
    {0, "", "error code: 10060", {}, kUnreachableTitle, kUnreachableNext, {}, true},
    {0,
     "",
     "socketerror",
     {},
     "Outside receive connectors: the connection was dropped during the SMTP session (the network, a firewall, IPS "
     "or load balancer between the servers, or a restart of the receiving transport service)",
     "From {1}: Test-NetConnection {0} -Port 25; look for SMTP inspection or idle timeouts between {1} and {0}, and "
     "for transport service restarts in the Application log of {0}",
     {},
     true},
    {0, "4.4.317", "", {}, kUnreachableTitle, kUnreachableNext, {}, true},
    {0, "", "cannot connect to remote server", {}, kUnreachableTitle, kUnreachableNext, {}, true},
    {0,
     "4.4.7",
     "",
     {},
     "Outside receive connectors: the message waited in the queue until it expired (or past the delay notice "
     "time), a consequence and not a cause; the queue's last error says why it could not be delivered",
     "Get-Queue -Server {1} | Where-Object {{ $_.LastError }} | Resolve-SmtpError",
     {},
     true},
    {0,
     "",
     "message delayed",
     {},
     "Outside receive connectors: the message waited in the queue until it expired (or past the delay notice "
     "time), a consequence and not a cause; the queue's last error says why it could not be delivered",
     "Get-Queue -Server {1} | Where-Object {{ $_.LastError }} | Resolve-SmtpError",
     {},
     true},
    {451,
     "4.7.0",
     "prx",
     {},
     "The Front End Transport service of the next hop could not hand the message to the Transport service of a "
     "Mailbox server (the PRX number names the step of that proxy that failed); most often DNS on that server, "
     "rarely the Mailbox servers' 'Default <server>' connector on 2525",
     "On {0}: Resolve-DnsName for each Mailbox server's FQDN (its network adapters must use only internal DNS "
     "servers); then Get-ReceiveConnector | Test-ReceiveConnector -Rule ECD0102, ECD0202, ECD0203",
     {"ECD0102", "ECD0202", "ECD0203"},
     true},
    {0,
     "5.7.64",
     "",
     {},
     "Outside receive connectors: Exchange Online did not match the on-premises server to the tenant's inbound "
     "connector (its certificate or its public address no longer matches), so it refuses to relay",
     "In Exchange Online: Get-InboundConnector | Format-List Name, TlsSenderCertificateName, SenderIPAddresses; "
     "compare them with the certificate and public address that {1} sends from, or run the Hybrid Configuration "
     "Wizard again",
     {},
     true},
    {0,
     "5.7.57",
     "",
     {},
     "Outside receive connectors: Exchange Online requires the client to authenticate (SMTP AUTH) before MAIL FROM; "
     "the device or application sent anonymously",
     "The sender ({1}) must authenticate (SMTP AUTH) to smtp.office365.com on port 587 with STARTTLS, or send "
     "through an on-premises receive connector or an Exchange Online inbound connector that admits it",
     {},
     true},
};

// Generic replies that the specific texts above and below did not explain.
const std::vector<Pattern> kFallbacks{
    {0,
     "5.7.1",
     "",
     {10, 11, 9},
     "The receiving side refused the sender: no permission to submit, relay or send anonymously on the connector "
     "that took its connection (or a transport rule or anti-spam agent refused it)",
     "Get-ReceiveConnector -Server {0} | Resolve-ReceiveConnector -RemoteAddress <the sender's address> -Port 25; "
     "then Get-ReceiveConnector -Server {0} | Test-ReceiveConnector"},
};

const std::vector<Pattern> kPatterns{
    {0,
     "",
     "cannot load internal transport certificate",
     {5},
     "The sending server cannot load its internal transport certificate, so Exchange Server authentication fails",
     "Get-ExchangeCertificate | Where-Object {{ $_.Services -match 'SMTP' }}; Get-TransportService | Select-Object "
     "Name, InternalTransportCertificateThumbprint (on the sending server and on {0})"},
    {0,
     "",
     "cannot achieve exchange server authentication",
     {2, 1, 3, 4, 7, 8},
     "The receiving server did not offer Exchange Server authentication to the sending Exchange server on the "
     "connector that took its connection",
     "Get-ReceiveConnector -Server {0} | Test-ReceiveConnector -ExchangeServer (Get-ExchangeServer); then "
     "Get-ReceiveConnector -Server {0} | Resolve-ReceiveConnector -RemoteAddress <the sending server's address>"},
    {0,
     "",
     "starttls is required",
     {6},
     "The receiving side did not offer STARTTLS, or the sender requires it",
     "Get-ReceiveConnector -Server {0} | Test-ReceiveConnector; Get-ExchangeCertificate -Server {0}"},
    {0,
     ".7.5",
     "",
     {6},
     "TLS could not be negotiated (no usable certificate)",
     "Get-ReceiveConnector -Server {0} | Test-ReceiveConnector; Get-ExchangeCertificate -Server {0}"},
    {0,
     "",
     "maximum number of concurrent connections",
     {14},
     "The receiving connector's per-source connection limit was hit",
     "Get-ReceiveConnector -Server {0} | Test-ReceiveConnector -ExchangeServer (Get-ExchangeServer); then "
     "Get-ReceiveConnector -Server {0} | Resolve-ReceiveConnector -RemoteAddress <the sender's address>"},
    {0,
     "4.3.2",
     "",
     {12, 13, 14},
     "The receiving server has no connector for the sender (or its transport services fight for the port)",
     "Get-ReceiveConnector -Server {0} | Resolve-ReceiveConnector -RemoteAddress <the sender's address>; then "
     "Get-ReceiveConnector -Server {0} | Test-ReceiveConnector"},
    {421,
     "",
     "service not available",
     {12, 13, 14},
     "The receiving server has no connector for the sender (or its transport services fight for the port)",
     "Get-ReceiveConnector -Server {0} | Resolve-ReceiveConnector -RemoteAddress <the sender's address>; then "
     "Get-ReceiveConnector -Server {0} | Test-ReceiveConnector"},
    {0,
     "",
     "client was not authenticated",
     {9},
     "The connector that took the sender does not accept anonymous mail",
     "Get-ReceiveConnector -Server {0} | Resolve-ReceiveConnector -RemoteAddress <the sender's address> -Port 25"},
    {0,
     "",
     "unable to relay",
     {11},
     "The connector that took the sender does not let it relay",
     "Get-ReceiveConnector -Server {0} | Resolve-ReceiveConnector -RemoteAddress <the application's address> -Port 25"},
    {0,
     "5.7.54",
     "",
     {11},
     "The connector that took the sender does not let it relay",
     "Get-ReceiveConnector -Server {0} | Resolve-ReceiveConnector -RemoteAddress <the application's address> -Port 25"},
    {0,
     "",
     "does not have permissions to submit",
     {3, 10},
     "The identity that the connector authenticated has no right to submit mail there",
     "Get-ReceiveConnector -Server {0} | Test-ReceiveConnector -ExchangeServer (Get-ExchangeServer)"},
    {0,
     "",
     "authentication unsuccessful",
     {3, 15},
     "Authentication failed: the connector refused the identity, or the credentials are wrong",
     "Get-ReceiveConnector -Server {0} | Test-ReceiveConnector -ExchangeServer (Get-ExchangeServer); "
     "Get-EventLog -LogName Application -Source MSExchangeFrontEndTransport, MSExchangeTransport -Newest 50 "
     "(events 1018, 1035) on {0}"},
    {0,
     "",
     "temporary authentication failure",
     {15},
     "Authentication of a client failed temporarily",
     "Get-EventLog -LogName Application -Source MSExchangeFrontEndTransport -Newest 50 (event 1035) on {0}"},
    {0,
     ".3.5",
     "",
     {16},
     "A mail loop: the receiving side answers with the sender's own name",
     "Get-ReceiveConnector | Select-Object Identity, Fqdn | Sort-Object Fqdn (the Fqdn that {0} answers with must "
     "be its own)"},
    {0,
     "",
     "system incorrectly configured",
     {16},
     "A mail loop: the receiving side answers with the sender's own name",
     "Get-ReceiveConnector | Select-Object Identity, Fqdn | Sort-Object Fqdn (the Fqdn that {0} answers with must "
     "be its own)"},
    {0,
     ".3.3",
     "",
     {1},
     "The receiving connector does not know the Exchange Server authentication verbs",
     "Get-ReceiveConnector -Server {0} | Test-ReceiveConnector -ExchangeServer (Get-ExchangeServer)"},
    {0,
     "",
     "unrecognized command",
     {1},
     "The receiving connector does not know the Exchange Server authentication verbs",
     "Get-ReceiveConnector -Server {0} | Test-ReceiveConnector -ExchangeServer (Get-ExchangeServer)"},
};

bool enhanced_matches(std::string_view actual, std::string_view wanted) {
  if (wanted.empty()) return true;
  if (actual.empty()) return false;
  if (wanted.front() == '.') return actual.size() > 1 && actual.substr(1) == wanted;
  return actual == wanted;
}

/// How much of a text without a reply is shown as its reply (a whole event can be long).
constexpr std::size_t kBareReplyBytes = 300;

const Pattern* match(const SmtpReply& reply) {
  const std::string lower = to_lower(reply.text);
  for (const auto* list : {&kOtherReplies, &kPatterns, &kFallbacks})
    for (const auto& p : *list) {
      if (p.code != 0 && p.code != reply.code) continue;
      if (!enhanced_matches(reply.enhanced, p.enhanced)) continue;
      if (!p.text.empty() && !contains(lower, p.text)) continue;
      return &p;
    }
  return nullptr;
}

}  // namespace

const std::vector<CauseRow>& cause_catalogue() {
  return kRows;
}

const CauseRow* cause_row(int row) {
  for (const auto& r : kRows)
    if (r.row == row) return &r;
  return nullptr;
}

std::vector<int> rows_of_text(std::string_view text) {
  std::set<int> rows;
  for (const auto& r : parse_smtp_replies(text))
    if (const Pattern* p = match(r)) rows.insert(p->rows.begin(), p->rows.end());
  return {rows.begin(), rows.end()};
}

std::optional<SmtpCause> classify_reply(const SmtpReply& reply, std::string_view next_hop,
                                        const std::vector<RuleInfo>& catalogue, std::string_view queue_server) {
  const Pattern* p = match(reply);
  if (!p) return std::nullopt;
  SmtpCause cause;
  cause.reply = reply_text(reply);
  cause.rows = p->rows;
  cause.title = std::string(p->title);
  cause.outside_receive_connectors = p->outside;
  for (int row : p->rows)
    if (const CauseRow* r = cause_row(row); r && r->outside) cause.outside_receive_connectors = true;
  for (const auto& info : catalogue) {
    bool named = p->rules.empty()
                     ? std::any_of(info.rows.begin(), info.rows.end(),
                                   [&](int r) { return std::find(p->rows.begin(), p->rows.end(), r) != p->rows.end(); })
                     : std::find(p->rules.begin(), p->rules.end(), info.id) != p->rules.end();
    if (named) cause.rules.emplace_back(info.id);
  }
  std::string hop = next_hop.empty() ? std::string("<next hop server>") : std::string(next_hop);
  // Placeholders in angle brackets, like the next hop's: the text also goes into commands (Get-Queue -Server {1}).
  std::string sender = trim(queue_server).empty() ? std::string("<sending server>") : std::string(trim(queue_server));
  cause.next = fmt::format(fmt::runtime(p->next), hop, sender);
  return cause;
}

SmtpDiagnosis diagnose_smtp_text(std::string_view text, std::string_view next_hop,
                                 const std::vector<RuleInfo>& catalogue, std::string_view queue_server) {
  SmtpDiagnosis d;
  d.replies = parse_smtp_replies(text);
  d.next_hop = next_hop_in_text(text);
  if (!trim(next_hop).empty()) d.next_hop.host = std::string(trim(next_hop));
  std::string hop = !d.next_hop.host.empty()      ? d.next_hop.host
                    : !d.next_hop.address.empty() ? "<the server at " + d.next_hop.address + ">"
                                                  : std::string();
  const SmtpReply* inner = innermost_reply(d.replies);
  if (!inner) {
    // No reply in the text (a socket error, an NDR's "4.4.7 Message delayed"): what its words and a leading
    // enhanced code say is still a cause; no reply is claimed (replies and innermost stay empty).
    d.cause = classify_reply(bare_status(text), hop, catalogue, queue_server);
    if (d.cause && d.cause->reply.size() > kBareReplyBytes)
      d.cause->reply = utf8_prefix(d.cause->reply, kBareReplyBytes) + "...";
    return d;
  }
  d.innermost = static_cast<std::size_t>(inner - d.replies.data());
  d.cause = classify_reply(*inner, hop, catalogue, queue_server);
  if (!d.cause) {
    // The innermost reply is unknown (a wrapper only, or another product's text): the deepest known
    // reply of the same chain explains it best, then any other.
    std::vector<std::size_t> order(d.replies.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      bool ca = d.replies[a].chain == inner->chain, cb = d.replies[b].chain == inner->chain;
      if (ca != cb) return ca;
      return d.replies[a].depth > d.replies[b].depth;
    });
    for (std::size_t i : order)
      if ((d.cause = classify_reply(d.replies[i], hop, catalogue, queue_server))) break;
  }
  return d;
}

}  // namespace ecd
