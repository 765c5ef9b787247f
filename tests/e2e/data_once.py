# data_once.py DIR...: checks that the data/ of each report DIR holds every
# trial value once (issue 26).  trials.csv is the one home of the trials'
# values; a per-figure data/NAME.csv may hold only what its figure derives,
# so no column of it may repeat a column of trials.csv trial for trial
# (joined by its "number" or "trial" column; a column of one value
# throughout proves nothing).  The EDF is the exception the
# issue names: its (value, cumulative_probability) pairs are the curve.
# Each figure's caption file figures/NAME.txt must name trials.csv columns
# that trials.csv has (read by name, as pgfplots reads them) and the data
# file beside it, when there is one.  Prints one line per problem, exits 1
# when there is any.  Standard library only: tests/e2e/figures.sh.
import csv
import glob
import os
import re
import sys

problems = []


def problem(msg):
    problems.append(msg)
    print(msg)


def table(path):
    with open(path, newline='', encoding='utf-8') as f:
        rows = list(csv.reader(f))
    return (rows[0], rows[1:]) if rows else ([], [])


def check(d):
    head, rows = table(os.path.join(d, 'data', 'trials.csv'))
    by_num = {r[0]: r for r in rows}
    for path in sorted(glob.glob(os.path.join(d, 'data', '*.csv'))):
        name = os.path.basename(path)[:-4]
        if name == 'trials' or re.match(r'edf(_\d+)?$', name):
            continue
        cols, body = table(path)
        key = next((i for i, c in enumerate(cols) if c in ('number', 'trial')), None)
        if key is None or len(body) < 2 or any(r[key] not in by_num for r in body):
            continue  # not one row per trial of this study (a grid, a summary)
        for i, c in enumerate(cols):
            if i == key:
                continue
            for j, t in enumerate(head):
                if j == 0:
                    continue
                vals = [by_num[r[key]][j] for r in body]
                if len(set(vals)) > 1 and all(r[i] == v for r, v in zip(body, vals)):
                    problem('%s: data/%s.csv column %s repeats trials.csv column %s'
                            % (d, name, c, t))
    for cap in sorted(glob.glob(os.path.join(d, 'figures', '*.txt'))):
        stem = os.path.basename(cap)[:-4]
        lines = open(cap, encoding='utf-8').read().splitlines()
        for ln in lines:
            m = re.match(r'Trial values: data/trials\.csv, columns (.*)\.$', ln)
            if m:
                for c in m.group(1).split(', '):
                    if c not in head:
                        problem('%s: %s names column %s, which trials.csv lacks' % (d, cap, c))
        has = os.path.exists(os.path.join(d, 'data', stem + '.csv'))
        says = any(re.match(r'(Derived|Data): data/%s\.csv, columns ' % re.escape(stem), ln)
                   for ln in lines)
        if has != says:
            problem('%s: %s %s data/%s.csv, which %s' % (d, cap, 'names' if says else
                    'does not name', stem, 'exists' if has else 'is not there'))


for d in sys.argv[1:]:
    check(d)
sys.exit(1 if problems else 0)
