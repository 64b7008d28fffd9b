/* A stand-in native library that reports another ABI version: the module must refuse it with one clear
 * error that names the file (tests/powershell/Loading.Tests.ps1). */
#if defined(_WIN32)
#define FAKE_API __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
#define FAKE_API __attribute__((visibility("default")))
#else
#define FAKE_API
#endif
#include <stdint.h>

FAKE_API int32_t ecd_abi_version(void) { return 999; }
FAKE_API const char *ecd_version_string(void) { return "999.0.0"; }
