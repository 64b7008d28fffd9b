// Fuzz target: sizes, limits, time spans, versions and certificate names (parse_limit,
// parse_byte_size, parse_time_span_seconds, parse_exchange_version, parse_certificate_name). The whole
// input is one value. Invariants: counts and sizes are never negative; a version names a product.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "core/values.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ecd;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto limit = parse_limit(text); limit && !limit.value->unlimited()) ECD_FUZZ_CHECK(*limit.value->value >= 0);
  if (auto bytes = parse_byte_size(text); bytes && !bytes.value->unlimited()) ECD_FUZZ_CHECK(*bytes.value->value >= 0);
  (void)parse_time_span_seconds(text);
  if (auto version = parse_exchange_version(text)) ECD_FUZZ_CHECK(!version.value->product().empty());
  (void)parse_certificate_name(text);
  return 0;
}
