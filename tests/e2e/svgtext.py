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
#                                     labels side by side do not count)
#   FILE cut "TEXT" ... by clipN     a glyph reaches outside the clip path
#                                     (a plot's rectangle) the run is drawn
#                                     in, so part of it is not shown
# TEXT is the run's glyph ids, since the SVG keeps no characters.  Standard
# library only: tests/e2e/layout.sh.
import re
import sys

TOL = 0.6
NUM = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
SYM = re.compile(r'<symbol overflow="visible" id="([^"]+)">(.*?)</symbol>', re.S)
CLIP = re.compile(r'<clipPath id="([^"]+)">(.*?)</clipPath>', re.S)
TAG = re.compile(r'<g\b([^>]*)>|</g>|<use xlink:href="#([^"]+)" x="([^"]+)" y="([^"]+)"/>')


def path_box(body):
    v = [float(x) for d in re.findall(r' d="([^"]*)"', body) for x in NUM.findall(d)]
    if len(v) < 2:
        return None
    xs, ys = v[0::2], v[1::2]
    return (min(xs), min(ys), max(xs), max(ys))


def glyph_boxes(svg):
    return {gid: b for gid, body in SYM.findall(svg) if (b := path_box(body))}


def runs(svg, boxes):
    """Each run of text: its ink box, glyph ids, glyph boxes and the box of
    the innermost clip path it is drawn in (None: not clipped)."""
    clips = {cid: path_box(body) for cid, body in CLIP.findall(svg)}
    body = svg[svg.find("</defs>"):] if "</defs>" in svg else svg
    out, stack = [], []	# stack: (clip box or None, glyph list or None)
    for m in TAG.finditer(body):
        attrs, gid = m.group(1), m.group(2)
        if attrs is not None:
            c = re.search(r'clip-path="url\(#([^)]+)\)"', attrs)
            run = [] if re.search(r'style="fill:', attrs) else None
            stack.append((clips.get(c.group(1)) if c else None, run, []))
        elif gid is not None:
            g = boxes.get(gid)
            if stack and stack[-1][1] is not None and g is not None:
                x, y = float(m.group(3)), float(m.group(4))
                stack[-1][1].append((x + g[0], y + g[1], x + g[2], y + g[3]))
                stack[-1][2].append(gid.split("-")[-1])
            elif stack and stack[-1][1] is not None:
                stack[-1][2].append(gid.split("-")[-1])	# a space
        elif stack:
            _, gs, ids = stack.pop()
            if gs:
                clip = next((c for c, _, _ in reversed(stack) if c), None)
                b = (min(g[0] for g in gs), min(g[1] for g in gs),
                     max(g[2] for g in gs), max(g[3] for g in gs))
                out.append((b, ".".join(ids[:12]), gs, clip))
    return out


def meet(a, b):
    return min(a[2], b[2]) - max(a[0], b[0]) > TOL and min(a[3], b[3]) - max(a[1], b[1]) > TOL


status = 0
for path in sys.argv[1:]:
    svg = open(path, encoding="utf-8").read()
    m = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    w, h = float(m.group(1)), float(m.group(2))
    rs = runs(svg, glyph_boxes(svg))
    for b, t, _, c in rs:
        if b[0] < -TOL or b[1] < -TOL or b[2] > w + TOL or b[3] > h + TOL:
            print('%s clipped "%s" %.1f %.1f %.1f %.1f in %gx%g' % (path, t, *b, w, h))
            status = 1
        if c and (b[0] < c[0] - TOL or b[1] < c[1] - TOL or b[2] > c[2] + TOL or b[3] > c[3] + TOL):
            print('%s cut "%s" %.1f %.1f %.1f %.1f by clip %.1f %.1f %.1f %.1f' % (path, t, *b, *c))
            status = 1
    rs.sort(key=lambda r: r[0])
    for i, (a, ta, ga, _) in enumerate(rs):
        for b, tb, gb, _ in rs[i + 1:]:
            if b[0] >= a[2] - TOL:
                break
            # glyph by glyph: the boxes of rotated runs overlap while
            # their letters do not
            if meet(a, b) and any(meet(x, y) for x in ga for y in gb):
                print('%s overlap "%s" at %.1f,%.1f / "%s" at %.1f,%.1f' % (path, ta, a[0], a[1], tb, b[0], b[1]))
                status = 1
sys.exit(status)
