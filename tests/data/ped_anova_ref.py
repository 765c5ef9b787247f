#!/usr/bin/env python3
"""Reference PED-ANOVA importances of an Optuna SQLite study, for tests.

Test code, not product code: an independent re-implementation in plain
Python (math only, no numpy: the test machines' python3 may not have it)
of Optuna's PedAnovaImportanceEvaluator followed by get_param_importances'
normalisation, written from Optuna's sources at commit 1d8ce7bb (5.0.0.dev,
the evaluator unchanged in substance since v5.0.0-rc1):

  optuna/importance/__init__.py              get_param_importances (normalize)
  optuna/importance/_ped_anova/evaluator.py  _QuantileFilter, evaluate,
                                             _partition_by_regime, _compute_pearson_divergence
  optuna/importance/_ped_anova/scott_parzen_estimator.py
  optuna/samplers/_tpe/probability_distributions.py  _MixtureOfProductDistribution.log_pdf
  optuna/samplers/_tpe/_truncnorm.py         _log_gauss_mass, _log_ndtr

It reads the study straight from the database (trials, per-trial param
distributions, values), so it shares nothing with hpreport's loader.  As in
Optuna, a param's regimes are keyed by each trial's own distribution.  One
convention differs from Optuna's plot_param_importances and is hpreport's:
objective K of a multi-objective study counts higher as better when it is
maximised (Optuna's plot passes target=values[K], taken as lower-is-better).

usage: ped_anova_ref.py DB STUDY [OBJECTIVE]
prints "param,importance" lines, most important first (17 significant digits).
"""
import json
import math
import sqlite3
import sys

TARGET_QUANTILE = 0.1
REGION_QUANTILE = 1.0
EVALUATE_ON_LOCAL = True
N_STEPS = 50
PRIOR_WEIGHT = 1.0
MIN_N_TRIALS_IN_REGIME = 2


# --- distributions (optuna/distributions.py, legacy names converted) ----------

def parse_dist(text):
    d = json.loads(text)
    name, a = d["name"], d["attributes"]
    if name == "CategoricalDistribution":
        return ("cat", tuple(json.dumps(c) for c in a["choices"]))
    if name == "FloatDistribution":
        return ("float", a["low"], a["high"], bool(a.get("log", False)), a.get("step"))
    if name == "IntDistribution":
        return ("int", a["low"], a["high"], bool(a.get("log", False)), a.get("step", 1))
    if name == "UniformDistribution":
        return ("float", a["low"], a["high"], False, None)
    if name == "LogUniformDistribution":
        return ("float", a["low"], a["high"], True, None)
    if name == "DiscreteUniformDistribution":
        return ("float", a["low"], a["high"], False, a["q"])
    if name == "IntUniformDistribution":
        return ("int", a["low"], a["high"], False, a.get("step", 1))
    if name == "IntLogUniformDistribution":
        return ("int", a["low"], a["high"], True, 1)
    raise ValueError(name)


def single(d):
    if d[0] == "cat":
        return len(d[1]) == 1
    kind, low, high, log, step = d
    if kind == "int":
        if log:
            return low == high
        if low == high:
            return True
        return (high - low) < step
    if step is None:
        return low == high
    if low == high:
        return True
    from decimal import Decimal
    return (Decimal(str(high)) - Decimal(str(low))) < Decimal(str(step))


# --- _truncnorm.py -----------------------------------------------------------

def _ndtr_single(a):
    x = a / 2**0.5
    if x < -1 / 2**0.5:
        y = 0.5 * math.erfc(-x)
    elif x < 1 / 2**0.5:
        y = 0.5 + 0.5 * math.erf(x)
    else:
        y = 1.0 - 0.5 * math.erfc(x)
    return y


def _log_ndtr_single(a):
    if a > 6:
        return -_ndtr_single(-a)
    if a > -20:
        return math.log(_ndtr_single(a))
    log_LHS = -0.5 * a**2 - math.log(-a) - 0.5 * math.log(2 * math.pi)
    last_total = 0.0
    right_hand_side = 1.0
    numerator = 1.0
    denom_factor = 1.0
    denom_cons = 1 / a**2
    sign = 1
    i = 0
    while abs(last_total - right_hand_side) > sys.float_info.epsilon:
        i += 1
        last_total = right_hand_side
        sign = -sign
        denom_factor *= denom_cons
        numerator *= 2 * i - 1
        right_hand_side += sign * numerator * denom_factor
    return log_LHS + math.log(right_hand_side)


def _log_diff(log_p, log_q):
    d = math.exp(log_q - log_p)
    return log_p + math.log1p(-d) if d < 1 else -math.inf


def _log_gauss_mass(a, b):
    if b <= 0:                         # case_left
        return _log_diff(_log_ndtr_single(b), _log_ndtr_single(a))
    if a > 0:                          # case_right: mass_case_left(-b, -a)
        return _log_diff(_log_ndtr_single(-a), _log_ndtr_single(-b))
    # case_central (Optuna's _ndtr uses its own erf; same function)
    return math.log1p(-(0.5 + 0.5 * math.erf(a / 2**0.5)) - (0.5 + 0.5 * math.erf(-b / 2**0.5)))


def _logsumexp(xs):
    m = max(xs)
    if m == -math.inf:
        m = 0.0
    return math.log(sum(math.exp(x - m) for x in xs)) + m


# --- scott_parzen_estimator.py ---------------------------------------------

def scott_parzen_pdf(observations, weights_obs, categorical, size, prior_weight):
    """pdf on grid 0..size-1 of ScottParzenEstimator(observations, ...)."""
    if len(observations) == 0:
        weights = [1.0]
    else:
        weights = list(weights_obs) + [prior_weight]
    s = sum(weights)
    weights = [w / s for w in weights]
    log_w = [math.log(w) if w > 0 else -math.inf for w in weights]
    grids = range(size)
    out = []
    if categorical:
        n_choices = size
        if len(observations) == 0:
            rows = [[1.0 / n_choices] * n_choices]
        else:
            n_kernels = len(observations) + 1
            rows = [[prior_weight / n_kernels] * n_choices for _ in range(n_kernels)]
            for i, o in enumerate(observations):
                rows[i][int(o)] += 1
            for r in rows:
                rs = sum(r)
                rs = 1 if rs == 0 else rs
                for c in range(n_choices):
                    r[c] /= rs
        for x in grids:
            terms = [(math.log(rows[k][x]) if rows[k][x] > 0 else -math.inf) + log_w[k]
                     for k in range(len(rows))]
            out.append(math.exp(_logsumexp(terms)))
        return out
    # _calculate_numerical_distributions on IntDistribution(0, size - 1)
    low, high = 0, size - 1
    obs = list(observations)
    w = list(weights_obs)
    weights_cum = []
    c = 0
    for x in w:
        c += x
        weights_cum.append(c)
    weights_sum = weights_cum[-1]
    mean_est = sum(o * x for o, x in zip(obs, w)) / weights_sum
    sigma_est = math.sqrt(sum((o - mean_est) ** 2 * x for o, x in zip(obs, w)) / max(1, weights_sum - 1))
    q1 = weights_sum // 4
    q3 = weights_sum * 3 // 4
    q1_idx = next((i for i, v in enumerate(weights_cum) if v >= q1), len(weights_cum))  # side="left"
    q3_idx = next((i for i, v in enumerate(weights_cum) if v > q3), len(weights_cum))   # side="right"
    iqr = obs[min(len(obs) - 1, q3_idx)] - obs[q1_idx]
    sigma_est = 1.059 * min(iqr / 1.34, sigma_est) * weights_sum ** -0.2
    sigma_min = 0.5 / 1.64
    mus = obs + [(low + high) / 2.0]
    sigmas = [max(sigma_est, sigma_min)] * len(obs) + [high - low + 1]
    # _BatchedDiscreteTruncNormDistributions(step=1): adapted bounds low - 0.5, high + 0.5
    a_low, a_high, step = low - 0.5, high + 0.5, 1
    for x in grids:
        terms = []
        for k in range(len(mus)):
            mu, sg = mus[k], sigmas[k]
            lp = _log_gauss_mass((x - step / 2 - mu) / sg, (x + step / 2 - mu) / sg)
            lp -= _log_gauss_mass((a_low - mu) / sg, (a_high - mu) / sg)
            terms.append(lp + log_w[k])
        out.append(math.exp(_logsumexp(terms)))
    return out


def count_in_grid(dist, values, n_steps):
    if dist[0] == "cat":
        counts = [0] * len(dist[1])
        for v in values:
            counts[v] += 1
        return counts
    kind, low, high, log, step = dist
    if kind == "int" and log:
        log2_domain_size = int(math.ceil(math.log(high - low + 1) / math.log(2))) + 1
        n_steps = min(log2_domain_size, n_steps)
    elif step is not None:
        n_steps = min(round((high - low) / step) + 1, n_steps)
    if log:
        low, high = math.log(low), math.log(high)
        values = [math.log(v) for v in values]
    step_size = (high - low) / (n_steps - 1)
    counts = [0] * n_steps
    for v in values:
        i = int(math.ceil((v - low) / step_size - 0.5))
        counts[min(max(i, 0), n_steps - 1)] += 1
    return counts


def pdf_on_grid(dist, values):
    counts = count_in_grid(dist, values, N_STEPS)
    observations = [i for i, c in enumerate(counts) if c > 0]
    weights = [counts[i] for i in observations]
    return scott_parzen_pdf(observations, weights, dist[0] == "cat", len(counts), PRIOR_WEIGHT)


def pearson_divergence(dist, target_values, region_values):
    pdf_top = [p + 1e-12 for p in pdf_on_grid(dist, target_values)]
    if EVALUATE_ON_LOCAL:
        pdf_local = [p + 1e-12 for p in pdf_on_grid(dist, region_values)]
    else:
        pdf_local = [1.0 / len(pdf_top)] * len(pdf_top)
    return sum(l * (t / l - 1) ** 2 for t, l in zip(pdf_top, pdf_local))


# --- evaluator.py ----------------------------------------------------------

def quantile_filter(trials, quantile, sign):
    if quantile == 1.0:
        return trials
    loss = [sign * t["value"] for t in trials]
    cutoff_index = int(math.ceil(quantile * len(loss))) - 1
    cutoff_val = sorted(loss)[cutoff_index]
    return [t for t, l in zip(trials, loss) if l <= cutoff_val]


def evaluate(complete, finite, sign):
    params = sorted(set(k for t in complete for k in t["params"]))
    if len(finite) <= 1:
        return {k: 0.0 for k in params}
    target = quantile_filter(finite, TARGET_QUANTILE, sign)
    region = quantile_filter(finite, REGION_QUANTILE, sign)
    if len(target) == 0:
        return {k: 0.0 for k in params}
    target_ids = set(t["id"] for t in target)
    quantile = len(target) / len(region)
    imp = {k: 0.0 for k in params}
    for name in params:
        regimes = {}
        for t in region:
            key = t["params"][name][0] if name in t["params"] else None
            regimes.setdefault(key, []).append(t)
        regimes = {k: v for k, v in regimes.items() if len(v) >= MIN_N_TRIALS_IN_REGIME}
        for dist, rtrials in regimes.items():
            ttrials = [t for t in rtrials if t["id"] in target_ids]
            alpha = len(ttrials) / len(target)
            beta = len(rtrials) / len(region)
            if dist is not None and not single(dist) and len(ttrials):
                imp[name] += alpha**2 / beta * pearson_divergence(
                    dist, [t["params"][name][1] for t in ttrials],
                    [t["params"][name][1] for t in rtrials])
    return {k: v * quantile**2 for k, v in imp.items()}


def normalize(res):
    s = sum(res.values())
    if s == 0.0:
        return {k: 1.0 / len(res) for k in res}
    return {k: v / s for k, v in res.items()}


def load(db, study, objective):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    (sid,) = con.execute("SELECT study_id FROM studies WHERE study_name = ?", (study,)).fetchone()
    (direction,) = con.execute(
        "SELECT direction FROM study_directions WHERE study_id = ? AND objective = ?",
        (sid, objective)).fetchone()
    trials = {}
    for tid, state in con.execute("SELECT trial_id, state FROM trials WHERE study_id = ?", (sid,)):
        trials[tid] = {"id": tid, "state": state, "params": {}, "value": None}
    cols = [r[1] for r in con.execute("PRAGMA table_info(trial_values)")]
    vt = "value_type" if "value_type" in cols else "'FINITE'"
    for tid, value, typ in con.execute(
            f"SELECT trial_id, value, {vt} FROM trial_values WHERE objective = ?", (objective,)):
        if tid in trials:
            trials[tid]["value"] = {"INF_POS": math.inf, "INF_NEG": -math.inf}.get(typ, value)
    for tid, name, value, dj in con.execute(
            "SELECT trial_id, param_name, param_value, distribution_json FROM trial_params"):
        if tid in trials:
            d = parse_dist(dj)
            v = int(value) if d[0] == "cat" else (int(round(value)) if d[0] == "int" else value)
            trials[tid]["params"][name] = (d, v)
    complete = [t for t in trials.values() if t["state"] == "COMPLETE"]
    finite = [t for t in complete if t["value"] is not None and math.isfinite(t["value"])]
    return complete, finite, (-1.0 if direction == "MAXIMIZE" else 1.0)


def main():
    db, study = sys.argv[1], sys.argv[2]
    objective = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    complete, finite, sign = load(db, study, objective)
    res = normalize(evaluate(complete, finite, sign))
    for k, v in sorted(res.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{k},{v:.17g}")


if __name__ == "__main__":
    main()
