#include "report/html_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "core/values.h"
#include "model/defaults.h"

namespace ecd {
namespace {

using ordered_json = nlohmann::ordered_json;

constexpr std::string_view kStyle = R"css(
:root{--ink:#1d2733;--muted:#5b6673;--line:#d9dee4;--bg:#f6f7f9;--card:#fff;--err:#c62828;--err-bg:#fdecea;
--warn:#b26a00;--warn-bg:#fff4e0;--info:#1f5fa8;--info-bg:#e8f1fb;--ok:#2e7d32}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 "Segoe UI",system-ui,-apple-system,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
main{max-width:1100px;margin:0 auto;padding:0 24px 40px}
header.page{background:#1d2733;color:#fff;padding:22px 0 18px;margin-bottom:20px}
header.page .inner{max-width:1100px;margin:0 auto;padding:0 24px}
header.page h1{margin:0 0 4px;font-size:24px;font-weight:600}
header.page p{margin:0;color:#c5ccd4}
h2{font-size:19px;margin:28px 0 10px;padding-bottom:6px;border-bottom:2px solid var(--line)}
h3{font-size:16px;margin:0}
code,pre{font-family:"Cascadia Mono",Consolas,"DejaVu Sans Mono",monospace;font-size:12.5px}
.summary{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:8px}
.card{flex:1 1 150px;background:var(--card);border:1px solid var(--line);border-left:6px solid var(--muted);border-radius:6px;padding:10px 14px}
.card .count{display:block;font-size:28px;font-weight:700;line-height:1.1}
.card.sev-error{border-left-color:var(--err)}.card.sev-error .count{color:var(--err)}
.card.sev-warning{border-left-color:var(--warn)}.card.sev-warning .count{color:var(--warn)}
.card.sev-information{border-left-color:var(--info)}.card.sev-information .count{color:var(--info)}
.card.scope .count{color:var(--ink)}
.verdict{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:10px 14px;margin:12px 0}
.verdict.bad{border-color:var(--err);background:var(--err-bg)}
.verdict.good{border-color:var(--ok)}
.verdict.skipped{border-color:var(--warn)}
table{border-collapse:collapse;width:100%;background:var(--card)}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.03em}
table.servers td.num{text-align:right;font-variant-numeric:tabular-nums}
.finding{background:var(--card);border:1px solid var(--line);border-left:6px solid var(--muted);border-radius:6px;padding:12px 16px;margin:12px 0}
.finding.sev-error{border-left-color:var(--err)}.finding.sev-warning{border-left-color:var(--warn)}.finding.sev-information{border-left-color:var(--info)}
.finding .head{display:flex;gap:10px;align-items:baseline;flex-wrap:wrap;margin-bottom:6px}
.badge{display:inline-block;font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.04em;padding:2px 7px;border-radius:10px;background:#e3e7ec;color:var(--ink)}
.sev-error .badge.sev{background:var(--err-bg);color:var(--err)}.sev-warning .badge.sev{background:var(--warn-bg);color:var(--warn)}.sev-information .badge.sev{background:var(--info-bg);color:var(--info)}
.rule{color:var(--muted);font-size:12.5px}
.where{font-weight:600}
.finding p{margin:6px 0}
.label{font-weight:600;color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.03em;margin-right:6px}
.queues{background:var(--info-bg);border-radius:4px;padding:4px 8px;display:inline-block}
dl.evidence{display:grid;grid-template-columns:max-content minmax(0,1fr) max-content minmax(0,1fr);gap:2px 14px;margin:8px 0;font-size:12.5px}
@media (max-width:760px){dl.evidence{grid-template-columns:max-content minmax(0,1fr)}}
dl.evidence dt{color:var(--muted)}dl.evidence dd{margin:0;overflow-wrap:anywhere}
.command{position:relative;margin:8px 0 2px}
.command pre{margin:0;background:#0f1720;color:#e6edf3;border-radius:6px;padding:10px 84px 10px 12px;white-space:pre-wrap;overflow-wrap:anywhere}
.command button{position:absolute;top:6px;right:6px;font:12px system-ui,sans-serif;padding:4px 10px;border-radius:4px;border:1px solid #52606d;background:#26323d;color:#fff;cursor:pointer}
.command button:hover{background:#33414d}
.server-map{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:12px 16px;margin:14px 0}
.port-map{margin:14px 0 18px}
.port-map figcaption{font-weight:600;margin-bottom:4px}
.port-map figcaption .tag{font-weight:400;color:var(--muted)}
.port-map svg{display:block;width:100%;height:auto}
.port-map table{font-size:12.5px;margin-top:4px}
.port-map tr.captures td{background:var(--err-bg)}
.port-map tr.none td{color:var(--muted);font-style:italic}
svg .seg{stroke-width:1.5}
svg .seg-default{fill:#d6e4fa;stroke:#4a7fd4}
svg .seg-custom{fill:#fde9c8;stroke:#d99a2b}
svg .seg-captures{fill:#f8cfcf;stroke:#c62828;stroke-width:2.5}
svg .seg-none{stroke:#9aa4ae}
svg text{font:12px "Segoe UI",system-ui,Arial,sans-serif;fill:var(--ink)}
svg text.seg-name{font-weight:600}
svg text.range{fill:var(--muted);font-size:11px}
svg .marker line{stroke:#37474f;stroke-width:1.5}
svg .marker circle{fill:#37474f;stroke:#fff;stroke-width:1.5}
svg .marker text{font-size:11.5px}
svg .marker.captured line{stroke:var(--err);stroke-width:2}
svg .marker.captured circle{fill:var(--err)}
svg .marker.captured text{fill:var(--err);font-weight:700}
.legend{display:flex;gap:16px;flex-wrap:wrap;font-size:12.5px;color:var(--muted);margin:6px 0 10px}
.legend span::before{content:"";display:inline-block;width:14px;height:10px;margin-right:5px;vertical-align:-1px;border:1.5px solid}
.legend .l-default::before{background:#d6e4fa;border-color:#4a7fd4}
.legend .l-custom::before{background:#fde9c8;border-color:#d99a2b}
.legend .l-captures::before{background:#f8cfcf;border-color:#c62828}
.legend .l-none::before{background:repeating-linear-gradient(45deg,#eef0f2 0 3px,#c9ced4 3px 5px);border-color:#9aa4ae}
.legend .l-marker::before{width:10px;height:10px;border-radius:50%;background:#37474f;border-color:#37474f}
.legend .l-captured::before{width:10px;height:10px;border-radius:50%;background:var(--err);border-color:var(--err)}
footer{color:var(--muted);font-size:12px;margin-top:30px}
@media print{
 body{background:#fff;font-size:10.5pt}
 header.page{background:#fff;color:var(--ink);border-bottom:2px solid var(--ink);padding:0 0 8px}
 header.page p{color:var(--muted)}
 main,header.page .inner{max-width:none;padding:0}
 .command button{display:none}
 .command pre{background:#f3f5f7;color:#000;border:1px solid var(--line);padding-right:12px}
 .finding,.port-map,.card{break-inside:avoid}
 .server-map{border:none;padding:0}
 h2{break-after:avoid}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
)css";

constexpr std::string_view kScript = R"js(
document.addEventListener('click', function (event) {
  var button = event.target.closest ? event.target.closest('button.copy') : null;
  if (!button) return;
  var code = button.parentNode.querySelector('code');
  var text = code.textContent;
  function done(ok) {
    button.textContent = ok ? 'Copied' : 'Press Ctrl+C';
    setTimeout(function () { button.textContent = 'Copy'; }, 1600);
  }
  function select() {
    var range = document.createRange();
    range.selectNodeContents(code);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    done(ok);
  }
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(text).then(function () { done(true); }, select);
  } else {
    select();
  }
});
)js";

std::string esc(std::string_view t) {
  return html_escape(t);
}

std::string str(const ordered_json& j, std::string_view key) {
  auto it = j.find(std::string(key));
  if (it == j.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  return it->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string value_text(const ordered_json& v) {
  if (v.is_string()) return v.get<std::string>();
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
      out += it.key() + ": " + value_text(it.value());
    }
    return out;
  }
  return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string severity_class(std::string_view severity) {
  if (iequals(severity, "Error")) return "sev-error";
  if (iequals(severity, "Warning")) return "sev-warning";
  return "sev-information";
}

int severity_rank(std::string_view severity) {
  if (iequals(severity, "Error")) return 0;
  if (iequals(severity, "Warning")) return 1;
  return 2;
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// ---- maps ----------------------------------------------------------------------------------------

constexpr double kWidth = 1000.0;
constexpr double kBarHeight = 38.0;
constexpr double kRowHeight = 16.0;

std::string segment_class(const MapSegment& s) {
  if (!s.connector) return "seg seg-none";
  if (s.captures) return "seg seg-captures";
  return default_connector_kind(*s.connector) != DefaultConnector::None ? "seg seg-default" : "seg seg-custom";
}

double text_width(std::string_view text, double per_char = 6.6) {
  return static_cast<double>(text.size()) * per_char;
}

double offset_fraction(const MapSegment& s, const IpAddress& a) {
  Uint128 offset = a.value - s.start.value;
  Uint128 size = range_size(s.start.value, s.end.value);
  auto as_double = [](Uint128 v) {
    return static_cast<double>(v.hi) * 18446744073709551616.0 + static_cast<double>(v.lo);
  };
  double f = (as_double(offset) + 0.5) / std::max(as_double(size), 1.0);
  return std::clamp(f, 0.08, 0.92);
}

std::string local_text(const PortMap& m) {
  if (m.local.is_unspecified())
    return m.local.family == Family::IPv4 ? "0.0.0.0 (all local IPv4 addresses)" : "[::] (all local IPv6 addresses)";
  return format_ip_address(m.local);
}

void render_svg(std::string& out, const PortMap& m, std::size_t id) {
  // Widths: 1 + log2(size) per segment, so a single address and the whole space both stay visible.
  std::vector<double> weight;
  double total = 0;
  for (const auto& s : m.segments) {
    weight.push_back(1.0 + log2_size(s.start, s.end));
    total += weight.back();
  }
  std::vector<double> x(m.segments.size()), w(m.segments.size());
  double at = 0;
  for (std::size_t i = 0; i < m.segments.size(); ++i) {
    x[i] = at;
    w[i] = kWidth * weight[i] / total;
    at += w[i];
  }
  // Marker labels in rows above the bar, each starting just right of its marker's line. Markers are placed
  // from the right, nearest row first, so a line never crosses a label below it: the labels there belong
  // to markers further right. Neighbours (10.0.0.11, 10.0.0.12) go to rows further up.
  struct Placed {
    double x = 0;
    double label_x = 0;
    std::size_t row = 0;
    std::string label;
  };
  std::vector<Placed> placed(m.markers.size());
  std::vector<std::size_t> order(m.markers.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    order[i] = i;
    const auto& mk = m.markers[i];
    placed[i].x = x[mk.segment] + w[mk.segment] * offset_fraction(m.segments[mk.segment], mk.address);
    placed[i].label = fmt::format("{} {}", mk.server, format_ip_address(mk.address));
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return placed[a].x > placed[b].x; });
  std::vector<double> row_start;  // the leftmost label start in each row (row 0 nearest the bar)
  for (std::size_t i : order) {
    Placed& p = placed[i];
    double lw = text_width(p.label, 6.4) + 4;
    p.label_x = p.x + 5 + lw <= kWidth ? p.x + 5 : p.x - 5 - lw;
    std::size_t row = row_start.size();
    for (std::size_t r = 0; r < row_start.size(); ++r)
      if (p.label_x + lw + 8 <= row_start[r]) {
        row = r;
        break;
      }
    if (row == row_start.size()) {
      if (row_start.size() < 8)
        row_start.push_back(kWidth + 100);
      else
        row = static_cast<std::size_t>(std::max_element(row_start.begin(), row_start.end()) - row_start.begin());
    }
    row_start[row] = std::min(row_start[row], p.label_x);
    p.row = row;
  }
  const std::size_t rows = row_start.size();
  const double top = 8 + kRowHeight * static_cast<double>(rows) + (rows == 0 ? 0 : 8);
  const double height = top + kBarHeight + 22;
  out += fmt::format(
      "<svg viewBox=\"0 0 {:.0f} {:.0f}\" role=\"img\" aria-label=\"{}\" preserveAspectRatio=\"xMinYMin meet\">",
      kWidth, height,
      esc(fmt::format("Port {} on {}: which connector takes which remote addresses", m.port, m.server)));
  out += fmt::format(
      "<defs><pattern id=\"hatch-{0}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
      "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#eef0f2\"/><rect width=\"2\" "
      "height=\"6\" fill=\"#c9ced4\"/></pattern></defs>",
      id);
  for (std::size_t i = 0; i < m.segments.size(); ++i) {
    const auto& s = m.segments[i];
    std::string name = s.connector ? s.connector->name : std::string("no connector: 421 4.3.2");
    std::string range = format_interval(s.start, s.end);
    out += fmt::format("<g class=\"segment\" data-connector=\"{}\" data-range=\"{}\">",
                       esc(s.connector ? s.connector->identity : ""), esc(range));
    out += fmt::format("<title>{}</title>", esc(fmt::format("{}: {}", name, range)));
    out += fmt::format("<rect class=\"{}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.0f}\" rx=\"3\"{}/>",
                       segment_class(s), x[i] + 0.75, top, std::max(w[i] - 1.5, 1.0), kBarHeight,
                       s.connector ? std::string() : fmt::format(" fill=\"url(#hatch-{})\"", id));
    if (w[i] >= text_width(name) + 12)
      out += fmt::format("<text class=\"seg-name\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>",
                         x[i] + w[i] / 2, top + kBarHeight / 2 + 4, esc(name));
    else if (w[i] >= 40 && s.connector)
      out += fmt::format("<text class=\"seg-name\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>",
                         x[i] + w[i] / 2, top + kBarHeight / 2 + 4, esc(utf8_prefix(name, 3) + "…"));
    if (w[i] >= text_width(range, 5.9) + 8)
      out += fmt::format("<text class=\"range\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>",
                         x[i] + w[i] / 2, top + kBarHeight + 15, esc(range));
    out += "</g>";
  }
  for (std::size_t i = 0; i < placed.size(); ++i) {
    const auto& p = placed[i];
    const auto& mk = m.markers[i];
    double label_y = 8 + kRowHeight * static_cast<double>(rows - 1 - p.row) + 11;
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

void render_finding(std::string& out, const ordered_json& f, std::size_t id) {
  const std::string severity = str(f, "severity");
  const std::string server = str(f, "server");
  const std::string connector = str(f, "connector");
  const std::string rule_id = str(f, "ruleId");
  std::string queues;
  if (auto it = f.find("evidence"); it != f.end() && it->is_object())
    if (auto q = it->find("explainsQueues"); q != it->end()) queues = value_text(*q);
  out += fmt::format(
      "<article class=\"finding {}\" id=\"finding-{}\" data-rule-id=\"{}\" data-rule=\"{}\" data-severity=\"{}\" "
      "data-server=\"{}\" data-connector=\"{}\"{}>",
      severity_class(severity), id, esc(rule_id), esc(str(f, "rule")), esc(severity), esc(server), esc(connector),
      queues.empty() ? std::string() : fmt::format(" data-explains-queues=\"{}\"", esc(queues)));
  out += fmt::format(
      "<div class=\"head\"><span class=\"badge sev\">{}</span><span class=\"where\">{}</span><span "
      "class=\"rule\">{} {}</span></div>",
      esc(severity), esc(connector.empty() ? (server.empty() ? std::string("the input") : server) : connector),
      esc(rule_id), esc(str(f, "rule")));
  out += fmt::format("<p class=\"message\">{}</p>", esc(str(f, "message")));
  if (!queues.empty())
    out +=
        fmt::format("<p><span class=\"queues\"><span class=\"label\">Explains queue</span>{}</span></p>", esc(queues));
  if (auto s = str(f, "symptom"); !s.empty())
    out += fmt::format("<p><span class=\"label\">Symptom</span><code>{}</code></p>", esc(s));
  if (auto it = f.find("evidence"); it != f.end() && it->is_object() && !it->empty()) {
    out += "<dl class=\"evidence\">";
    for (auto e = it->begin(); e != it->end(); ++e) {
      std::string v = value_text(e.value());
      if (v.empty() || e.key() == "explainsQueues") continue;
      out += fmt::format("<dt>{}</dt><dd>{}</dd>", esc(e.key()), esc(v));
    }
    out += "</dl>";
  }
  if (auto r = str(f, "remediation"); !r.empty())
    out += fmt::format("<p><span class=\"label\">Fix</span>{}</p>", esc(r));
  if (auto c = str(f, "remediationCommand"); !c.empty())
    out += fmt::format(
        "<div class=\"command\"><pre><code>{}</code></pre><button type=\"button\" class=\"copy\" "
        "title=\"Copy the command\">Copy</button></div>",
        esc(c));
  out += "</article>";
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

std::string html_report(const Organisation& org, const std::vector<PortMap>& maps, const ordered_json& findings_in,
                        const ReportOptions& options) {
  std::vector<const ordered_json*> findings;
  if (findings_in.is_array())
    for (const auto& f : findings_in)
      if (f.is_object()) findings.push_back(&f);
  std::stable_sort(findings.begin(), findings.end(), [](const ordered_json* a, const ordered_json* b) {
    return severity_rank(str(*a, "severity")) < severity_rank(str(*b, "severity"));
  });
  std::array<std::size_t, 3> counts{};
  for (const auto* f : findings) ++counts[static_cast<std::size_t>(severity_rank(str(*f, "severity")))];

  const std::string title = options.title.empty() ? std::string("Receive connector report") : options.title;
  std::size_t servers_with_connectors = static_cast<std::size_t>(
      std::count_if(org.servers.begin(), org.servers.end(), [](const ExchangeServer& s) { return s.has_connectors; }));

  std::string out;
  out.reserve(64 * 1024);
  out += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">";
  out +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
      "script-src 'unsafe-inline'; img-src data:\">";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  out += "<meta name=\"generator\" content=\"ExchangeConnectorDoctor " + esc(options.version) + "\">";
  out += "<title>" + esc(title) + "</title><style>";
  out += kStyle;
  out += "</style></head><body>\n";
  out += fmt::format(
      "<header class=\"page\"><div class=\"inner\"><h1>{}</h1><p>{} · {} · ExchangeConnectorDoctor "
      "{}{}</p></div></header>\n",
      esc(title), esc(plural(servers_with_connectors, "server", "servers")),
      esc(plural(org.connectors.size(), "receive connector", "receive connectors")), esc(options.version),
      options.generated_at.empty() ? std::string() : " · " + esc(options.generated_at));
  out += "<main>\n<section id=\"summary\"><h2>Summary</h2><div class=\"summary\">";
  const std::array<std::pair<std::string_view, std::string_view>, 3> names{
      {{"Error", "Errors"}, {"Warning", "Warnings"}, {"Information", "Information"}}};
  for (std::size_t i = 0; i < 3; ++i)
    out += fmt::format(
        "<div class=\"card {}\" data-severity=\"{}\" data-count=\"{}\"><span class=\"count\">{}</span>{}</div>",
        severity_class(names[i].first), names[i].first, counts[i], counts[i],
        counts[i] == 1 ? names[i].first : names[i].second);
  out += fmt::format("<div class=\"card scope\"><span class=\"count\">{}</span>{}</div>", maps.size(),
                     maps.size() == 1 ? "connector map" : "connector maps");
  out += "</div>";
  if (counts[0] > 0)
    out += fmt::format(
        "<p class=\"verdict bad\"><strong>{} to fix.</strong> Errors break mail flow now (for example queues in Retry "
        "with 451 5.7.3 Cannot achieve Exchange Server authentication); each comes with the command that fixes it. "
        "Red markers in the maps below are Exchange servers whose connections land on a connector that cannot "
        "authenticate them.</p>",
        esc(plural(counts[0], "error", "errors")));
  // A check that could not run is said, and never reads as a pass (ECD0002: a server's addresses unknown).
  std::vector<std::string> skipped;
  for (const auto* f : findings)
    if (str(*f, "ruleId") == "ECD0002" && !str(*f, "server").empty()) skipped.push_back(esc(str(*f, "server")));
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

  // Per server: findings by severity, and a link to its maps.
  std::map<std::string, std::array<std::size_t, 3>> per_server;
  for (const auto& s : org.servers)
    if (s.has_connectors) per_server[s.name] = {};
  for (const auto* f : findings) {
    std::string server = str(*f, "server");
    if (server.empty()) continue;
    ++per_server[server][static_cast<std::size_t>(severity_rank(str(*f, "severity")))];
  }
  std::map<std::string, std::size_t> server_ids;
  for (const auto& [name, c] : per_server) server_ids.emplace(name, server_ids.size() + 1);
  if (!per_server.empty()) {
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
  }
  out += "</section>\n";

  out += fmt::format("<section id=\"findings\"><h2>Findings ({})</h2>", findings.size());
  if (findings.empty()) out += "<p>No findings.</p>";
  for (std::size_t i = 0; i < findings.size(); ++i) render_finding(out, *findings[i], i + 1);
  out += "</section>\n";

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
    std::size_t sid = server_ids.count(server) ? server_ids[server] : server_ids.size() + 1 + i;
    out += fmt::format("<section class=\"server-map\" id=\"server-{}\" data-server=\"{}\"><h3>{}</h3>", sid,
                       esc(server), esc(server));
    for (; i < maps.size() && maps[i].server == server; ++i) render_map(out, maps[i], ++map_id);
    out += "</section>\n";
  }
  if (maps.empty()) out += "<p>No enabled connector with bindings and remote ranges was given.</p>";
  out += "</section>\n";
  out += "<footer>Made by ExchangeConnectorDoctor " + esc(options.version) +
         " from Get-ReceiveConnector output. Rule pages: docs/rules/&lt;rule id&gt;.md in the project.</footer>\n";
  out += "</main><script>";
  out += kScript;
  out += "</script></body></html>\n";
  return out;
}

}  // namespace ecd
