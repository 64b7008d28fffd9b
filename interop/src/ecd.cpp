// The C ABI over the C++ engine. The one place where exceptions are caught: nothing crosses the
// boundary but status codes, pointers, sizes and UTF-8.
#define ECD_BUILDING_LIBRARY 1
#include "ecd.h"

#include <exception>
#include <new>
#include <string>

#include "engine/engine.h"

struct ecd_response {
  std::string json;
};

namespace {

thread_local std::string last_error;

int32_t fail(int32_t status, std::string message) {
  try {
    last_error = std::move(message);
  } catch (...) {
    // Out of memory while keeping the message: the status still tells.
  }
  return status;
}

template <class F>
int32_t guarded(F &&body) {
  try {
    last_error.clear();
    return body();
  } catch (const std::bad_alloc &) {
    return fail(ECD_ENOMEM, "out of memory");
  } catch (const std::exception &e) {
    return fail(ECD_EINTERNAL, std::string("internal error: ") + e.what());
  } catch (...) {
    return fail(ECD_EINTERNAL, "internal error: unknown exception");
  }
}

}  // namespace

extern "C" {

ECD_API int32_t ECD_CALL ecd_abi_version(void) {
  return ECD_ABI_VERSION;
}

ECD_API const char *ECD_CALL ecd_version_string(void) {
  return ECD_VERSION_STRING;
}

ECD_API const char *ECD_CALL ecd_status_str(int32_t status) {
  switch (status) {
    case ECD_OK: return "ok";
    case ECD_EINVAL: return "invalid argument";
    case ECD_EREQUEST: return "invalid request";
    case ECD_ENOMEM: return "out of memory";
    case ECD_EINTERNAL: return "internal error";
    case ECD_ECANCELED: return "canceled";
    default: return "unknown status";
  }
}

ECD_API const char *ECD_CALL ecd_errmsg(void) {
  return last_error.c_str();
}

ECD_API int32_t ECD_CALL ecd_request_run(const char *request, size_t request_len, ecd_response **out) {
  return guarded([&]() -> int32_t {
    if (out == nullptr) return fail(ECD_EINVAL, "out is NULL");
    *out = nullptr;
    if (request == nullptr && request_len != 0) return fail(ECD_EINVAL, "request is NULL but request_len is not 0");
    ecd::EngineResult result = ecd::run_request(std::string_view(request ? request : "", request_len));
    if (!result.ok) return fail(ECD_EREQUEST, std::move(result.error));
    *out = new ecd_response{std::move(result.response)};
    return ECD_OK;
  });
}

ECD_API int32_t ECD_CALL ecd_logs_read(const char *request, size_t request_len, ecd_progress_fn progress, void *context,
                                       ecd_response **out) {
  return guarded([&]() -> int32_t {
    if (out == nullptr) return fail(ECD_EINVAL, "out is NULL");
    *out = nullptr;
    if (request == nullptr && request_len != 0) return fail(ECD_EINVAL, "request is NULL but request_len is not 0");
    bool canceled = false;
    ecd::LogProgress report;
    if (progress != nullptr)
      report = [&](std::uint64_t done, std::uint64_t total) {
        if (progress(context, done, total) != 0) canceled = true;
        return !canceled;
      };
    ecd::EngineResult result = ecd::read_logs(std::string_view(request ? request : "", request_len), report);
    if (!result.ok) return fail(ECD_EREQUEST, std::move(result.error));
    if (canceled) return fail(ECD_ECANCELED, "the read was canceled by the progress callback");
    *out = new ecd_response{std::move(result.response)};
    return ECD_OK;
  });
}

ECD_API int32_t ECD_CALL ecd_response_json(const ecd_response *response, const char **out, size_t *out_len) {
  return guarded([&]() -> int32_t {
    if (response == nullptr || out == nullptr || out_len == nullptr)
      return fail(ECD_EINVAL, "response, out and out_len must not be NULL");
    *out = response->json.c_str();
    *out_len = response->json.size();
    return ECD_OK;
  });
}

ECD_API void ECD_CALL ecd_response_free(ecd_response *response) {
  delete response;
}

}  // extern "C"
