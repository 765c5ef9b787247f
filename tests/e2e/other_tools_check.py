#!/usr/bin/env python3
"""Checks hpreport's reading of a W&B, Hyperopt or Nevergrad history
against the raw files, read here independently of hpreport.

usage: other_tools_check.py KIND INPUT REPORT_DIR [METRIC DIRECTION]
KIND: wandb-dir, wandb-csv, hyperopt, nevergrad.  For every study the
report holds (REPORT_DIR/**/data/study.json) it compares the trial count,
the count per state, the best value and the best trial's params with what
this script computes from INPUT; prints PASS/FAIL lines (tests/e2e/lib.sh).
"""
import csv
import glob
import json
import math
import os
import sys

import yaml


def wandb_dir(path, metric, direction):
    runs, sweeps = {}, {}
    project = "wandb"
    sp = os.path.join(path, "settings")
    if os.path.isfile(sp):
        for line in open(sp):
            k, _, v = line.partition("=")
            if k.strip() == "project" and v.strip():
                project = v.strip()
    for name in sorted(os.listdir(path)):
        d = os.path.join(path, name)
        if not os.path.isdir(d) or name.startswith("."):
            continue
        files = None
        for base in (d, os.path.join(d, "files")):
            if any(os.path.isfile(os.path.join(base, f))
                   for f in ("wandb-metadata.json", "wandb-summary.json")):
                files = base
                break
        if files is None:
            for f in os.listdir(d):
                if f.startswith("config-") and f.endswith(".yaml"):
                    sweeps[f[7:-5]] = (name[6:] if name.startswith("sweep-") else name,
                                       os.path.join(d, f))
            continue
        run = {"id": name.rsplit("-", 1)[-1], "state": "FAIL", "value": None,
               "params": None}
        meta = os.path.join(files, "wandb-metadata.json")
        summ = os.path.join(files, "wandb-summary.json")
        if os.path.isfile(summ):
            s = json.load(open(summ))
            run["state"] = "COMPLETE"
            v = s.get(metric)
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                run["value"] = float(v)
        if os.path.isfile(meta):
            m = json.load(open(meta))
            st = m.get("state")
            if st == "finished":
                run["state"] = "COMPLETE"
            elif st in ("failed", "crashed", "killed"):
                run["state"] = "FAIL"
            elif st == "running":
                run["state"] = "RUNNING"
            if m.get("exitcode") not in (None, 0) and run["state"] == "COMPLETE":
                run["state"] = "FAIL"
        cfg = os.path.join(files, "config.yaml")
        if os.path.isfile(cfg):
            run["params"] = yaml_params(cfg)
        runs[name] = run
    studies = {}
    for name, run in runs.items():
        sw = sweeps.get(run["id"])
        if sw and run["params"] is None:
            run["params"] = yaml_params(sw[1])
        group = "%s/sweep-%s" % (project, sw[0]) if sw else project
        studies.setdefault(group, []).append(run)
    return studies


def yaml_params(path):
    doc = yaml.safe_load(open(path)) or {}
    out = {}
    for k, v in doc.items():
        if k.startswith("_") or k == "wandb_version":
            continue
        if isinstance(v, dict) and "value" in v:
            v = v["value"]
        flatten(out, k, v)
    return out


def flatten(out, key, v):
    if isinstance(v, dict):
        for k, x in v.items():
            flatten(out, key + "." + k if key else k, x)
    elif v is not None:
        out[key] = v


def wandb_csv(path, metric, direction, params):
    meta = {"Name", "State", "Notes", "User", "Tags", "Created", "Runtime",
            "Sweep", "ID", "End Time", "Updated"}
    rows = list(csv.DictReader(open(path, newline="")))
    base = os.path.splitext(os.path.basename(path))[0]
    states = {"finished": "COMPLETE", "failed": "FAIL", "crashed": "FAIL",
              "killed": "FAIL", "running": "RUNNING"}
    studies = {}
    for r in rows:
        run = {"state": states[r["State"]],
               "value": float(r[metric]) if r[metric] != "" else None,
               "params": {k: v for k, v in r.items()
                          if k not in meta and k != metric and v != ""
                          and (not params or k in params)}}
        g = "%s/sweep-%s" % (base, r["Sweep"]) if r.get("Sweep") else base
        studies.setdefault(g, []).append(run)
    return studies


def hyperopt_result(r):
    st = {"ok": "COMPLETE", "fail": "FAIL", "new": "WAITING",
          "running": "RUNNING", "suspended": "WAITING"}[r.get("status", "ok")]
    loss = r.get("loss")
    value = float(loss) if loss is not None else None
    p = {}
    for key in ("params", "space"):
        if isinstance(r.get(key), dict):
            flatten(p, "", r[key])
    return {"state": st, "value": value, "params": p}


def hyperopt(path):
    name = os.path.splitext(os.path.basename(path.rstrip("/")))[0]
    runs = []
    if os.path.isdir(path):
        for f in sorted(os.listdir(path)):
            fp = os.path.join(path, f)
            if not os.path.isfile(fp):
                continue
            raw = open(fp, "rb").read()
            if not raw.lstrip().startswith(b"{"):
                continue
            runs.append(hyperopt_result(json.loads(raw)))
    else:
        doc = json.load(open(path))
        for d in doc:
            if "misc" in d:
                r = hyperopt_result(d["result"])
                r["params"] = {k: v[0] for k, v in d["misc"]["vals"].items() if v}
                r["state"] = {0: "WAITING", 1: "RUNNING", 3: "FAIL",
                              4: "FAIL"}.get(d.get("state"), r["state"])
                runs.append(r)
            else:
                runs.append(hyperopt_result(d))
    return {name: runs}


def nevergrad(path):
    base = os.path.splitext(os.path.basename(path))[0]
    studies = {}
    for line in open(path):
        if not line.strip():
            continue
        r = json.loads(line)
        loss = r.get("#loss")
        bad = loss is None or (isinstance(loss, float) and math.isnan(loss))
        studies.setdefault("%s/%s" % (base, r["#session"]), []).append({
            "state": "FAIL" if bad else "COMPLETE",
            "value": None if bad else float(loss),
            "params": {k: v for k, v in r.items() if "#" not in k}})
    return studies


def same(a, b):
    """A param value as the report writes it against one from the files."""
    if isinstance(b, bool):
        return a == str(b)
    try:
        x, y = float(a), float(b)
        return x == y or abs(x - y) <= 1e-12 * max(abs(x), abs(y))
    except (TypeError, ValueError):
        return str(a) == str(b)


def main():
    kind, inp, report = sys.argv[1:4]
    metric = sys.argv[4] if len(sys.argv) > 4 else None
    direction = sys.argv[5] if len(sys.argv) > 5 else "minimize"
    params = sys.argv[6].split(",") if len(sys.argv) > 6 else None
    if kind == "wandb-dir":
        exp = wandb_dir(inp, metric, direction)
    elif kind == "wandb-csv":
        exp = wandb_csv(inp, metric, direction, params)
    elif kind == "hyperopt":
        exp = hyperopt(inp)
    else:
        exp = nevergrad(inp)
    got = {}
    for f in glob.glob(os.path.join(report, "**", "study.json"), recursive=True):
        s = json.load(open(f))
        got[s["name"]] = s
    tag = os.path.basename(inp.rstrip("/"))
    ok = True

    def check(name, cond, why):
        nonlocal ok
        if cond:
            print("PASS %s" % name)
        else:
            ok = False
            print("FAIL %s: %s" % (name, why))

    check("%s-studies" % tag, sorted(got) == sorted(exp),
          "report %s, files %s" % (sorted(got), sorted(exp)))
    for name, runs in sorted(exp.items()):
        s = got.get(name)
        if s is None:
            continue
        t = "%s[%s]" % (tag, name)
        check(t + "-trials", s["n_trials"] == len(runs),
              "%d != %d" % (s["n_trials"], len(runs)))
        want = {}
        for r in runs:
            want[r["state"]] = want.get(r["state"], 0) + 1
        have = {k: v for k, v in s["states"].items() if v}
        check(t + "-states", have == want, "%s != %s" % (have, want))
        fin = [r for r in runs if r["state"] == "COMPLETE" and r["value"] is not None
               and math.isfinite(r["value"])]
        if not fin:
            check(t + "-no-best", not any(s["best"]), "report has a best trial")
            continue
        best = (max if direction == "maximize" else min)(r["value"] for r in fin)
        b = s["best"][0] if s["best"] else None
        check(t + "-best-value", b is not None and same(b["value"], best),
              "%s != %s" % (b and b["value"], best))
        # the best params: those of some run with the best value
        cands = [r["params"] or {} for r in fin if r["value"] == best]
        bp = b["params"] if b else {}
        match = any(set(bp) == set(c) and all(same(bp[k], c[k]) for k in c)
                    for c in cands)
        check(t + "-best-params", match, "%s not in %s" % (bp, cands[:2]))
    return 0 if ok else 1


sys.exit(main())
