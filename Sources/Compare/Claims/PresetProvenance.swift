// Where each deep preset comes from, beside the claims (`PublishedClaim`): the Deep
// module holds architectures only, so what a source left unstated, and we chose, is
// recorded here, where the comparison with that source is made.
//
// The four Keras models of one published comparison have figures that are not legible;
// their layer sizes are the common Keras versions. The epochs (20) follow the PyTorch
// protocol the comparison is checked under. Adam's ε is PyTorch's 1e-8, not Keras's 1e-7.

/// What each preset takes from its source and what is our choice.
public enum PresetProvenance {
  /// Per preset name: the items its source did not state, which we chose.
  public static let ourChoices: [String: [String]] = [
    "lstm": ["layer sizes (common Keras version)", "20 epochs (the PyTorch protocol)", "Adam ε 1e-8 (PyTorch's)"],
    "lstm2": ["layer sizes (common Keras version)", "20 epochs (the PyTorch protocol)", "Adam ε 1e-8 (PyTorch's)"],
    "cnn": ["layer sizes (common Keras version)", "valid padding", "20 epochs (the PyTorch protocol)", "Adam ε 1e-8"],
    "cnn-lstm": ["layer sizes (common Keras version)", "ReLU after each convolution", "valid padding",
                 "20 epochs (the PyTorch protocol)", "Adam ε 1e-8"],
    "cnn-lstm-deep": ["filters 64/128/128, kernel 3, same padding, ReLU", "LSTM 128 units", "first dense layer 64 units, ReLU",
                      "Adam ε 1e-8"],
    "cnn-lstm-wide": ["ReLU after each convolution", "dropout rate 0.5", "valid padding", "learning rate 1e-3 (Adam's default)",
                      "Adam ε 1e-8"],
    "lstm-nobn": ["lstm-bn without its batch normalisation (the source's 88 % model)", "ReLU on the dense 15 layer", "batch size 64",
                  "20 epochs", "Adam ε 1e-8"],
    "lstm-tutorial": ["projection 64 units (the 2025 tutorial's LSTM size)", "L2 λ 0.0015 and learning rate 0.0025 (the tutorial it follows)",
                      "Adam ε 1e-8"],
    "lstm-bn": ["batch normalisation after each LSTM (Keras defaults: momentum 0.99, ε 1e-3)", "ReLU on the dense 15 layer",
                "batch size 64", "20 epochs", "Adam ε 1e-8"],
  ]
}
