#!/usr/bin/env python3
"""A synthetic stand-in for the UCI HAR feature matrices, and scikit-learn's single-thread
fit times and accuracies on it, for comparison with `runClassicBenchmarks`
(Sources/har-bench/ClassicBench.swift). Not used by the tests.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \\
      python3 Tests/ClassicTests/Fixtures/har_standin_speed.py /tmp/har-standin [runs]

Writes to the given directory: x_train.f64 (7352 × 561, row-major little-endian
float64), y_train.i32, x_test.f64 (2947 × 561), y_test.i32 and sklearn.json (median fit
seconds over `runs`, training and test accuracy, iterations).

The data: 6 classes in the UCI HAR proportions, three "dynamic" and three "static" with
two static classes close together (like sitting and standing); a 40-dimensional latent
Gaussian per class, mapped to 561 correlated features by a random linear map plus a
mild saturation (tanh) and feature noise; then min–max scaled to [-1, 1] with the
training rows' statistics, like the official feature files.
"""
import json
import os
import statistics
import sys
import time

import numpy as np


def make(seed=561):
    rng = np.random.RandomState(seed)
    latent, d, k = 40, 561, 6
    base = rng.normal(size=(2, latent)) * 2.0                 # dynamic vs static groups
    centres = np.vstack([base[0] + rng.normal(size=(3, latent)) * 0.9,
                         base[1] + rng.normal(size=(3, latent)) * 0.9])
    centres[4] = centres[3] + rng.normal(size=latent) * 0.35  # two close static classes
    mixing = rng.normal(size=(latent, d)) / np.sqrt(latent)
    shift = rng.normal(size=d) * 0.5
    proportions = np.array([1226, 1073, 986, 1286, 1374, 1407], dtype=float)

    def draw(n):
        y = rng.choice(k, size=n, p=proportions / proportions.sum())
        z = centres[y] + rng.normal(size=(n, latent))
        x = np.tanh(0.6 * (z @ mixing) + shift) + 0.15 * rng.normal(size=(n, d))
        return x, y.astype(np.int32)

    x_train, y_train = draw(7352)
    x_test, y_test = draw(2947)
    lo, hi = x_train.min(axis=0), x_train.max(axis=0)
    scale = 2.0 / np.where(hi > lo, hi - lo, 1.0)
    return (x_train - lo) * scale - 1, y_train, (x_test - lo) * scale - 1, y_test


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "/tmp/har-standin"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    os.makedirs(out_dir, exist_ok=True)
    x_train, y_train, x_test, y_test = make()
    x_train.astype("<f8").tofile(os.path.join(out_dir, "x_train.f64"))
    y_train.astype("<i4").tofile(os.path.join(out_dir, "y_train.i32"))
    x_test.astype("<f8").tofile(os.path.join(out_dir, "x_test.f64"))
    y_test.astype("<i4").tofile(os.path.join(out_dir, "y_test.i32"))

    import sklearn
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC
    from sklearn.tree import DecisionTreeClassifier
    from threadpoolctl import threadpool_info

    results = {"sklearn": sklearn.__version__, "threadpools": [
        {k: p.get(k) for k in ("internal_api", "num_threads")} for p in threadpool_info()]}
    for name, make_model in [("linear-svc", lambda: LinearSVC(random_state=0)),
                             ("logistic-regression", lambda: LogisticRegression()),
                             ("decision-tree", lambda: DecisionTreeClassifier(random_state=0))]:
        times = []
        for _ in range(runs):
            model = make_model()
            start = time.perf_counter()
            model.fit(x_train, y_train)
            times.append(time.perf_counter() - start)
        entry = {"fit_seconds_median": statistics.median(times), "fit_seconds": times,
                 "train_accuracy": model.score(x_train, y_train), "test_accuracy": model.score(x_test, y_test)}
        if hasattr(model, "n_iter_"):
            entry["n_iter"] = np.ravel(model.n_iter_).tolist()
        if hasattr(model, "tree_"):
            entry["depth"], entry["leaves"] = int(model.get_depth()), int(model.get_n_leaves())
        results[name] = entry
        print(name, json.dumps(entry), flush=True)
    with open(os.path.join(out_dir, "sklearn.json"), "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
