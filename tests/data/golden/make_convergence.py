#!/usr/bin/python3
"""Writes the golden convergence data of the 3.1 fixture, computed with Optuna
itself (Debian's python3-optuna 3.1), independently of hpreport:
  /usr/bin/python3 tests/data/golden/make_convergence.py tests/data/optuna-3.1/study.db tests/data/golden
One file per study and objective: number,value,best_value for every COMPLETE
trial with a finite value (hpreport leaves +-inf out, see README)."""
import math, sys
import optuna

db, out = sys.argv[1], sys.argv[2]
storage = f"sqlite:///{db}"
for s in optuna.get_all_study_summaries(storage):
    study = optuna.load_study(study_name=s.study_name, storage=storage)
    dirs = study.directions
    for k, d in enumerate(dirs):
        rows, best = [], None
        for t in study.get_trials(deepcopy=False, states=(optuna.trial.TrialState.COMPLETE,)):
            v = t.values[k]
            if not math.isfinite(v):
                continue
            if best is None:
                best = v
            elif d == optuna.study.StudyDirection.MAXIMIZE:
                best = max(best, v)
            else:
                best = min(best, v)
            rows.append(f"{t.number},{v!r},{best!r}")
        name = s.study_name + ("" if len(dirs) == 1 else f"_{k}")
        with open(f"{out}/convergence-{name}.csv", "w") as f:
            f.write("number,value,best_value\n" + "\n".join(rows) + "\n")
