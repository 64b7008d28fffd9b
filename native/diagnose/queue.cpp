#include "diagnose/queue.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/ip.h"
#include "core/values.h"
#include "diagnose/input_issues.h"
#include "diagnose/smtp_cause.h"
#include "parse/smtp_reply.h"

namespace ecd {
namespace {

std::string target_of(const Organisation& org, const std::string& host, const std::string& address) {
  std::string_view h = trim(host);
  if (!h.empty()) {
    std::string_view label = h.substr(0, h.find('.'));
    for (const auto& s : org.servers)
      if (iequals(s.name, h) || (!s.fqdn.empty() && iequals(s.fqdn, h))) return s.name;
    for (const auto& c : org.connectors)
      if (!c.fqdn.empty() && iequals(c.fqdn, h)) return c.server;
    if (label.size() < h.size())
      for (const auto& s : org.servers)
        if (iequals(s.name, label)) return s.name;
  }
  if (auto a = parse_ip_address(trim(address)))
    for (const auto& s : org.servers)
      if (std::find(s.addresses.begin(), s.addresses.end(), *a.value) != s.addresses.end()) return s.name;
  return {};
}

bool shares_row(const std::vector<int>& a, const std::vector<int>& b) {
  return std::any_of(a.begin(), a.end(), [&](int r) { return std::find(b.begin(), b.end(), r) != b.end(); });
}

}  // namespace

void diagnose_queues(Organisation& org) {
  for (auto& q : org.queues) {
    auto replies = parse_smtp_replies(q.last_error);
    const SmtpReply* inner = innermost_reply(replies);
    SmtpNextHop hop = next_hop_in_text(q.last_error);
    q.target = target_of(org, q.next_hop, hop.address);
    if (q.target.empty() && !hop.host.empty()) q.target = target_of(org, hop.host, hop.address);
    if (!inner) {
      q.failing = !trim(q.last_error).empty();  // an error that is no SMTP reply ("Failed to connect ...")
      continue;
    }
    q.failing = inner->code >= 400;
    q.reply = reply_text(*inner);
    // The rows of the deepest reply the catalogue knows (wrappers such as 4.4.395 are not in it).
    q.rows = rows_of_text(q.reply);
    if (q.rows.empty()) q.rows = rows_of_text(q.last_error);
  }
}

bool finding_explains_queue(const Finding& f, const Queue& q) {
  if (!q.failing || q.target.empty() || q.rows.empty()) return false;
  if (f.severity < Severity::Warning || !iequals(f.server, q.target)) return false;
  if (!shares_row(f.rows, q.rows)) return false;
  if (!q.server.empty() && !f.sender.empty() && !iequals(f.sender, q.server)) return false;
  // A sender that does not deliver on the finding's port cannot be behind the queue; one that may (a port that
  // is not documented, a version that is not known) can, and the queue then confirms it.
  return f.delivery != Delivery::DoesNotDeliver;
}

void explain_queues(std::vector<Finding>& findings, const Organisation& org) {
  for (auto& f : findings) {
    for (const auto& q : org.queues)
      if (finding_explains_queue(f, q)) f.explains_queues.push_back(q.identity.empty() ? q.pointer : q.identity);
    if (f.explains_queues.empty()) continue;
    // A capture judged uncertain (the sender may deliver on that port) is certain once its queue fails so.
    if (f.severity == Severity::Warning &&
        (f.delivery == Delivery::Undocumented || f.delivery == Delivery::MayDeliver)) {
      f.severity = Severity::Error;
      f.message += fmt::format(" Queue {} fails with this error, which confirms it.", f.explains_queues.front());
    }
  }
}

std::vector<std::string> queue_targets(const Organisation& org) {
  std::vector<std::string> out;
  for (const auto& q : org.queues)
    if (q.failing && !q.target.empty() &&
        std::none_of(out.begin(), out.end(), [&](const std::string& s) { return iequals(s, q.target); }))
      out.push_back(q.target);
  return out;
}

void focus_on_queue_targets(std::vector<Finding>& findings, const Organisation& org) {
  const auto targets = queue_targets(org);
  if (targets.empty()) return;
  std::erase_if(findings, [&](const Finding& f) {
    if (f.rule_id == invalid_input_rule().id || f.rule_id == queue_unexplained_rule().id || f.server.empty())
      return false;
    return std::none_of(targets.begin(), targets.end(), [&](const std::string& t) { return iequals(t, f.server); });
  });
}

}  // namespace ecd
