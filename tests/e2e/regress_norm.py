# regress_norm.py REPORT DIR: writes the files of the report REPORT that
# tests/regress/ keeps to DIR, in the form it keeps them, so that `diff -u`
# of two of them shows what changed and nothing else: every SVG figure and
# HTML page normalised as below, every CSV and JSON file and caption (.txt)
# as it is (numbers exact); PNG and PDF files and the .hpreport marker are
# left out.
#
# SVG (as Cairo writes it):
#   - one element per line (Cairo puts a run of text and the metadata on
#     one line each); no indentation, so that a diff shows content only;
#   - numbers with a decimal point in attributes rounded: geometry (d, x,
#     y, width, height, viewBox, ...) to 0.1 pt, colours to 0.1% (a step
#     of one in 255 is 0.39%), anything else (transform, stroke width,
#     opacity) to 0.001; "-0" is "0"; text content is left alone;
#   - in style attributes, the values Cairo writes for its defaults
#     (stroke-miterlimit:10, stroke-linejoin:miter, ...) are left out: any
#     other value is kept, so a change still shows;
#   - ids renumbered in order of first appearance, one counter per kind
#     (glyphF-N: fonts by first appearance, glyphs within a font), so that
#     Cairo's counters (some are global to the process, so they depend on
#     which figure a thread drew first) make no difference;
#   - a glyph (a <symbol> in <defs>, its outline the font's, not ours) is
#     one line <symbol id="glyphF-N" outline="sha1:..."/>, the hash over
#     the outline with its numbers at 0.1: the <use> lines show where each
#     glyph goes, the hash which glyph it is;
#   - embedded PNG images (raster layers of dense figures) become
#     "png WxH sha1:..." over the decoded, unfiltered pixel rows and the
#     palette: any pixel change shows, while a different zlib or libdeflate
#     build (other compressed bytes, same pixels) does not.
# data/page.js: the JSON data the page's script reads printed one object
# key per line and at most 16 array items per line, numbers as written.
# HTML: every line is kept, the inlined report.css and report.js as one
# line each (below).  In both, the version in "hpreport X.Y.Z" reads
# "hpreport VERSION", so that a release does not rewrite every file.
# Standard library only: tests/e2e/regress.sh.
import hashlib
import os
import re
import shutil
import struct
import sys
import zlib

VERSION = re.compile(r"hpreport \d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?")
GEOMETRY = {"d", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx",
            "ry", "width", "height", "viewBox", "points"}
DECIMAL = re.compile(r"(?<![\w#.-])-?\d*\.\d+(?:[eE][-+]?\d+)?(?![\d.])")
# style declarations Cairo writes whatever is drawn: its own defaults
DEFAULTS = {"stroke-miterlimit:10", "stroke-linejoin:miter", "stroke-linecap:butt",
            "fill-rule:nonzero", "fill-opacity:1", "stroke-opacity:1"}
RGB = re.compile(r"rgb\(([\d.]+%,[\d.]+%,[\d.]+)%\)")
ATTR = re.compile(r'([\w:-]+)="([^"]*)"')
ID = re.compile(r"^([A-Za-z_]+?)(\d+)(?:-(\d+))?$")
REF = re.compile(r'id="([^"]+)"|#([A-Za-z_][\w-]*)')
PNG = re.compile(r"data:image/png;base64,([A-Za-z0-9+/=\s]+)")


def fmt(v, places):
    s = "%.*f" % (places, v)
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def round_in(text, places):
    return DECIMAL.sub(lambda m: fmt(float(m.group(0)), places), text)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def png_digest(b64):
    """'png WxH sha1:...' of a PNG's decoded pixels and palette."""
    import base64
    data = base64.b64decode("".join(b64.split()))
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return "not a PNG, %d bytes" % len(data)
    pos, idat, ihdr, extra = 8, [], None, b""
    while pos + 8 <= len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind in (b"PLTE", b"tRNS"):
            extra += kind + body
        elif kind == b"IEND":
            break
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = ihdr
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ctype]
    bpp = max(1, channels * depth // 8)
    stride = (w * channels * depth + 7) // 8
    raw = zlib.decompress(b"".join(idat))
    if interlace or len(raw) != h * (stride + 1):
        # not one we unfilter: the decompressed stream still does not
        # depend on the compressor
        pix = raw
    else:
        out = bytearray()
        prev = bytearray(stride)
        for r in range(h):
            ft = raw[r * (stride + 1)]
            row = bytearray(raw[r * (stride + 1) + 1:(r + 1) * (stride + 1)])
            if ft == 1:
                for i in range(bpp, stride):
                    row[i] = (row[i] + row[i - bpp]) & 255
            elif ft == 2:
                for i in range(stride):
                    row[i] = (row[i] + prev[i]) & 255
            elif ft == 3:
                for i in range(stride):
                    left = row[i - bpp] if i >= bpp else 0
                    row[i] = (row[i] + ((left + prev[i]) >> 1)) & 255
            elif ft == 4:
                for i in range(stride):
                    left = row[i - bpp] if i >= bpp else 0
                    ul = prev[i - bpp] if i >= bpp else 0
                    row[i] = (row[i] + paeth(left, prev[i], ul)) & 255
            out += row
            prev = row
        pix = bytes(out)
    digest = hashlib.sha1(struct.pack(">IIBB", w, h, depth, ctype) + extra + pix)
    return "png %dx%d sha1:%s" % (w, h, digest.hexdigest()[:16])


def renumber(text):
    """Cairo's ids, renumbered per kind in order of first appearance."""
    seen = {}       # (prefix, a) -> new a; (prefix, a, b) -> new b
    count = {}
    new = {}
    for m in REF.finditer(text):
        old = m.group(1) or m.group(2)
        if old in new:
            continue
        p = ID.match(old)
        if not p:
            continue
        prefix, a, b = p.group(1), p.group(2), p.group(3)
        # from 1 as Cairo's clip1, image1; glyphF-N from 0 as Cairo's
        # glyph0-0, so that the common case keeps Cairo's own numbers
        first = 1 if b is None else 0
        if (prefix, a) not in seen:
            seen[(prefix, a)] = count.setdefault(prefix, first)
            count[prefix] += 1
        na = seen[(prefix, a)]
        if b is None:
            new[old] = "%s%d" % (prefix, na)
        else:
            k = (prefix, na)
            new[old] = "%s%d-%d" % (prefix, na, count.setdefault(k, 0))
            count[k] += 1
    if not new:
        return text
    return REF.sub(lambda m: 'id="%s"' % new.get(m.group(1), m.group(1)) if m.group(1)
                   else "#" + new.get(m.group(2), m.group(2)), text)


def style(val):
    """A style attribute: Cairo's defaults out, colours to 0.1%, other
    numbers to 0.001."""
    val = RGB.sub(lambda m: "rgb(%s)" % ",".join(
        fmt(float(c), 1) + "%" for c in m.group(1).split("%,")), val)
    decls = [d for d in round_in(val, 3).split(";") if d.strip() not in DEFAULTS]
    return ";".join(decls)


def tag(t):
    """One tag with its numbers rounded."""
    def attr(m):
        name, val = m.group(1), m.group(2)
        if name in ("id", "xlink:href", "href", "version", "outline") or val.startswith("png "):
            return m.group(0)
        if name == "style":
            return 'style="%s"' % style(val)
        return '%s="%s"' % (name, round_in(val, 1 if name in GEOMETRY else 3))
    return ATTR.sub(attr, t)


def glyph_outline(d):
    return "sha1:" + hashlib.sha1(round_in(d, 1).encode()).hexdigest()[:12]


def svg(text):
    text = PNG.sub(lambda m: png_digest(m.group(1)), text)
    text = renumber(text)
    # a glyph: <symbol overflow="visible" id="glyph0-1"> <path
    # style="stroke:none;" d="..."/> </symbol>, on one line as
    # <symbol id="glyph0-1" outline="sha1:..."/>
    text = re.sub(r'<symbol\b[^>]*id="(glyph[^"]*)"[^>]*>\s*<path\b[^>]*?d="([^"]*)"\s*/>\s*</symbol>',
                  lambda m: '<symbol id="%s" outline="%s"/>' % (m.group(1), glyph_outline(m.group(2))),
                  text)
    out = []
    # tokens: tags and the text between them; an element whose only content
    # is text (<title>, <dc:title>) stays on one line
    toks = re.findall(r"<[^>]*>|[^<]+", text)
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.startswith("<"):
            t = t if t.startswith("<?") else tag(t)
            if (not t.startswith("</") and not t.endswith("/>") and i + 2 < len(toks)
                    and not toks[i + 1].startswith("<") and toks[i + 2].startswith("</")):
                out.append(t + toks[i + 1] + toks[i + 2])
                i += 3
                continue
            out.append(t)
        elif t.strip():
            out.append(t.strip())
        i += 1
    return "\n".join(out) + "\n"


JSON_TOK = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+|\s+')
ITEMS = 16


def json_lines(s):
    """The JSON text s, an object key per line and up to ITEMS scalars of
    an array per line, each token as written."""
    toks = [t for t in JSON_TOK.findall(s) if not t.isspace()]
    pos = 0

    def value(ind):
        nonlocal pos
        t = toks[pos]
        if t == "{":
            pos += 1
            if toks[pos] == "}":
                pos += 1
                return "{}"
            parts = []
            while True:
                k = toks[pos]
                pos += 2        # key and ':'
                parts.append(" " * (ind + 1) + k + ":" + value(ind + 1))
                t = toks[pos]
                pos += 1
                if t == "}":
                    break
            return "{\n" + ",\n".join(parts) + "\n" + " " * ind + "}"
        if t == "[":
            pos += 1
            if toks[pos] == "]":
                pos += 1
                return "[]"
            items = []
            while True:
                items.append(value(ind + 1))
                t = toks[pos]
                pos += 1
                if t == "]":
                    break
            if all("\n" not in v for v in items) and len(items) <= ITEMS:
                return "[" + ",".join(items) + "]"
            if all("\n" not in v for v in items):
                rows = [",".join(items[j:j + ITEMS]) for j in range(0, len(items), ITEMS)]
            else:
                rows = items
            return "[\n" + ",\n".join(" " * (ind + 1) + r.lstrip() for r in rows) + "\n" + " " * ind + "]"
        pos += 1
        return t
    return value(0)


# The stylesheet and scripts the pages inline verbatim ({{>report.css}},
# {{>report.js}}, {{>zoom.js}}): the templates are files of the repository, reviewed as
# such, so a page keeps one line naming each instead of another copy (the
# line changes when the inlined text stops being the template's).
TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "templates")
PARTIALS = []
for _name in ("report.css", "report.js", "zoom.js"):
    with open(os.path.join(TEMPLATES, _name), encoding="utf-8") as _f:
        _t = _f.read()
    PARTIALS.append((_t, "[templates/%s: %d bytes, sha1:%s]" % (
        _name, len(_t.encode("utf-8")), hashlib.sha1(_t.encode("utf-8")).hexdigest()[:12])))


def html(text):
    for partial, line in PARTIALS:
        text = text.replace(partial, line + "\n")
    return text


def page_js(text):
    """data/page.js: the JSON value assigned, as json_lines prints it."""
    m = re.match(r"(.*?= )(.*)(;\n)$", text, re.S)
    return m.group(1) + "\n" + json_lines(m.group(2)) + "\n" + m.group(3)


def normalise(src, dst):
    text = open(src, encoding="utf-8").read()
    text = VERSION.sub("hpreport VERSION", text)
    if src.endswith(".svg"):
        text = svg(text)
    elif src.endswith(".js"):
        text = page_js(text)
    else:
        text = html(text)
    with open(dst, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    src, dst = sys.argv[1], sys.argv[2]
    for top, dirs, files in os.walk(src):
        dirs.sort()
        rel = os.path.relpath(top, src)
        for name in sorted(files):
            ext = os.path.splitext(name)[1]
            if ext not in (".svg", ".html", ".csv", ".json", ".txt", ".js"):
                continue
            os.makedirs(os.path.join(dst, rel), exist_ok=True)
            a, b = os.path.join(top, name), os.path.join(dst, rel, name)
            if ext in (".csv", ".json", ".txt"):  # .txt: the caption files
                shutil.copyfile(a, b)
            else:
                normalise(a, b)


main()
