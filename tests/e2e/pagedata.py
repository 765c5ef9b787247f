# pagedata.py: reads the data a study page's script uses from
# DIR/data/page.js ("window.hpData = {...};", written by src/report/html.c)
# as a Python object, checking that the file is that one assignment of one
# JSON value and nothing else.  As a module: load(DIR).  As a script:
#   pagedata.py DIR                 prints the JSON
#   pagedata.py check DB STUDY DIR  checks that the trials of page.js are
#                                   those of STUDY in the Optuna SQLite DB,
#                                   read here from its tables: numbers,
#                                   states, values, durations and params
#                                   (a categorical as its choice index),
#                                   every number exactly (a column of long
#                                   numbers comes as packed doubles,
#                                   column(); for over 1,000 trials some
#                                   param column must); and that each
#                                   figure's tooltip points decode
#                                   (hover_points), lie in the figure and
#                                   name trials of the study, one a cell
# Standard library only.
import base64
import datetime
import json
import math
import os
import sqlite3
import struct
import sys

HEAD = "window.hpData = "


def load(d):
    """The object data/page.js of the study page in d assigns to hpData."""
    with open(os.path.join(d, "data", "page.js"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    # a comment line, the assignment, the final newline
    if len(lines) != 3 or not lines[0].startswith("/*") or lines[2] != "":
        raise ValueError("page.js: not a comment and one assignment")
    text = lines[1]
    if not text.startswith(HEAD) or not text.endswith(";"):
        raise ValueError("page.js: no 'window.hpData = ...;'")
    return json.loads(text[len(HEAD):-1])


def column(c):
    """A column of numbers from page.js: its array, or from "f64:" and the
    base64 of little-endian doubles (NaN for absent: None)."""
    if not isinstance(c, str):
        return c
    if not c.startswith("f64:"):
        raise ValueError(f"page.js: a column {c[:10]!r}")
    raw = base64.b64decode(c[4:], validate=True)
    if len(raw) % 8:
        raise ValueError("page.js: an f64 column of %d bytes" % len(raw))
    return [None if math.isnan(v) else v for (v,) in struct.iter_unpack("<d", raw)]


def hover_points(enc):
    """A figure's tooltip points from page.js's string (src/report/geometry.c
    says the encoding): [(qx, qy, trial number)], qx, qy in 1/6400 of the
    figure from its top-left corner."""
    raw = base64.b64decode(enc, validate=True)
    at, cell, num, pts = 0, 0, 0, []

    def varint():
        nonlocal at
        v = shift = 0
        while True:
            c = raw[at]
            at += 1
            v |= (c & 127) << shift
            shift += 7
            if not c & 128:
                return v

    while at < len(raw):
        cell += varint()
        inb = raw[at]
        at += 1
        z = varint()
        num += -(z + 1) // 2 if z & 1 else z // 2
        pts.append(((cell % 401) * 16 + (inb >> 4), (cell // 401) * 16 + (inb & 15), num))
    return pts


def number(v):
    """A page number back to a float: "inf"/"-inf" strings, null NaN."""
    if v is None:
        return math.nan
    if v in ("inf", "-inf"):
        return float(v)
    return float(v)


def same(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == b


def when(s):
    return datetime.datetime.fromisoformat(s).replace(tzinfo=datetime.timezone.utc).timestamp()


def check(db, study, d):
    """Problems (strings) between page.js in d and STUDY of DB."""
    page = load(d)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    sid = con.execute("SELECT study_id FROM studies WHERE study_name = ?", (study,)).fetchone()[0]
    rows = con.execute("SELECT trial_id, number, state, datetime_start, datetime_complete "
                       "FROM trials WHERE study_id = ? ORDER BY number", (sid,)).fetchall()
    T = page["trials"]
    problems = []
    # long numbers (17 digits) of many trials go packed
    if len(T["number"]) > 1000 and not any(isinstance(c, str) for c in T["params"]):
        problems.append("no param column packed as f64 for %d trials" % len(T["number"]))
    T["values"] = [column(c) for c in T["values"]]
    T["duration"] = column(T["duration"])
    T["params"] = [column(c) for c in T["params"]]
    if T["number"] != [r[1] for r in rows]:
        return ["trial numbers differ"]
    states = [page["states"][s] for s in T["state"]]
    if states != [r[2] for r in rows]:
        problems.append("states differ")
    infs = {"INF_POS": math.inf, "INF_NEG": -math.inf}
    for t, (tid, num, state, start, end) in enumerate(rows):
        for obj, value, kind in con.execute("SELECT objective, value, value_type FROM "
                                            "trial_values WHERE trial_id = ?", (tid,)):
            want = infs.get(kind, value)
            if not same(number(T["values"][obj][t]), math.nan if want is None else want):
                problems.append(f"trial {num}: value {obj} {T['values'][obj][t]!r}, DB {want!r}")
        dur = when(end) - when(start) if start and end else math.nan
        got = number(T["duration"][t])
        if not (same(got, dur) or abs(got - dur) < 1e-6):
            problems.append(f"trial {num}: duration {got}, DB {dur}")
        held = {}
        for name, value, dist in con.execute("SELECT param_name, param_value, "
                                             "distribution_json FROM trial_params "
                                             "WHERE trial_id = ?", (tid,)):
            held[name] = value
        for j, p in enumerate(page["params"]):
            got = number(T["params"][j][t])
            want = held.get(p["name"], math.nan)
            if not same(got, want):
                problems.append(f"trial {num}: {p['name']} {got!r}, DB {want!r}")
    names = {r[0] for r in con.execute("SELECT DISTINCT param_name FROM trial_params JOIN "
                                       "trials USING (trial_id) WHERE study_id = ?", (sid,))}
    if names != {p["name"] for p in page["params"]}:
        problems.append(f"params {sorted(p['name'] for p in page['params'])}, DB {sorted(names)}")
    numbers = set(T["number"])
    for name, enc in page["figures"].items():
        pts = hover_points(enc)
        cells = {(x // 16, y // 16) for x, y, _ in pts}
        if not pts or len(cells) != len(pts):
            problems.append(f"{name}: {len(pts)} tooltip points in {len(cells)} cells")
        for x, y, n in pts:
            if not (0 <= x <= 6400 and 0 <= y <= 6400 and n in numbers):
                problems.append(f"{name}: tooltip point {x}, {y}, trial {n}")
                break
    return problems[:10]


if __name__ == "__main__":
    if sys.argv[1] == "check":
        bad = check(*sys.argv[2:5])
        for b in bad:
            print(b, file=sys.stderr)
        sys.exit(1 if bad else 0)
    json.dump(load(sys.argv[1]), sys.stdout, ensure_ascii=False)
    print()
