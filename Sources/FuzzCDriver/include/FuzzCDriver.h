// libFuzzer's entry point for programs that keep their own main (LLVM >= 11). Declared
// here so Swift can call it; it is only referenced, and so only linked, in builds made
// with `-sanitize=fuzzer -DFUZZING` (see docs/fuzzing.md).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
