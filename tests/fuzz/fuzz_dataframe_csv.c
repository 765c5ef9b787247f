/* libFuzzer target: hp_load_optuna_dataframe (src/load/optuna_dataframe.c) on arbitrary bytes. */
#define FUZZ_PROBE hp_probe_optuna_dataframe_csv
#define FUZZ_LOAD hp_load_optuna_dataframe
#include "fuzz_common.h"
