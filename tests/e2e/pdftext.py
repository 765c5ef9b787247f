# pdftext.py FILE.pdf: prints the text Cairo drew into a PDF figure, one
# line per text-showing operator (Tj, TJ), so that a test can check what a
# figure says (its notes, titles) -- the SVG keeps glyph outlines only.
# Cairo writes one page; its content stream and ToUnicode CMaps are
# Flate-compressed; text is shown as literal or hex strings of one-byte
# codes (simple subset fonts) or two-byte codes (CID fonts), which the
# font's ToUnicode map turns into characters.  Standard library only:
# tests/e2e/select.sh.
import re
import sys
import zlib


def objects(data):
    """Maps object number to (dictionary bytes, decompressed stream or None)."""
    out = {}
    for m in re.finditer(rb'(\d+) 0 obj\s*(.*?)endobj', data, re.S):
        body = m.group(2)
        s = body.find(b'stream')
        if s < 0:
            out[int(m.group(1))] = (body, None)
            continue
        raw = body[s + 6:]
        raw = raw[1:] if raw[:1] == b'\n' else raw[2:] if raw[:2] == b'\r\n' else raw
        raw = raw[:raw.rfind(b'endstream')]
        try:
            raw = zlib.decompress(raw)
        except zlib.error:
            pass
        out[int(m.group(1))] = (body[:s], raw)
    return out


def cmap(text):
    """A ToUnicode CMap: (code width in bytes, {code: text})."""
    m = {}
    width = 1
    cs = re.search(rb'begincodespacerange\s*<([0-9a-fA-F]+)>', text)
    if cs:
        width = len(cs.group(1)) // 2
    for block in re.findall(rb'beginbfchar(.*?)endbfchar', text, re.S):
        for a, b in re.findall(rb'<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>', block):
            m[int(a, 16)] = bytes.fromhex(b.decode()).decode('utf-16-be')
    for block in re.findall(rb'beginbfrange(.*?)endbfrange', text, re.S):
        for a, b, c in re.findall(rb'<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>',
                                  block):
            base = bytes.fromhex(c.decode()).decode('utf-16-be')
            for i, code in enumerate(range(int(a, 16), int(b, 16) + 1)):
                m[code] = base[:-1] + chr(ord(base[-1]) + i)
    return width, m


def literal(s):
    """The bytes of a PDF literal string body (escapes undone)."""
    out = bytearray()
    i = 0
    while i < len(s):
        c = s[i]
        if c == 0x5c and i + 1 < len(s):
            n = s[i + 1]
            esc = {ord('n'): 10, ord('r'): 13, ord('t'): 9, ord('b'): 8, ord('f'): 12}
            if n in esc:
                out.append(esc[n])
                i += 2
            elif 0x30 <= n <= 0x37:
                j = i + 1
                while j < len(s) and j < i + 4 and 0x30 <= s[j] <= 0x37:
                    j += 1
                out.append(int(s[i + 1:j], 8) & 0xff)
                i = j
            else:
                out.append(n)
                i += 2
        else:
            out.append(c)
            i += 1
    return bytes(out)


STRING = rb'\((?:\\.|[^\\)])*\)|<[0-9a-fA-F\s]*>'


def decode(raw, font):
    width, m = font
    if raw.startswith(b'('):
        codes = literal(raw[1:-1])
    else:
        codes = bytes.fromhex(re.sub(rb'\s', b'', raw[1:-1]).decode())
    chars = []
    for i in range(0, len(codes) - width + 1, width):
        code = int.from_bytes(codes[i:i + width], 'big')
        chars.append(m.get(code, chr(code) if width == 1 else '?'))
    return ''.join(chars)


def main(path):
    objs = objects(open(path, 'rb').read())
    fonts = {}
    for num, (d, _) in objs.items():
        for name, ref in re.findall(rb'/(f-[\d-]+)\s+(\d+) 0 R', d):
            fd = objs.get(int(ref), (b'', None))[0]
            tu = re.search(rb'/ToUnicode\s+(\d+) 0 R', fd)
            if tu and objs.get(int(tu.group(1)), (b'', None))[1] is not None:
                fonts[name] = cmap(objs[int(tu.group(1))][1])
    for num, (d, s) in sorted(objs.items()):
        if s is None or b'Tf' not in s:
            continue
        font = (1, {})
        tok = re.compile(rb'/(f-[\d-]+)\s+[\d.]+\s+Tf|\[((?:' + STRING +
                         rb'|[^\]])*)\]\s*TJ|(' + STRING + rb')\s*Tj', re.S)
        for m in tok.finditer(s):
            if m.group(1):
                font = fonts.get(m.group(1), (1, {}))
            elif m.group(2) is not None:
                print(''.join(decode(x, font) for x in re.findall(STRING, m.group(2))))
            else:
                print(decode(m.group(3), font))


if __name__ == '__main__':
    for p in sys.argv[1:]:
        main(p)
