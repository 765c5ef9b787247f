#!/usr/bin/python3
"""Writes tests/data/user_attrs.db: a small Optuna 3.1 study ("attrs") whose
trials carry user attributes of every kind --target and the page must tell
apart -- numbers (accuracy, n_estimators), text (tag), a key that is a number
in some trials and text in others (mixed), a bool (flag), NaN and Infinity
(ratio) -- with COMPLETE trials missing some of them, PRUNED and FAIL trials,
and one RUNNING trial (a start time, no end).  Usage:
    /usr/bin/python3 make_user_attrs.py OUT.db
The database is then rewritten with 1 KB pages (VACUUM) to stay small; its
rows are as Optuna wrote them.  tests/e2e/target.sh reads it."""
import math, sqlite3, sys, warnings
warnings.filterwarnings("ignore")
import optuna
optuna.logging.set_verbosity(optuna.logging.ERROR)
out = sys.argv[1]
st = optuna.create_study(study_name="attrs", storage=f"sqlite:///{out}",
                         direction="minimize",
                         sampler=optuna.samplers.RandomSampler(seed=3))


def obj(t):
    x = t.suggest_float("x", -3.0, 3.0)
    k = t.suggest_int("k", 1, 5)
    c = t.suggest_categorical("c", ["a", "b"])
    loss = x * x + 0.3 * k + (0.5 if c == "b" else 0.0)
    n = t.number
    t.set_user_attr("tag", f"run-{n}")
    if n % 7 != 3:                      # trials 3, 10, 17 have no accuracy
        t.set_user_attr("accuracy", round(1.0 / (1.0 + loss), 6))
    t.set_user_attr("n_estimators", 50 + 10 * n)
    t.set_user_attr("mixed", n * 0.5 if n % 2 == 0 else "n/a")
    t.set_user_attr("flag", n % 3 == 0)
    if n == 4:
        t.set_user_attr("ratio", float("nan"))
    elif n == 6:
        t.set_user_attr("ratio", float("inf"))
    elif n == 9:
        t.set_user_attr("ratio", float("-inf"))
    else:
        t.set_user_attr("ratio", x / k)
    if n in (5, 13):
        t.report(loss, 1)
        raise optuna.TrialPruned()
    if n == 8:
        raise ValueError("failed on purpose")
    return loss


st.optimize(obj, n_trials=24, catch=(ValueError,))
t = st.ask()                            # RUNNING: started, never finished
t.suggest_float("x", -3.0, 3.0)
t.set_user_attr("tag", "running")
t.set_user_attr("accuracy", 0.5)
db = sqlite3.connect(out)
db.execute("PRAGMA page_size = 1024")
db.execute("VACUUM")
db.close()
