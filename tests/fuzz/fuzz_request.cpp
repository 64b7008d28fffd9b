// Fuzz target: a whole request through the C ABI (ecd_request_run), the way the module sends it.
// Invariants: only ECD_OK or ECD_EREQUEST come back (never ECD_EINTERNAL: no exception escapes the
// engine on any input); a response is valid JSON and NUL-terminated; a refusal has a message. The
// response is written with invalid UTF-8 replaced by U+FFFD (so it never throws); U+FFFD in a response to
// an input without one means the engine cut or built a string that is not UTF-8, and fails too.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "ecd.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ecd_response* response = nullptr;
  const std::int32_t status = ecd_request_run(reinterpret_cast<const char*>(data), size, &response);
  if (status != ECD_OK && status != ECD_EREQUEST) std::fprintf(stderr, "status %d: %s\n", status, ecd_errmsg());
  ECD_FUZZ_CHECK(status == ECD_OK || status == ECD_EREQUEST);
  if (status == ECD_OK) {
    const char* text = nullptr;
    std::size_t length = 0;
    ECD_FUZZ_CHECK(ecd_response_json(response, &text, &length) == ECD_OK);
    ECD_FUZZ_CHECK(text != nullptr && text[length] == '\0');
    const std::string_view in(reinterpret_cast<const char*>(data), size), out(text, length);
    std::string lower(in);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool input_has_fffd =
        in.find("\xEF\xBF\xBD") != std::string_view::npos || lower.find("ufffd") != std::string::npos;
    ECD_FUZZ_CHECK(input_has_fffd || out.find("\xEF\xBF\xBD") == std::string_view::npos);
    auto parsed = nlohmann::json::parse(text, text + length, nullptr, false);
    ECD_FUZZ_CHECK(!parsed.is_discarded() && parsed.is_object());
    ECD_FUZZ_CHECK(*ecd_errmsg() == '\0');
  } else {
    ECD_FUZZ_CHECK(response == nullptr);
    ECD_FUZZ_CHECK(*ecd_errmsg() != '\0');
  }
  ecd_response_free(response);
  return 0;
}
