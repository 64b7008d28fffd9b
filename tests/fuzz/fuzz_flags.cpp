// Fuzz target: flag lists and enums (AuthMechanism, PermissionGroups, TransportRole, booleans, enums
// by name or number). The whole input is one value.
// Invariants: parsed flags written back by format_* (and as the list Set-ReceiveConnector gets) parse
// to the same flags.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "core/values.h"

namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ecd;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto auth = parse_auth_mechanism(text)) {
    auto again = parse_auth_mechanism(format_auth_mechanism(*auth.value));
    ECD_FUZZ_CHECK(again && *again.value == *auth.value);
    auto listed = parse_auth_mechanism(joined(auth_mechanism_list(*auth.value)));
    ECD_FUZZ_CHECK(listed && *listed.value == *auth.value);
  }
  if (auto perm = parse_permission_groups(text)) {
    auto again = parse_permission_groups(format_permission_groups(*perm.value));
    ECD_FUZZ_CHECK(again && *again.value == *perm.value);
    auto listed = parse_permission_groups(joined(permission_group_list(*perm.value)));
    ECD_FUZZ_CHECK(listed && *listed.value == *perm.value);
  }
  if (auto role = parse_transport_role(text); role && *role.value != TransportRole::Other) {
    auto again = parse_transport_role(transport_role_name(*role.value));
    ECD_FUZZ_CHECK(again && *again.value == *role.value);
  }
  (void)parse_bool(text);
  if (auto e = parse_enum(text, {"None", "IPAddress", "User", "All"})) ECD_FUZZ_CHECK(*e.value >= 0 && *e.value < 4);
  return 0;
}
