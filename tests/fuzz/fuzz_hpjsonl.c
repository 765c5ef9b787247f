/* libFuzzer target: hp_load_hpjsonl (src/load/hpjson.c) on arbitrary bytes. */
#define FUZZ_PROBE hp_probe_hpjsonl
#define FUZZ_LOAD hp_load_hpjsonl
#include "fuzz_common.h"
