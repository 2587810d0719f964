#!/usr/bin/env python3
"""Golden numbers from scikit-learn for Tests/ClassicTests/GoldenTests.swift.

Run once, from the package root, in an environment with scikit-learn installed
(scikit-learn is never a dependency of the package or its tests):

    python3 Tests/ClassicTests/Fixtures/make_sklearn_golden.py > Tests/ClassicTests/Fixtures/sklearn_golden.json

The data are a 3-class, 10-feature problem with correlated features and overlapping
classes (200 training rows, 100 test rows), drawn from NumPy's RandomState(20240). The
models are fitted on the training rows after MinMaxScaler(feature_range=(-1, 1)) fitted
on the training rows only, as the HAR pipeline does.
"""
import datetime
import json
import platform
import sys

import numpy as np
import scipy
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import MinMaxScaler, StandardScaler
from sklearn.svm import LinearSVC
from sklearn.tree import DecisionTreeClassifier


def data():
    rng = np.random.RandomState(20240)
    k, d = 3, 10
    centres = rng.normal(scale=1.2, size=(k, d))
    mixing = rng.normal(size=(d, d)) / np.sqrt(d) + np.eye(d)
    def draw(n):
        y = np.arange(n) % k
        z = rng.normal(size=(n, d))
        return (z @ mixing) * 2.0 + centres[y] + 5.0, y
    x_train, y_train = draw(200)
    x_test, y_test = draw(100)
    return x_train, y_train, x_test, y_test


def linear(model):
    return {"coef": model.coef_.tolist(), "intercept": np.atleast_1d(model.intercept_).tolist(),
            "n_iter": int(np.max(model.n_iter_))}


def tree_nodes(t):
    s = t.tree_
    return {"feature": [int(f) if f >= 0 else -1 for f in s.feature],
            "threshold": [float(v) if f >= 0 else 0.0 for f, v in zip(s.feature, s.threshold)],
            "left": s.children_left.tolist(), "right": s.children_right.tolist(),
            "n_node_samples": s.n_node_samples.tolist()}


def same_tree(a, b):
    return (np.array_equal(a.tree_.feature, b.tree_.feature)
            and np.array_equal(a.tree_.threshold, b.tree_.threshold)
            and np.array_equal(a.tree_.children_left, b.tree_.children_left))


def main():
    x_train_raw, y_train, x_test_raw, y_test = data()
    scaler = MinMaxScaler(feature_range=(-1, 1)).fit(x_train_raw)
    x_train, x_test = scaler.transform(x_train_raw), scaler.transform(x_test_raw)
    standard = StandardScaler().fit(x_train_raw)

    out = {"header": {
        "tool": f"scikit-learn {sklearn.__version__} (numpy {np.__version__}, scipy {scipy.__version__}, "
                f"Python {platform.python_version()})",
        "command": "python3 Tests/ClassicTests/Fixtures/make_sklearn_golden.py > "
                   "Tests/ClassicTests/Fixtures/sklearn_golden.json",
        "date": datetime.date.today().isoformat(),
        "notes": "x_* are raw; models are fitted on MinMaxScaler((-1, 1)) of x_train. "
                 "LinearSVC() uses dual='auto', i.e. the primal trust-region Newton solver here (n > d).",
    }}
    out["x_train"], out["y_train"] = x_train_raw.tolist(), y_train.tolist()
    out["x_test"], out["y_test"] = x_test_raw.tolist(), y_test.tolist()
    out["minmax_test"] = x_test.tolist()
    out["standard_test"] = standard.transform(x_test_raw).tolist()

    svc = LinearSVC(random_state=0).fit(x_train, y_train)
    out["svc_default"] = linear(svc) | {"test_pred": svc.predict(x_test).tolist(),
                                         "train_accuracy": svc.score(x_train, y_train)}
    out["svc_exact"] = linear(LinearSVC(tol=1e-12, max_iter=100000, random_state=0).fit(x_train, y_train))
    out["svc_hinge_exact"] = linear(LinearSVC(loss="hinge", dual=True, tol=1e-9, max_iter=1000000,
                                              random_state=0).fit(x_train, y_train))

    lr = LogisticRegression().fit(x_train, y_train)
    out["lr_default"] = linear(lr) | {"test_pred": lr.predict(x_test).tolist(),
                                       "test_proba": lr.predict_proba(x_test).tolist(),
                                       "train_accuracy": lr.score(x_train, y_train)}
    out["lr_exact"] = linear(LogisticRegression(tol=1e-10, max_iter=10000).fit(x_train, y_train))
    binary = y_train < 2
    out["lr_binary_exact"] = linear(LogisticRegression(tol=1e-10, max_iter=10000).fit(x_train[binary], y_train[binary]))

    # Shallow trees whose every split is unique (scikit-learn builds the same tree for 20
    # random states), so that any correct CART must reproduce them exactly.
    for name, depth in [("tree_depth3", 3), ("tree_depth4", 4)]:
        shallow = DecisionTreeClassifier(max_depth=depth, random_state=0).fit(x_train, y_train)
        tie_free = all(same_tree(shallow, DecisionTreeClassifier(max_depth=depth, random_state=s).fit(x_train, y_train))
                       for s in range(1, 20))
        out[name] = tree_nodes(shallow) | {"test_pred": shallow.predict(x_test).tolist(),
                                           "same_tree_for_random_state_0_to_19": bool(tie_free)}
    # Full trees meet exact ties in small nodes (equal class counts from different
    # features), so only their training accuracy is comparable.
    for name, criterion in [("tree_full", "gini"), ("tree_full_entropy", "entropy")]:
        full = DecisionTreeClassifier(criterion=criterion, random_state=0).fit(x_train, y_train)
        tie_free = all(same_tree(full, DecisionTreeClassifier(criterion=criterion, random_state=s).fit(x_train, y_train))
                       for s in range(1, 20))
        out[name] = {"train_accuracy": full.score(x_train, y_train), "test_accuracy": full.score(x_test, y_test),
                     "max_depth": int(full.get_depth()), "n_leaves": int(full.get_n_leaves()),
                     "same_tree_for_random_state_0_to_19": bool(tie_free)}
    json.dump(out, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
