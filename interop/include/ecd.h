/*
 * ecd.h: the C ABI of ExchangeConnectorDoctor's engine.
 *
 * JSON in, JSON out. A request (UTF-8 JSON, see docs/REQUEST.md) goes in with an explicit length;
 * the response (UTF-8 JSON) comes back inside an ecd_response that the library owns and that the
 * caller releases with ecd_response_free. Nothing the caller must free() itself.
 *
 * The functions that can fail (ecd_request_run, ecd_logs_read, ecd_response_json) return an int32_t status:
 * ECD_OK (0) or a negative ECD_E* code whose meaning never changes. ecd_status_str() names a status;
 * ecd_errmsg() gives the calling thread's last error message in words (what is wrong, and the byte
 * offset when the request's bytes are at fault).
 *
 * Thread safety: the library has no global mutable state (the last error message is per thread).
 * Independent calls may run on any number of threads at once; one ecd_response must not be freed while
 * another thread reads it.
 *
 * Stability: see interop/ABI.md. ECD_ABI_VERSION is bumped on any incompatible change to what this
 * header declares; callers check ecd_abi_version() at load time.
 */
#ifndef ECD_H
#define ECD_H

#include <stddef.h>
#include <stdint.h>

/* ECD_VERSION_MAJOR, _MINOR, _PATCH and ECD_VERSION_STRING: made by the build from CMakeLists.txt's project
 * version (interop/include/ecd_version.h.in), and shipped beside this header. */
#include "ecd_version.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * ECD_API marks the exported functions: on Windows (MSVC, mingw-w64, clang-cl) the library exports them and
 * callers import them; with GCC and Clang elsewhere they stay visible although the library is built with
 * hidden visibility; any other compiler gets nothing and exports as its defaults say. ECD_CALL is the calling
 * convention, __cdecl on Windows, the platform's default elsewhere.
 */
#if defined(_WIN32)
#  define ECD_CALL __cdecl
#  if defined(ECD_BUILDING_LIBRARY)
#    define ECD_API __declspec(dllexport)
#  else
#    define ECD_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define ECD_CALL
#  define ECD_API __attribute__((visibility("default")))
#else
#  define ECD_CALL
#  define ECD_API
#endif

#define ECD_VERSION_NUMBER (ECD_VERSION_MAJOR * 10000 + ECD_VERSION_MINOR * 100 + ECD_VERSION_PATCH)
/* The version of the binary interface below. Bump it on any incompatible change. */
#define ECD_ABI_VERSION 1

/* Status codes. Pinned forever: a code never changes meaning; new codes get new numbers. */
#define ECD_OK 0
#define ECD_EINVAL (-1)   /* a NULL pointer or a length that cannot be right */
#define ECD_EREQUEST (-2) /* the request cannot be read as a whole (see ecd_request_run) */
#define ECD_ENOMEM (-3)   /* out of memory */
#define ECD_EINTERNAL (-4) /* a defect in the library; the message says what */
#define ECD_ECANCELED (-5) /* the caller's progress callback asked to stop (ecd_logs_read) */

/* An opaque response. Created by ecd_request_run, released by ecd_response_free. */
typedef struct ecd_response ecd_response;

/*
 * The ABI version this library was built with (ECD_ABI_VERSION). Never fails; leaves ecd_errmsg() as it
 * is. Thread-safe.
 */
ECD_API int32_t ECD_CALL ecd_abi_version(void);

/*
 * The library's version, "MAJOR.MINOR.PATCH" (the ECD_VERSION_STRING it was built with). A static
 * string: do not free. Never fails; leaves ecd_errmsg() as it is. Thread-safe.
 */
ECD_API const char *ECD_CALL ecd_version_string(void);

/*
 * A short English name for a status code ("ok", "invalid request", ...). Static; do not free.
 * Unknown codes give "unknown status". Leaves ecd_errmsg() as it is. Thread-safe.
 */
ECD_API const char *ECD_CALL ecd_status_str(int32_t status);

/*
 * The calling thread's last error message (UTF-8, NUL-terminated, never NULL). Only the functions that
 * return a status set it: ecd_request_run, ecd_logs_read and ecd_response_json clear it to "" when they start and leave
 * the message of their failure when they fail. Every other function (ecd_abi_version,
 * ecd_version_string, ecd_status_str, ecd_errmsg, ecd_response_free) leaves it as it is, so a caller may
 * name the status first and then read the message. Valid until the next ecd_request_run,
 * ecd_logs_read or ecd_response_json on the same thread, or the thread's end. Do not free.
 */
ECD_API const char *ECD_CALL ecd_errmsg(void);

/*
 * Runs one request, the operation its "operation" names (docs/REQUEST.md): "analyze" (the findings; the
 * default when "operation" is missing), "resolve" (which connector takes each connection of "queries"),
 * "rules" (the rule catalogue), "smtp" (what the SMTP replies in "texts" mean), "map" (which connector
 * takes which remote addresses, per server, role, port and binding), "report" (the HTML page) or "change"
 * (the organisation analysed before and after a planned change or its own fixes, and the difference).
 *   request      UTF-8 JSON bytes; need not be NUL-terminated. Must not be NULL unless request_len is 0.
 *   request_len  the number of bytes.
 *   out          receives the response on ECD_OK, NULL otherwise. Must not be NULL.
 * Returns ECD_OK, or:
 *   ECD_EINVAL     out is NULL, or request is NULL while request_len is not 0;
 *   ECD_EREQUEST   the request as a whole cannot be read: larger than the size limit, not UTF-8, not
 *                  JSON, nested too deep, not an object, more receive connectors, servers or queries than
 *                  one request may hold, or an "operation" that is not one of the above; ecd_errmsg() says
 *                  which, with the byte offset when the bytes are at fault (too many values in one
 *                  property, or too long a string, is a finding instead);
 *   ECD_ENOMEM, ECD_EINTERNAL.
 * Bad values inside the request (one connector's range, say) are not errors: they are reported as
 * findings in the response and the rest is analysed.
 * Thread-safe: independent requests may run concurrently.
 */
ECD_API int32_t ECD_CALL ecd_request_run(const char *request, size_t request_len, ecd_response **out);

/*
 * The response JSON: *out points into memory owned by `response` (valid until ecd_response_free),
 * *out_len is its length in bytes (the text is also NUL-terminated). Returns ECD_OK, or ECD_EINVAL when
 * `response`, `out` or `out_len` is NULL (nothing is written then). Thread-safe for concurrent readers
 * of the same response.
 */
ECD_API int32_t ECD_CALL ecd_response_json(const ecd_response *response, const char **out, size_t *out_len);

/*
 * Progress of ecd_logs_read: bytes read so far and the total size of the files. Called on the thread that
 * called ecd_logs_read, about every 100 ms while the files are read and once at the end. Return 0 to go
 * on, anything else to stop: the read then ends within about a second with ECD_ECANCELED.
 */
typedef int32_t(ECD_CALL *ecd_progress_fn)(void *context, uint64_t bytes_done, uint64_t bytes_total);

/*
 * Reads SMTP Receive and Send protocol logs and summarises them per server, connector and remote address
 * (docs/LOGS.md). The library opens the files itself, on all cores, sharing them with the writer.
 *   request      UTF-8 JSON: {"paths": [files or folders (a folder gives its *.log files, recursively)],
 *                "since": "...Z", "until": "...Z" (UTC; lines outside are skipped), "summaries": [summaries
 *                from earlier reads, merged into the result], "threads": 0 (all cores)}. Paths are UTF-8
 *                (wide-character paths on Windows, UNC paths work). Need not be NUL-terminated.
 *   request_len  the number of bytes.
 *   progress     may be NULL; context is passed to it as is.
 *   out          receives the response on ECD_OK, NULL otherwise: {"version", "cancelled": false, "summary"},
 *                read with ecd_response_json and released with ecd_response_free. Must not be NULL.
 * Returns ECD_OK, or ECD_EINVAL (out is NULL, or request is NULL while request_len is not 0), ECD_EREQUEST
 * (the request is not JSON, a value has the wrong type, or a summary cannot be read: ecd_errmsg() names it
 * with its JSON pointer), ECD_ECANCELED, ECD_ENOMEM, ECD_EINTERNAL.
 * A file that cannot be opened and a line that cannot be read are not errors: the summary counts them and
 * names them (file and line) in its "issues", and the rest is read.
 * Thread-safe: independent reads may run concurrently.
 */
ECD_API int32_t ECD_CALL ecd_logs_read(const char *request, size_t request_len, ecd_progress_fn progress,
                                       void *context, ecd_response **out);

/*
 * Releases a response. NULL is allowed and does nothing.
 */
ECD_API void ECD_CALL ecd_response_free(ecd_response *response);

#ifdef __cplusplus
}
#endif

#endif /* ECD_H */
