#!/usr/bin/python3
"""Writes studies into an Optuna storage on a real server for tests/e2e/servers_*.sh,
with Debian's Optuna 3.1.

  server_study.py write STORAGE OUT.db two studies: "mixed" (float, log, int, step,
                                       categorical and conditional params; pruned,
                                       failed and running trials; +-inf values;
                                       intermediate values; attributes) and "multi"
                                       (two objectives), then the same
                                       studies copied from there into SQLite
  server_study.py worker STORAGE STUDY SECONDS
                                       one of several workers adding trials

STORAGE is an RDB URL, or redis://HOST:PORT/DB#PREFIX for JournalRedisStorage.
"""
import math, os, sys, time, warnings
import optuna

warnings.filterwarnings("ignore")
optuna.logging.set_verbosity(optuna.logging.ERROR)


def storage(spec):
    if spec.startswith("redis://"):
        url, _, prefix = spec.partition("#")
        return optuna.storages.JournalStorage(
            optuna.storages.JournalRedisStorage(url, prefix=prefix))
    return spec


def mixed(trial):
    x = trial.suggest_float("x", -5, 5)
    lr = trial.suggest_float("lr", 1e-5, 1e-1, log=True)
    n = trial.suggest_int("n_layers", 1, 6)
    trial.suggest_int("units", 16, 512, log=True)
    trial.suggest_float("dropout", 0.0, 0.5, step=0.05)
    opt = trial.suggest_categorical("optimizer", ["adam", "sgd", None])
    if opt == "sgd":
        trial.suggest_float("momentum", 0.0, 0.99)
    trial.suggest_categorical("flag", [True, False, 3])
    trial.set_user_attr("note", "trial %d" % trial.number)
    k = trial.number
    if k % 11 == 5:
        raise RuntimeError("failed on purpose")
    for step in range(4):
        trial.report(x * x + step / (1 + lr * n), step)
        if k % 7 == 3 and step == 2:
            raise optuna.TrialPruned()
    if k == 8:
        return math.inf
    if k == 9:
        return -math.inf
    return x * x + math.log10(lr) ** 2 / 10 + n


def multi(trial):
    a = trial.suggest_float("a", 0, 1)
    b = trial.suggest_int("b", 0, 4)
    return a + b, (1 - a) * (b + 1)


def write(spec):
    st = storage(spec)
    s = optuna.create_study(storage=st, study_name="mixed",
                            sampler=optuna.samplers.RandomSampler(seed=1))
    s.set_user_attr("owner", "servers.sh")
    s.optimize(mixed, n_trials=20, catch=(RuntimeError,))
    s.ask()   # stays RUNNING
    m = optuna.create_study(storage=st, study_name="multi",
                            directions=["minimize", "maximize"],
                            sampler=optuna.samplers.RandomSampler(seed=2))
    m.optimize(multi, n_trials=6)


def copy(spec, out):
    for name in ("mixed", "multi"):
        optuna.copy_study(from_study_name=name, from_storage=storage(spec),
                          to_storage="sqlite:///" + out)


def worker(spec, name, seconds, stop=None):
    st = storage(spec)
    s = optuna.create_study(storage=st, study_name=name, load_if_exists=True)
    end = time.time() + float(seconds)
    while time.time() < end and not (stop and os.path.exists(stop)):
        s.optimize(lambda t: t.suggest_float("x", 0, 1) + t.suggest_int("y", 0, 9),
                   n_trials=1)
        time.sleep(0.05)    # a steady stream of writes, not a busy loop


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "write":
        write(sys.argv[2])
        copy(sys.argv[2], sys.argv[3])
    elif cmd == "worker":
        worker(*sys.argv[2:6])
    else:
        sys.exit("unknown command " + cmd)
