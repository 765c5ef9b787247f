# pngcheck.py FILE...: decodes each PNG (zlib of the IDAT chunks, checked
# against the size IHDR implies, CRCs checked) and prints "FILE WxH ink",
# ink being the share of rows that carry something: a row filtered with
# None that is not one colour repeated, or a row filtered otherwise
# (Sub, Up, Average, Paeth) whose bytes after the first pixel are not all
# zero -- a plain background row (equal to the row above) filters to
# zeros under every one of them.  A blank picture has ink 0.  Exits 1 on a
# file that does not decode.
# Standard library only: used by tests/e2e/figures.sh.
import struct
import sys
import zlib

BPP = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
status = 0
for path in sys.argv[1:]:
    try:
        data = open(path, "rb").read()
        if data[:8] != b"\x89PNG\r\n\x1a\n":
            raise ValueError("not a PNG signature")
        pos, idat, ihdr = 8, [], None
        while pos < len(data):
            n, kind = struct.unpack(">I4s", data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + n]
            if zlib.crc32(kind + body) != struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])[0]:
                raise ValueError("bad CRC in %r" % kind)
            if kind == b"IHDR":
                ihdr = struct.unpack(">IIBBBBB", body)
            elif kind == b"IDAT":
                idat.append(body)
            elif kind == b"IEND":
                break
            pos += 12 + n
        w, h, depth, ctype = ihdr[:4]
        if depth != 8:
            raise ValueError("bit depth %d" % depth)
        raw = zlib.decompress(b"".join(idat))
        stride = 1 + w * BPP[ctype]
        if len(raw) != h * stride:
            raise ValueError("%d bytes of pixels, wanted %d" % (len(raw), h * stride))
        bpp, rows = BPP[ctype], 0
        for r in range(h):
            ft, row = raw[r * stride], raw[r * stride + 1:(r + 1) * stride]
            if ft == 0:
                rows += row != row[:bpp] * w
            else:
                rows += row[bpp:].count(0) != len(row) - bpp
        ink = rows / max(h, 1)
        print("%s %dx%d %.4f" % (path, w, h, ink))
    except Exception as e:  # one line per bad file, then carry on
        print("%s BAD %s" % (path, e))
        status = 1
sys.exit(status)
