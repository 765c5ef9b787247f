#!/usr/bin/python3
"""Checks a report made with --target against the Optuna SQLite database it
was made from, read with python3's sqlite3 (not through hpreport).  A user
attribute is numeric when json.loads gives an int or float (not a bool);
NaN means no value; the history (data/convergence.csv) lists the COMPLETE
trials with a finite value and the best so far.  Prints one line per
problem and exits 1 when there is one.  Usage:
  target_check.py attr DB STUDY KEY DIR DIRECTION  the target is user_attrs.KEY
  target_check.py duration DB STUDY DIR            the target is the duration
  target_check.py values DB STUDY K DIR            the target is objective K
  target_check.py page DB STUDY DIR                index.html lists the attributes
  target_check.py info DB INFO                     `hpreport info` output lists them
  target_check.py numeric-keys DB STUDY            prints the numeric keys, a, b"""
import csv, datetime, json, math, os, re, sqlite3, subprocess, sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pagedata  # noqa: E402  (beside this script)

problems = []


def connect(db):
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True)


def trials(con, study):
    """[(trial_id, number, state, start, complete)] of a study, by number."""
    return con.execute(
        "SELECT t.trial_id, t.number, t.state, t.datetime_start, t.datetime_complete "
        "FROM trials t JOIN studies s USING (study_id) WHERE s.study_name = ? "
        "ORDER BY t.number", (study,)).fetchall()


def user_attrs(con, study):
    """{trial number: {key: value as json.loads reads it}}."""
    out = {}
    for num, key, js in con.execute(
            "SELECT t.number, a.key, a.value_json FROM trial_user_attributes a "
            "JOIN trials t USING (trial_id) JOIN studies s USING (study_id) "
            "WHERE s.study_name = ?", (study,)):
        out.setdefault(num, {})[key] = json.loads(js)
    return out


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def better(a, b, maximize):
    return a > b if maximize else a < b


def check_history(rdir, expected, maximize, what):
    """expected: {number: value or None} over every trial, with the states."""
    path = os.path.join(rdir, "data", "convergence.csv")
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    want, best = [], None
    for num, (state, v) in sorted(expected.items()):
        if state != "COMPLETE" or v is None or not math.isfinite(v):
            continue
        best = v if best is None or better(v, best, maximize) else best
        want.append((num, v, best))
    # the history's table holds the best so far; each trial's value is
    # trials.csv's, joined by number
    with open(os.path.join(rdir, "data", "trials.csv"), newline="") as f:
        value = {int(r["number"]): r["value"] for r in csv.DictReader(f)}
    got = [(int(r["number"]), float(value[int(r["number"])]), float(r["best_value"]))
           for r in rows]
    if len(got) != len(want):
        problems.append(f"{path}: {len(got)} rows, wanted {len(want)} ({what})")
    for g, w in zip(got, want):
        if g[0] != w[0] or not close(g[1], w[1]) or not close(g[2], w[2]):
            problems.append(f"{path}: trial {g[0]}: {g[1:]} , wanted trial {w[0]}: {w[1:]} ({what})")
            break
    return want


TOL = 0.0  # exact, unless a caller says otherwise


def close(a, b):
    return a == b or abs(a - b) <= TOL


def check_study_json(rdir, name, direction, want):
    sj = json.load(open(os.path.join(rdir, "data", "study.json")))
    if sj["objective_names"] != [name]:
        problems.append(f"study.json objective_names {sj['objective_names']}, wanted [{name!r}]")
    if sj["directions"] != [direction]:
        problems.append(f"study.json directions {sj['directions']}, wanted [{direction!r}]")
    if want:
        maximize = direction == "maximize"
        bnum, bval = want[0][0], want[0][1]
        for num, v, _ in want:
            if better(v, bval, maximize):
                bnum, bval = num, v
        b = sj["best"][0]
        if b is None or b["number"] != bnum:
            problems.append(f"study.json best {b and b['number']}, wanted trial {bnum}")
    return sj


def check_trials_csv(rdir, expected):
    with open(os.path.join(rdir, "data", "trials.csv"), newline="") as f:
        for r in csv.DictReader(f):
            state, v = expected[int(r["number"])]
            got = r["value"]
            if v is None or (isinstance(v, float) and math.isnan(v)):
                ok = got == ""
            else:
                ok = got != "" and close(float(got), v)
            if not ok:
                problems.append(f"trials.csv trial {r['number']}: value {got!r}, wanted {v!r}")
                return


def mode_attr(db, study, key, rdir, direction):
    con = connect(db)
    attrs = user_attrs(con, study)
    expected, missing = {}, {"absent": 0, "text": 0, "nan": 0}
    for _, num, state, _, _ in trials(con, study):
        v = attrs.get(num, {}).get(key, KeyError)
        if v is KeyError:
            why, val = "absent", None
        elif not is_number(v):
            why, val = "text", None
        elif math.isnan(v):
            why, val = "nan", None
        else:
            why, val = None, float(v)
        if why and state == "COMPLETE":
            missing[why] += 1
        expected[num] = (state, val)
    want = check_history(rdir, expected, direction == "maximize", f"user_attrs.{key}")
    check_trials_csv(rdir, expected)
    sj = check_study_json(rdir, f"user_attrs.{key}", direction, want)
    n = sum(missing.values())
    ncomplete = sum(1 for s, _ in expected.values() if s == "COMPLETE")
    note = (f"{n} of {ncomplete} COMPLETE trials have no value of user attribute "
            f"\"{key}\" ({missing['absent']} without it, {missing['text']} with a value "
            f"that is not a number, {missing['nan']} NaN)")
    if n and note not in sj["notes"]:
        problems.append(f"study.json notes lack {note!r}: {sj['notes']}")
    if not n and any("have no value of user attribute" in s for s in sj["notes"]):
        problems.append(f"study.json notes a missing value that is not: {sj['notes']}")
    ninf = sum(1 for s, v in expected.values() if s == "COMPLETE" and v is not None and math.isinf(v))
    if ninf:
        conv = os.path.join(rdir, "figures", "convergence.pdf")
        text = pdf_text(conv).replace("\n", "").replace("\ufb01", "fi")  # runs, ligature
        if f"{ninf} trial{'s' if ninf > 1 else ''} with a non-finite value left out." not in text:
            problems.append(f"{conv}: no note of the {ninf} infinite values: {text!r}")


def pdf_text(path):
    """The text of a PDF figure, by tests/e2e/pdftext.py."""
    here = os.path.dirname(os.path.abspath(__file__))
    return subprocess.run([sys.executable, os.path.join(here, "pdftext.py"), path],
                          capture_output=True, text=True, check=True).stdout


def parse_time(s):
    return datetime.datetime.fromisoformat(s) if s else None


def mode_duration(db, study, rdir):
    global TOL
    TOL = 1e-6  # hpreport holds times as doubles: ~2.4e-7 s steps in 2026
    con = connect(db)
    expected = {}
    for _, num, state, start, end in trials(con, study):
        a, b = parse_time(start), parse_time(end)
        d = (b - a).total_seconds() if a and b else None
        expected[num] = (state, d if d is None or d >= 0 else None)
    want = check_history(rdir, expected, False, "duration")
    check_trials_csv(rdir, expected)
    check_study_json(rdir, "duration (s)", "minimize", want)


def mode_values(db, study, k, rdir):
    con = connect(db)
    k = int(k)
    vals = {num: v for num, v in con.execute(
        "SELECT t.number, v.value FROM trial_values v JOIN trials t USING (trial_id) "
        "JOIN studies s USING (study_id) WHERE s.study_name = ? AND v.objective = ?",
        (study, k))}
    (direction,) = con.execute(
        "SELECT d.direction FROM study_directions d JOIN studies s USING (study_id) "
        "WHERE s.study_name = ? AND d.objective = ?", (study, k)).fetchone()
    expected = {num: (state, vals.get(num)) for _, num, state, _, _ in trials(con, study)}
    want = check_history(rdir, expected, direction == "MAXIMIZE", f"values.{k}")
    check_study_json(rdir, f"values.{k}", direction.lower(), want)


def key_table(db, study):
    """[(key, type, trials)] as the page and info should show them."""
    con = connect(db)
    per = {}
    for _, keys in user_attrs(con, study).items():
        for key, v in keys.items():
            n, num = per.get(key, (0, 0))
            per[key] = (n + 1, num + is_number(v))
    out = []
    for key in sorted(per):
        n, num = per[key]
        out.append((key, "numeric" if num == n else "not numeric" if num == 0
                    else "partly numeric", n, num))
    return out


def mode_page(db, study, rdir):
    html = open(os.path.join(rdir, "index.html"), encoding="utf-8").read()
    m = re.search(r"<h3>User attributes</h3>.*?<tbody>(.*?)</tbody>", html, re.S)
    if not m:
        problems.append("index.html: no User attributes table")
        return
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td class=\"num\">(\d+)</td></tr>",
                      m.group(1))
    want = [(k, t, str(n)) for k, t, n, _ in key_table(db, study)]
    if rows != want:
        problems.append(f"index.html lists {rows}, wanted {want}")
    data = pagedata.load(rdir)
    names = [a["name"] for a in data["user_attrs"]]
    if names != [k for k, _, _, _ in key_table(db, study)]:
        problems.append(f"the table's columns {names}")


def mode_info(db, info):
    lines = open(info, encoding="utf-8").read().splitlines()
    con = connect(db)
    for (study,) in con.execute("SELECT study_name FROM studies"):
        ntrials = len(trials(con, study))
        try:
            i = lines.index(next(s for s in lines if s.startswith(f'study "{study}":')))
        except StopIteration:
            problems.append(f"info: no study {study}")
            continue
        got = []
        for s in lines[i + 1:]:
            if not s.startswith("  "):
                break
            if s.startswith("  user attribute "):
                got.append(s)
        want = []
        for key, t, n, num in key_table(db, study):
            extra = f" ({num} numbers)" if t == "partly numeric" else ""
            want.append(f"  user attribute {key}: {t}{extra}, in {n} of {ntrials} trials")
        if got != want:
            problems.append(f"info of {study}: {got}, wanted {want}")


def main():
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "numeric-keys":
        print(", ".join(k for k, t, _, _ in key_table(*args) if t != "not numeric"))
        return 0
    {"attr": mode_attr, "duration": mode_duration, "values": mode_values,
     "page": mode_page, "info": mode_info}[mode](*args)
    for p in problems:
        print(p)
    return 1 if problems else 0


sys.exit(main())
