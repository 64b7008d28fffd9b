// An invariant check for fuzz targets that stays on in release builds (assert would not): a broken
// invariant prints what broke and aborts, which libFuzzer and the CTest replay both report as a failure.
#pragma once

#include <cstdio>
#include <cstdlib>

#define ECD_FUZZ_CHECK(condition)                                                            \
  do {                                                                                       \
    if (!(condition)) {                                                                      \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                          \
    }                                                                                        \
  } while (false)
