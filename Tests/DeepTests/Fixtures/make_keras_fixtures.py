#!/usr/bin/env python3
"""Keras model files for Tests/DeepTests/KerasModelFileTests.swift and examples/.

Run once, from the package root, in an environment with Keras 3 and a backend installed
(Keras is never a dependency of the package or its tests):

    python3 -m venv /tmp/kerasenv && /tmp/kerasenv/bin/pip install keras jax
    KERAS_BACKEND=jax /tmp/kerasenv/bin/python Tests/DeepTests/Fixtures/make_keras_fixtures.py

It writes
- Tests/DeepTests/Fixtures/keras/*.json: each model's `model.to_json()`, byte for byte;
- Tests/DeepTests/Fixtures/keras_fixtures.json: the header (tool, versions, command,
  date), and per file Keras's own numbers: `model.count_params()`, the trainable count,
  each layer's `count_params()` and output shape, the model's output shape; for refusal
  files, the pieces the error message must contain (layer, option, value);
- examples/cnn-lstm.json and examples/lstm-bn.json (copies of two fixtures).

Keras 3 cannot write the two older formats, so the tf.keras 2.x and Keras <= 2.2.2 files
(names starting `tf_keras2_` and `keras2_legacy_`) are WRITTEN BY HAND below, from the
documented format: their key sets and nesting are copied from real `model.to_json()`
output of those versions found in public code (tf.keras 2.x: an InputLayer with
`batch_input_shape`, layers repeating `batch_input_shape`, string dtypes, initialisers as
`{"class_name", "config"}`, LSTM `time_major` and `implementation: 2`; Keras <= 2.2.2:
`config` is the bare list of layers, the first layer carries `batch_input_shape`,
Glorot-uniform is written as VarianceScaling(1, fan_avg, uniform), LSTM
`recurrent_activation` defaults to `hard_sigmoid` and `implementation` to 1). Their
parameter counts are Keras 3's for the same architecture, built here.
"""
import datetime
import json
import os
import sys

import keras
from keras import layers

ROOT = os.getcwd()
FIXTURES = os.path.join(ROOT, "Tests", "DeepTests", "Fixtures")
OUT = os.path.join(FIXTURES, "keras")


def seq(name, input_shape, stack, batch_size=None):
    keras.backend.clear_session()  # layer names restart at conv1d, lstm, ...
    return keras.Sequential([keras.Input(shape=input_shape, batch_size=batch_size)] + stack, name=name)


def counts(model):
    trainable = sum(int(w.numpy().size) for w in model.trainable_weights)
    return {
        "count_params": int(model.count_params()),
        "trainable_params": trainable,
        "layers": [{"name": l.name, "class_name": type(l).__name__, "count_params": int(l.count_params()),
                    "output_shape": list(l.output.shape)[1:]} for l in model.layers],
        "output_shape": list(model.outputs[0].shape)[1:],
    }


# --- Accepted models (Keras 3) -------------------------------------------------------------

def cnn_lstm():  # seed paper's CNN-LSTM = preset cnn-lstm
    m = seq("sequential", (128, 9), [
        layers.Conv1D(64, 3, activation="relu"), layers.MaxPooling1D(2), layers.Conv1D(64, 3, activation="relu"),
        layers.LSTM(128), layers.Dropout(0.5), layers.Dense(6, activation="softmax")])
    m.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return m


def lstm():  # preset lstm
    return seq("sequential", (128, 9), [layers.LSTM(32), layers.Dropout(0.5), layers.Dense(6, activation="softmax")])


def lstm2():  # stacked LSTM = preset lstm2
    return seq("sequential", (128, 9), [layers.LSTM(32, return_sequences=True), layers.LSTM(32),
                                        layers.Dense(6, activation="softmax")])


def cnn():  # 1D-CNN = preset cnn
    return seq("sequential", (128, 9), [
        layers.Conv1D(64, 3, activation="relu"), layers.Conv1D(64, 3, activation="relu"), layers.Dropout(0.5),
        layers.MaxPooling1D(2), layers.Flatten(), layers.Dense(100, activation="relu"), layers.Dense(6, activation="softmax")])


def cnn_lstm_deep():  # preset cnn-lstm-deep: same padding
    stack = []
    for f in (64, 128, 128):
        stack += [layers.Conv1D(f, 3, padding="same", activation="relu"), layers.MaxPooling1D(2)]
    stack += [layers.LSTM(128, return_sequences=True), layers.Dropout(0.5), layers.LSTM(128), layers.Dropout(0.5),
              layers.Dense(64, activation="relu"), layers.Dense(6, activation="softmax")]
    return seq("sequential", (128, 9), stack)


def cnn_lstm_wide():  # preset cnn-lstm-wide
    return seq("sequential", (128, 9), [
        layers.Conv1D(128, 4, activation="relu"), layers.MaxPooling1D(2), layers.Dropout(0.5),
        layers.Conv1D(128, 4, activation="relu"), layers.MaxPooling1D(2),
        layers.LSTM(100, return_sequences=True), layers.LSTM(100), layers.Dense(100, activation="relu"),
        layers.Dense(6, activation="softmax")])


def lstm_bn():  # batch-norm LSTM = preset lstm-bn
    m = seq("sequential", (128, 9), [
        layers.LSTM(30, return_sequences=True), layers.BatchNormalization(), layers.LSTM(30), layers.BatchNormalization(),
        layers.Dense(15, activation="relu"), layers.Dense(6, activation="softmax")])
    m.compile(optimizer=keras.optimizers.Adam(learning_rate=2e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return m


def lstm_nobn():  # preset lstm-nobn: lstm-bn without batch norm, compiled as its source did (binary cross-entropy)
    m = seq("sequential", (128, 9), [
        layers.LSTM(30, return_sequences=True), layers.LSTM(30), layers.Dense(15, activation="relu"),
        layers.Dense(6, activation="softmax")])
    m.compile(optimizer=keras.optimizers.Adam(learning_rate=2e-3), loss="binary_crossentropy", metrics=["accuracy"])
    return m


def lstm_tutorial():  # preset lstm-tutorial: a Dense on the 3-D input acts on every time step
    # (its L2 penalty is a training setting of the preset, not written here: Deep refuses
    # kernel_regularizer in model files)
    m = seq("sequential", (128, 9), [
        layers.Dense(64, activation="relu"), layers.LSTM(64, return_sequences=True), layers.LSTM(64),
        layers.Dense(6, activation="softmax")])
    m.compile(optimizer=keras.optimizers.Adam(learning_rate=0.0025), loss="categorical_crossentropy", metrics=["accuracy"])
    return m


def every_layer():  # every supported layer and option value, on a 6-channel subset; logits output
    m = seq("har_six_channels", (128, 6), [
        layers.Conv1D(16, [5], padding="same", activation="relu"), layers.BatchNormalization(momentum=0.9, epsilon=1e-5),
        layers.MaxPooling1D(pool_size=4, strides=4), layers.Conv1D(8, 3, padding="valid", activation="linear"),
        layers.LSTM(12, return_sequences=True, activation="tanh", recurrent_activation="sigmoid"),
        layers.Flatten(), layers.Dense(32), layers.BatchNormalization(), layers.Dropout(0.2), layers.Dense(6)])
    m.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01, momentum=0.9),
              loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    return m


ACCEPTED = {"cnn_lstm": (cnn_lstm, "cnn-lstm"), "lstm": (lstm, "lstm"), "lstm2": (lstm2, "lstm2"), "cnn": (cnn, "cnn"),
            "cnn_lstm_deep": (cnn_lstm_deep, "cnn-lstm-deep"), "cnn_lstm_wide": (cnn_lstm_wide, "cnn-lstm-wide"),
            "lstm_bn": (lstm_bn, "lstm-bn"), "every_layer": (every_layer, None),
            "lstm_nobn": (lstm_nobn, "lstm-nobn"), "lstm_tutorial": (lstm_tutorial, "lstm-tutorial")}


# --- Refused models (Keras 3): (builder, pieces the message must contain) --------------------

def refusal(stack, input_shape=(128, 9), batch_size=None):
    return lambda: seq("sequential", input_shape, stack, batch_size)


def functional():
    keras.backend.clear_session()
    x = keras.Input(shape=(128, 9))
    y = layers.Dense(6, activation="softmax")(layers.LSTM(32)(x))
    return keras.Model(x, y)


def rmsprop():
    m = seq("sequential", (128, 9), [layers.LSTM(8), layers.Dense(6, activation="softmax")])
    m.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy")
    return m


def logits_mismatch():
    m = seq("sequential", (128, 9), [layers.LSTM(8), layers.Dense(6, activation="softmax")])
    m.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    return m


REFUSED = {
    "refuse_functional": (functional, ["Sequential", "Functional"]),
    "refuse_gru": (refusal([layers.GRU(32, name="gru_1"), layers.Dense(6, activation="softmax")]),
                   ['layers[1] "gru_1" (GRU)', "InputLayer, Conv1D"]),
    "refuse_recurrent_dropout": (refusal([layers.LSTM(32, recurrent_dropout=0.2, name="lstm_rd"), layers.Dense(6, activation="softmax")]),
                                 ['layers[1] "lstm_rd" (LSTM)', "recurrent_dropout", "0.2"]),
    "refuse_lstm_dropout": (refusal([layers.LSTM(32, dropout=0.1, name="lstm_d"), layers.Dense(6, activation="softmax")]),
                            ['layers[1] "lstm_d" (LSTM)', "dropout", "0.1"]),
    "refuse_stateful": (refusal([layers.LSTM(32, stateful=True, name="lstm_s"), layers.Dense(6, activation="softmax")], batch_size=32),
                        ['layers[1] "lstm_s" (LSTM)', "stateful", "true"]),
    "refuse_go_backwards": (refusal([layers.LSTM(32, go_backwards=True, name="lstm_b"), layers.Dense(6, activation="softmax")]),
                            ['layers[1] "lstm_b" (LSTM)', "go_backwards", "true"]),
    "refuse_hard_sigmoid": (refusal([layers.LSTM(32, recurrent_activation="hard_sigmoid", name="lstm_h"), layers.Dense(6, activation="softmax")]),
                            ['layers[1] "lstm_h" (LSTM)', "recurrent_activation", "hard_sigmoid"]),
    "refuse_strides": (refusal([layers.Conv1D(16, 3, strides=2, name="conv_s2"), layers.Flatten(), layers.Dense(6, activation="softmax")]),
                       ['layers[1] "conv_s2" (Conv1D)', "strides", "[2]"]),
    "refuse_dilation": (refusal([layers.Conv1D(16, 3, dilation_rate=2, name="conv_d2"), layers.Flatten(), layers.Dense(6, activation="softmax")]),
                        ['layers[1] "conv_d2" (Conv1D)', "dilation_rate", "[2]"]),
    "refuse_causal": (refusal([layers.Conv1D(16, 3, padding="causal", name="conv_c"), layers.Flatten(), layers.Dense(6, activation="softmax")]),
                      ['layers[1] "conv_c" (Conv1D)', "padding", "causal"]),
    "refuse_no_bias": (refusal([layers.Flatten(), layers.Dense(16, use_bias=False, name="dense_nb"), layers.Dense(6, activation="softmax")]),
                       ['layers[2] "dense_nb" (Dense)', "use_bias", "false"]),
    "refuse_tanh_dense": (refusal([layers.Flatten(), layers.Dense(16, activation="tanh", name="dense_t"), layers.Dense(6, activation="softmax")]),
                          ['layers[2] "dense_t" (Dense)', "activation", "tanh"]),
    "refuse_softmax_inside": (refusal([layers.Flatten(), layers.Dense(16, activation="softmax", name="dense_sm"), layers.Dense(6)]),
                              ['layers[2] "dense_sm" (Dense)', "activation", "softmax"]),
    "refuse_regularizer": (refusal([layers.Flatten(), layers.Dense(6, activation="softmax", kernel_regularizer="l2", name="dense_l2")]),
                           ['layers[2] "dense_l2" (Dense)', "kernel_regularizer", "L2"]),
    "refuse_pool_strides": (refusal([layers.MaxPooling1D(2, strides=1, name="pool_s1"), layers.Flatten(), layers.Dense(6, activation="softmax")]),
                            ['layers[1] "pool_s1" (MaxPooling1D)', "strides", "[1]"]),
    "refuse_rmsprop": (rmsprop, ["compile_config", "optimizer", "RMSprop"]),
    "refuse_logits_mismatch": (logits_mismatch, ["compile_config", "from_logits", "softmax"]),
}


# --- Hand-written older formats ----------------------------------------------------------------

def tf2_initializer(name, **config):
    return {"class_name": name, "config": config}


def tf2_common(name, batch_input_shape=None):
    c = {"name": name, "trainable": True}
    if batch_input_shape is not None:
        c["batch_input_shape"] = batch_input_shape
    c["dtype"] = "float32"
    return c


def tf2_conv(name, filters, kernel, activation, shape=None):
    c = tf2_common(name, shape)
    c.update({"filters": filters, "kernel_size": [kernel], "strides": [1], "padding": "valid", "data_format": "channels_last",
              "dilation_rate": [1], "groups": 1, "activation": activation, "use_bias": True,
              "kernel_initializer": tf2_initializer("GlorotUniform", seed=None), "bias_initializer": tf2_initializer("Zeros"),
              "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
              "kernel_constraint": None, "bias_constraint": None})
    return {"class_name": "Conv1D", "config": c}


def tf2_lstm(name, units, return_sequences=False, shape=None):
    c = tf2_common(name, shape)
    c.update({"return_sequences": return_sequences, "return_state": False, "go_backwards": False, "stateful": False,
              "unroll": False, "time_major": False, "units": units, "activation": "tanh", "recurrent_activation": "sigmoid",
              "use_bias": True, "kernel_initializer": tf2_initializer("GlorotUniform", seed=None),
              "recurrent_initializer": tf2_initializer("Orthogonal", gain=1.0, seed=None),
              "bias_initializer": tf2_initializer("Zeros"), "unit_forget_bias": True, "kernel_regularizer": None,
              "recurrent_regularizer": None, "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None,
              "recurrent_constraint": None, "bias_constraint": None, "dropout": 0.0, "recurrent_dropout": 0.0, "implementation": 2})
    return {"class_name": "LSTM", "config": c}


def tf2_dense(name, units, activation):
    c = tf2_common(name)
    c.update({"units": units, "activation": activation, "use_bias": True,
              "kernel_initializer": tf2_initializer("GlorotUniform", seed=None), "bias_initializer": tf2_initializer("Zeros"),
              "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
              "kernel_constraint": None, "bias_constraint": None})
    return {"class_name": "Dense", "config": c}


def tf2_bn(name, axis):
    c = tf2_common(name)
    c.update({"axis": axis, "momentum": 0.99, "epsilon": 0.001, "center": True, "scale": True,
              "beta_initializer": tf2_initializer("Zeros"), "gamma_initializer": tf2_initializer("Ones"),
              "moving_mean_initializer": tf2_initializer("Zeros"), "moving_variance_initializer": tf2_initializer("Ones"),
              "beta_regularizer": None, "gamma_regularizer": None, "beta_constraint": None, "gamma_constraint": None})
    return {"class_name": "BatchNormalization", "config": c}


def tf2_input(name, shape):
    return {"class_name": "InputLayer", "config": {"batch_input_shape": shape, "dtype": "float32", "sparse": False,
                                                   "ragged": False, "name": name}}


def tf2_model(layer_list):
    return {"class_name": "Sequential", "config": {"name": "sequential", "layers": layer_list},
            "keras_version": "2.11.0", "backend": "tensorflow"}


def tf_keras2_cnn_lstm():
    shape = [None, 128, 9]
    pool = tf2_common("max_pooling1d")
    pool.update({"strides": [2], "pool_size": [2], "padding": "valid", "data_format": "channels_last"})
    drop = tf2_common("dropout")
    drop.update({"rate": 0.5, "noise_shape": None, "seed": None})
    return tf2_model([tf2_input("conv1d_input", shape), tf2_conv("conv1d", 64, 3, "relu", shape),
                      {"class_name": "MaxPooling1D", "config": pool}, tf2_conv("conv1d_1", 64, 3, "relu"),
                      tf2_lstm("lstm", 128), {"class_name": "Dropout", "config": drop}, tf2_dense("dense", 6, "softmax")])


def tf_keras2_lstm_bn():
    shape = [None, 128, 9]
    # A built tf.keras 2 BatchNormalization writes its axis as a list of non-negative indices.
    return tf2_model([tf2_input("lstm_input", shape), tf2_lstm("lstm", 30, True, shape), tf2_bn("batch_normalization", [2]),
                      tf2_lstm("lstm_1", 30), tf2_bn("batch_normalization_1", [1]), tf2_dense("dense", 15, "relu"),
                      tf2_dense("dense_1", 6, "softmax")])


def legacy_initializer_glorot():
    return {"class_name": "VarianceScaling", "config": {"scale": 1.0, "mode": "fan_avg", "distribution": "uniform", "seed": None}}


def legacy_lstm(name, units, recurrent_activation, return_sequences=False, shape=None):
    c = {"name": name, "trainable": True}
    if shape is not None:
        c.update({"batch_input_shape": shape, "dtype": "float32"})
    c.update({"return_sequences": return_sequences, "return_state": False, "go_backwards": False, "stateful": False,
              "unroll": False, "units": units, "activation": "tanh", "recurrent_activation": recurrent_activation,
              "use_bias": True, "kernel_initializer": legacy_initializer_glorot(),
              "recurrent_initializer": {"class_name": "Orthogonal", "config": {"gain": 1.0, "seed": None}},
              "bias_initializer": {"class_name": "Zeros", "config": {}}, "unit_forget_bias": True,
              "kernel_regularizer": None, "recurrent_regularizer": None, "bias_regularizer": None,
              "activity_regularizer": None, "kernel_constraint": None, "recurrent_constraint": None, "bias_constraint": None,
              "dropout": 0.0, "recurrent_dropout": 0.0, "implementation": 1})
    return {"class_name": "LSTM", "config": c}


def legacy_dense(name, units, activation):
    return {"class_name": "Dense", "config": {
        "name": name, "trainable": True, "units": units, "activation": activation, "use_bias": True,
        "kernel_initializer": legacy_initializer_glorot(), "bias_initializer": {"class_name": "Zeros", "config": {}},
        "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
        "kernel_constraint": None, "bias_constraint": None}}


def legacy_model(layer_list):
    return {"class_name": "Sequential", "config": layer_list, "keras_version": "2.2.2", "backend": "tensorflow"}


def keras2_legacy_lstm2():  # stacked LSTM, recurrent_activation set to sigmoid explicitly
    return legacy_model([legacy_lstm("lstm_1", 32, "sigmoid", True, [None, 128, 9]), legacy_lstm("lstm_2", 32, "sigmoid"),
                         legacy_dense("dense_1", 6, "softmax")])


def keras2_legacy_cnn():
    conv = lambda name, shape=None: {"class_name": "Conv1D", "config": dict(
        [("name", name), ("trainable", True)] + ([("batch_input_shape", shape), ("dtype", "float32")] if shape else []) + [
            ("filters", 64), ("kernel_size", [3]), ("strides", [1]), ("padding", "valid"), ("data_format", "channels_last"),
            ("dilation_rate", [1]), ("activation", "relu"), ("use_bias", True), ("kernel_initializer", legacy_initializer_glorot()),
            ("bias_initializer", {"class_name": "Zeros", "config": {}}), ("kernel_regularizer", None),
            ("bias_regularizer", None), ("activity_regularizer", None), ("kernel_constraint", None), ("bias_constraint", None)])}
    return legacy_model([
        conv("conv1d_1", [None, 128, 9]), conv("conv1d_2"),
        {"class_name": "Dropout", "config": {"name": "dropout_1", "trainable": True, "rate": 0.5, "noise_shape": None, "seed": None}},
        {"class_name": "MaxPooling1D", "config": {"name": "max_pooling1d_1", "trainable": True, "strides": [2], "pool_size": [2],
                                                  "padding": "valid", "data_format": "channels_last"}},
        {"class_name": "Flatten", "config": {"name": "flatten_1", "trainable": True, "data_format": "channels_last"}},
        legacy_dense("dense_1", 100, "relu"), legacy_dense("dense_2", 6, "softmax")])


def keras2_legacy_hard_sigmoid():  # the Keras <= 2.2 default recurrent_activation
    return legacy_model([legacy_lstm("lstm_1", 32, "hard_sigmoid", False, [None, 128, 9]), legacy_dense("dense_1", 6, "softmax")])


HAND_WRITTEN = {
    "tf_keras2_cnn_lstm": (tf_keras2_cnn_lstm, "tfKeras2", cnn_lstm, "cnn-lstm"),
    "tf_keras2_lstm_bn": (tf_keras2_lstm_bn, "tfKeras2", lstm_bn, "lstm-bn"),
    "keras2_legacy_lstm2": (keras2_legacy_lstm2, "keras2Legacy", lstm2, "lstm2"),
    "keras2_legacy_cnn": (keras2_legacy_cnn, "keras2Legacy", cnn, "cnn"),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    manifest = {
        "header": {
            "tool": f"Keras {keras.__version__} (backend {keras.backend.backend()}), Python {sys.version.split()[0]}",
            "command": "KERAS_BACKEND=jax python3 Tests/DeepTests/Fixtures/make_keras_fixtures.py",
            "date": datetime.date.today().isoformat(),
            "note": "keras/*.json are model.to_json() byte for byte, except tf_keras2_* and keras2_legacy_*, written by hand "
                    "from the documented older formats (see this script's docstring); their counts are Keras 3's for the same architecture.",
        },
        "accepted": [], "refused": []}
    written = {}
    for name, (build, preset) in ACCEPTED.items():
        model = build()
        text = model.to_json()
        written[name] = text
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            f.write(text)
        manifest["accepted"].append(dict(file=name + ".json", format="keras3", preset=preset, **counts(model)))
    for name, (build, fmt, same_as, preset) in HAND_WRITTEN.items():
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            f.write(json.dumps(build()))
        manifest["accepted"].append(dict(file=name + ".json", format=fmt, preset=preset, **counts(same_as())))
    for name, (build, pieces) in REFUSED.items():
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            f.write(build().to_json())
        manifest["refused"].append({"file": name + ".json", "message_contains": pieces})
    with open(os.path.join(OUT, "keras2_legacy_hard_sigmoid.json"), "w") as f:
        f.write(json.dumps(keras2_legacy_hard_sigmoid()))
    manifest["refused"].append({"file": "keras2_legacy_hard_sigmoid.json",
                                "message_contains": ['layers[0] "lstm_1" (LSTM)', "recurrent_activation", "hard_sigmoid"]})
    with open(os.path.join(FIXTURES, "keras_fixtures.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    os.makedirs(os.path.join(ROOT, "examples"), exist_ok=True)
    for name, example in (("cnn_lstm", "cnn-lstm"), ("lstm_bn", "lstm-bn")):
        with open(os.path.join(ROOT, "examples", example + ".json"), "w") as f:
            f.write(written[name])


if __name__ == "__main__":
    main()
