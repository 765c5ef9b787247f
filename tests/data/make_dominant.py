#!/usr/bin/python3
"""Writes tests/data/dominant.db (a small Optuna 3.1 study whose objective is
dominated by param "x") and prints, as JSON, Optuna 3.1's fANOVA importances
for it averaged over seeds 0-4 (stored as tests/data/dominant_importances.json).
Usage: /usr/bin/python3 make_dominant.py OUT.db > dominant_importances.json"""
import json, math, sys, warnings
warnings.filterwarnings("ignore")
import optuna
from optuna.importance import FanovaImportanceEvaluator, get_param_importances
optuna.logging.set_verbosity(optuna.logging.ERROR)
url = f"sqlite:///{sys.argv[1]}"
st = optuna.create_study(study_name="dominant", storage=url,
                         sampler=optuna.samplers.RandomSampler(seed=7))
def obj(t):
    x = t.suggest_float("x", -2.0, 2.0)
    lr = t.suggest_float("lr", 1e-4, 1e-1, log=True)
    k = t.suggest_int("k", 1, 8)
    c = t.suggest_categorical("c", ["relu", "tanh", "gelu"])
    return (3 * x * x + 0.6 * (math.log10(lr) + 2.5) ** 2 + 0.5 * k
            + {"relu": 0.0, "tanh": 1.2, "gelu": 0.6}[c])
st.optimize(obj, n_trials=80)
imps = [get_param_importances(st, evaluator=FanovaImportanceEvaluator(seed=s)) for s in range(5)]
out = {k: sum(i[k] for i in imps) / len(imps) for k in imps[0]}
print(json.dumps({"dominant": {"importances": out}}, indent=1))
