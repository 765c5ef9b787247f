#!/usr/bin/env python3
"""Independent reading of Keras Tuner and SMAC3 outputs for the e2e tests.

    other_tools.py kt DIR       a Keras Tuner project directory
    other_tools.py smac DIR     a SMAC3 run directory (runhistory.json)
    other_tools.py csv FILE     hpreport's data/trials.csv of a report

Each prints the same summary -- trial count, count per state, the best
COMPLETE trial's number, value and params -- computed from the raw files
by the rules README.md states, without hpreport's code, so that the e2e
scripts can diff hpreport's report against it.
"""
import csv
import json
import math
import os
import sys

MAXINT = 2147483647.0


def fmt(v):
    if isinstance(v, bool):
        return "True" if v else "False"
    if isinstance(v, float):
        return repr(v)
    return str(v)


def summary(trials):
    """trials: list of (number, state, value or None, {param: text})."""
    out = ["trials %d" % len(trials)]
    for s in sorted(set(t[1] for t in trials)):
        out.append("state %s %d" % (s, sum(1 for t in trials if t[1] == s)))
    best = None
    for t in sorted(trials, key=lambda t: t[0]):
        if t[1] == "COMPLETE" and t[2] is not None and math.isfinite(t[2]):
            if best is None or t[2] < best[2]:
                best = t
    if best:
        out.append("best %d %r" % (best[0], best[2]))
        for k in sorted(best[3]):
            out.append("param %s=%s" % (k, best[3][k]))
    return out


def kt(d):
    oracle = json.load(open(os.path.join(d, "oracle.json")))
    trials = []
    for e in sorted(os.listdir(d)):
        f = os.path.join(d, e, "trial.json")
        if os.path.isfile(f):
            trials.append(json.load(open(f)))
    # objective: the metric whose best equals every score (val_ first)
    names = sorted({m for t in trials for m in t["metrics"]["metrics"]})
    pick = None
    for m in names:
        ok, n = True, 0
        for t in trials:
            if t.get("score") is None:
                continue
            mm = t["metrics"]["metrics"].get(m)
            if not mm:
                ok = False
                break
            vals = [sum(o["value"]) / len(o["value"]) for o in mm["observations"]]
            best = max(vals) if mm["direction"] == "max" else min(vals)
            if best != t["score"]:
                ok = False
            n += 1
        if ok and n and (pick is None or (m.startswith("val_") and not pick.startswith("val_"))):
            pick = m
    sign = 1
    if pick:
        for t in trials:
            if pick in t["metrics"]["metrics"]:
                sign = -1 if t["metrics"]["metrics"][pick]["direction"] == "max" else 1
                break
    # numbering
    order = oracle.get("start_order")
    ids = [str(t["trial_id"]) for t in trials]
    if order:   # ids the order does not list follow it
        num = {i: n for n, i in enumerate(order)}
        for i in sorted(i for i in ids if i not in num):
            num[i] = len(num)
    elif all(i.isdigit() for i in ids):
        num = {i: int(i) for i in ids}
    else:
        def key(t):
            v = t["hyperparameters"]["values"]
            return (-v.get("tuner/bracket", -1), v.get("tuner/round", -1), str(t["trial_id"]))
        num = {str(t["trial_id"]): n for n, t in enumerate(sorted(trials, key=key))}
    states = {"COMPLETED": "COMPLETE", "RUNNING": "RUNNING", "IDLE": "WAITING",
              "STOPPED": "PRUNED", "INVALID": "FAIL", "FAILED": "FAIL"}
    out = []
    for t in trials:
        params = {k: fmt(v) for k, v in t["hyperparameters"]["values"].items()
                  if not k.startswith("tuner/")}
        sc = t.get("score")
        out.append((num[str(t["trial_id"])], states[t["status"]],
                    None if sc is None else sign * sc, params))
    return out, sign


def smac(d):
    rh = json.load(open(os.path.join(d, "runhistory.json")))
    runs = []
    for r in rh["data"]:
        if isinstance(r, dict):
            runs.append((r["config_id"], r["budget"], r["cost"], r["status"]))
        elif isinstance(r[0], list):
            st = r[1][2]["__enum__"].split(".")[-1]
            runs.append((r[0][0], r[0][3], r[1][0], st))
        else:
            runs.append((r[0], r[3], r[4], r[6]))
    valued = {1, 3, "SUCCESS", "TIMEOUT", "CAPPED", "DONOTADVANCE"}
    running = {0, "RUNNING"}

    def c0(c):
        c = c[0] if isinstance(c, list) else c
        return None if c == MAXINT or c != c else c
    norm = [(cid, b or 0.0, c0(cost) if st in valued else None, st) for cid, b, cost, st in runs]
    top_all = max((b for _, b, c, _ in norm if c is not None), default=None)
    per = {}
    for r in norm:
        per.setdefault(r[0], []).append(r)

    def at(rs, b):
        return [c for _, bb, c, _ in rs if bb == b and c is not None]
    most = max((len(at(rs, top_all)) for rs in per.values()), default=0)
    out = []
    for key, cfg in rh["configs"].items():
        cid = int(key)
        rs = per.get(cid, [])
        vb = [b for _, b, c, _ in rs if c is not None]
        top = max(vb) if vb else None
        run_above = any(st in running and (top is None or b >= top) for _, b, _, st in rs)
        value = None
        if not rs:
            state = "WAITING"
        elif run_above:
            state = "RUNNING"
        elif top is None:
            state = "FAIL"
        else:
            cs = at(rs, top)
            value = sum(cs) / len(cs)
            state = "PRUNED" if top < top_all or len(cs) < most else "COMPLETE"
        out.append((cid, state, value, {k: fmt(v) for k, v in cfg.items()}))
    return out


def from_csv(f):
    out = []
    with open(f, newline="") as fp:
        for row in csv.DictReader(fp):
            v = row.get("value", row.get("values_0", ""))
            params = {k[7:]: x for k, x in row.items() if k.startswith("params_") and x != ""}
            out.append((int(row["number"]), row["state"], float(v) if v else None, params))
    return out


def main():
    mode, path = sys.argv[1], sys.argv[2]
    sign = 1
    if mode == "kt":
        trials, sign = kt(path)
    elif mode == "smac":
        trials = smac(path)
    else:
        trials = from_csv(path)
        if len(sys.argv) > 3 and sys.argv[3] == "max":
            sign = -1
            trials = [(n, s, None if v is None else -v, p) for n, s, v, p in trials]
    lines = summary(trials)
    # report values as stored (maximized objectives were negated to rank)
    lines = [("best %s %r" % (l.split()[1], sign * float(l.split()[2])) if l.startswith("best ") else l)
             for l in lines]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
