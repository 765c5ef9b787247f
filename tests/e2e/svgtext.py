# svgtext.py FILE.svg...: checks the text of figures Cairo wrote as SVG.
# Cairo draws each run of text as a <g style="fill:..."> of <use> elements,
# one per glyph, placed in user space (points) and pointing at a glyph
# outline in <defs> (already rotated for rotated text).  The ink box of a
# glyph is its outline's box (path points, control points included) moved
# to its place.  Prints one line per problem and exits 1 when there is any:
#   FILE clipped "TEXT" x0 y0 x1 y1   a glyph reaches outside the canvas
#   FILE overlap "A" / "B"           a glyph of one run overlaps a glyph of
#                                     another (by more than TOL points both
#                                     ways; glyph by glyph, so that rotated
#                                     labels side by side do not count)  TEXT is the run's glyph ids, since
# the SVG keeps no characters.  Standard library only: tests/e2e/layout.sh.
import re
import sys

TOL = 0.6
NUM = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
SYM = re.compile(r'<symbol overflow="visible" id="([^"]+)">(.*?)</symbol>', re.S)
RUN = re.compile(r'<g style="fill:[^"]*">((?:\s*<use [^>]*/>)+)\s*</g>', re.S)
USE = re.compile(r'<use xlink:href="#([^"]+)" x="([^"]+)" y="([^"]+)"/>')


def glyph_boxes(svg):
    boxes = {}
    for gid, body in SYM.findall(svg):
        v = [float(x) for d in re.findall(r' d="([^"]*)"', body) for x in NUM.findall(d)]
        if len(v) >= 2:
            xs, ys = v[0::2], v[1::2]
            boxes[gid] = (min(xs), min(ys), max(xs), max(ys))
    return boxes


def runs(svg, boxes):
    out = []
    for body in RUN.findall(svg):
        gs, ids = [], []
        for gid, x, y in USE.findall(body):
            ids.append(gid.split("-")[-1])
            g = boxes.get(gid)
            if g is None:	# a space: no outline
                continue
            x, y = float(x), float(y)
            gs.append((x + g[0], y + g[1], x + g[2], y + g[3]))
        if gs:
            b = (min(g[0] for g in gs), min(g[1] for g in gs),
                 max(g[2] for g in gs), max(g[3] for g in gs))
            out.append((b, ".".join(ids[:12]), gs))
    return out


def meet(a, b):
    return min(a[2], b[2]) - max(a[0], b[0]) > TOL and min(a[3], b[3]) - max(a[1], b[1]) > TOL


status = 0
for path in sys.argv[1:]:
    svg = open(path, encoding="utf-8").read()
    m = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    w, h = float(m.group(1)), float(m.group(2))
    rs = runs(svg, glyph_boxes(svg))
    for b, t, _ in rs:
        if b[0] < -TOL or b[1] < -TOL or b[2] > w + TOL or b[3] > h + TOL:
            print('%s clipped "%s" %.1f %.1f %.1f %.1f in %gx%g' % (path, t, *b, w, h))
            status = 1
    rs.sort(key=lambda r: r[0])
    for i, (a, ta, ga) in enumerate(rs):
        for b, tb, gb in rs[i + 1:]:
            if b[0] >= a[2] - TOL:
                break
            # glyph by glyph: the boxes of rotated runs overlap while
            # their letters do not
            if meet(a, b) and any(meet(x, y) for x in ga for y in gb):
                print('%s overlap "%s" at %.1f,%.1f / "%s" at %.1f,%.1f' % (path, ta, a[0], a[1], tb, b[0], b[1]))
                status = 1
sys.exit(status)
