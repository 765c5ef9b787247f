# gridcsv.py: reads a grid table (data/contour.csv, data/objective.csv) in
# the layout its caption states -- header x_param, y_param, y, z0 ...;
# each grid a row naming its params, y "x" and the x nodes, then a row per
# y node, names empty, with a value per x node; a grid of one param with
# y_param and y empty -- and checks it holds to that layout.
#   gridcsv.py FILE [KIND]   prints "x_param:y_param nx ny" per grid;
#                            exit 1 with the problem when the layout is
#                            broken.  KIND "full": no value cell empty.
# Standard library only.
import csv
import sys


def grids(path):
    """[(x_param, y_param or "", x nodes, [(y, [values])])] of the file."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    nz = len(head) - 3
    if head[:3] != ["x_param", "y_param", "y"] or head[3:] != [f"z{i}" for i in range(nz)]:
        raise ValueError(f"{path}: header {head[:5]}")
    out = []
    for i, r in enumerate(rows[1:], 2):
        if len(r) != len(head):
            raise ValueError(f"{path}:{i}: {len(r)} cells, header {len(head)}")
        if r[0]:
            if r[2] != "x":
                raise ValueError(f"{path}:{i}: a named row whose y is {r[2]!r}, not x")
            xs = r[3:]
            while xs and xs[-1] == "":
                xs.pop()
            if not xs or "" in xs:
                raise ValueError(f"{path}:{i}: x nodes {xs[:4]}")
            out.append((r[0], r[1], xs, []))
            continue
        if not out or r[1]:
            raise ValueError(f"{path}:{i}: a value row before any grid, or naming y_param")
        name, yname, xs, vals = out[-1]
        if bool(yname) != bool(r[2]) or (not yname and vals):
            raise ValueError(f"{path}:{i}: y {r[2]!r} in the grid of {name}:{yname}")
        if any(c != "" for c in r[3 + len(xs):]):
            raise ValueError(f"{path}:{i}: values past the {len(xs)} x nodes")
        vals.append((r[2], [float(c) if c else None for c in r[3:3 + len(xs)]]))
    for name, yname, xs, vals in out:
        if not vals:
            raise ValueError(f"{path}: grid {name}:{yname} has no values")
    return out


if __name__ == "__main__":
    try:
        g = grids(sys.argv[1])
        if len(sys.argv) > 2 and sys.argv[2] == "full":
            for name, yname, xs, vals in g:
                if any(v is None for _, row in vals for v in row):
                    raise ValueError(f"{sys.argv[1]}: grid {name}:{yname} has empty values")
    except (ValueError, OSError) as e:
        print(e, file=sys.stderr)
        sys.exit(1)
    for name, yname, xs, vals in g:
        print(f"{name}:{yname} {len(xs)} {len(vals)}")
