#!/usr/bin/env python3
"""What hpreport should find in a Ray Tune experiment directory, computed
from the raw files with the standard library only (json, csv) -- an
independent reading, not hpreport's.  Prints three lines:

    trials N, STATE C, STATE C ...     (states in hpreport's order)
    best VALUE                         (repr of the float; "none")
    params {...}                       (JSON: the best trial's config,
                                        nested dicts joined with '/',
                                        lists as compact JSON text)
    number K                           (the best trial's number)

Usage: raytune_expect.py EXPDIR [METRIC [minimize|maximize]]
Rules (from Ray's layout, see src/load/raytune.c's header): the newest
experiment_state; trials joined to directories by logdir name or
trial_id; rows from result.json, else progress.csv; value = the metric
in the last row that has it, else in the state's last_result;
TERMINATED -> COMPLETE unless it never reported anything (FAIL);
trials ordered by experiment_tag's leading integer, then trial_id.
"""
import csv
import glob
import json
import math
import os
import sys

exp = sys.argv[1].rstrip('/')
metric = sys.argv[2] if len(sys.argv) > 2 else None
direction = sys.argv[3] if len(sys.argv) > 3 else None

trials = {}     # key -> dict
states = sorted(glob.glob(os.path.join(exp, 'experiment_state-*.json')))
if states:
    doc = json.load(open(states[-1]))
    if 'trial_data' in doc:
        entries = [(json.loads(a), json.loads(b)) for a, b in doc['trial_data']]
    else:
        entries = [((json.loads(c) if isinstance(c, str) else c), None)
                   for c in doc['checkpoints']]
    for t, r in entries:
        src = r if r is not None else t
        logdir = t.get('relative_logdir') or t.get('logdir') or ''
        trials[t['trial_id']] = dict(
            id=t['trial_id'], status=t['status'], tag=t.get('experiment_tag'),
            logdir=os.path.basename(logdir.rstrip('/')), config=t.get('config'),
            last=src.get('last_result') or {}, rows=[])


def read_rows(d):
    rows = []
    rj = os.path.join(d, 'result.json')
    if os.path.exists(rj):
        rows = [json.loads(x) for x in open(rj) if x.strip()]
    pc = os.path.join(d, 'progress.csv')
    if not rows and os.path.exists(pc):
        for row in csv.DictReader(open(pc)):
            out = {}
            for k, v in row.items():
                try:
                    out[k] = float(v)
                except ValueError:
                    out[k] = v
            rows.append(out)
    return rows


for name in sorted(os.listdir(exp)):
    d = os.path.join(exp, name)
    if name.startswith('.') or not os.path.isdir(d):
        continue
    if not any(os.path.exists(os.path.join(d, f))
               for f in ('params.json', 'result.json', 'progress.csv')):
        continue
    rows = read_rows(d)
    match = [t for t in trials.values() if t['logdir'] == name]
    if not match and rows and rows[0].get('trial_id') in trials:
        match = [trials[rows[0]['trial_id']]]
    if match:
        t = match[0]
    else:
        tid = rows[0].get('trial_id') if rows else name
        t = trials.setdefault(tid, dict(id=tid, status=None, tag=None, logdir=name,
                                        config=None, last={}, rows=[]))
        if os.path.exists(os.path.join(d, 'error.txt')):
            t['status'] = 'ERROR'
        elif rows:
            t['status'] = 'TERMINATED'
        else:
            t['status'] = 'RUNNING'
    t['rows'] = rows
    if os.path.exists(os.path.join(d, 'params.json')):
        t['config'] = json.load(open(os.path.join(d, 'params.json')))


def index(t):
    tag = t['tag'] or ''
    head = tag.split('_')[0]
    return int(head) if head.isdigit() else None


order = sorted(trials.values(), key=lambda t: (index(t) is None, index(t) or 0,
                                                t['id'] or ''))
bookkeeping = {'timestamp', 'done', 'training_iteration', 'trial_id', 'date',
               'time_this_iter_s', 'time_total_s', 'pid', 'hostname', 'node_ip',
               'time_since_restore', 'iterations_since_restore',
               'timesteps_total', 'episodes_total', 'timesteps_since_restore',
               'experiment_id', 'experiment_tag', 'should_checkpoint',
               'checkpoint_dir_name', 'config'}
if metric is None:
    found = set()
    for t in order:
        for row in t['rows'] + [t['last']]:
            found |= {k for k, v in row.items() if k not in bookkeeping and
                      isinstance(v, (int, float)) and not isinstance(v, bool)}
    assert len(found) <= 1, found
    metric = found.pop() if found else 'value'
if direction is None:
    direction = 'minimize'

STATE = {'TERMINATED': 'COMPLETE', 'ERROR': 'FAIL', 'RUNNING': 'RUNNING',
         'PAUSED': 'RUNNING', 'PENDING': 'WAITING'}
counts = {}
best = None
for number, t in enumerate(order):
    last = {k: v for k, v in t['last'].items() if k != 'trial_id'}
    state = STATE[t['status']]
    if state == 'COMPLETE' and not t['rows'] and not last:
        state = 'FAIL'
    counts[state] = counts.get(state, 0) + 1
    value = None
    for row in t['rows']:
        v = row.get(metric)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            value = float(v)
    if not t['rows'] and isinstance(last.get(metric), (int, float)):
        value = float(last[metric])
    if state != 'COMPLETE' or value is None or not math.isfinite(value):
        continue
    better = best is None or (value < best[0] if direction == 'minimize'
                              else value > best[0])
    if better:
        best = (value, number, t)


def flat(d, prefix=''):
    out = {}
    for k, v in d.items():
        if isinstance(v, dict) and v:
            out.update(flat(v, prefix + k + '/'))
        elif isinstance(v, (list, dict)):
            out[prefix + k] = json.dumps(v, separators=(',', ':'))
        else:
            out[prefix + k] = v
    return out


names = ['RUNNING', 'COMPLETE', 'PRUNED', 'FAIL', 'WAITING']
print('trials %d' % len(order) + ''.join(', %d %s' % (counts[s], s)
                                         for s in names if s in counts))
print('best %r' % best[0] if best else 'best none')
print('params ' + json.dumps(flat(best[2]['config'] or {}) if best else {},
                             sort_keys=True))
print('number %d' % best[1] if best else 'number none')
