#!/usr/bin/env python3
"""examples/lstm-bn-6ch.json: the batch-normalised LSTM of Zebin et al. (IEEE EMBC 2018) on
their six channels (total_acc xyz + body_gyro xyz), as Keras writes it.

The same architecture as examples/lstm-bn.json (and the preset lstm-bn), built for 6 input
channels instead of 9, so that it can be trained with `--channels total_acc,body_gyro`, the
channels of the paper's protocol (examples/lstm-bn.claims.json). Compiled with Adam 0.002, the
paper's learning rate; the paper's binary cross-entropy is the claim protocol's `loss`, since
a model file's `compile_config` takes the softmax cross-entropies only.

Run once, from the package root, in an environment with Keras 3 and a backend (Keras is never
a dependency of the package or its tests):

    python3 -m venv /tmp/kerasenv && /tmp/kerasenv/bin/pip install keras jax
    KERAS_BACKEND=jax /tmp/kerasenv/bin/python examples/make-lstm-bn-6ch.py

It prints Keras's `model.count_params()`, which `har train --model-file
examples/lstm-bn-6ch.json --summary` reproduces.
"""
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(128, 6)),
    layers.LSTM(30, return_sequences=True), layers.BatchNormalization(), layers.LSTM(30), layers.BatchNormalization(),
    layers.Dense(15, activation="relu"), layers.Dense(6, activation="softmax")], name="sequential")
model.compile(optimizer=keras.optimizers.Adam(learning_rate=2e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
with open("examples/lstm-bn-6ch.json", "w") as f:
    f.write(model.to_json())
print(f"Keras {keras.__version__} ({keras.backend.backend()}): count_params {model.count_params()}, "
      f"trainable {sum(int(w.numpy().size) for w in model.trainable_weights)}")
