#!/usr/bin/python3
"""Writes a large Optuna (schema v3.2.0.a) SQLite study quickly, for `make bench`.

Optuna itself needs hours for 10^5 trials, so this writes the tables
directly: the schema is copied from samples/study.db (made by Optuna 3.1),
and params follow ../shared/tools/make_large_study.py (log float, float, int,
categorical in turn; random sampling).  With CHOICES, the last param is a
categorical of that many choices instead.
Usage: bench_make_study.py OUT.db N_TRIALS N_PARAMS [SEED [CHOICES]]"""
import json, math, os, random, sqlite3, sys

out, n, p = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 0
nlast = int(sys.argv[5]) if len(sys.argv) > 5 else 0
rng = random.Random(seed)
src = sqlite3.connect(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "samples", "study.db"))
schema = [r[0] for r in src.execute("select sql from sqlite_master where sql is not null")]
version = src.execute("select * from version_info").fetchall()
alembic = src.execute("select * from alembic_version").fetchall()
db = sqlite3.connect(out)
for s in schema:
    db.execute(s)
db.executemany("insert into version_info values (?,?,?)", version)
db.executemany("insert into alembic_version values (?)", alembic)
db.execute("insert into studies values (1, 'large')")
db.execute("insert into study_directions values (1, 'MINIMIZE', 1, 0)")
dists = []
kinds = [i % 4 for i in range(p)]
if nlast:
    kinds[-1] = 4
for i in range(p):
    if kinds[i] == 4:
        d = {"name": "CategoricalDistribution",
             "attributes": {"choices": [f"c{k:04d}" for k in range(nlast)]}}
    elif i % 4 == 0:
        d = {"name": "FloatDistribution", "attributes": {"step": None, "low": 1e-4, "high": 1.0, "log": True}}
    elif i % 4 == 1:
        d = {"name": "FloatDistribution", "attributes": {"step": None, "low": -3.0, "high": 3.0, "log": False}}
    elif i % 4 == 2:
        d = {"name": "IntDistribution", "attributes": {"log": False, "step": 1, "low": 1, "high": 64}}
    else:
        d = {"name": "CategoricalDistribution", "attributes": {"choices": ["a", "b", "c", "d"]}}
    dists.append(json.dumps(d))
trials, params, values = [], [], []
pid = 0
for t in range(n):
    s = 0.0
    for i in range(p):
        if kinds[i] == 4:
            c = rng.randrange(nlast); s += (c * 7919 % nlast) / nlast / (i + 1); iv = float(c)
        elif i % 4 == 0:
            v = 10 ** rng.uniform(-4, 0); s += (math.log10(v) + 2) ** 2 / (i + 1); iv = v
        elif i % 4 == 1:
            v = rng.uniform(-3, 3); s += (v - 0.5) ** 2 / (i + 1); iv = v
        elif i % 4 == 2:
            v = rng.randint(1, 64); s += abs(v - 20) / 20 / (i + 1); iv = float(v)
        else:
            c = rng.randrange(4); s += (0, .2, .5, 1)[c] / (i + 1); iv = float(c)
        pid += 1
        params.append((pid, t + 1, f"x{i}", iv, dists[i]))
    sec = t * 0.5
    start = f"2026-01-01 {int(sec // 3600) % 24:02d}:{int(sec // 60) % 60:02d}:{sec % 60:09.6f}"
    trials.append((t + 1, t, 1, "COMPLETE", start, start))
    values.append((t + 1, t + 1, 0, s + rng.gauss(0, 0.01), "FINITE"))
db.executemany("insert into trials values (?,?,?,?,?,?)", trials)
db.executemany("insert into trial_params values (?,?,?,?,?)", params)
db.executemany("insert into trial_values values (?,?,?,?,?)", values)
db.commit()
print("ok", out, n, p)
