/* libFuzzer target: hp_load_nevergrad (src/load/nevergrad.c) on arbitrary bytes. */
#define FUZZ_PROBE hp_probe_nevergrad
#define FUZZ_LOAD hp_load_nevergrad
#include "fuzz_common.h"
