#!/usr/bin/env python3
"""Keras's own numbers for binary cross-entropy on softmax outputs, for
Tests/DeepTests/LossTests.swift (`BinaryCrossEntropyOnSoftmax`, `BinaryAccuracy`).

Run once, from the package root, in an environment with Keras 3 and JAX
(Keras is never a dependency of the package or its tests):

    python3 -m venv /tmp/kerasenv && /tmp/kerasenv/bin/pip install keras jax
    KERAS_BACKEND=jax /tmp/kerasenv/bin/python Tests/DeepTests/Fixtures/make_keras_bce_fixture.py

It writes Tests/DeepTests/Fixtures/keras_bce.json: a header (tool, versions, command,
date) and, for a few float32 logit batches z (B, K) with integer labels, what a model
ending in Dense(K, activation="softmax") compiled with loss="binary_crossentropy" and
metrics=["accuracy"] computes on one-hot labels:
- loss: keras.losses.BinaryCrossentropy()(onehot, softmax(z)), the batch mean;
- dlogits: d loss / d z by jax.grad through keras.ops.softmax and the Keras loss;
- binary_accuracy: keras.metrics.BinaryAccuracy() on (onehot, softmax(z)).
Rows include a saturated one (softmax outputs beyond the clip [1e-7, 1 - 1e-7]).
"""
import datetime
import json
import os
import sys

import jax
import jax.numpy as jnp
import keras
import numpy as np

ROOT = os.getcwd()
OUT = os.path.join(ROOT, "Tests", "DeepTests", "Fixtures", "keras_bce.json")


def case(name, logits, labels):
    z = jnp.asarray(np.array(logits, dtype=np.float32))
    k = z.shape[1]
    onehot = jnp.asarray(np.eye(k, dtype=np.float32)[labels])
    bce = keras.losses.BinaryCrossentropy()

    def loss(zz):
        return bce(onehot, keras.ops.softmax(zz, axis=-1))

    value, grad = jax.value_and_grad(loss)(z)
    metric = keras.metrics.BinaryAccuracy()
    metric.update_state(onehot, keras.ops.softmax(z, axis=-1))
    return {
        "name": name, "classes": int(k), "logits": np.asarray(z).astype(float).tolist(), "labels": list(labels),
        "loss": float(value), "dlogits": np.asarray(grad).astype(float).tolist(),
        "binary_accuracy": float(metric.result()),
    }


def main():
    rng = np.random.default_rng(20261202)
    cases = [
        case("K=3, one example, p = (1/2, 1/4, 1/4), label 1",
             [[float(np.log(2.0)), 0.0, 0.0]], [1]),
        case("K=6, B=5, random logits (scale 2)",
             (2 * rng.standard_normal((5, 6))).tolist(), [0, 3, 5, 2, 2]),
        case("K=6, B=3, a saturated row, a confident wrong row, a flat row",
             [[25.0, 0.0, -3.0, 1.0, 0.5, -1.0], [0.0, 9.0, 0.0, -1.0, 0.0, 0.0], [0.1, 0.1, 0.1, 0.1, 0.1, 0.1]],
             [0, 4, 3]),
    ]
    out = {
        "header": {
            "tool": f"Keras {keras.__version__} (backend {keras.backend.backend()}), JAX {jax.__version__}, "
                    f"NumPy {np.__version__}, Python {sys.version.split()[0]}",
            "command": "KERAS_BACKEND=jax python3 Tests/DeepTests/Fixtures/make_keras_bce_fixture.py",
            "date": datetime.date.today().isoformat(),
            "note": "float32 throughout, as Keras trains; loss = mean over the batch of the mean over K of the clipped "
                    "binary cross-entropy, epsilon = keras.backend.epsilon() = " + repr(keras.backend.epsilon()),
        },
        "cases": cases,
    }
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
