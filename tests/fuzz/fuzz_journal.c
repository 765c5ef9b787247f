/* libFuzzer target: hp_load_optuna_journal (src/load/optuna_journal.c) on arbitrary bytes. */
#define FUZZ_PROBE hp_probe_optuna_journal
#define FUZZ_LOAD hp_load_optuna_journal
#include "fuzz_common.h"
