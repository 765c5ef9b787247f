#!/usr/bin/env python3
"""Writes a 2,000-trial hpreport study JSON (templates/FORMAT.md) whose
params are sampled uniformly over their declared search spaces, with a
fixed seed: f float [-2, 3], g float log [1e-4, 1e-1] (uniform in log),
i int [0, 199] (step 1), c int [1, 8], k categorical of 4 choices.  The
value is an arbitrary smooth function (it plays no part in the bins).
Used by tests/unit/test_evaluations.c: a histogram of uniform samples
must be flat.  Usage: make_uniform.py OUT.json"""
import json
import math
import random
import sys

rng = random.Random(20261208)
trials = []
for n in range(2000):
    f = rng.uniform(-2.0, 3.0)
    g = 10 ** rng.uniform(-4.0, -1.0)
    i = rng.randint(0, 199)
    c = rng.randint(1, 8)
    k = rng.choice(["a", "b", "c", "d"])
    value = (f - 0.5) ** 2 + abs(math.log10(g) + 2.5) + i / 100.0 + c / 10.0
    trials.append({"number": n, "value": value,
                   "params": {"f": f, "g": g, "i": i, "c": c, "k": k}})
study = {
    "hpreport": 1,
    "study": "uniform-2000",
    "directions": ["minimize"],
    "search_space": {
        "f": {"type": "float", "low": -2.0, "high": 3.0},
        "g": {"type": "float", "low": 1e-4, "high": 1e-1, "log": True},
        "i": {"type": "int", "low": 0, "high": 199, "step": 1},
        "c": {"type": "int", "low": 1, "high": 8, "step": 1},
        "k": {"type": "categorical", "choices": ["a", "b", "c", "d"]},
    },
    "trials": trials,
}
with open(sys.argv[1], "w") as out:
    json.dump(study, out)
