/* libFuzzer target: hp_load_hpjson (src/load/hpjson.c) on arbitrary bytes. */
#define FUZZ_PROBE hp_probe_hpjson
#define FUZZ_LOAD hp_load_hpjson
#include "fuzz_common.h"
