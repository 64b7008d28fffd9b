// What a request asks besides the configuration: resolve queries, smtp texts, and the failing queues that an
// analysis should explain (model/query.h, model/organisation.h).
#include <fmt/format.h>

#include "json_input.h"
#include "readers.h"

namespace ecd {
namespace {

void add_issue(Request& request, const Location& where, std::string field, std::string text, std::string message) {
  request.organisation.issues.push_back(where.issue().about(std::move(field), std::move(text), std::move(message)));
}

}  // namespace

void read_queries(const json& root, Request& request) {
  const json* qs = member(root, "queries");
  if (!qs || !qs->is_array()) return;
  Location base{"request", "/queries"};
  for (std::size_t i = 0; i < qs->size(); ++i) {
    const json& q = (*qs)[i];
    ResolveQuery query;
    auto remote = q.is_object() && member(q, "remoteAddress") ? text_of(*member(q, "remoteAddress")) : std::nullopt;
    if (!remote) {
      add_issue(request, base / i, "RemoteAddress", q.dump(), "the query has no remoteAddress");
      continue;
    }
    query.remote_text = *remote;
    auto parsed = parse_ip_address(trim(*remote));
    if (!parsed) {
      add_issue(request, base / i / "remoteAddress", "RemoteAddress", *remote, parsed.error);
      continue;
    }
    query.remote_address = *parsed.value;
    if (const json* s = member(q, "server"); s && !s->is_null()) query.server = text_of(*s);
    if (const json* p = member(q, "port"); p && !p->is_null()) {
      auto t = text_of(*p);
      auto n = t ? parse_limit(*t) : Parsed<Limit>{};
      if (!n || n.value->unlimited() || *n.value->value > 65535) {
        add_issue(request, base / i / "port", "Port", t.value_or(""),
                  fmt::format("'{}' is not a TCP port (0-65535)", t.value_or("")));
        continue;
      }
      query.port = static_cast<std::uint16_t>(*n.value->value);
    }
    if (const json* l = member(q, "localAddress"); l && !l->is_null()) {
      auto t = text_of(*l).value_or("");
      auto local = parse_ip_address(trim(t));
      if (!local) {
        add_issue(request, base / i / "localAddress", "LocalAddress", t, local.error);
        continue;
      }
      if (local.value->family != query.remote_address.family) {
        add_issue(request, base / i / "localAddress", "LocalAddress", t,
                  fmt::format("the local address {} and the remote address {} are of different families", t, *remote));
        continue;
      }
      query.local_address = *local.value;
    }
    request.queries.push_back(std::move(query));
  }
}

/// "texts" of the smtp operation: strings, or objects with text, source and nextHop.
void read_smtp_texts(const json& root, Request& request) {
  const json* ts = member(root, "texts");
  if (!ts || !ts->is_array()) return;
  for (std::size_t i = 0; i < ts->size(); ++i) {
    const json& t = (*ts)[i];
    SmtpText item;
    if (t.is_string()) {
      item.text = t.get<std::string>();
    } else if (t.is_object() && member(t, "text") && text_of(*member(t, "text"))) {
      item.text = *text_of(*member(t, "text"));
      item.source = string_of(t, "source");
      item.next_hop = string_of(t, "nextHop");
      item.queue_server = identity_server(item.source);
    } else if (!t.is_null()) {
      add_issue(request, Location{"request", "/texts"} / i, "Text", utf8_prefix(t.dump(), 200),
                "a text must be a string or an object with text (and source, nextHop)");
    }
    request.texts.push_back(std::move(item));  // one answer per text, also for one that could not be read
  }
}

/// "queues": objects with identity, nextHopDomain, lastError (Get-Queue's names, any case) and server.
void read_queues(const json& root, Request& request) {
  const json* qs = member(root, "queues");
  if (!qs || !qs->is_array()) return;
  Location base{"request", "/queues"};
  for (std::size_t i = 0; i < qs->size(); ++i) {
    const json& q = (*qs)[i];
    if (!q.is_object()) {
      add_issue(request, base / i, "Queue", utf8_prefix(q.dump(), 200),
                "a queue must be an object with Identity, NextHopDomain and LastError");
      continue;
    }
    Queue queue;
    queue.identity = string_of(q, "identity");
    queue.server = string_of(q, "server");
    queue.next_hop = string_of(q, "nextHopDomain");
    if (queue.next_hop.empty()) queue.next_hop = string_of(q, "nextHop");
    queue.last_error = string_of(q, "lastError");
    queue.pointer = (base / i).pointer;
    if (queue.server.empty()) queue.server = identity_server(queue.identity);
    request.organisation.queues.push_back(std::move(queue));
  }
}

}  // namespace ecd
