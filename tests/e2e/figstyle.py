# figstyle.py: is a report consistent from figure to figure?  Reads the
# files only (Cairo's PDFs and SVGs, the study's SQLite database), never
# the program's own idea of them.  Prints one line per problem, exits 1
# when there is any.  Standard library only: tests/e2e/consistency.sh.
#
#   figstyle.py type DIR DB     every PDF under DIR (REPORT/STUDY/figures):
#     - numbers (tick labels, value labels such as a bar's importance or
#       a histogram's count) are set at one size in a figure: a value
#       label is never larger than the ticks beside it;
#     - the texts use one word per concept: never "Trial number" beside
#       "Trial";
#     - every legend "Best: trial N (V)" (and note "the best trial, N
#       (V)") gives V as 4 significant digits
#       of trial N's value in DB (Optuna's trial_values), a minus sign for
#       negatives: the same number the same way in every figure.
#   figstyle.py colours DIR_A DIR_B   the same report with two colour maps:
#     the colours both have in a figure are the fixed ones (not from the
#     map); among them there is one blue.
import math
import os
import re
import sqlite3
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdftext  # noqa: E402

NUMBER = re.compile('^[<\u2212+-]?[0-9.,\u00d7\u00b2\u00b3\u00b9\u2070-\u207b]+%?$')


def runs(path):
    """(size, text) of each run of text the PDF shows: the pieces between
    two moves (Tm, Td) are one run, whatever fonts they take."""
    data = open(path, 'rb').read()
    objs = pdftext.objects(data)
    fonts = {}
    for num, (d, _) in objs.items():
        for name, ref in re.findall(rb'/(f-[\d-]+)\s+(\d+) 0 R', d):
            fd = objs.get(int(ref), (b'', None))[0]
            tu = re.search(rb'/ToUnicode\s+(\d+) 0 R', fd)
            if tu and objs.get(int(tu.group(1)), (b'', None))[1] is not None:
                fonts[name] = pdftext.cmap(objs[int(tu.group(1))][1])
    out = []
    tok = re.compile(rb'([-\d.]+) ([-\d.]+) [-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ Tm|'
                     rb'[-\d.]+ [-\d.]+ Td|/(f-[\d-]+)\s+[\d.]+\s+Tf|ET|'
                     rb'\[((?:' + pdftext.STRING + rb'|[^\]()<])*)\]\s*TJ|(' +
                     pdftext.STRING + rb')\s*Tj', re.S)
    for num, (d, s) in sorted(objs.items()):
        if s is None or b'Tf' not in s:
            continue
        size, font, cur = 0.0, (1, {}), None
        for m in tok.finditer(s):
            if m.group(1) is not None:
                size = math.hypot(float(m.group(1)), float(m.group(2)))  # turned text too
                cur = None
            elif m.group(3):
                font = fonts.get(m.group(3), (1, {}))
            elif m.group(4) is not None or m.group(5) is not None:
                t = (''.join(pdftext.decode(x, font) for x in re.findall(pdftext.STRING, m.group(4)))
                     if m.group(4) is not None else pdftext.decode(m.group(5), font))
                if cur is None:
                    cur = [size, '']
                    out.append(cur)
                cur[1] += t
            else:  # Td, ET
                cur = None
    return [(round(a, 2), t) for a, t in out]


def fmt(v):
    """4 significant digits, as a reader would write them by hand."""
    s = '%.4g' % abs(v)
    if 'e' in s:
        m, e = s.split('e')
        sup = str.maketrans('-0123456789', '\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079')
        s = ('' if m == '1' else m + '\u00d7') + '10' + str(int(e)).translate(sup)
    return ('\u2212' if v < 0 else '') + s


def study_values(db):
    """{study name: {trial number: [values]}} from an Optuna database."""
    con = sqlite3.connect(db)
    out = {}
    q = ('SELECT s.study_name, t.number, v.value FROM trials t '
         'JOIN studies s ON s.study_id = t.study_id '
         'JOIN trial_values v ON v.trial_id = t.trial_id')
    for name, number, value in con.execute(q):
        if value is not None:
            out.setdefault(name, {}).setdefault(number, []).append(value)
    return out


def check_type(top, db):
    bad = []
    values = study_values(db)
    texts = set()
    npdf = nbest = 0
    for root, _, files in sorted(os.walk(top)):
        for f in sorted(files):
            if not f.endswith('.pdf'):
                continue
            path = os.path.join(root, f)
            npdf += 1
            rs = runs(path)
            texts.update(t for _, t in rs)
            sizes = sorted({a for a, t in rs if NUMBER.match(t.strip())})
            if len(sizes) > 1:
                ex = {a: t for a, t in rs if NUMBER.match(t.strip())}
                bad.append('%s: numbers at %d sizes: %s' % (
                    path, len(sizes), ', '.join('%g pt "%s"' % (a, ex[a]) for a in sizes)))
            study = os.path.basename(os.path.dirname(root))
            for _, t in rs:
                m = re.match(r'^Best: trial (\d+)(?: \((.*)\))?$', t) or \
                    re.search(r'the best trial, (\d+) \(([^()]*)\)', t)
                if not m or m.group(2) is None:
                    continue
                nbest += 1
                want = [fmt(v) for v in values.get(study, {}).get(int(m.group(1)), [])]
                if m.group(2) not in want:
                    bad.append('%s: "%s", wanted the value as one of %s' % (path, t, want))
    if 'Trial number' in texts and 'Trial' in texts:
        bad.append('%s: both "Trial" and "Trial number" name the trial' % top)
    if npdf == 0 or nbest == 0:
        bad.append('%s: %d PDFs, %d best-trial legends with a value' % (top, npdf, nbest))
    return bad


COLOUR = re.compile(r'(?:fill|stroke)[:=]"?rgb\(([\d.]+)%,\s*([\d.]+)%,\s*([\d.]+)%\)')


def svg_colours(path):
    s = open(path, encoding='utf-8', errors='replace').read()
    return {tuple(round(float(x) / 100, 3) for x in m.groups()) for m in COLOUR.finditer(s)}


def check_colours(a, b):
    blues = {}
    nsvg = 0
    for root, _, files in sorted(os.walk(a)):
        for f in sorted(files):
            if not f.endswith('.svg'):
                continue
            pa = os.path.join(root, f)
            pb = os.path.join(b, os.path.relpath(pa, a))
            if not os.path.exists(pb):
                continue
            nsvg += 1
            for c in svg_colours(pa) & svg_colours(pb):
                r, g, bl = c
                if bl > 0.4 and bl - max(r, g) > 0.15:
                    blues.setdefault(c, []).append(os.path.relpath(pa, a))
    if nsvg == 0:
        return ['%s: no SVG' % a]
    if len(blues) != 1:
        return ['%d blues: %s' % (len(blues), '; '.join(
            'rgb(%g, %g, %g) in %s' % (c + (', '.join(sorted(set(v))[:3]),))
            for c, v in sorted(blues.items())))]
    return []


if __name__ == '__main__':
    if len(sys.argv) == 4 and sys.argv[1] == 'type':
        problems = check_type(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == 'colours':
        problems = check_colours(sys.argv[2], sys.argv[3])
    else:
        sys.exit('usage: figstyle.py type DIR DB | colours DIR_A DIR_B')
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)
