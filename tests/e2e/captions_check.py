# captions_check.py DB STUDY STATES SCREEN PAPER: checks the caption files
# and the notes of the reports SCREEN (default style) and PAPER (--style
# paper) of study STUDY of the Optuna SQLite database DB, both made with
# --states STATES (issue 22, defect 3).
#  - The "Trials:" sentence of each caption counts the trials the figure
#    shows, by state, and those left out -- worked out here from the raw
#    tables (trials, trial_values, trial_intermediate_values), not from
#    anything hpreport wrote: most figures show the COMPLETE trials with a
#    finite value, the timeline those with a start time, the learning
#    curves those that reported a finite intermediate value.
#  - Every caption names the trials.csv columns it plots and they are
#    columns of trials.csv (read by name, as pgfplots reads them).
#  - The page shows each figure's "Trials:" sentence under it.
#  - No figure of either style names an option ("--" text, read from the
#    PDFs); a PAPER figure holds no note at all: none of the notes of its
#    SCREEN twin's caption is in its PDF, and its SVG has no text in the
#    notes' ink, which the SCREEN SVG of a figure with notes has.
# Prints one line per problem; exits 1 when there is any.  Standard library
# only: tests/e2e/captions.sh.
import csv
import glob
import math
import os
import re
import sqlite3
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdftext  # noqa: E402  (beside this script)

ORDER = ['COMPLETE', 'PRUNED', 'FAIL', 'RUNNING', 'WAITING']
NOTE_INK = 'fill:rgb(42%,42%,45%)'  # rnd_ink_note in src/render/text.c
problems = []


def problem(msg):
    problems.append(msg)
    print('%s: %s' % (STUDY, msg))


def load(db, name):
    c = sqlite3.connect('file:%s?mode=ro' % db, uri=True)
    sid, = c.execute('SELECT study_id FROM studies WHERE study_name = ?', (name,)).fetchone()
    nobj, = c.execute('SELECT COUNT(*) FROM study_directions WHERE study_id = ?', (sid,)).fetchone()
    trials = {}
    for tid, num, state, start in c.execute('SELECT trial_id, number, state, datetime_start '
                                            'FROM trials WHERE study_id = ?', (sid,)):
        trials[tid] = {'number': num, 'state': state, 'values': [math.nan] * nobj,
                       'start': start is not None, 'iv': False}
    for tid, k, v, vt in c.execute('SELECT trial_id, objective, value, value_type FROM trial_values'):
        if tid in trials:
            trials[tid]['values'][k] = {'INF_POS': math.inf, 'INF_NEG': -math.inf}.get(vt, v)
    for tid, v, vt in c.execute('SELECT trial_id, intermediate_value, intermediate_value_type '
                                'FROM trial_intermediate_values'):
        if tid in trials and vt == 'FINITE' and v is not None and math.isfinite(v):
            trials[tid]['iv'] = True
    return nobj, list(trials.values())


def counts(ts):
    n = {s: 0 for s in ORDER}
    for t in ts:
        n[t['state']] += 1
    return ', '.join('%d %s' % (n[s], s) for s in ORDER if n[s]) or 'none'


def sentence(all_, shown):
    keep = {t['number'] for t in shown}
    out = [t for t in all_ if t['number'] not in keep]
    if not out:
        return 'Trials: all %d (%s).' % (len(all_), counts(shown))
    return 'Trials: %d of %d (%s); left out: %s.' % (len(shown), len(all_), counts(shown),
                                                     counts(out))


def caption(d, stem):
    p = os.path.join(d, 'figures', stem + '.txt')
    return open(p, encoding='utf-8').read().splitlines() if os.path.exists(p) else None


def main():
    global STUDY
    db, STUDY, states, screen, paper = sys.argv[1:6]
    nobj, trials = load(db, STUDY)
    keep = {s.upper() for s in states.split(',')}
    trials = [t for t in trials if t['state'] in keep]
    with open(os.path.join(screen, 'data', 'trials.csv'), newline='') as f:
        head = next(csv.reader(f))
    page = open(os.path.join(screen, 'index.html'), encoding='utf-8').read()
    want = {}
    for k in range(nobj):
        sfx = '' if nobj == 1 else '_%d' % k
        fin = [t for t in trials if t['state'] == 'COMPLETE' and math.isfinite(t['values'][k])]
        for fig in ('convergence', 'importances', 'objective', 'evaluations', 'contour',
                    'parallel_coordinate', 'slice', 'edf', 'rank'):
            want[fig + sfx] = sentence(trials, fin)
        want['intermediate_values' + sfx] = sentence(trials, [t for t in trials if t['iv']])
    want['timeline'] = sentence(trials, [t for t in trials if t['start']])
    if nobj > 1:
        want['pareto_front'] = sentence(trials, [t for t in trials if t['state'] == 'COMPLETE'])
    stems = sorted(os.path.basename(p)[:-4] for p in glob.glob(os.path.join(screen, 'figures', '*.png')))
    if not stems:
        problem('no figure')
    for stem in stems:
        lines = caption(screen, stem)
        if lines is None:
            problem('figures/%s.txt is missing' % stem)
            continue
        if stem in want:
            if want[stem] not in lines:
                got = [ln for ln in lines if ln.startswith('Trials:')]
                problem('%s.txt says %s, expected "%s"' % (stem, got, want[stem]))
            elif '<p class="caption">' not in page or want[stem] not in page:
                problem('the page does not show "%s" under %s' % (want[stem], stem))
        for ln in lines:
            m = re.match(r'Trial values: data/trials\.csv, columns (.*)\.$', ln)
            for c in (m.group(1).split(', ') if m else []):
                if c not in head:
                    problem('%s.txt names column %s, which trials.csv lacks' % (stem, c))
        # the notes: every line between the trial count and the hints
        notes = [ln for ln in lines[3:] if not re.match(
            r'(Options |Made with |Trial values: |Derived: |Data: )', ln)]
        for d, style in ((screen, 'screen'), (paper, 'paper')):
            pdf = os.path.join(d, 'figures', stem + '.pdf')
            if not os.path.exists(pdf):
                problem('%s figures/%s.pdf is missing' % (style, stem))
                continue
            text = ' '.join(pdftext.text(pdf))
            if re.search(r'--[a-z]', text):
                problem('%s figure %s names an option: %s' % (style, stem,
                        re.search(r'.{0,30}--[a-z].{0,30}', text).group(0)))
            flat = re.sub(r'\s', '', text)
            for n in notes:
                if style == 'paper' and re.sub(r'\s', '', n)[:40] in flat:
                    problem('paper figure %s holds the note "%s"' % (stem, n))
            svg = os.path.join(d, 'figures', stem + '.svg')
            if os.path.exists(svg):
                ink = NOTE_INK in open(svg, encoding='utf-8').read()
                if style == 'paper' and ink:
                    problem('paper %s.svg has text in the notes\' ink' % stem)
                if style == 'screen' and notes and not ink:
                    problem('screen %s.svg has notes in its caption but none drawn' % stem)
    sys.exit(1 if problems else 0)


main()
