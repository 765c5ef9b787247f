/*
 * libFuzzer target: hp_load_smac (src/load/smac.c) on a run directory
 * built from the input split at NUL bytes: runhistory.json, then
 * configspace.json, scenario.json and scenario.txt.
 */
#define FUZZ_PROBE hp_probe_smac
#define FUZZ_LOAD hp_load_smac
#define FUZZ_DIRS { "." }
#define FUZZ_FILES { "runhistory.json", "configspace.json", "scenario.json", \
	"scenario.txt" }
#include "fuzz_dir.h"
