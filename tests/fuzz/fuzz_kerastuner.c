/*
 * libFuzzer target: hp_load_kerastuner (src/load/kerastuner.c) on a project
 * built from the input split at NUL bytes: oracle.json, then the
 * trial.json of trial_0 and trial_1.
 */
#define FUZZ_PROBE hp_probe_kerastuner
#define FUZZ_LOAD hp_load_kerastuner
#define FUZZ_DIRS { "trial_0", "trial_1" }
#define FUZZ_FILES { "oracle.json", "trial_0/trial.json", "trial_1/trial.json" }
#include "fuzz_dir.h"
