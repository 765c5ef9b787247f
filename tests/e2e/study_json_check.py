#!/usr/bin/python3
"""Checks data/study.json of a report against the Optuna SQLite database it
was made from, read with python3's sqlite3 (not through hpreport): for each
study and objective, the best value is the best finite COMPLETE value in
the database, written as the shortest text that reads back as that double (the
digits of Python's repr), and the best trial's params keep their types --
float and int params numbers equal to the stored values, written the
shortest way too, categorical params the choice itself (a number, string,
bool or null).  Prints one line per problem and exits 1 when there is one.
Usage: study_json_check.py STUDY.db REPORT_DIR"""
import glob, json, math, os, re, sqlite3, sys

db, report = sys.argv[1], sys.argv[2]
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
problems = []
checked = 0

def digits(text):
    """Significant digits of a number's text: '0.00120' -> '12'."""
    m = re.fullmatch(r"[-+]?(\d*)\.?(\d*)(?:[eE][-+]?\d+)?", text)
    if not m:
        return None
    return (m.group(1) + m.group(2)).lstrip("0").rstrip("0") or "0"

def same_number(where, raw, text):
    """text (as written in study.json) is raw exactly, in the fewest digits."""
    global checked
    checked += 1
    if math.isinf(raw):
        if text != ("inf" if raw > 0 else "-inf"):
            problems.append(f"{where}: {text!r} for {raw!r}")
        return
    if float(text) != raw:
        problems.append(f"{where}: {text} does not read back as {raw!r}")
    elif len(digits(text)) > len(digits(repr(raw))):
        problems.append(f"{where}: {text} is longer than the shortest {raw!r}")

# every study.json of the report, by study name: (parsed, numbers as text)
reports = {}
for path in glob.glob(os.path.join(report, "**", "data", "study.json"), recursive=True):
    text = open(path, encoding="utf-8").read()
    typed = json.loads(text)
    raw = json.loads(text, parse_float=str, parse_int=str)
    reports[typed["name"]] = (typed, raw)

for sid, name in con.execute("SELECT study_id, study_name FROM studies"):
    if name not in reports:
        problems.append(f"{name}: no study.json")
        continue
    typed, raw = reports[name]
    dirs = [d for (d,) in con.execute("SELECT direction FROM study_directions "
                                      "WHERE study_id = ? ORDER BY objective", (sid,))]
    for k, d in enumerate(dirs):
        vals = {}
        for num, v, vt in con.execute(
                "SELECT t.number, v.value, v.value_type FROM trials t JOIN trial_values v "
                "ON v.trial_id = t.trial_id WHERE t.study_id = ? AND t.state = 'COMPLETE' "
                "AND v.objective = ?", (sid, k)):
            vals[num] = math.inf if vt == "INF_POS" else -math.inf if vt == "INF_NEG" else v
        # "best" considers only finite values (README, Missing and non-finite values)
        vals = {n: v for n, v in vals.items() if v is not None and math.isfinite(v)}
        best = typed["best"][k]
        if not vals:
            if best is not None:
                problems.append(f"{name}: best[{k}] should be null")
            continue
        want = (min if d == "MINIMIZE" else max)(vals.values())
        where = f"{name}: best[{k}] (trial {best['number']})"
        same_number(where + " value", want, raw["best"][k]["value"])
        if vals.get(best["number"]) != want:
            problems.append(f"{where}: that trial's value is {vals.get(best['number'])!r}")
        (tid,) = con.execute("SELECT trial_id FROM trials WHERE study_id = ? AND number = ?",
                             (sid, best["number"])).fetchone()
        params = list(con.execute("SELECT param_name, param_value, distribution_json "
                                  "FROM trial_params WHERE trial_id = ?", (tid,)))
        if sorted(p for p, _, _ in params) != sorted(best["params"]):
            problems.append(f"{where}: params {sorted(best['params'])}, "
                            f"database {sorted(p for p, _, _ in params)}")
        for p, v, dj in params:
            if p not in best["params"]:
                continue
            dist = json.loads(dj)
            got, text = best["params"][p], raw["best"][k]["params"][p]
            if "Categorical" in dist["name"]:
                choice = dist["attributes"]["choices"][int(v)]
                checked += 1
                if got != choice or type(got) is not type(choice):
                    problems.append(f"{where} param {p}: {got!r}, choice {choice!r}")
            elif isinstance(got, str) or isinstance(got, bool):
                problems.append(f"{where} param {p}: {got!r} is not a number")
            else:
                same_number(f"{where} param {p}", v, text)

for line in problems:
    print(line)
print(f"{checked} numbers and choices checked, {len(problems)} problems", file=sys.stderr)
sys.exit(1 if problems or checked == 0 else 0)
