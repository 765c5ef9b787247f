# gallery_page.py OUT SIZE...: writes OUT/index.html, the page of
# `make gallery` (tests/gallery.sh): for each study, a table of its
# figures (rows) at each size (columns), the PNG and the PDF (through the
# thumbnail pdftoppm drew beside it, NAME.pdf-thumb.png) side by side,
# each a link to the file, with the figure's size in inches (the PNG's
# pixels over its pHYs resolution).  OUT holds one report per study and
# size, named STUDY-SIZE.  Standard library only.
import html
import os
import struct
import sys


def png_inches(path):
    """(width, height) in inches from the PNG's IHDR and pHYs, or None."""
    with open(path, 'rb') as f:
        data = f.read(1 << 16)
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        return None
    w, h = struct.unpack('>II', data[16:24])
    i = data.find(b'pHYs')
    if i < 0:
        return None
    px, py, unit = struct.unpack('>IIB', data[i + 4:i + 13])
    if unit != 1 or px == 0 or py == 0:
        return None
    return w / (px * 0.0254), h / (py * 0.0254)


def figures(report):
    """Paths (relative to report, without .png) of the figures in it."""
    out = []
    for root, _, files in os.walk(report):
        for f in files:
            if f.endswith('.png') and not f.endswith('.pdf-thumb.png') and \
                    os.path.basename(root) == 'figures':
                out.append(os.path.relpath(os.path.join(root, f[:-4]), report))
    return out


def cell(out, report, fig):
    base = os.path.join(report, fig)
    if not os.path.exists(base + '.png'):
        return '<td class="none">not made</td>'
    rel = os.path.relpath(base, out)
    q = html.escape(rel, quote=True)
    inch = png_inches(base + '.png')
    size = '%.2f \u00d7 %.2f in' % inch if inch else ''
    s = ['<td><div class="pair">',
         '<a href="%s.png"><img loading="lazy" src="%s.png" alt="PNG"></a>' % (q, q)]
    if os.path.exists(base + '.pdf-thumb.png'):
        s.append('<a href="%s.pdf"><img loading="lazy" src="%s.pdf-thumb.png" alt="PDF"></a>'
                 % (q, q))
    s.append('</div><div class="meta">PNG \u00b7 PDF %s</div></td>' % html.escape(size))
    return ''.join(s)


def main():
    out, sizes = sys.argv[1], sys.argv[2:]
    studies = []
    for d in sorted(os.listdir(out)):
        for sz in sizes:
            if d.endswith('-' + sz) and os.path.isdir(os.path.join(out, d)):
                st = d[:-len(sz) - 1]
                if st not in studies:
                    studies.append(st)
    page = ['<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
            '<title>hpreport gallery</title><style>',
            'body{font:14px/1.4 sans-serif;margin:1.5em;color:#222}',
            'table{border-collapse:collapse;margin-bottom:2em}',
            'th,td{border:1px solid #ccc;padding:6px;vertical-align:top}',
            'th{background:#f4f4f4;text-align:left}',
            'td.name{font-family:monospace;white-space:nowrap}',
            '.pair{display:flex;gap:6px;align-items:flex-start}',
            '.pair img{width:180px;border:1px solid #ddd;background:#fff}',
            '.meta{color:#666;font-size:12px}.none{color:#999}',
            '</style></head><body>',
            '<h1>hpreport gallery</h1>',
            '<p>Every figure at the default size (screen style) and at a single '
            '(3.5 in) and double (7 in) paper column (<code>--style paper '
            '--width</code>): the PNG, then the PDF as pdftoppm draws it. '
            'Each image links to its file.</p>']
    for st in studies:
        figs = set()
        for sz in sizes:
            rep = os.path.join(out, '%s-%s' % (st, sz))
            if os.path.isdir(rep):
                figs.update(figures(rep))
        page.append('<h2 id="%s">%s</h2>' % (html.escape(st, quote=True), html.escape(st)))
        page.append('<table><tr><th>figure</th>' + ''.join(
            '<th><a href="%s/index.html">%s</a></th>' % (
                html.escape('%s-%s' % (st, sz), quote=True), html.escape(sz))
            for sz in sizes) + '</tr>')
        for fig in sorted(figs):
            page.append('<tr><td class="name">%s</td>' % html.escape(fig) + ''.join(
                cell(out, os.path.join(out, '%s-%s' % (st, sz)), fig) for sz in sizes) + '</tr>')
        page.append('</table>')
    page.append('</body></html>\n')
    with open(os.path.join(out, 'index.html'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(page))


if __name__ == '__main__':
    main()
