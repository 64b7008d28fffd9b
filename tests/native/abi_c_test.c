/*
 * abi_c_test.c: the C ABI from plain C11. Includes interop/include/ecd.h as a C compiler sees it, links
 * the shared library, and calls every function the header declares. Exits non-zero on any failure.
 */
#include "ecd.h"

#include <stdio.h>
#include <string.h>

static int failures = 0;

#define CHECK(cond)                                                  \
  do {                                                               \
    if (!(cond)) {                                                   \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                    \
    }                                                                \
  } while (0)

static int32_t ECD_CALL count_progress(void *context, uint64_t done, uint64_t total) {
  (void)done;
  (void)total;
  ++*(int *)context;
  return 0;
}

static int32_t ECD_CALL stop_progress(void *context, uint64_t done, uint64_t total) {
  (void)context;
  (void)done;
  (void)total;
  return 1;
}

int main(void) {
  /* ecd_abi_version / ecd_version_string */
  CHECK(ecd_abi_version() == ECD_ABI_VERSION);
  const char *version = ecd_version_string();
  CHECK(version != NULL && version[0] != '\0');
  CHECK(version != NULL && strcmp(version, ECD_VERSION_STRING) == 0); /* the library and its header agree */

  /* ecd_status_str: every code and an unknown one */
  CHECK(strcmp(ecd_status_str(ECD_OK), "ok") == 0);
  const int32_t codes[] = {ECD_OK, ECD_EINVAL, ECD_EREQUEST, ECD_ENOMEM, ECD_EINTERNAL, ECD_ECANCELED};
  for (size_t i = 0; i < sizeof codes / sizeof codes[0]; ++i) {
    const char *name = ecd_status_str(codes[i]);
    CHECK(name != NULL && name[0] != '\0');
    CHECK(strcmp(name, "unknown status") != 0);
    for (size_t j = 0; j < i; ++j) CHECK(strcmp(name, ecd_status_str(codes[j])) != 0);
  }
  CHECK(strcmp(ecd_status_str(-99), "unknown status") == 0);
  CHECK(strcmp(ecd_status_str(7), "unknown status") == 0);

  /* ecd_request_run with a valid rules request (not NUL-terminated: the length is what counts) */
  const char rules_request[] = "{\"operation\":\"rules\"}XXXX";
  ecd_response *response = NULL;
  int32_t status = ecd_request_run(rules_request, sizeof rules_request - 1 - 4, &response);
  CHECK(status == ECD_OK);
  CHECK(response != NULL);
  CHECK(ecd_errmsg() != NULL && ecd_errmsg()[0] == '\0');

  /* ecd_response_json */
  const char *json = NULL;
  size_t json_len = 0;
  CHECK(ecd_response_json(response, &json, &json_len) == ECD_OK);
  CHECK(json != NULL && json_len > 0);
  if (json != NULL) {
    CHECK(strlen(json) == json_len); /* NUL-terminated, no embedded NUL */
    CHECK(json[0] == '{');
    CHECK(strstr(json, "\"rules\"") != NULL);
    CHECK(strstr(json, "ECD0001") != NULL);
  }

  /* ecd_response_json with NULLs */
  CHECK(ecd_response_json(NULL, &json, &json_len) == ECD_EINVAL);
  CHECK(ecd_errmsg()[0] != '\0');
  CHECK(ecd_response_json(response, NULL, &json_len) == ECD_EINVAL);
  CHECK(ecd_response_json(response, &json, NULL) == ECD_EINVAL);

  /* ecd_response_free, and with NULL */
  ecd_response_free(response);
  ecd_response_free(NULL);

  /* ecd_request_run with NULL out */
  CHECK(ecd_request_run(rules_request, sizeof rules_request - 1 - 4, NULL) == ECD_EINVAL);
  CHECK(ecd_errmsg()[0] != '\0');

  /* ecd_request_run with NULL request and a length */
  ecd_response *never = (ecd_response *)&failures; /* must be reset to NULL */
  CHECK(ecd_request_run(NULL, 5, &never) == ECD_EINVAL);
  CHECK(never == NULL);

  /* ecd_request_run with "not json" */
  const char bad[] = "not json";
  ecd_response *bad_response = (ecd_response *)&failures;
  CHECK(ecd_request_run(bad, sizeof bad - 1, &bad_response) == ECD_EREQUEST);
  CHECK(bad_response == NULL);
  const char *message = ecd_errmsg();
  CHECK(message != NULL && message[0] != '\0');
  CHECK(strstr(message, "byte") != NULL);

  /* The functions that return no status leave the message as it is (ecd.h, ecd_errmsg). */
  char kept[256];
  snprintf(kept, sizeof kept, "%s", message);
  (void)ecd_abi_version();
  (void)ecd_version_string();
  (void)ecd_status_str(ECD_EREQUEST);
  (void)ecd_errmsg();
  ecd_response_free(NULL);
  CHECK(strcmp(ecd_errmsg(), kept) == 0);

  /* A successful call clears the message again. */
  ecd_response *again = NULL;
  CHECK(ecd_request_run(rules_request, sizeof rules_request - 1 - 4, &again) == ECD_OK);
  CHECK(ecd_errmsg()[0] == '\0');
  ecd_response_free(again);

  /* ecd_logs_read: a summary given in the request comes back merged; a folder that does not exist is
     counted, not an error; the progress callback runs on this thread and can cancel. */
  static const char logs_request[] =
      "{\"paths\":[\"/nonexistent/ecd-abi-test\"],\"summaries\":[{\"files\":2,\"receive\":[{\"server\":\"EX01\","
      "\"connector\":\"Relay\",\"remoteAddress\":\"10.0.0.9\",\"sessions\":3}]}]}";
  ecd_response *logs = NULL;
  int calls = 0;
  CHECK(ecd_logs_read(logs_request, sizeof logs_request - 1, count_progress, &calls, &logs) == ECD_OK);
  CHECK(logs != NULL && ecd_errmsg()[0] == '\0');
  CHECK(calls >= 1);
  if (logs != NULL) {
    CHECK(ecd_response_json(logs, &json, &json_len) == ECD_OK);
    CHECK(strstr(json, "\"sessions\":3") != NULL);
    CHECK(strstr(json, "\"unreadable\":1") != NULL);
    CHECK(strstr(json, "\"files\":2") != NULL);
  }
  ecd_response_free(logs);
  CHECK(ecd_logs_read(logs_request, sizeof logs_request - 1, NULL, NULL, &logs) == ECD_OK);
  ecd_response_free(logs);
  logs = (ecd_response *)&failures;
  CHECK(ecd_logs_read(logs_request, sizeof logs_request - 1, stop_progress, NULL, &logs) == ECD_ECANCELED);
  CHECK(logs == NULL && ecd_errmsg()[0] != '\0');
  CHECK(ecd_logs_read(logs_request, sizeof logs_request - 1, NULL, NULL, NULL) == ECD_EINVAL);
  CHECK(ecd_logs_read(NULL, 3, NULL, NULL, &logs) == ECD_EINVAL);
  static const char bad_logs[] = "{\"paths\":\"not an array\"}";
  CHECK(ecd_logs_read(bad_logs, sizeof bad_logs - 1, NULL, NULL, &logs) == ECD_EREQUEST);
  CHECK(strstr(ecd_errmsg(), "/paths") != NULL);

  if (failures != 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("C ABI %s (ABI %d): every function works\n", ecd_version_string(), (int)ecd_abi_version());
  return 0;
}
