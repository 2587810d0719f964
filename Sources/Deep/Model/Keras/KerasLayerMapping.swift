// How each supported Keras layer becomes Deep's layer descriptions.
//
//   Keras                                   Deep
//   Conv1D(f, k, activation a)              .conv1D(f, k, padding) [+ .relu when a = relu]
//   MaxPooling1D(p, strides p)              .maxPool1D(p)
//   LSTM(u, return_sequences r)             .lstm(u, returnSequences: r)
//   Dense(u, activation a)                  .dense(u) [+ .relu when a = relu] on a flat input;
//                                           .timeDistributedDense(u) [+ .relu] on a sequence
//                                           (Keras's Dense acts on the last axis of every step)
//   Dropout(rate)                           .dropout(rate)
//   BatchNormalization(momentum, epsilon)   .batchNorm(momentum, epsilon)
//   Flatten                                 .flatten
// The last layer's softmax is not a layer in Deep: the loss applies it to the logits
// (`SoftmaxCrossEntropy`), which is the same function and numerically safer.

/// What a Keras activation becomes.
enum KerasActivation {
  case linear, relu, softmax
}

extension KerasLayerConfig {
  /// Reads `activation`. Softmax is accepted only when `isLast` (it becomes the loss's).
  mutating func activation(isLast: Bool) throws -> KerasActivation {
    let v = value("activation")
    let name: String
    if let v, !v.isNull {
      // Keras 3 writes built-in activations as strings; a custom one is an object.
      guard let s = v.string else {
        throw error("activation", expected: "activation relu, linear or softmax", found: "activation = \(v)")
      }
      name = s
    } else {
      name = "linear"
    }
    switch name {
    case "linear": return .linear
    case "relu": return .relu
    case "softmax" where isLast && className == "Dense": return .softmax
    case "softmax":
      throw error("activation", expected: "activation relu or linear (softmax only on the last Dense layer, where it becomes the loss's)",
                  found: "activation = \"softmax\"")
    default:
      throw error("activation", expected: "activation relu, linear\(className == "Dense" ? " or, on the last layer, softmax" : "") (Deep has no \(name) activation layer)",
                  found: "activation = \"\(name)\"")
    }
  }

  /// Requires `data_format` channels_last, the layout (B, T, C) that Deep uses.
  mutating func requireChannelsLast() throws {
    try require("data_format", equals: .string("channels_last"), why: "Deep lays sequences out (B, T, C)")
  }

  /// Deep's layers for this Keras layer, and its activation.
  /// - Parameters:
  ///   - isLast: whether this is the model's last layer.
  ///   - input: the shape the layer receives (a Dense on a sequence is applied per time step).
  mutating func layerSpecs(isLast: Bool, input: FeatureShape) throws -> (specs: [LayerSpec], activation: KerasActivation) {
    let biasDefaults = ["Zeros"]
    switch className {
    case "Conv1D":
      let filters = try positiveInteger("filters")
      let kernel = try positiveInteger("kernel_size")
      try require("strides", equals: .number(1, text: "1"), why: "Deep's Conv1D has stride 1")
      try require("dilation_rate", equals: .number(1, text: "1"), why: "Deep's Conv1D has no dilation")
      try require("groups", equals: .number(1, text: "1"), why: "Deep's Conv1D has no grouped convolution")
      try requireChannelsLast()
      try require("use_bias", equals: .bool(true), why: "Deep's Conv1D always has a bias")
      let paddingName = try string("padding", default: "valid")
      guard let padding = Padding(rawValue: paddingName) else {
        throw error("padding", expected: "padding \"valid\" or \"same\"", found: "padding = \"\(paddingName)\"")
      }
      let activation = try activation(isLast: isLast)
      checkInitializer("kernel_initializer", accepted: ["GlorotUniform"])
      checkInitializer("bias_initializer", accepted: biasDefaults)
      return ([.conv1D(filters: filters, kernelSize: kernel, padding: padding)] + (activation == .relu ? [.relu] : []), activation)

    case "MaxPooling1D":
      let pool = try positiveInteger("pool_size", default: 2)
      let strides = try positiveInteger("strides", default: pool)
      guard strides == pool else {
        throw error("strides", expected: "strides equal to pool_size \(pool) (Deep pools non-overlapping windows)",
                    found: "strides = \(config["strides"]!)")
      }
      try require("padding", equals: .string("valid"), why: "Deep's MaxPooling1D drops trailing steps")
      try requireChannelsLast()
      return ([.maxPool1D(poolSize: pool)], .linear)

    case "LSTM":
      let units = try positiveInteger("units")
      let returnSequences = try bool("return_sequences", default: false)
      try require("activation", equals: .string("tanh"), why: "Deep's LSTM uses tanh")
      let recurrent = try string("recurrent_activation", default: "sigmoid")
      if recurrent == "hard_sigmoid" {
        throw error("recurrent_activation",
                    expected: "recurrent_activation \"sigmoid\" (Deep's LSTM has no hard_sigmoid gates; Keras ≤ 2.2 used hard_sigmoid by default — set recurrent_activation='sigmoid' to accept the difference)",
                    found: "recurrent_activation = \"hard_sigmoid\"")
      }
      guard recurrent == "sigmoid" else {
        throw error("recurrent_activation", expected: "recurrent_activation \"sigmoid\"", found: "recurrent_activation = \"\(recurrent)\"")
      }
      try require("use_bias", equals: .bool(true), why: "Deep's LSTM always has a bias")
      try require("unit_forget_bias", equals: .bool(true), why: "Deep's LSTM starts the forget gate's bias at 1")
      try requireFalse("return_state", why: "a Sequential model passes one tensor on")
      try requireFalse("go_backwards", why: "Deep's LSTM runs forward in time")
      try requireFalse("stateful", why: "Deep's LSTM starts every sequence from zero state")
      try requireFalse("time_major", why: "Deep lays sequences out (B, T, C)")
      try requireZero("dropout", why: "Deep's LSTM has no input dropout; put a Dropout layer before it")
      try requireZero("recurrent_dropout", why: "Deep's LSTM has no recurrent dropout")
      ignore("unroll", "implementation", "zero_output_for_mask")
      checkInitializer("kernel_initializer", accepted: ["GlorotUniform"])
      checkInitializer("recurrent_initializer", accepted: ["Orthogonal"])
      checkInitializer("bias_initializer", accepted: biasDefaults)
      return ([.lstm(units: units, returnSequences: returnSequences)], .linear)

    case "Dense":
      let units = try positiveInteger("units")
      try require("use_bias", equals: .bool(true), why: "Deep's Dense always has a bias")
      let activation = try activation(isLast: isLast)
      checkInitializer("kernel_initializer", accepted: ["GlorotUniform"])
      checkInitializer("bias_initializer", accepted: biasDefaults)
      let dense: LayerSpec = if case .sequence = input { .timeDistributedDense(units: units) } else { .dense(units: units) }
      return ([dense] + (activation == .relu ? [.relu] : []), activation)

    case "Dropout":
      let rate = try number("rate", default: 0)
      guard rate >= 0 && rate < 1 else { throw error("rate", expected: "rate in [0, 1)", found: "rate = \(config["rate"]!)") }
      return ([.dropout(rate: rate)], .linear)

    case "BatchNormalization":
      let momentum = try number("momentum", default: 0.99)
      let epsilon = try number("epsilon", default: 1e-3)
      guard momentum >= 0 && momentum < 1 else {
        throw error("momentum", expected: "momentum in [0, 1)", found: "momentum = \(config["momentum"]!)")
      }
      guard epsilon > 0 else { throw error("epsilon", expected: "epsilon > 0", found: "epsilon = \(config["epsilon"]!)") }
      try require("center", equals: .bool(true), why: "Deep's batch normalisation always learns β")
      try require("scale", equals: .bool(true), why: "Deep's batch normalisation always learns γ")
      try requireFalse("renorm", why: "Deep has no batch renormalisation")
      ignore("renorm_momentum", "renorm_clipping", "fused", "synchronized")
      // `axis` is checked by the caller, which knows the rank of the input.
      checkInitializer("beta_initializer", accepted: ["Zeros"])
      checkInitializer("gamma_initializer", accepted: ["Ones"])
      checkInitializer("moving_mean_initializer", accepted: ["Zeros"])
      checkInitializer("moving_variance_initializer", accepted: ["Ones"])
      return ([.batchNorm(momentum: momentum, epsilon: epsilon)], .linear)

    case "Flatten":
      try requireChannelsLast()
      return ([.flatten], .linear)

    default:
      throw error(nil, expected: "a layer Deep builds (InputLayer, Conv1D, MaxPooling1D, LSTM, Dense, Dropout, BatchNormalization, Flatten)",
                  found: className)
    }
  }

  /// Requires BatchNormalization's `axis` to be the last axis of an input of `rank`
  /// dimensions including the batch (3 for (B, T, C), 2 for (B, F)): `-1`, `rank − 1` or a
  /// one-element list of either (tf.keras 2 writes `[2]` once built).
  mutating func requireLastAxis(rank: Int) throws {
    guard let v = value("axis"), !v.isNull else { return }
    let scalar = v.array.flatMap { $0.count == 1 ? $0[0] : nil } ?? v
    guard let axis = scalar.integer, axis == -1 || axis == rank - 1 else {
      throw error("axis", expected: "axis -1 or \(rank - 1) (Deep normalises over the last axis)", found: "axis = \(v)")
    }
  }
}
