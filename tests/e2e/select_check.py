# select_check.py DB STUDY DIR OPTIONS [SELECTION...]: checks that the report
# in DIR of study STUDY of the Optuna SQLite database DB holds exactly the
# trials that SELECTION (the hpreport options --trials/--states/--best/
# --objective, as given) keeps, worked out here from the raw tables
# (trials, trial_values, study_directions, trial_system_attributes) with
# the semantics the README gives -- not from anything hpreport wrote:
#   --trials A:B  numbers A..B, both ends included (A: and :B open)
#   --states L    states in L, any case
#   --best N|P%   of those, the trials that could be best (COMPLETE, the
#                 objective(s) finite, feasible in a constrained study) ranked
#                 by the objective (--objective, else the only one), or by
#                 Pareto rank with several objectives; ties by number;
#                 P% = ceil(P * candidates / 100)
# OPTIONS is the canonical spelling the report should show.  Checked:
# data/trials.csv, every data/*.csv with a trial column (a subset; the
# optimization history exactly the kept COMPLETE finite ones), study.json
# (counts, best trial, the selection), the page (its trial data and the
# note), the note under every figure (read from the PDFs), in words, as a
# figure names no option, and the caption file beside it, which says the
# note and the options.  Prints one
# line per problem, exits 1 when there is any.  Standard library only:
# tests/e2e/select.sh.
import csv
import glob
import json
import math
import os
import re
import sqlite3
import sys
from fractions import Fraction

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pagedata  # noqa: E402  (beside this script)
import pdftext  # noqa: E402

STATES = ['RUNNING', 'COMPLETE', 'PRUNED', 'FAIL', 'WAITING']
problems = []


def problem(msg):
    problems.append(msg)
    print('%s: %s' % (STUDY, msg))


def load(db, name):
    c = sqlite3.connect('file:%s?mode=ro' % db, uri=True)
    sid, = c.execute('SELECT study_id FROM studies WHERE study_name = ?', (name,)).fetchone()
    dirs = [d for d, in c.execute('SELECT direction FROM study_directions WHERE study_id = ? '
                                  'ORDER BY objective', (sid,))]
    trials = {}
    for tid, num, state in c.execute('SELECT trial_id, number, state FROM trials '
                                     'WHERE study_id = ?', (sid,)):
        trials[tid] = {'number': num, 'state': state, 'values': [math.nan] * len(dirs),
                       'constraints': None}
    for tid, k, v, vt in c.execute('SELECT trial_id, objective, value, value_type '
                                   'FROM trial_values'):
        if tid in trials:
            trials[tid]['values'][k] = {'INF_POS': math.inf, 'INF_NEG': -math.inf}.get(vt, v)
    for tid, js in c.execute("SELECT trial_id, value_json FROM trial_system_attributes "
                             "WHERE key = 'constraints'"):
        if tid in trials:
            trials[tid]['constraints'] = json.loads(js)
    return dirs, sorted(trials.values(), key=lambda t: t['number'])


def parse(args):
    sel = {'lo': None, 'hi': None, 'states': None, 'best': None, 'pct': False, 'obj': None}
    i = 0
    while i < len(args):
        opt, val = args[i], args[i + 1]
        i += 2
        if opt == '--trials':
            a, _, b = val.partition(':') if ':' in val else (val, ':', val)
            sel['lo'] = int(a) if a else None
            sel['hi'] = int(b) if b else None
        elif opt == '--states':
            sel['states'] = {s.upper() for s in val.split(',') if s}
        elif opt == '--best':
            sel['pct'] = val.endswith('%')
            sel['best'] = Fraction(val.rstrip('%'))
        elif opt == '--objective':
            sel['obj'] = int(val)
    return sel


def in_words(sel):
    """The selection as the figures say it (no option names)."""
    parts = []
    lo, hi = sel['lo'], sel['hi']
    if lo is not None and hi is not None:
        parts.append('number %d' % lo if lo == hi else 'numbers %d to %d' % (lo, hi))
    elif lo is not None:
        parts.append('numbers from %d' % lo)
    elif hi is not None:
        parts.append('numbers up to %d' % hi)
    if sel['states']:
        st = [s for s in STATES if s in sel['states']]
        parts.append(('states ' if len(st) > 1 else 'state ') + ', '.join(st))
    if sel['best'] is not None:
        b = sel['best']
        num = str(b.numerator) if b.denominator == 1 else repr(float(b))
        parts.append('the best %s%s' % (num, '%' if sel['pct'] else ''))
    return '; '.join(parts)


def dominates(a, b):
    return all(x <= y for x, y in zip(a, b)) and a != b


def expected(dirs, trials, sel):
    kept = [t for t in trials
            if (sel['lo'] is None or t['number'] >= sel['lo'])
            and (sel['hi'] is None or t['number'] <= sel['hi'])
            and (sel['states'] is None or t['state'] in sel['states'])]
    if sel['best'] is None:
        return kept
    constrained = any(t['constraints'] is not None for t in trials if t['state'] == 'COMPLETE')

    def feasible(t):
        c = t['constraints']
        return not constrained or (c is not None and all(x <= 0 for x in c))

    def point(t):
        return [(-v if d == 'MAXIMIZE' else v) for v, d in zip(t['values'], dirs)]

    pareto = len(dirs) > 1 and sel['obj'] is None
    k = sel['obj'] or 0
    cand = [t for t in kept if t['state'] == 'COMPLETE' and feasible(t) and
            (all(map(math.isfinite, t['values'])) if pareto else math.isfinite(t['values'][k]))]
    if pareto:
        rest, rank, key = list(cand), 0, {}
        while rest:
            front = [t for t in rest if not any(dominates(point(u), point(t)) for u in rest)]
            for t in front:
                key[t['number']] = rank
            rest = [t for t in rest if t['number'] not in key]
            rank += 1
        cand.sort(key=lambda t: (key[t['number']], t['number']))
    else:
        cand.sort(key=lambda t: (point(t)[k], t['number']))
    want = math.ceil(sel['best'] * len(cand) / 100) if sel['pct'] else int(sel['best'])
    best = {t['number'] for t in cand[:want]}
    return [t for t in kept if t['number'] in best]


def csv_column(path, names):
    with open(path, newline='') as f:
        r = csv.reader(f)
        head = next(r, [])
        col = next((i for i, h in enumerate(head) if h in names), None)
        if col is None:
            return None
        return [int(row[col]) for row in r if row and row[col] != '']


def squash(s):
    return re.sub(r'\s', '', s)


def main():
    global STUDY
    db, STUDY, d, options = sys.argv[1:5]
    sel = parse(sys.argv[5:])
    dirs, trials = load(db, STUDY)
    kept = expected(dirs, trials, sel)
    want = [t['number'] for t in kept]
    note = '{:,} of {:,} trials selected ({})'.format(len(kept), len(trials), options)
    words = '{:,} of {:,} trials selected ({}).'.format(len(kept), len(trials), in_words(sel))

    got = csv_column(os.path.join(d, 'data/trials.csv'), ('number',))
    if got != want:
        problem('trials.csv has %s, expected %s' % (got, want))
    for path in sorted(glob.glob(os.path.join(d, 'data/*.csv'))):
        nums = csv_column(path, ('number', 'trial'))
        if nums is None:
            continue
        extra = sorted(set(nums) - set(want))
        if extra:
            problem('%s has trials %s that are not selected' % (os.path.basename(path), extra))
    # the optimization history: exactly the kept COMPLETE trials with a finite value
    for k in range(len(dirs)):
        name = 'convergence.csv' if len(dirs) == 1 else 'convergence_%d.csv' % k
        path = os.path.join(d, 'data', name)
        if not os.path.exists(path):
            continue
        fin = sorted(t['number'] for t in kept if t['state'] == 'COMPLETE' and
                     math.isfinite(t['values'][k]))
        got = sorted(csv_column(path, ('number',)))
        if got != fin:
            problem('%s has %s, expected %s' % (name, got, fin))

    sj = json.load(open(os.path.join(d, 'data/study.json')))
    if sj['n_trials'] != len(kept):
        problem('study.json n_trials %s, expected %d' % (sj['n_trials'], len(kept)))
    for s in STATES:
        n = sum(t['state'] == s for t in kept)
        if sj['states'].get(s) != n:
            problem('study.json states.%s %s, expected %d' % (s, sj['states'].get(s), n))
    for k, dr in enumerate(dirs):
        fin = [t for t in kept if t['state'] == 'COMPLETE' and math.isfinite(t['values'][k])]
        b = sj['best'][k]
        if not fin:
            if b is not None:
                problem('study.json best[%d] %s, expected none' % (k, b))
            continue
        v = (max if dr == 'MAXIMIZE' else min)(t['values'][k] for t in fin)
        if b is None or b['value'] != v:
            problem('study.json best[%d] %s, expected value %r' % (k, b, v))
    s = sj.get('selection') or {}
    for key, val in (('options', options), ('note', note), ('n_trials', len(kept)),
                     ('n_trials_input', len(trials))):
        if s.get(key) != val:
            problem('study.json selection.%s %r, expected %r' % (key, s.get(key), val))

    page = open(os.path.join(d, 'index.html'), encoding='utf-8').read()
    if pagedata.load(d)['trials']['number'] != want:
        problem("the page's trial data is not the selected trials")
    if note not in page:
        problem('the page does not say "%s"' % note)
    pdfs = sorted(glob.glob(os.path.join(d, 'figures/*.pdf')))
    if not pdfs:
        problem('no figure')
    for pdf in pdfs:
        text = squash(''.join(pdftext.text(pdf)))
        if squash(words) not in text:
            problem('%s does not say "%s"' % (os.path.basename(pdf), words))
        if squash(options) in text:
            problem('%s names the options "%s": a figure names none' %
                    (os.path.basename(pdf), options))
        cap = pdf[:-4] + '.txt'
        lines = open(cap, encoding='utf-8').read().splitlines() if os.path.exists(cap) else []
        for want in (words, 'Made with %s.' % options):
            if want not in lines:
                problem('%s has no line "%s"' % (os.path.basename(cap), want))
    sys.exit(1 if problems else 0)


main()
