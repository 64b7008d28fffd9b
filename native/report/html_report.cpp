#include "report/html_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>

#include "assets.h"
#include "core/values.h"
#include "model/defaults.h"
#include "report/map_layout.h"
#include "select/landings.h"
#include "select/selection.h"

namespace ecd {
namespace {

using ordered_json = nlohmann::ordered_json;

std::string esc(std::string_view t) {
  return html_escape(t);
}

/// An evidence key in words, for the page: "exchangeSenders" -> "Exchange senders", "remoteIPRanges" -> "Remote IP
/// ranges". The keys are the response's (docs/REQUEST.md); the page shows them as labels, not as internal names.
std::string evidence_label(std::string_view key) {
  std::vector<std::string> words;
  for (std::size_t i = 0; i < key.size(); ++i) {
    const auto c = static_cast<unsigned char>(key[i]);
    const bool upper = std::isupper(c) != 0;
    const bool after_lower = i > 0 && (std::islower(static_cast<unsigned char>(key[i - 1])) != 0 ||
                                       std::isdigit(static_cast<unsigned char>(key[i - 1])) != 0);
    const bool acronym_end = i > 0 && i + 1 < key.size() && std::isupper(static_cast<unsigned char>(key[i - 1])) &&
                             std::islower(static_cast<unsigned char>(key[i + 1]));
    if (words.empty() || (upper && (after_lower || acronym_end))) words.emplace_back();
    words.back() += key[i];
  }
  std::string out;
  for (std::size_t w = 0; w < words.size(); ++w) {
    std::string word = words[w];
    const bool acronym =
        word.size() > 1 && std::all_of(word.begin(), word.end(), [](char ch) {
          return std::isupper(static_cast<unsigned char>(ch)) || std::isdigit(static_cast<unsigned char>(ch));
        });
    if (!acronym)
      for (char& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (w == 0 && !word.empty()) word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

/// An evidence value in words: lists joined with commas, objects as "Label: value", yes and no for booleans.
std::string value_text(const ordered_json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  if (v.is_array()) {
    std::string out;
    for (const auto& item : v) {
      if (!out.empty()) out += ", ";
      out += value_text(item);
    }
    return out;
  }
  if (v.is_object()) {
    std::string out;
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (!out.empty()) out += "; ";
      out += evidence_label(it.key()) + ": " + value_text(it.value());
    }
    return out;
  }
  return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string severity_class(Severity severity) {
  switch (severity) {
    case Severity::Error: return "sev-error";
    case Severity::Warning: return "sev-warning";
    case Severity::Information: break;
  }
  return "sev-information";
}

/// 0 for errors, 1 for warnings, 2 for information: the order of the page.
std::size_t severity_rank(Severity severity) {
  return static_cast<std::size_t>(Severity::Error) - static_cast<std::size_t>(severity);
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// ---- maps ----------------------------------------------------------------------------------------

std::string segment_class(const MapSegment& s) {
  if (!s.connector) return "seg seg-none";
  if (s.captures) return "seg seg-captures";
  return default_connector_kind(*s.connector) != DefaultConnector::None ? "seg seg-default" : "seg seg-custom";
}

std::string local_text(const PortMap& m) {
  if (m.local.is_unspecified())
    return m.local.family == Family::IPv4 ? "0.0.0.0 (all local IPv4 addresses)" : "[::] (all local IPv6 addresses)";
  return format_ip_address(m.local);
}

void render_svg(std::string& out, const PortMap& m, std::size_t id) {
  const MapLayout layout = layout_map(m);
  const double kWidth = MapLayout::kWidth, kBarHeight = MapLayout::kBarHeight, top = layout.top;
  out += fmt::format(
      "<svg viewBox=\"0 0 {:.0f} {:.0f}\" role=\"img\" aria-label=\"{}\" preserveAspectRatio=\"xMinYMin meet\">",
      kWidth, layout.height,
      esc(fmt::format("Port {} on {}: which connector takes which remote addresses", m.port, m.server)));
  out += fmt::format(
      "<defs><pattern id=\"hatch-{0}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
      "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#eef0f2\"/><rect width=\"2\" "
      "height=\"6\" fill=\"#c9ced4\"/></pattern></defs>",
      id);
  for (std::size_t i = 0; i < m.segments.size(); ++i) {
    const auto& s = m.segments[i];
    const double x = layout.segments[i].x, w = layout.segments[i].w;
    std::string name = s.connector ? s.connector->name : std::string("no connector: 421 4.3.2");
    std::string range = format_interval(s.start, s.end);
    out += fmt::format("<g class=\"segment\" data-connector=\"{}\" data-range=\"{}\">",
                       esc(s.connector ? s.connector->identity : ""), esc(range));
    out += fmt::format("<title>{}</title>", esc(fmt::format("{}: {}", name, range)));
    out += fmt::format("<rect class=\"{}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.0f}\" rx=\"3\"{}/>",
                       segment_class(s), x + 0.75, top, std::max(w - 1.5, 1.0), kBarHeight,
                       s.connector ? std::string() : fmt::format(" fill=\"url(#hatch-{})\"", id));
    if (w >= text_width(name) + 12)
      out += fmt::format("<text class=\"seg-name\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>",
                         x + w / 2, top + kBarHeight / 2 + 4, esc(name));
    else if (w >= 40 && s.connector)
      out += fmt::format("<text class=\"seg-name\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>",
                         x + w / 2, top + kBarHeight / 2 + 4, esc(utf8_prefix(name, 3) + "…"));
    if (w >= text_width(range, 5.9) + 8)
      out += fmt::format("<text class=\"range\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>", x + w / 2,
                         top + kBarHeight + 15, esc(range));
    out += "</g>";
  }
  for (std::size_t i = 0; i < layout.markers.size(); ++i) {
    const auto& p = layout.markers[i];
    const auto& mk = m.markers[i];
    const double label_y = p.label_y;
    out += fmt::format("<g class=\"marker{}\" data-server=\"{}\" data-address=\"{}\" data-captured=\"{}\">",
                       mk.captured ? " captured" : "", esc(mk.server), esc(format_ip_address(mk.address)),
                       mk.captured ? "true" : "false");
    out += fmt::format("<title>{}</title>",
                       esc(fmt::format("{} ({}) lands on {}{}", mk.server, format_ip_address(mk.address),
                                       m.segments[mk.segment].connector ? m.segments[mk.segment].connector->identity
                                                                        : std::string("no connector"),
                                       mk.captured ? ", which cannot authenticate Exchange servers" : "")));
    out +=
        fmt::format("<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\"/>", p.x, label_y + 3, top + 10);
    out += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4.5\"/>", p.x, top);
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\">{}</text>", p.label_x, label_y, esc(p.label));
    out += "</g>";
  }
  out += "</svg>";
}

/// A map worth folding away: every stretch goes to a default connector and no Exchange server is marked on it.
bool unchanged_default(const PortMap& m) {
  return m.markers.empty() && std::all_of(m.segments.begin(), m.segments.end(), [](const MapSegment& s) {
           return s.connector && default_connector_kind(*s.connector) != DefaultConnector::None;
         });
}

void render_map(std::string& out, const PortMap& m, std::size_t id) {
  const std::string family = m.local.family == Family::IPv4 ? "IPv4" : "IPv6";
  std::size_t captured = static_cast<std::size_t>(
      std::count_if(m.markers.begin(), m.markers.end(), [](const MapMarker& mk) { return mk.captured; }));
  out += fmt::format(
      "<figure class=\"port-map\" data-server=\"{}\" data-port=\"{}\" data-role=\"{}\" data-local=\"{}\" "
      "data-family=\"{}\" data-captured=\"{}\">",
      esc(m.server), m.port, esc(transport_role_name(m.role)), esc(format_ip_address(m.local)), family, captured);
  out += fmt::format("<figcaption>Port {} <span class=\"tag\">· {} · {}{}</span></figcaption>", m.port,
                     esc(transport_role_name(m.role)), esc(local_text(m)),
                     m.exchange_port ? " · Exchange servers deliver here" : "");
  render_svg(out, m, id);
  if (m.segments.size() == 1 && m.markers.empty()) {  // one connector takes everything: the bar says it all
    out += "</figure>";
    return;
  }
  out +=
      "<table class=\"segments\"><thead><tr><th>Remote addresses</th><th>Connector</th><th>Its matching "
      "range</th><th>Exchange servers landing here</th></tr></thead><tbody>";
  for (std::size_t i = 0; i < m.segments.size(); ++i) {
    const auto& s = m.segments[i];
    std::string servers;
    for (const auto& mk : m.markers)
      if (mk.segment == i) {
        if (!servers.empty()) servers += ", ";
        servers += fmt::format("{} ({}){}", mk.server, format_ip_address(mk.address), mk.captured ? " — captured" : "");
      }
    std::string row_class = !s.connector ? "none" : (s.captures ? "captures" : "");
    out += fmt::format(
        "<tr{}><td><code>{}</code></td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
        row_class.empty() ? std::string() : fmt::format(" class=\"{}\"", row_class),
        esc(format_interval(s.start, s.end)),
        s.connector ? esc(s.connector->identity) : std::string("no connector: 421 4.3.2 Service not available"),
        s.connector && s.range ? esc(s.connector->remote_ip_ranges[*s.range].expression) : std::string(), esc(servers));
  }
  out += "</tbody></table></figure>";
}

// ---- findings ------------------------------------------------------------------------------------

void render_command(std::string& out, const std::string& command) {
  if (command.empty()) return;
  out += fmt::format(
      "<div class=\"command\"><pre><code>{}</code></pre><button type=\"button\" class=\"copy\" "
      "title=\"Copy the command\">Copy</button></div>",
      esc(command));
}

void render_finding(std::string& out, const Finding& f, std::size_t id, bool with_command = true) {
  const std::string severity(severity_name(f.severity));
  const std::string queues = fmt::format("{}", fmt::join(f.explains_queues, ", "));
  out += fmt::format(
      "<article class=\"finding {}\" id=\"finding-{}\" data-rule-id=\"{}\" data-rule=\"{}\" data-severity=\"{}\" "
      "data-server=\"{}\" data-connector=\"{}\"{}>",
      severity_class(f.severity), id, esc(f.rule_id), esc(f.rule), severity, esc(f.server), esc(f.connector),
      queues.empty() ? std::string() : fmt::format(" data-explains-queues=\"{}\"", esc(queues)));
  out += fmt::format(
      "<div class=\"head\"><span class=\"badge sev\">{}</span><span class=\"where\">{}</span><span "
      "class=\"rule\">{} {}</span></div>",
      severity, esc(f.connector.empty() ? (f.server.empty() ? std::string("the input") : f.server) : f.connector),
      esc(f.rule_id), esc(f.rule));
  out += fmt::format("<p class=\"message\">{}</p>", esc(f.message));
  if (!queues.empty())
    out +=
        fmt::format("<p><span class=\"queues\"><span class=\"label\">Explains queue</span>{}</span></p>", esc(queues));
  if (!f.symptom.empty())
    out += fmt::format("<p><span class=\"label\">Symptom</span><code>{}</code></p>", esc(f.symptom));
  if (f.evidence.is_object() && !f.evidence.empty()) {
    out += "<dl class=\"evidence\">";
    for (auto e = f.evidence.begin(); e != f.evidence.end(); ++e) {
      std::string v = value_text(e.value());
      if (v.empty()) continue;
      out += fmt::format("<dt>{}</dt><dd>{}</dd>", esc(evidence_label(e.key())), esc(v));
    }
    out += "</dl>";
  }
  if (!f.remediation.empty()) out += fmt::format("<p><span class=\"label\">Fix</span>{}</p>", esc(f.remediation));
  if (with_command) render_command(out, f.remediation_command);
  out += "</article>";
}

/// The findings in order, Errors first; findings that one command fixes together (one command per connector) are
/// grouped under that command where the first of them stands, so the page shows each command once.
void render_findings(std::string& out, const std::vector<const Finding*>& sorted) {
  std::map<std::string_view, std::vector<std::size_t>> by_command;
  for (std::size_t i = 0; i < sorted.size(); ++i)
    if (!sorted[i]->remediation_command.empty()) by_command[sorted[i]->remediation_command].push_back(i);
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const Finding& f = *sorted[i];
    auto group = by_command.find(f.remediation_command);
    if (group == by_command.end() || group->second.size() < 2) {
      render_finding(out, f, i + 1);
      continue;
    }
    if (group->second.front() != i) continue;  // drawn with the first finding of its group
    out += fmt::format("<section class=\"fix-group\"><h3>One command fixes these {} findings on {}</h3>",
                       group->second.size(), esc(f.connector.empty() ? f.server : f.connector));
    render_command(out, f.remediation_command);
    for (std::size_t member : group->second) render_finding(out, *sorted[member], member + 1, false);
    out += "</section>";
  }
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t')
          out += ' ';
        else
          out += c;
    }
  }
  return out;
}

namespace {

/// The findings of a page, errors first, and how many of each severity (indexed by severity_rank).
struct PageFindings {
  std::vector<const Finding*> sorted;
  std::array<std::size_t, 3> counts{};
};

void render_head(std::string& out, const Organisation& org, const std::string& title, const ReportOptions& options) {
  const auto servers = static_cast<std::size_t>(
      std::count_if(org.servers.begin(), org.servers.end(), [](const ExchangeServer& s) { return s.has_connectors; }));
  out += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">";
  out +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
      "script-src 'unsafe-inline'; img-src data:\">";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  out += "<meta name=\"generator\" content=\"ExchangeConnectorDoctor " + esc(options.version) + "\">";
  out += "<title>" + esc(title) + "</title><style>";
  out += report_style();
  out += "</style></head><body>\n";
  out += fmt::format(
      "<header class=\"page\"><div class=\"inner\"><h1>{}</h1><p>{} · {} · ExchangeConnectorDoctor "
      "{}{}</p></div></header>\n",
      esc(title), esc(plural(servers, "server", "servers")),
      esc(plural(org.connectors.size(), "receive connector", "receive connectors")), esc(options.version),
      options.generated_at.empty() ? std::string() : " · " + esc(options.generated_at));
}

/// The cards (a count per severity and of maps) and the verdict in one sentence. A check that could not run is
/// said, and never reads as a pass.
void render_verdict(std::string& out, const PageFindings& page, std::size_t maps) {
  const auto& counts = page.counts;
  out += "<div class=\"summary\">";
  for (auto severity : {Severity::Error, Severity::Warning, Severity::Information}) {
    const std::size_t n = counts[severity_rank(severity)];
    const std::string name(severity_name(severity));
    out += fmt::format(
        "<div class=\"card {}\" data-severity=\"{}\" data-count=\"{}\"><span class=\"count\">{}</span>{}</div>",
        severity_class(severity), name, n, n, n == 1 || severity == Severity::Information ? name : name + "s");
  }
  out += fmt::format("<div class=\"card scope\"><span class=\"count\">{}</span>{}</div>", maps,
                     maps == 1 ? "connector map" : "connector maps");
  out += "</div>";
  if (counts[0] > 0)
    out += fmt::format(
        "<p class=\"verdict bad\"><strong>{} to fix.</strong> Errors break mail flow now (for example queues in Retry "
        "with 451 5.7.3 Cannot achieve Exchange Server authentication); each comes with the command that fixes it. "
        "Red markers in the maps below are Exchange servers whose connections land on a connector that cannot "
        "authenticate them.</p>",
        esc(plural(counts[0], "error", "errors")));
  std::vector<std::string> skipped;      // servers whose capture check could not run (ECD0002: addresses unknown)
  std::vector<std::string> not_checked;  // every other check that could not run, as its finding says it
  for (const auto* f : page.sorted) {
    if (!f->says_unchecked) continue;
    if (f->rule_id == "ECD0002")
      skipped.push_back(esc(f->server));
    else
      not_checked.push_back(f->connector.empty() ? esc(f->message)
                                                 : fmt::format("{}: {}", esc(f->connector), esc(f->summary)));
  }
  if (!skipped.empty())
    out += fmt::format(
        "<p class=\"verdict skipped\"><strong>Not every check could run.</strong> The capture check (ECD0101) was "
        "skipped for {} because {} addresses are not known: whether a connector captures {} mail is not known. Give "
        "the addresses with -ExchangeServer (ECD0002 below).</p>",
        fmt::join(skipped, ", "), skipped.size() == 1 ? "its" : "their", skipped.size() == 1 ? "its" : "their");
  else if (counts[0] == 0 && counts[1] > 0)
    out +=
        "<p class=\"verdict\"><strong>No errors.</strong> Warnings do not stop mail today, but will after a change "
        "of version, role or routing.</p>";
  else if (counts[0] == 0)
    out += "<p class=\"verdict good\"><strong>No errors and no warnings.</strong></p>";
  if (not_checked.size() == 1)
    out += fmt::format("<p class=\"verdict skipped\"><strong>Not checked.</strong> {}</p>", not_checked.front());
  else if (!not_checked.empty())
    out += fmt::format(
        "<p class=\"verdict skipped\"><strong>Not checked.</strong></p><ul class=\"not-checked\"><li>{}</li></ul>",
        fmt::join(not_checked, "</li><li>"));
}

/// Per server: findings by severity and a link to its maps. Returns the anchor number of each server's maps.
std::map<std::string, std::size_t> render_servers(std::string& out, const Organisation& org, const PageFindings& page) {
  std::map<std::string, std::array<std::size_t, 3>> per_server;
  for (const auto& s : org.servers)
    if (s.has_connectors) per_server[s.name] = {};
  for (const auto* f : page.sorted)
    if (!f->server.empty()) ++per_server[f->server][severity_rank(f->severity)];
  std::map<std::string, std::size_t> server_ids;
  for (const auto& [name, c] : per_server) server_ids.emplace(name, server_ids.size() + 1);
  if (per_server.empty()) return server_ids;
  out +=
      "<table class=\"servers\"><thead><tr><th>Server</th><th>Errors</th><th>Warnings</th><th>Information</th>"
      "<th>Maps</th></tr></thead><tbody>";
  for (const auto& [name, c] : per_server) {
    const ExchangeServer* s = org.find_server(name);
    out += fmt::format(
        "<tr data-server=\"{}\"><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td "
        "class=\"num\">{}</td><td>{}</td></tr>",
        esc(name), esc(name), c[0], c[1], c[2],
        s && s->has_connectors ? fmt::format("<a href=\"#server-{}\">maps</a>", server_ids[name]) : std::string());
  }
  out += "</tbody></table>";
  return server_ids;
}

/// "Who lands where": each Exchange sender (a row) against each receiving server (a column): on each port the sender
/// delivers on there (or may: marked "?"), the connector its connections land on, ticked when that connector
/// authenticates Exchange servers and crossed when it cannot (451 5.7.3). A blank cell: no delivery path.
void render_matrix(std::string& out, const Organisation& org) {
  const SelectionIndex index(org);
  struct Entry {
    std::uint16_t port = 0;
    std::string connector;
    bool authenticates = false;
    bool certain = false;
  };
  std::map<std::pair<std::string, std::string>, std::vector<Entry>> cells;  // (sender, target) -> entries
  for_each_exchange_landing(org, index, [&](const Landing& l) {
    if (l.delivery == Delivery::DoesNotDeliver) return;
    auto& entries = cells[{l.sender->name, l.target->name}];
    const Connector& c = *l.connector;
    const bool known = std::any_of(entries.begin(), entries.end(),
                                   [&](const Entry& e) { return e.port == l.path.port && e.connector == c.name; });
    if (!known)
      entries.push_back(Entry{l.path.port, c.name,
                              c.has_auth(kAuthExchangeServer) && c.has_permission(kPermExchangeServers),
                              delivers(l.delivery)});
  });
  std::vector<const ExchangeServer*> senders, targets;
  for (const auto& s : org.servers) {
    if (!s.addresses.empty()) senders.push_back(&s);
    if (s.has_connectors) targets.push_back(&s);
  }
  out += "<section id=\"matrix\"><h2>Who lands where</h2>";
  if (senders.empty() || targets.empty()) {
    out +=
        "<p>No Exchange server's address is known, so where Exchange servers land cannot be shown: give the "
        "addresses with -ExchangeServer.</p></section>\n";
    return;
  }
  out +=
      "<p>Each Exchange server (a row) against each receiving server: the port it delivers on there, the connector "
      "its connections land on, and whether that connector authenticates Exchange servers (&#10003;) or not "
      "(&#10007;: 451 5.7.3). A port marked ? is one it may use (its version or the path is not certain).</p>";
  out += "<table class=\"matrix\"><thead><tr><th>From \\ to</th>";
  for (const auto* t : targets) out += fmt::format("<th data-target=\"{}\">{}</th>", esc(t->name), esc(t->name));
  out += "</tr></thead><tbody>";
  for (const auto* s : senders) {
    out += fmt::format("<tr data-sender=\"{}\"><th>{}</th>", esc(s->name), esc(s->name));
    for (const auto* t : targets) {
      out += fmt::format("<td data-target=\"{}\">", esc(t->name));
      auto it = cells.find({s->name, t->name});
      if (it != cells.end()) {
        auto entries = it->second;
        std::stable_sort(entries.begin(), entries.end(),
                         [](const Entry& a, const Entry& b) { return a.port < b.port; });
        for (const auto& e : entries)
          out += fmt::format(
              "<div class=\"landing {}\" data-port=\"{}\" data-connector=\"{}\" data-ok=\"{}\">{}{} &rarr; {} "
              "<span class=\"mark\">{}</span></div>",
              e.authenticates ? "ok" : "bad", e.port, esc(e.connector), e.authenticates ? "true" : "false", e.port,
              e.certain ? "" : "?", esc(e.connector), e.authenticates ? "&#10003;" : "&#10007;");
      }
      out += "</td>";
    }
    out += "</tr>";
  }
  out += "</tbody></table>";
  // Which addresses were used for which server: what the matrix and the capture check rest on.
  out += "<table class=\"addresses\"><thead><tr><th>Server</th><th>Connects from</th></tr></thead><tbody>";
  for (const auto& s : org.servers) {
    std::vector<std::string> addresses;
    for (const auto& a : s.addresses) addresses.push_back(format_ip_address(a));
    const std::string from = addresses.empty()
                                 ? fmt::format("not known{}: the capture check was skipped for it",
                                               s.address_note.empty() ? std::string() : " (" + s.address_note + ")")
                                 : fmt::format("{}", fmt::join(addresses, ", "));
    out += fmt::format("<tr data-server=\"{}\"><td>{}</td><td>{}</td></tr>", esc(s.name), esc(s.name), esc(from));
  }
  out += "</tbody></table></section>\n";
}

void render_maps(std::string& out, const std::vector<PortMap>& maps, const std::map<std::string, std::size_t>& ids) {
  out += "<section id=\"maps\"><h2>Which connector takes which remote addresses</h2>";
  out +=
      "<p>For each server, port and local binding: the stretches of remote addresses and the connector that "
      "Exchange picks for each (the smallest matching remote range wins). Widths grow with the logarithm of the "
      "number of addresses, so a single address stays visible next to the whole address space.</p>";
  out +=
      "<p class=\"legend\"><span class=\"l-default\">default connector</span><span class=\"l-custom\">other "
      "connector</span><span class=\"l-captures\">connector that captures an Exchange server</span><span "
      "class=\"l-none\">no connector (421 4.3.2)</span><span class=\"l-marker\">Exchange server's "
      "address</span><span class=\"l-captured\">captured: cannot authenticate there</span></p>";
  std::size_t map_id = 0;
  for (std::size_t i = 0; i < maps.size();) {
    const std::string& server = maps[i].server;
    const auto known = ids.find(server);
    const std::size_t sid = known != ids.end() ? known->second : ids.size() + 1 + i;
    out += fmt::format("<section class=\"server-map\" id=\"server-{}\" data-server=\"{}\"><h3>{}</h3>", sid,
                       esc(server), esc(server));
    for (; i < maps.size() && maps[i].server == server; ++i) {
      // Exchange servers are marked only where they deliver: client ports (465, 587) show the connectors alone.
      PortMap shown = maps[i];
      if (!shown.exchange_port) shown.markers.clear();
      if (unchanged_default(shown)) {
        out +=
            fmt::format("<details class=\"folded\"><summary>Port {} · {}: default connectors only, unchanged</summary>",
                        shown.port, esc(local_text(shown)));
        render_map(out, shown, ++map_id);
        out += "</details>";
      } else {
        render_map(out, shown, ++map_id);
      }
    }
    out += "</section>\n";
  }
  if (maps.empty()) out += "<p>No enabled connector with bindings and remote ranges was given.</p>";
  out += "</section>\n";
}

}  // namespace

std::string html_report(const Organisation& org, const std::vector<PortMap>& maps, const std::vector<Finding>& findings,
                        const ReportOptions& options) {
  PageFindings page;
  for (const auto& f : findings) page.sorted.push_back(&f);
  std::stable_sort(page.sorted.begin(), page.sorted.end(),
                   [](const Finding* a, const Finding* b) { return a->severity > b->severity; });
  for (const auto* f : page.sorted) ++page.counts[severity_rank(f->severity)];
  const std::string title = options.title.empty() ? std::string("Receive connector report") : options.title;

  std::string out;
  out.reserve(64 * 1024);
  render_head(out, org, title, options);
  out += "<main>\n<section id=\"summary\"><h2>Summary</h2>";
  render_verdict(out, page, maps.size());
  const auto server_ids = render_servers(out, org, page);
  out += "</section>\n";
  render_matrix(out, org);
  out += fmt::format("<section id=\"findings\"><h2>Findings ({})</h2>", page.sorted.size());
  if (page.sorted.empty()) out += "<p>No findings.</p>";
  render_findings(out, page.sorted);
  out += "</section>\n";
  render_maps(out, maps, server_ids);
  out += "<footer>Made by ExchangeConnectorDoctor " + esc(options.version) +
         " from Get-ReceiveConnector output. Rule pages: docs/rules/&lt;rule id&gt;.md in the project.</footer>\n";
  out += "</main><script>";
  out += report_script();
  out += "</script></body></html>\n";
  return out;
}

}  // namespace ecd
