#!/usr/bin/python3
"""summary.md and `info --json` checked against the databases themselves
(tests/e2e/watch.sh).  Expected numbers are computed here with sqlite3
from Optuna's tables: trials by state, the best finite value of COMPLETE
trials per objective and its trial, the best trial's params, the change
since the baseline database; the summary's importances against the
report's own data/importances.csv.  Prints PASS/FAIL lines.
Usage: watch_expect.py REPORT DB OLD_DB INFO.json INFO.txt FIXTURE_DB"""
import json, math, os, re, sqlite3, sys

rep, db, olddb, info_json, info_txt, fixture = sys.argv[1:7]
STATES = ["RUNNING", "COMPLETE", "PRUNED", "FAIL", "WAITING"]


def check(name, ok, why=""):
    print(f"PASS {name}" if ok else f"FAIL {name}: {why}")


def fmt(v):
    """hpreport's numbers: the shortest text that reads back the same."""
    if v == int(v) and abs(v) < 1e16:
        return str(int(v))
    return repr(v)


def studies(path):
    """Each study of an Optuna SQLite file, from its tables."""
    c = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out = []
    for sid, name in c.execute("select study_id, study_name from studies order by study_id"):
        dirs = [d.lower() for (d,) in c.execute(
            "select direction from study_directions where study_id=? order by objective", (sid,))]
        trials = c.execute("select trial_id, number, state from trials where study_id=?",
                           (sid,)).fetchall()
        states = {s: sum(1 for t in trials if t[2] == s) for s in STATES}
        best = []
        for k, d in enumerate(dirs):
            rows = c.execute("select t.number, v.value, t.trial_id from trials t join trial_values v "
                             "on v.trial_id=t.trial_id where t.study_id=? and t.state='COMPLETE' "
                             "and v.objective=? and v.value_type='FINITE' order by t.number",
                             (sid, k)).fetchall()
            if not rows:
                best.append(None)
                continue
            b = (min if d == "minimize" else max)(rows, key=lambda r: r[1])
            best.append(b)
        params = {}
        for pname, dist in c.execute("select distinct param_name, distribution_json from trial_params p "
                                     "join trials t on t.trial_id=p.trial_id where t.study_id=?", (sid,)):
            params[pname] = json.loads(dist)
        out.append(dict(name=name, dirs=dirs, n=len(trials), states=states, best=best,
                        params=params, conn=c))
    return out


def best_params(s):
    c, tid = s["conn"], s["best"][0][2]
    out = {}
    for pname, v, dist in c.execute("select param_name, param_value, distribution_json "
                                    "from trial_params where trial_id=?", (tid,)):
        d = json.loads(dist)
        if d["name"] == "CategoricalDistribution":
            out[pname] = str(d["attributes"]["choices"][int(v)])
        elif d["name"] == "IntDistribution":
            out[pname] = str(int(v))
        else:
            out[pname] = fmt(v)
    return out


def cells(line):
    """A GFM table row's cells, split at unescaped pipes, unescaped."""
    parts = re.split(r"(?<!\\)\|", line.strip())[1:-1]
    return [re.sub(r"\\(.)", r"\1", p.strip()).replace("&lt;", "<").replace("&gt;", ">")
            .replace("&amp;", "&") for p in parts]


new, = studies(db)
old, = studies(olddb)
md = open(os.path.join(rep, "summary.md"), encoding="utf-8").read()
lines = md.splitlines()

# --- the table of studies ---------------------------------------------
hi = next(i for i, l in enumerate(lines) if l.startswith("| Study |"))
head, row = cells(lines[hi]), cells(lines[hi + 2])
shown = [s for s in STATES if new["states"][s] or old["states"][s]]
check("summary.md: table header", head == ["Study", "Trials"] + shown +
      ["Best", "Best trial", "Trials change", "Best change"], head)
check("summary.md: the hostile name stays in its cell", len(row) == len(head) and row[0] == new["name"],
      row)
check("summary.md: no raw markup from the name", "<b>" not in md and "`study`" not in md, "")
got = dict(zip(head, row))
check("summary.md: trials", got.get("Trials") == str(new["n"]), (got.get("Trials"), new["n"]))
for s in shown:
    check(f"summary.md: {s} trials", got.get(s) == str(new["states"][s]), (got.get(s), new["states"][s]))
bn, bv, _ = new["best"][0]
ob = old["best"][0][1]
check("summary.md: best value", got.get("Best") == fmt(bv), (got.get("Best"), fmt(bv)))
check("summary.md: best trial", got.get("Best trial") == str(bn), (got.get("Best trial"), bn))
d = new["n"] - old["n"]
check("summary.md: trials change since the baseline", got.get("Trials change") == (f"{d:+d}" if d else "0"),
      (got.get("Trials change"), d))
want = "0" if bv == ob else "%+.6g (%s)" % (bv - ob, "better" if bv < ob else "worse")
check("summary.md: best change since the baseline", got.get("Best change") == want,
      (got.get("Best change"), want))

# --- the study's section ----------------------------------------------
sec = {}
for l in lines[hi + 3:]:
    if l.startswith("| ") and not l.startswith("| Param"):
        c = cells(l)
        sec.setdefault(c[0], c[1:])
check("summary.md: section trials now, baseline, change",
      sec.get("Trials") == [str(new["n"]), str(old["n"]), f"{d:+d}" if d else "0"], sec.get("Trials"))
for s in shown:
    ds = new["states"][s] - old["states"][s]
    check(f"summary.md: section {s} with the baseline",
          sec.get(s) == [str(new["states"][s]), str(old["states"][s]), f"{ds:+d}" if ds else "0"], sec.get(s))
check("summary.md: section best value", sec.get("Best value (minimize)") ==
      [f"{fmt(bv)} (trial {bn})", fmt(ob), want], sec.get("Best value (minimize)"))
bp = best_params(new)
for p, v in bp.items():
    check(f"summary.md: best param {p}", sec.get(p) == [v], (sec.get(p), v))
imp = [l.split(",") for l in open(os.path.join(rep, "data/importances.csv")).read().splitlines()[1:6]]
ti = next(i for i, l in enumerate(lines) if l.startswith("Top importances"))
got_imp = [cells(l) for l in lines[ti + 4:ti + 4 + len(imp)]]
check("summary.md: top importances as data/importances.csv", got_imp == [r[:2] for r in imp],
      (got_imp, imp))
links = re.findall(r"\]\(([^)]+)\)", md)
check("summary.md: figure links", len(links) >= 5 and all(os.path.isfile(os.path.join(rep, l)) for l in links),
      links)

# --- info --json --------------------------------------------------------
doc = json.load(open(info_json, encoding="utf-8"))
check("info --json: one entry per input", [e["format"] for e in doc] == ["optuna-sqlite"] * 2 and
      doc[0]["path"] == db and doc[1]["path"] == fixture, [(e["path"], e["format"]) for e in doc])
txt = open(info_txt, encoding="utf-8").read()
heads = re.findall(r'^study "(.*)": (\d+) trials?(.*)$', txt, re.M)
objs = re.findall(r"^  objective (\d+): (.*), (minimize|maximize)(?:, best (\S+) \(trial (\d+)\))?$", txt, re.M)
pars = re.findall(r"^  param (.*?): (categorical|int|float)", txt, re.M)
js = [s for e in doc for s in e["studies"]]
raw = [new] + studies(fixture)
check("info --json: the studies of info", [s["name"] for s in js] == [h[0] for h in heads] ==
      [r["name"] for r in raw], ([s["name"] for s in js], [h[0] for h in heads]))
oi = 0
for s, h, r in zip(js, heads, raw):
    n = s["name"]
    check(f"info --json: {n}: trials as info and the database", s["n_trials"] == int(h[1]) == r["n"],
          (s["n_trials"], h[1], r["n"]))
    text_states = {m[1]: int(m[0]) for m in re.findall(r", (\d+) (\w+)", h[2])}
    check(f"info --json: {n}: states as info and the database",
          {k: v for k, v in s["states"].items() if v} == text_states and s["states"] == r["states"],
          (s["states"], text_states, r["states"]))
    for k, o in enumerate(s["objectives"]):
        t = objs[oi]; oi += 1
        want = r["best"][k]
        ok = o["direction"] == t[2] == r["dirs"][k]
        if want is None:
            ok = ok and o["best"] is None and t[3] == ""
        else:
            ok = ok and o["best"]["trial"] == want[0] == int(t[4]) and \
                 o["best"]["value"] == want[1] and fmt(o["best"]["value"]) == t[3]
        check(f"info --json: {n}: objective {k} as info and the database", ok, (o, t, want))
    ps = [(p["name"], p["type"]) for p in s["params"]]
    check(f"info --json: {n}: params as info", ps == pars[:len(ps)], (ps, pars[:len(ps)]))
    del pars[:len(ps)]
    for p in s["params"]:
        d = r["params"].get(p["name"])
        a = d["attributes"] if d else {}
        if d is None:
            ok = False
        elif p["type"] == "categorical":
            ok = p["choices"] == a["choices"]
        else:
            ok = p["low"] == a["low"] and p["high"] == a["high"] and p["log"] == a["log"] and \
                 (a.get("step") in (None, p["step"]))
        check(f"info --json: {n}: param {p['name']} as the database", ok, (p, d))
# numbers in shortest round-trip form: the text reads back as the same value
nums = re.findall(r'"value":\s*(-?[0-9][0-9.e+-]*)', open(info_json).read())
check("info --json: numbers in shortest round-trip form",
      all(fmt(float(x)) == x for x in nums), [x for x in nums if fmt(float(x)) != x][:3])
