#!/usr/bin/python3
"""Expected contour grids for tests/unit/test_interp.c and test_contour.c.

Run once with Debian's python3-optuna 3.1 (this is how the files beside this
script were made):
    /usr/bin/python3 tests/data/contour/gen.py tests/data/optuna-3.1/study.db tests/data/contour

For each param pair of the study `mixed-minimize` listed below it writes
  PAIR.txt  the grid axes and the trial points fed to Optuna
  PAIR.f32  Optuna 3.1's _create_zmap + _interpolate_zmap result, 100x100
            little-endian float32, row y, column x (row-major as Optuna's reshape)

Axis ranges come from Optuna 3.1's own _get_axis_info (5 % padding, log
padding in log space).  Categorical axes: hpreport places the categories in
choice order (as on every categorical axis), where Optuna 3.1's matplotlib backend sorts their
string labels; so for a categorical axis the positions fed to Optuna's
functions are hpreport's choice indices (over the categories present), with
Optuna's range rule for categories (span = present - 1, padded 5 %).
"""
import sys, math, struct
import numpy as np
import optuna
from optuna.trial import TrialState
from optuna.visualization._contour import _get_axis_info
from optuna.visualization.matplotlib._contour import _create_zmap, _interpolate_zmap
from optuna.distributions import CategoricalDistribution

optuna.logging.set_verbosity(optuna.logging.ERROR)
db, out = sys.argv[1], sys.argv[2]
N = 100
PAIRS = [("lr", "dropout"), ("optimizer", "units"), ("batch_size", "n_layers"),
         ("activation", "momentum")]
st = optuna.load_study(study_name="mixed-minimize", storage=f"sqlite:///{db}")
trials = [t for t in st.get_trials(deepcopy=False, states=(TrialState.COMPLETE,))
          if t.value is not None and math.isfinite(t.value)]


def axis(name):
    info = _get_axis_info(trials, name)
    dist = next(t.distributions[name] for t in trials if name in t.distributions)
    if isinstance(dist, CategoricalDistribution):
        present = sorted({dist.to_internal_repr(t.params[name]) for t in trials if name in t.params})
        pos = {c: i for i, c in enumerate(present)}
        span = len(present) - 1
        lo, hi = -span * 0.05, span + span * 0.05
        conv = lambda t: float(pos[dist.to_internal_repr(t.params[name])])
        return lo, hi, False, conv
    conv = lambda t: float(t.params[name])
    return info.range[0], info.range[1], info.is_log, conv


for xn, yn in PAIRS:
    xlo, xhi, xlog, xc = axis(xn)
    ylo, yhi, ylog, yc = axis(yn)
    grid = lambda lo, hi, lg: (np.logspace(np.log10(lo), np.log10(hi), N) if lg
                               else np.linspace(lo, hi, N))
    xi, yi = grid(xlo, xhi, xlog), grid(ylo, yhi, ylog)
    pts = [(xc(t), yc(t), t.value, t.number) for t in trials
           if xn in t.params and yn in t.params]
    zmap = _create_zmap([p[0] for p in pts], [p[1] for p in pts],
                        [p[2] for p in pts], xi, yi)
    z = _interpolate_zmap(zmap, N)
    stem = f"{out}/{xn}-{yn}"
    with open(stem + ".txt", "w") as f:
        f.write(f"{N} {xlo!r} {xhi!r} {int(xlog)} {ylo!r} {yhi!r} {int(ylog)} {len(pts)}\n")
        for x, y, v, num in pts:
            f.write(f"{num} {x!r} {y!r} {v!r}\n")
    with open(stem + ".f32", "wb") as f:
        f.write(struct.pack(f"<{N * N}f", *z.reshape(-1)))
    print(xn, yn, len(pts), len(zmap), z.min(), z.max())
