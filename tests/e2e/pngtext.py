# pngtext.py FILE.png [KEY]: prints the text chunks (tEXt, iTXt without
# compression) of a PNG as "KEY: VALUE" lines, or only VALUE of KEY.  The
# figures' PNGs carry their notes under Description (render/png.c), so a
# test can read what a figure says it left out or estimated.
# Standard library only: used by tests/e2e/hostile_compute.sh.
import struct
import sys

data = open(sys.argv[1], "rb").read()
want = sys.argv[2] if len(sys.argv) > 2 else None
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit("%s: not a PNG" % sys.argv[1])
pos = 8
while pos + 8 <= len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    pos += 12 + n
    if kind not in (b"tEXt", b"iTXt"):
        continue
    key, _, val = body.partition(b"\0")
    if kind == b"iTXt":
        val = val[4:]   # compression flag and method, empty language, empty key
    key, val = key.decode("latin-1"), val.decode("latin-1" if kind == b"tEXt" else "utf-8")
    if want is None:
        print("%s: %s" % (key, val))
    elif key == want:
        print(val)
