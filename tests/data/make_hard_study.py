#!/usr/bin/python3
"""Writes the "hard" Optuna (schema v3.2.0.a) SQLite study the figure-quality
checks of issue 13 use: 16 params with long dotted and CJK names, a
40-choice categorical, log and int params, 2,000 trials (some FAIL and
RUNNING with no duration, some PRUNED), learning curves for 60 trials, and
objective values spanning 1e-6 .. 1e3.  Deterministic for a seed.
Usage: make_hard_study.py OUT.db [N_TRIALS] [SEED]"""
import json, math, random, sqlite3, sys

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
rng = random.Random(seed)
src = sqlite3.connect("samples/study.db")
schema = [r[0] for r in src.execute("select sql from sqlite_master where sql is not null")]
version = src.execute("select * from version_info").fetchall()
alembic = src.execute("select * from alembic_version").fetchall()
db = sqlite3.connect(out)
for s in schema:
    db.execute(s)
db.executemany("insert into version_info values (?,?,?)", version)
db.executemany("insert into alembic_version values (?)", alembic)
db.execute("insert into studies values (1, 'hard')")
db.execute("insert into study_directions values (1, 'MINIMIZE', 1, 0)")


def fl(lo, hi, log=False):
    return {"name": "FloatDistribution", "attributes": {"step": None, "low": lo, "high": hi, "log": log}}


def it(lo, hi, log=False):
    return {"name": "IntDistribution", "attributes": {"log": log, "step": 1, "low": lo, "high": hi}}


def cat(ch):
    return {"name": "CategoricalDistribution", "attributes": {"choices": ch}}


acts = [f"act_{i:02d}" for i in range(40)]
params = [
    ("学習率", fl(1e-6, 1e-1, True)),
    ("encoder.layer.0.attention.dropout", fl(0.0, 0.5)),
    ("encoder.layer.0.feedforward.dropout", fl(0.0, 0.5)),
    ("バッチサイズ", it(16, 1024, True)),
    ("activation", cat(acts)),
    ("optimizer", cat(["adam", "sgd", "rmsprop"])),
    ("weight_decay", fl(1e-8, 1e-2, True)),
    ("num_layers", it(1, 12)),
    ("hidden_size", it(64, 4096, True)),
    ("warmup_ratio", fl(0.0, 0.3)),
    ("decoder.layer.5.cross_attention.dropout", fl(0.0, 0.5)),
    ("label_smoothing", fl(0.0, 0.2)),
    ("grad_clip", fl(0.1, 10.0, True)),
    ("scheduler", cat(["cosine", "linear", "constant", "step"])),
    ("β1", fl(0.8, 0.99)),
    ("seed_offset", it(0, 100000)),
]
best_act = 17
trials, tparams, values, inter = [], [], [], []
pid = vid = iid = 0
for t in range(n):
    x = {}
    for name, d in params:
        a = d["attributes"]
        if d["name"] == "CategoricalDistribution":
            k = len(a["choices"])
            # a sampler that prefers a few choices, as TPE does
            x[name] = min(int(rng.expovariate(0.25)), k - 1) if k > 10 else rng.randrange(k)
        elif d["name"] == "IntDistribution":
            if a["log"]:
                x[name] = float(round(math.exp(rng.uniform(math.log(a["low"]), math.log(a["high"])))))
            else:
                x[name] = float(rng.randint(a["low"], a["high"]))
        elif a["log"]:
            x[name] = 10 ** rng.uniform(math.log10(a["low"]), math.log10(a["high"]))
        else:
            x[name] = rng.uniform(a["low"], a["high"])
    # log10 of the objective: -6 at the optimum, +3 far away
    e = (math.log10(x["学習率"]) + 3.5) ** 2 * 0.9 \
        + (x["encoder.layer.0.attention.dropout"] - 0.1) ** 2 * 8 \
        + abs(math.log2(x["バッチサイズ"]) - 7) * 0.4 \
        + (0 if int(x["activation"]) == best_act else 1.2) \
        + 0.05 * abs(x["num_layers"] - 6) + rng.gauss(0, 0.1)
    lv = -6 + min(e, 9.0)
    state = "COMPLETE"
    r = rng.random()
    if r < 0.03:
        state = "FAIL"
    elif r < 0.08:
        state = "PRUNED"
    elif t >= n - 4:
        state = "RUNNING"
    worker = t % 4
    sec = (t // 4) * 40.0 + worker * 3.0
    dur = 0.0 if state in ("FAIL", "RUNNING") else 5 + 30 * rng.random()
    start = f"2026-01-0{1 + int(sec // 86400)} {int(sec // 3600) % 24:02d}:{int(sec // 60) % 60:02d}:{sec % 60:09.6f}"
    end_s = sec + dur
    end = f"2026-01-0{1 + int(end_s // 86400)} {int(end_s // 3600) % 24:02d}:{int(end_s // 60) % 60:02d}:{end_s % 60:09.6f}"
    trials.append((t + 1, t, 1, state, start, None if state == "RUNNING" else end))
    for name, d in params:
        pid += 1
        tparams.append((pid, t + 1, name, x[name], json.dumps(d, ensure_ascii=False)))
    if state == "COMPLETE":
        vid += 1
        values.append((vid, t + 1, 0, 10 ** lv, "FINITE"))
    if t < 60 or state == "PRUNED" and t < 400:
        steps = 20 if state != "PRUNED" else 5 + t % 10
        for s in range(steps):
            iid += 1
            iv = 10 ** (lv + 3 * math.exp(-s / 4.0)) if state == "COMPLETE" else 10 ** (1 + 2 * math.exp(-s / 4.0))
            inter.append((iid, t + 1, s, iv, "FINITE"))
db.executemany("insert into trials values (?,?,?,?,?,?)", trials)
db.executemany("insert into trial_params values (?,?,?,?,?)", tparams)
db.executemany("insert into trial_values values (?,?,?,?,?)", values)
db.executemany("insert into trial_intermediate_values values (?,?,?,?,?)", inter)
db.commit()
print("ok", out, n, len(params))
