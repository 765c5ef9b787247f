#!/usr/bin/python3
"""Copies the study mixed-minimize of tests/data/optuna-3.1/study.db into
a JournalStorage file with Debian's Optuna 3.1 (optuna.copy_study writes one
template CREATE_TRIAL per trial), for the loaders' equivalence test.

Usage: /usr/bin/python3 tests/data/make_journal_copy.py tests/data/optuna-3.1/study.db OUT
"""
import os, sys, warnings
import optuna
warnings.filterwarnings("ignore")
db, out = sys.argv[1], sys.argv[2]
if os.path.exists(out):
    os.remove(out)
optuna.copy_study(
    from_study_name="mixed-minimize",
    from_storage=f"sqlite:///{db}",
    to_storage=optuna.storages.JournalStorage(optuna.storages.JournalFileStorage(out)))
