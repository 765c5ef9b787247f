/* libFuzzer target: hp_load_skopt (src/load/skopt.c) on arbitrary bytes. */
#define FUZZ_PROBE hp_probe_skopt
#define FUZZ_LOAD hp_load_skopt
#include "fuzz_common.h"
