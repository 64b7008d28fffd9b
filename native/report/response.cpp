#include "report/response.h"

#include <fmt/format.h>
#include <algorithm>
#include <tuple>

#include "core/ip.h"
#include "core/text.h"
#include "model/organisation.h"
#include "model/transport.h"

namespace ecd {

nlohmann::ordered_json finding_json(const Finding& f) {
  nlohmann::ordered_json j;
  j["id"] = f.id;
  j["ruleId"] = f.rule_id;
  j["rule"] = f.rule;
  j["severity"] = std::string(severity_name(f.severity));
  j["server"] = f.server;
  j["connector"] = f.connector;
  j["sender"] = f.sender;
  j["summary"] = f.summary;
  j["message"] = f.message;
  j["symptom"] = f.symptom;
  j["evidence"] = f.evidence;
  if (!f.explains_queues.empty()) j["evidence"]["explainsQueues"] = f.explains_queues;
  j["remediation"] = f.remediation;
  j["remediationCommand"] = f.remediation_command;
  if (f.fix) {
    nlohmann::ordered_json fix;
    fix["cmdlet"] = f.fix->cmdlet;
    auto parameters = nlohmann::ordered_json::array();
    for (const auto& [name, value] : f.fix->parameters) {
      nlohmann::ordered_json p{{"name", name}, {"value", value}};
      for (const auto& [was_name, was] : f.fix->before)
        if (was_name == name) p["before"] = was;
      parameters.push_back(std::move(p));
    }
    fix["parameters"] = std::move(parameters);
    j["fix"] = std::move(fix);
  }
  return j;
}

nlohmann::ordered_json findings_json(const std::vector<Finding>& findings) {
  auto list = nlohmann::ordered_json::array();
  for (const auto& f : findings) list.push_back(finding_json(f));
  return list;
}

namespace {

std::string text_of(const nlohmann::ordered_json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  return it->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::vector<Finding> findings_from_json(const nlohmann::ordered_json& json) {
  std::vector<Finding> out;
  if (!json.is_array()) return out;
  const auto catalogue = rule_catalogue();
  for (const auto& j : json) {
    if (!j.is_object()) continue;
    const std::string id = text_of(j, "ruleId");
    auto info = std::find_if(catalogue.begin(), catalogue.end(), [&](const RuleInfo& r) { return r.id == id; });
    Finding f = info != catalogue.end() ? finding_of(*info) : Finding{};
    f.rule_id = id;
    f.id = text_of(j, "id");
    f.rule = text_of(j, "rule");
    f.sender = text_of(j, "sender");
    if (auto summary = text_of(j, "summary"); !summary.empty()) f.summary = summary;
    f.severity = parse_severity(text_of(j, "severity")).value_or(Severity::Information);
    f.server = text_of(j, "server");
    f.connector = text_of(j, "connector");
    f.message = text_of(j, "message");
    f.symptom = text_of(j, "symptom");
    f.remediation = text_of(j, "remediation");
    f.remediation_command = text_of(j, "remediationCommand");
    if (auto e = j.find("evidence"); e != j.end() && e->is_object()) {
      f.evidence = *e;
      if (auto q = f.evidence.find("explainsQueues"); q != f.evidence.end()) {
        if (q->is_array())
          for (const auto& item : *q)
            f.explains_queues.push_back(item.is_string() ? item.get<std::string>() : item.dump());
        else
          f.explains_queues.push_back(text_of(f.evidence, "explainsQueues"));
        f.evidence.erase("explainsQueues");
      }
    }
    if (auto fix = j.find("fix"); fix != j.end() && fix->is_object()) {
      Fix x;
      x.cmdlet = text_of(*fix, "cmdlet");
      if (auto ps = fix->find("parameters"); ps != fix->end() && ps->is_array())
        for (const auto& p : *ps)
          if (p.is_object()) {
            x.parameters.emplace_back(text_of(p, "name"), p.value("value", nlohmann::ordered_json()));
            if (p.contains("before")) x.before.emplace_back(text_of(p, "name"), p["before"]);
          }
      f.fix = std::move(x);
    }
    out.push_back(std::move(f));
  }
  return out;
}

nlohmann::ordered_json servers_json(const Organisation& organisation) {
  auto list = nlohmann::ordered_json::array();
  for (const auto& s : organisation.servers) {
    nlohmann::ordered_json j;
    j["name"] = s.name;
    j["kind"] = describe_server(s);
    auto addresses = nlohmann::ordered_json::array();
    for (const auto& a : s.addresses) addresses.push_back(format_ip_address(a));
    j["addresses"] = std::move(addresses);
    j["addressNote"] = s.address_note;
    j["given"] = s.given;
    j["connectors"] = s.connector_indices.size();
    list.push_back(std::move(j));
  }
  return list;
}

nlohmann::ordered_json rule_json(const RuleInfo& info) {
  nlohmann::ordered_json j;
  j["id"] = std::string(info.id);
  j["name"] = std::string(info.name);
  j["severity"] = std::string(severity_name(info.severity));
  j["title"] = std::string(info.title);
  j["symptom"] = std::string(info.symptom);
  j["docPage"] = doc_page(info);
  return j;
}

nlohmann::ordered_json resolution_json(const Resolution& r) {
  const Selection& s = r.selection;
  nlohmann::ordered_json j;
  j["server"] = r.server;
  j["port"] = r.port;
  j["transportRole"] = r.role ? std::string(transport_role_name(*r.role)) : std::string();
  j["localAddress"] = r.local_address;
  j["remoteAddress"] = r.remote_address;
  j["connector"] = s.winner ? nlohmann::ordered_json(s.winner->identity) : nlohmann::ordered_json(nullptr);
  j["matchedRange"] = s.winner ? nlohmann::ordered_json(s.range().expression) : nlohmann::ordered_json(nullptr);
  j["matchedRangeSize"] =
      s.winner ? nlohmann::ordered_json(describe_size(s.range().size())) : nlohmann::ordered_json(nullptr);
  j["binding"] = s.binding ? format_ip_binding(*s.binding) : std::string();
  if (!r.role) {
    j["reason"] =
        fmt::format("No enabled connector of {} listens on port {}: the connection is refused.", r.server, r.port);
  } else if (!s.winner && r.remote_address == "0.0.0.0") {
    j["reason"] = "Exchange drops connections from 0.0.0.0 before choosing a connector.";
  } else if (!s.winner) {
    j["reason"] = fmt::format("No connector matches {} on port {}: Exchange answers 421 4.3.2 Service not available.",
                              r.remote_address, r.port);
  } else {
    j["reason"] =
        fmt::format("'{}' takes the connection: its remote range {} ({}) is the smallest that matches {} on {}.",
                    s.winner->identity, s.range().expression, describe_size(s.range().size()), r.remote_address,
                    format_ip_binding(*s.binding));
  }
  auto candidates = nlohmann::ordered_json::array();
  for (const auto& c : s.candidates) {
    nlohmann::ordered_json cj;
    cj["connector"] = c.connector->identity;
    cj["enabled"] = c.connector->enabled;
    cj["transportRole"] =
        c.connector->transport_role ? std::string(transport_role_name(*c.connector->transport_role)) : std::string();
    cj["binding"] = c.binding ? format_ip_binding(*c.binding) : std::string();
    cj["matchedRange"] = c.matched_range
                             ? nlohmann::ordered_json(c.connector->remote_ip_ranges[*c.matched_range].expression)
                             : nlohmann::ordered_json(nullptr);
    cj["won"] = c.reason == LossReason::None;
    cj["reason"] = std::string(loss_reason_text(c.reason));
    candidates.push_back(std::move(cj));
  }
  j["candidates"] = std::move(candidates);
  return j;
}

nlohmann::ordered_json port_maps_json(const std::vector<PortMap>& maps) {
  auto list = nlohmann::ordered_json::array();
  for (const auto& m : maps) {
    nlohmann::ordered_json j;
    j["server"] = m.server;
    j["transportRole"] = std::string(transport_role_name(m.role));
    j["port"] = m.port;
    j["localAddress"] = format_ip_address(m.local);
    j["family"] = m.local.family == Family::IPv4 ? "IPv4" : "IPv6";
    j["exchangePort"] = m.exchange_port;
    auto segments = nlohmann::ordered_json::array();
    for (const auto& s : m.segments) {
      nlohmann::ordered_json sj;
      sj["start"] = format_ip_address(s.start);
      sj["end"] = format_ip_address(s.end);
      sj["range"] = format_interval(s.start, s.end);
      sj["size"] = count_value(range_size(s.start.value, s.end.value));
      sj["connector"] = s.connector ? nlohmann::ordered_json(s.connector->identity) : nlohmann::ordered_json(nullptr);
      sj["connectorRange"] = s.connector && s.range
                                 ? nlohmann::ordered_json(s.connector->remote_ip_ranges[*s.range].expression)
                                 : nlohmann::ordered_json(nullptr);
      sj["captures"] = s.captures;
      segments.push_back(std::move(sj));
    }
    j["segments"] = std::move(segments);
    auto markers = nlohmann::ordered_json::array();
    for (const auto& mk : m.markers) {
      nlohmann::ordered_json mj;
      mj["server"] = mk.server;
      mj["address"] = format_ip_address(mk.address);
      const auto& seg = m.segments[mk.segment];
      mj["connector"] =
          seg.connector ? nlohmann::ordered_json(seg.connector->identity) : nlohmann::ordered_json(nullptr);
      mj["captured"] = mk.captured;
      markers.push_back(std::move(mj));
    }
    j["exchangeAddresses"] = std::move(markers);
    list.push_back(std::move(j));
  }
  return list;
}

nlohmann::ordered_json smtp_reply_json(const SmtpReply& r) {
  nlohmann::ordered_json j;
  j["code"] = r.code;
  j["enhanced"] = r.enhanced;
  j["text"] = r.text;
  j["depth"] = r.depth;
  j["chain"] = r.chain;
  return j;
}

nlohmann::ordered_json smtp_cause_json(const SmtpCause& c) {
  nlohmann::ordered_json j;
  j["reply"] = c.reply;
  j["row"] = c.rows.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.rows.front());
  j["rows"] = c.rows;
  j["title"] = c.title;
  j["rules"] = c.rules;
  j["outsideReceiveConnectors"] = c.outside_receive_connectors;
  auto rows = nlohmann::ordered_json::array();
  for (int row : c.rows) {
    const CauseRow* r = cause_row(row);
    if (!r) continue;
    nlohmann::ordered_json rj;
    rj["row"] = r->row;
    rj["cause"] = std::string(r->title);
    rj["outsideReceiveConnectors"] = r->outside;
    rj["hint"] = std::string(r->hint);
    rows.push_back(std::move(rj));
  }
  j["causes"] = std::move(rows);
  j["next"] = c.next;
  return j;
}

nlohmann::ordered_json smtp_diagnosis_json(const SmtpText& t, const SmtpDiagnosis& d) {
  nlohmann::ordered_json j;
  j["source"] = t.source;
  j["queueServer"] = t.queue_server;
  auto replies = nlohmann::ordered_json::array();
  for (const auto& r : d.replies) replies.push_back(smtp_reply_json(r));
  j["replies"] = std::move(replies);
  j["innermost"] = d.innermost ? smtp_reply_json(d.replies[*d.innermost]) : nlohmann::ordered_json(nullptr);
  // Without a reply in the text, the words that the cause was read from (diagnose_smtp_text).
  j["reply"] = d.innermost ? reply_text(d.replies[*d.innermost]) : d.cause ? d.cause->reply : std::string();
  nlohmann::ordered_json hop;
  hop["host"] = d.next_hop.host;
  hop["address"] = d.next_hop.address;
  j["nextHop"] = std::move(hop);
  j["cause"] = d.cause ? smtp_cause_json(*d.cause) : nlohmann::ordered_json(nullptr);
  return j;
}

}  // namespace ecd
