#!/usr/bin/python3
"""Writes the project's Optuna 3.1 fixture, tests/data/optuna-3.1/, with Debian's
python3-optuna (3.1.0 wrote the committed files) and python3-pandas:

- study.db: three studies in one SQLite RDB storage (VACUUMed, 1 KiB pages)
  - mixed-minimize: TPE, 80 trials and one left RUNNING; params lr (float,
    log), dropout (float), n_layers (int), units (int, log), batch_size (int,
    step 32), optimizer (categorical), momentum (float, only when optimizer
    is sgd), activation (categorical of None, True, 3, 2.5, "gelu"); pruned
    trials with intermediate values, failed trials, user attributes
  - maximize-inf: random search, 40 trials, trial 7 is +inf and trial 9 -inf
  - two-objectives: NSGA-II, 80 trials, minimize and maximize
- journal.log: a JournalStorage study "journal-study" of the same objective, 20 trials
- trials.csv, trials.json: trials_dataframe() of mixed-minimize
- expected.json: what Optuna says of study.db: trial counts by state, best
  value and trial, fANOVA importances averaged over seeds 0-4, Pareto front

Every sampler and the objective's noise are seeded, so the values are the
same on every run with the same Optuna and NumPy; only times differ.
Usage: /usr/bin/python3 tests/data/make_optuna31.py tests/data/optuna-3.1
"""
import json, math, os, random, sqlite3, sys, warnings
warnings.filterwarnings("ignore")
import optuna
from optuna.importance import FanovaImportanceEvaluator, get_param_importances
optuna.logging.set_verbosity(optuna.logging.ERROR)

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
for f in ("study.db", "journal.log"):
    if os.path.exists(f"{out}/{f}"):
        os.remove(f"{out}/{f}")
url = f"sqlite:///{out}/study.db"


def mixed_objective(noise):
    """The objective of mixed-minimize and journal-study; noise is a seeded Random."""
    def objective(trial):
        lr = trial.suggest_float("lr", 1e-5, 1e-1, log=True)
        dropout = trial.suggest_float("dropout", 0.0, 0.5)
        layers = trial.suggest_int("n_layers", 1, 6)
        units = trial.suggest_int("units", 16, 1024, log=True)
        batch = trial.suggest_int("batch_size", 32, 256, step=32)
        opt = trial.suggest_categorical("optimizer", ["adam", "sgd", "rmsprop"])
        mom = trial.suggest_float("momentum", 0.0, 0.99) if opt == "sgd" else 0.9
        act = trial.suggest_categorical("activation", [None, True, 3, 2.5, "gelu"])
        loss = ((math.log10(lr) + 3) ** 2 + 4 * (dropout - 0.2) ** 2 + 0.1 * (layers - 3) ** 2
                + 0.3 * abs(math.log2(units) - 7) + (0.2 if opt == "sgd" else 0.0)
                + 0.5 * (1 - mom) ** 2 + batch / 2560
                + {None: 0.3, True: 0.1, 3: 0.2, 2.5: 0.25, "gelu": 0.0}[act])
        if noise.random() < 0.03:
            raise RuntimeError("simulated crash")
        for step in range(10):
            trial.report(loss + 2.0 / (step + 1) + noise.gauss(0, 0.02), step)
            if trial.should_prune():
                raise optuna.TrialPruned()
        trial.set_user_attr("epochs", 10)
        return loss + noise.gauss(0, 0.02)
    return objective


def pruner():
    return optuna.pruners.MedianPruner(n_warmup_steps=3)


mixed = optuna.create_study(study_name="mixed-minimize", storage=url,
                            sampler=optuna.samplers.TPESampler(seed=1), pruner=pruner())
mixed.set_user_attr("dataset", "synthetic")
mixed.optimize(mixed_objective(random.Random(1)), n_trials=80, catch=(RuntimeError,))
mixed.ask().suggest_float("lr", 1e-5, 1e-1, log=True)  # left RUNNING

inf = optuna.create_study(study_name="maximize-inf", storage=url, direction="maximize",
                          sampler=optuna.samplers.RandomSampler(seed=1))
noise = random.Random(2)
def inf_objective(trial):
    x = trial.suggest_float("x", -5, 5)
    y = trial.suggest_int("y", -3, 3)
    if trial.number in (7, 9):
        return math.inf if trial.number == 7 else -math.inf
    return -(x - 1) ** 2 - y * y + noise.gauss(0, 0.1)
inf.optimize(inf_objective, n_trials=40)

two = optuna.create_study(study_name="two-objectives", storage=url,
                          directions=["minimize", "maximize"],
                          sampler=optuna.samplers.NSGAIISampler(seed=1))
def two_objective(trial):
    a = trial.suggest_float("a", 0, 1)
    b = trial.suggest_float("b", 0, 1)
    kind = trial.suggest_categorical("kind", ["x", "y"])
    return a + 0.1 * b + (0.1 if kind == "x" else 0.0), (1 - a) ** 2 + b
two.optimize(two_objective, n_trials=80)

journal = optuna.storages.JournalStorage(optuna.storages.JournalFileStorage(f"{out}/journal.log"))
js = optuna.create_study(study_name="journal-study", storage=journal,
                         sampler=optuna.samplers.TPESampler(seed=2), pruner=pruner())
js.optimize(mixed_objective(random.Random(2)), n_trials=20, catch=(RuntimeError,))

df = mixed.trials_dataframe()
df.to_csv(f"{out}/trials.csv", index=False)
df.to_json(f"{out}/trials.json", orient="records", date_format="iso")

expected = {}
for st in (mixed, inf, two):
    d = {"directions": [x.name for x in st.directions], "states": {}}
    for t in st.trials:
        d["states"][t.state.name] = d["states"].get(t.state.name, 0) + 1
    d["states"] = dict(sorted(d["states"].items()))
    if len(st.directions) == 1:
        d["best_value"] = st.best_value
        d["best_number"] = st.best_trial.number
        runs = [get_param_importances(st, evaluator=FanovaImportanceEvaluator(seed=s))
                for s in range(5)]
        d["importances"] = {k: sum(r[k] for r in runs) / len(runs) for k in runs[0]}
    else:
        d["pareto_numbers"] = sorted(t.number for t in st.best_trials)
    expected[st.study_name] = d
with open(f"{out}/expected.json", "w") as f:
    json.dump(expected, f, indent=1)
    f.write("\n")

db = sqlite3.connect(f"{out}/study.db")
db.execute("PRAGMA page_size = 1024")
db.execute("VACUUM")
db.close()
print(f"optuna {optuna.__version__}: wrote {out}")
