// Architecture presets: named layer stacks with their training hyperparameters
// (optimizer, learning rate, batch size, epochs). Architectures only: where a preset
// comes from, what a paper claimed for it and which details are our choice is recorded
// by whoever compares it (the Compare module), not here.
//
// Every preset takes T time steps, C channels and K classes; the defaults (T = 128,
// C = 9, K = 6) are the shape of 2.56 s windows of a 3-axis accelerometer and gyroscope.

/// A named architecture with its training hyperparameters.
public struct Preset: Sendable, Hashable {
  /// The CLI name, e.g. `cnn-lstm`.
  public var name: String
  /// One line for humans.
  public var summary: String
  /// The input shape the preset was built for.
  public var input: FeatureShape
  /// The layers, ending in `.dense(units: K)` (logits; softmax is in the loss).
  public var layers: [LayerSpec]
  /// Update rule.
  public var optimizer: OptimizerKind
  public var learningRate: Double
  public var batchSize: Int
  public var epochs: Int
  /// λ of L2 weight decay on the kernels, with `TrainingConfiguration.weightDecay`'s meaning
  /// (gradient + λ·w, i.e. loss + (λ/2)·Σw²). Default 0 (off).
  public var weightDecay: Double = 0

  /// The CLI names of every preset, in the order reports list them.
  public static let names = ["lstm", "lstm2", "cnn", "cnn-lstm", "cnn-lstm-deep", "cnn-lstm-wide", "lstm-bn", "lstm-nobn",
                             "lstm-tutorial"]

  /// Builds the model, its weights drawn from `seed`.
  /// - Throws: `ModelError` when the preset does not fit its input (e.g. T too short for its kernels).
  public func makeModel(seed: UInt64) throws -> Model {
    try Model(input: input, layers: layers, seed: seed, name: name)
  }

  /// The preset's epochs, batch size, optimizer, learning rate and weight decay, with
  /// `seed`; other settings at their defaults (softmax cross-entropy, no early stopping, no clipping).
  public func trainingConfiguration(seed: UInt64 = 0) -> TrainingConfiguration {
    TrainingConfiguration(epochs: epochs, batchSize: batchSize, learningRate: learningRate, optimizer: optimizer,
                          weightDecay: weightDecay, seed: seed)
  }

  /// The preset called `name` for inputs of T steps × C channels and K classes.
  /// - Throws: `PresetError.unknown` listing the valid names.
  public static func named(_ name: String, timeSteps T: Int = 128, channels C: Int = 9, classes K: Int = 6) throws -> Preset {
    let input = FeatureShape.sequence(time: T, channels: C)
    switch name {
    case "lstm":
      return Preset(
        name: name, summary: "LSTM 32 → dropout 0.5 → dense K", input: input,
        layers: [.lstm(units: 32), .dropout(rate: 0.5), .dense(units: K)],
        optimizer: .adam(), learningRate: 1e-3, batchSize: 64, epochs: 20)
    case "lstm2":
      return Preset(
        name: name, summary: "LSTM 32 → LSTM 32 → dense K", input: input,
        layers: [.lstm(units: 32, returnSequences: true), .lstm(units: 32), .dense(units: K)],
        optimizer: .adam(), learningRate: 1e-3, batchSize: 64, epochs: 20)
    case "cnn":
      return Preset(
        name: name, summary: "Conv1D 64 k3 ReLU → Conv1D 64 k3 ReLU → dropout 0.5 → max-pool 2 → flatten → dense 100 ReLU → dense K",
        input: input,
        layers: [.conv1D(filters: 64, kernelSize: 3), .relu, .conv1D(filters: 64, kernelSize: 3), .relu,
                 .dropout(rate: 0.5), .maxPool1D(poolSize: 2), .flatten, .dense(units: 100), .relu, .dense(units: K)],
        optimizer: .adam(), learningRate: 1e-3, batchSize: 64, epochs: 20)
    case "cnn-lstm":
      return Preset(
        name: name, summary: "Conv1D 64 k3 ReLU → max-pool 2 → Conv1D 64 k3 ReLU → LSTM 128 → dropout 0.5 → dense K",
        input: input,
        layers: [.conv1D(filters: 64, kernelSize: 3), .relu, .maxPool1D(poolSize: 2), .conv1D(filters: 64, kernelSize: 3), .relu,
                 .lstm(units: 128), .dropout(rate: 0.5), .dense(units: K)],
        optimizer: .adam(), learningRate: 1e-3, batchSize: 64, epochs: 20)
    case "cnn-lstm-deep":
      var layers: [LayerSpec] = []
      for filters in [64, 128, 128] {
        layers += [.conv1D(filters: filters, kernelSize: 3, padding: .same), .relu, .maxPool1D(poolSize: 2)]
      }
      layers += [.lstm(units: 128, returnSequences: true), .dropout(rate: 0.5), .lstm(units: 128), .dropout(rate: 0.5),
                 .dense(units: 64), .relu, .dense(units: K)]
      return Preset(
        name: name, summary: "3 × (Conv1D k3 same ReLU → max-pool 2) → LSTM 128 → dropout 0.5 → LSTM 128 → dropout 0.5 → dense 64 ReLU → dense K",
        input: input, layers: layers, optimizer: .adam(), learningRate: 1e-3, batchSize: 32, epochs: 10)
    case "cnn-lstm-wide":
      return Preset(
        name: name, summary: "Conv1D 128 k4 ReLU → max-pool 2 → dropout 0.5 → Conv1D 128 k4 ReLU → max-pool 2 → LSTM 100 → LSTM 100 → dense 100 ReLU → dense K",
        input: input,
        layers: [.conv1D(filters: 128, kernelSize: 4), .relu, .maxPool1D(poolSize: 2), .dropout(rate: 0.5),
                 .conv1D(filters: 128, kernelSize: 4), .relu, .maxPool1D(poolSize: 2),
                 .lstm(units: 100, returnSequences: true), .lstm(units: 100), .dense(units: 100), .relu, .dense(units: K)],
        optimizer: .adam(), learningRate: 1e-3, batchSize: 32, epochs: 100)
    case "lstm-bn":
      return Preset(
        name: name, summary: "LSTM 30 → batch norm → LSTM 30 → batch norm → dense 15 ReLU → dense K", input: input,
        layers: [.lstm(units: 30, returnSequences: true), .batchNorm(), .lstm(units: 30), .batchNorm(),
                 .dense(units: 15), .relu, .dense(units: K)],
        optimizer: .adam(), learningRate: 2e-3, batchSize: 64, epochs: 20)
    case "lstm-nobn":
      // lstm-bn without its two batch-normalisation layers, same training settings.
      return Preset(
        name: name, summary: "LSTM 30 → LSTM 30 → dense 15 ReLU → dense K", input: input,
        layers: [.lstm(units: 30, returnSequences: true), .lstm(units: 30), .dense(units: 15), .relu, .dense(units: K)],
        optimizer: .adam(), learningRate: 2e-3, batchSize: 64, epochs: 20)
    case "lstm-tutorial":
      // A ReLU projection of every time step to 64, two stacked LSTMs of 64, dense K; Adam
      // 0.0025, batch 1024, 50 epochs, loss + 0.0015·Σ l2_loss(kernel) with TensorFlow's
      // l2_loss(w) = Σw²/2, whose gradient is + 0.0015·w: weightDecay's own convention.
      return Preset(
        name: name, summary: "dense 64 ReLU per time step → LSTM 64 → LSTM 64 → dense K, L2 0.0015", input: input,
        layers: [.timeDistributedDense(units: 64), .relu, .lstm(units: 64, returnSequences: true), .lstm(units: 64),
                 .dense(units: K)],
        optimizer: .adam(), learningRate: 2.5e-3, batchSize: 1024, epochs: 50, weightDecay: 1.5e-3)
    default:
      throw PresetError.unknown(name: name, known: names)
    }
  }
}

/// A preset name that does not exist.
public enum PresetError: Error, CustomStringConvertible, Equatable {
  case unknown(name: String, known: [String])

  public var description: String {
    switch self {
    case let .unknown(name, known): "unknown model preset \"\(name)\"; expected one of: \(known.joined(separator: ", "))"
    }
  }
}
