#!/usr/bin/python3
"""A running Optuna study for tests/e2e/watch.sh: Debian's Optuna (3.1)
adds trials to a SQLite study one at a time, PAUSE seconds apart, until
the file STOP exists or N trials are in.  Complete, pruned and failed
trials, intermediate values, a float, an int and a categorical param.
The study name has Markdown and HTML in it, for summary.md.
Usage: watch_writer.py DB STOP N PAUSE"""
import os, sys, time
import optuna

NAME = "live | `study` <b>*x*</b> _y_"
db, stop, n, pause = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
optuna.logging.set_verbosity(optuna.logging.ERROR)
study = optuna.create_study(study_name=NAME, storage="sqlite:///" + db,
                            sampler=optuna.samplers.RandomSampler(seed=1),
                            load_if_exists=True)


def objective(trial):
    x = trial.suggest_float("x", -2, 2)
    k = trial.suggest_int("k", 1, 5)
    act = trial.suggest_categorical("act", ["relu", "tanh"])
    v = (x - 0.5) ** 2 + 0.1 * k + (0.05 if act == "tanh" else 0)
    for step in range(3):
        trial.report(v + (3 - step) * 0.1, step)
    if trial.number % 7 == 3:
        raise optuna.TrialPruned()
    if trial.number % 11 == 5:
        raise ValueError("failed on purpose")
    return v


while len(study.trials) < n and not os.path.exists(stop):
    study.optimize(objective, n_trials=1, catch=(ValueError,))
    time.sleep(pause)
