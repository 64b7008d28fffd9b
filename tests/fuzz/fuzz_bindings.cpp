// Fuzz target: Bindings entries (parse_ip_binding). The input is lines of text.
// Invariant: a parsed binding written back by format_ip_binding parses to the same address and port.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "core/ip.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ecd;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (int lines = 0; lines < 64; ++lines) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (auto b = parse_ip_binding(line)) {
      auto again = parse_ip_binding(format_ip_binding(*b.value));
      ECD_FUZZ_CHECK(again && again.value->address == b.value->address && again.value->port == b.value->port);
    } else {
      ECD_FUZZ_CHECK(!b.error.empty());
    }
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return 0;
}
