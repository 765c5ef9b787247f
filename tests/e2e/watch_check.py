#!/usr/bin/python3
"""Reads a report directory that `hpreport --watch` keeps replacing, over
and over for SECONDS, and checks that every read sees one complete report:
the directory is always there; its index.html is whole (ends with
</html>); data/study.json parses; data/trials.csv has one row per trial
of study.json; summary.md names the same count; data/live.js carries the
generation the page was written with.  The files of one read are opened
through one directory descriptor, so they come from the same report (a
read the swap overtook -- the old report's files already removed -- is
not counted).  Prints the trial counts seen, one a line, then "ok" or what
was wrong.  Usage: watch_check.py DIR SECONDS"""
import csv, io, json, os, re, sys, time

top, seconds = sys.argv[1], float(sys.argv[2])
end = time.time() + seconds
seen, reads, overtaken = [], 0, 0


def read(dfd, name):
    fd = os.open(name, os.O_RDONLY, dir_fd=dfd)
    with os.fdopen(fd, "rb") as f:
        return f.read().decode("utf-8")


while time.time() < end:
    try:
        dfd = os.open(top, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as e:
        sys.exit(f"the report directory was missing: {e}")
    try:
        page = read(dfd, "index.html")
        study = read(dfd, "data/study.json")
        trials = read(dfd, "data/trials.csv")
        summary = read(dfd, "summary.md")
        live = read(dfd, "data/live.js")
    except FileNotFoundError:
        overtaken += 1
        continue
    finally:
        os.close(dfd)
    reads += 1
    if not page.rstrip().endswith("</html>"):
        sys.exit("index.html is cut short")
    st = json.loads(study)
    rows = list(csv.reader(io.StringIO(trials)))
    if len(rows) - 1 != st["n_trials"]:
        sys.exit(f"trials.csv has {len(rows) - 1} rows, study.json says {st['n_trials']}")
    m = re.search(r"^\| Trials \| (\d+) \|", summary, re.M)
    if not m or int(m.group(1)) != st["n_trials"]:
        sys.exit(f"summary.md does not say {st['n_trials']} trials")
    g = re.fullmatch(r'hpLive\("([0-9A-Za-z-]+)"\);\n', live)
    if not g or f'data-gen="{g.group(1)}"' not in page:
        sys.exit(f"live.js {live!r} is not the page's generation")
    seen.append(st["n_trials"])
    time.sleep(0.05)
for n in sorted(set(seen)):
    print(n)
if reads < 10:
    sys.exit(f"only {reads} complete reads ({overtaken} overtaken)")
if any(b < a for a, b in zip(seen, seen[1:])):
    sys.exit("the trial count went down")
print("ok")
