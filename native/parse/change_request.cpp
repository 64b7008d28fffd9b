// The change operation's members: "change" (one Set-ReceiveConnector or New-ReceiveConnector to check) and
// "applyFixes" (true, or the identities of the connectors whose fixes to apply).
#include <fmt/format.h>

#include "json_input.h"
#include "readers.h"

namespace ecd {

void read_change(const json& root, Request& request) {
  if (const json* a = member(root, "applyFixes"); a && !a->is_null()) {
    if (a->is_boolean()) {
      request.apply_fixes = a->get<bool>();
    } else {
      request.apply_fixes = true;
      request.fix_connectors = string_list(root, "applyFixes");
    }
  }
  const json* c = member(root, "change");
  if (!c || c->is_null()) return;
  if (!c->is_object()) {
    request.organisation.issues.push_back(
        InputIssue::at("request", "/change")
            .about("change", c->dump(),
                   "\"change\" must be an object with identity (or new, server and name) and "
                   "parameters"));
    return;
  }
  ConnectorChange change;
  if (const json* n = member(*c, "new"); n && n->is_boolean()) change.create = n->get<bool>();
  change.identity = string_of(*c, "identity");
  change.server = string_of(*c, "server");
  change.name = string_of(*c, "name");
  change.usage = string_of(*c, "usage");
  if (change.create) change.identity = change.server + "\\" + change.name;
  if (const json* p = member(*c, "parameters"); p && p->is_object()) change.parameters = *p;
  request.change = std::move(change);
}

}  // namespace ecd
