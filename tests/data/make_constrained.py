#!/usr/bin/python3
"""Writes a small constrained Optuna 3.1 study with metric names, twice: as
an RDB (OUT_DIR/study.db) and as a journal (OUT_DIR/journal.log), for the
feasibility and metric-name tests (tests/unit/test_feasible.c,
tests/e2e/feasible.sh).

Study "constrained" (minimize, TPE with constraints_func, 24 trials): the
objective is smallest near x = 1, but the constraint x - 0.4 <= 0 makes
those trials infeasible, so the best feasible trial is not the best trial.
Every trial reports intermediate values; some are pruned (pruned trials get
constraints too, as Optuna's _process_constraints_after_trial does).
Study "constrained_mo" (minimize, minimize; NSGA-II with constraints_func,
12 trials).

Optuna 3.1 has no Study.set_metric_names (3.4+); the script writes what 3.4+
writes -- the study system attribute "study:metric_names", a JSON list of
strings (optuna/study/study.py: _SYSTEM_ATTR_METRIC_NAMES) -- through the
storage API that set_metric_names calls.

Usage: /usr/bin/python3 make_constrained.py OUT_DIR"""
import os, sys, warnings
warnings.filterwarnings("ignore")
import optuna
from optuna.storages import JournalStorage, JournalFileStorage
optuna.logging.set_verbosity(optuna.logging.ERROR)

out = sys.argv[1]
for f in ("study.db", "journal.log"):
    if os.path.exists(os.path.join(out, f)):
        os.remove(os.path.join(out, f))


def cons(t):
    return [t.params["x"] - 0.4, t.user_attrs.get("mem", 0.0) - 8.0]


def obj(t):
    x = t.suggest_float("x", -2.0, 2.0)
    n = t.suggest_int("n", 1, 6)
    act = t.suggest_categorical("act", ["relu", "tanh"])
    t.set_user_attr("mem", float(n * 2))
    v = (x - 1.0) ** 2 + 0.1 * n + (0.3 if act == "tanh" else 0.0)
    for step in range(4):
        t.report(v + (4 - step) * 0.5, step)
    if t.number % 7 == 3:
        raise optuna.TrialPruned()
    return v


def mo(t):
    x = t.suggest_float("x", 0.0, 1.0)
    y = t.suggest_float("y", 0.0, 1.0)
    return x * x + y, (1 - x) ** 2 + y


def make(storage):
    st = optuna.create_study(study_name="constrained", storage=storage,
                             sampler=optuna.samplers.TPESampler(
                                 seed=3, n_startup_trials=8, constraints_func=cons))
    st._storage.set_study_system_attr(st._study_id, "study:metric_names", ["loss"])
    st.optimize(obj, n_trials=24)
    st2 = optuna.create_study(study_name="constrained_mo", storage=storage,
                              directions=["minimize", "minimize"],
                              sampler=optuna.samplers.NSGAIISampler(
                                  seed=5, population_size=8,
                                  constraints_func=lambda t: [t.params["y"] - 0.5]))
    st2._storage.set_study_system_attr(st2._study_id, "study:metric_names",
                                       ["error", "latency"])
    st2.optimize(mo, n_trials=12)


make(f"sqlite:///{os.path.join(out, 'study.db')}")
make(JournalStorage(JournalFileStorage(os.path.join(out, "journal.log"))))

# repacked in 1 KiB pages to stay small (the rows are what Optuna wrote)
import sqlite3
db = sqlite3.connect(os.path.join(out, "study.db"))
db.execute("PRAGMA page_size = 1024")
db.execute("VACUUM")
db.close()
