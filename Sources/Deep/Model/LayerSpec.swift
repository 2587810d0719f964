// The declarative description of a sequential model, and the shape rules that validate it.
//
// Shape letters, used in every file of Deep: B batch, T time steps, C channels,
// H hidden units, F features of a flat vector, K classes.
// Tensors are row-major: a batch of sequences is (B, T, C), a batch of vectors (B, F).

/// The shape of one example as it flows between layers (the batch axis is implicit).
public enum FeatureShape: Hashable, Sendable, Codable, CustomStringConvertible {
  /// A sequence of `time` steps of `channels` values: (T, C).
  case sequence(time: Int, channels: Int)
  /// A flat vector of `features` values: (F).
  case flat(features: Int)

  /// Values per example.
  public var elementCount: Int {
    switch self {
    case let .sequence(t, c): t * c
    case let .flat(f): f
    }
  }

  /// Keras's notation with `None` for the batch axis: `(None, 128, 9)`.
  public var description: String {
    switch self {
    case let .sequence(t, c): "(None, \(t), \(c))"
    case let .flat(f): "(None, \(f))"
    }
  }
}

/// Zero padding of a convolution (stride 1).
public enum Padding: String, Hashable, Sendable, Codable {
  /// No padding: T_out = T − kernel + 1.
  case valid
  /// Zero padding so that T_out = T; ⌊(kernel−1)/2⌋ zeros before, the rest after (as Keras/TensorFlow).
  case same
}

/// One layer of a sequential model, as written in a model description.
public enum LayerSpec: Hashable, Sendable, Codable, CustomStringConvertible {
  /// 1-D convolution over time, stride 1: (T, C) → (T_out, filters). Kernel Glorot-uniform, bias 0.
  case conv1D(filters: Int, kernelSize: Int, padding: Padding = .valid)
  /// Max over non-overlapping windows of `poolSize` steps (stride = poolSize, valid):
  /// (T, C) → (⌊T / poolSize⌋, C).
  case maxPool1D(poolSize: Int)
  /// max(0, x), any shape.
  case relu
  /// Inverted dropout: in training, zero each value with probability `rate` and scale the
  /// rest by 1/(1 − rate); identity in inference. Any shape.
  case dropout(rate: Double)
  /// Fully connected: (F) → (units). Kernel Glorot-uniform, bias 0.
  case dense(units: Int)
  /// The same fully connected layer applied to every time step: (T, C) → (T, units), one
  /// kernel (C, units) and bias shared by all steps. This is what Keras's `Dense` does to a
  /// sequence (it acts on the last axis), and `TimeDistributed(Dense)`. Kernel Glorot-uniform
  /// (fan in C, fan out units), bias 0.
  case timeDistributedDense(units: Int)
  /// (T, C) → (T·C).
  case flatten
  /// Batch normalisation over the last axis (channels of a sequence, features of a vector).
  /// Keras defaults: momentum 0.99, epsilon 1e-3.
  case batchNorm(momentum: Double = 0.99, epsilon: Double = 1e-3)
  /// Long short-term memory: (T, C) → (T, units) when `returnSequences`, else (units).
  /// Kernel Glorot-uniform, recurrent kernel orthogonal, bias 0 except the forget gate's 1.
  case lstm(units: Int, returnSequences: Bool = false)

  /// The layer's kind, as Keras names it in `model.summary()`.
  public var typeName: String {
    switch self {
    case .conv1D: "Conv1D"
    case .maxPool1D: "MaxPooling1D"
    case .relu: "ReLU"
    case .dropout: "Dropout"
    case .dense, .timeDistributedDense: "Dense"
    case .flatten: "Flatten"
    case .batchNorm: "BatchNormalization"
    case .lstm: "LSTM"
    }
  }

  /// A compact, human-readable form such as `Conv1D(64, k3, same)`.
  public var description: String {
    switch self {
    case let .conv1D(f, k, p): "Conv1D(\(f), k\(k), \(p.rawValue))"
    case let .maxPool1D(p): "MaxPooling1D(\(p))"
    case .relu: "ReLU"
    case let .dropout(r): "Dropout(\(r))"
    case let .dense(u): "Dense(\(u))"
    case let .timeDistributedDense(u): "Dense(\(u), per time step)"
    case .flatten: "Flatten"
    case let .batchNorm(m, e): "BatchNormalization(momentum \(m), epsilon \(e))"
    case let .lstm(u, s): "LSTM(\(u)\(s ? ", return sequences" : ""))"
    }
  }
}

/// A model description that does not fit its input, or a model file that does not fit a model.
public enum ModelError: Error, CustomStringConvertible, Equatable {
  /// Layer `index` (0-based) cannot take the shape it receives.
  case invalidLayer(index: Int, layer: String, input: String, reason: String)
  /// The input shape itself is unusable.
  case invalidInput(reason: String)
  /// The description is empty or does not end in a flat vector of class scores.
  case invalidOutput(reason: String)
  /// A checkpoint describes another architecture than the model it is loaded into.
  case architectureMismatch(expected: String, found: String)
  /// A checkpoint file cannot be read.
  case unreadableCheckpoint(path: String, reason: String)

  public var description: String {
    switch self {
    case let .invalidLayer(index, layer, input, reason):
      "layer \(index) (\(layer)) receives \(input): \(reason)"
    case let .invalidInput(reason): "invalid input shape: \(reason)"
    case let .invalidOutput(reason): "invalid model output: \(reason)"
    case let .architectureMismatch(expected, found):
      "checkpoint is for another architecture:\n  model:      \(expected)\n  checkpoint: \(found)"
    case let .unreadableCheckpoint(path, reason): "\(path): \(reason)"
    }
  }
}

extension LayerSpec {
  /// The shape this layer produces from `input`, or the reason it cannot take `input`.
  /// - Throws: `ModelError.invalidLayer` naming `index`, the layer and both shapes.
  func outputShape(for input: FeatureShape, index: Int) throws -> FeatureShape {
    func fail(_ reason: String) -> ModelError {
      .invalidLayer(index: index, layer: description, input: input.description, reason: reason)
    }
    switch self {
    case let .conv1D(filters, kernel, padding):
      guard filters > 0 else { throw fail("filters must be > 0, got \(filters)") }
      guard kernel > 0 else { throw fail("kernelSize must be > 0, got \(kernel)") }
      guard case let .sequence(t, _) = input else {
        throw fail("Conv1D needs a sequence (None, T, C); it cannot follow a flat layer")
      }
      if padding == .valid && kernel > t {
        throw fail("kernel of \(kernel) steps is longer than the \(t)-step input with valid padding; use padding .same or a shorter kernel")
      }
      return .sequence(time: padding == .valid ? t - kernel + 1 : t, channels: filters)
    case let .maxPool1D(pool):
      guard pool > 0 else { throw fail("poolSize must be > 0, got \(pool)") }
      guard case let .sequence(t, c) = input else {
        throw fail("MaxPooling1D needs a sequence (None, T, C); it cannot follow a flat layer")
      }
      guard pool <= t else { throw fail("pool of \(pool) steps is larger than the \(t)-step sequence") }
      return .sequence(time: t / pool, channels: c)
    case .relu:
      return input
    case let .dropout(rate):
      guard rate >= 0 && rate < 1 else { throw fail("rate must be in [0, 1), got \(rate)") }
      return input
    case let .dense(units):
      guard units > 0 else { throw fail("units must be > 0, got \(units)") }
      guard case .flat = input else {
        throw fail("Dense needs a flat input (None, F); insert .flatten before it (or use an LSTM with returnSequences: false)")
      }
      return .flat(features: units)
    case let .timeDistributedDense(units):
      guard units > 0 else { throw fail("units must be > 0, got \(units)") }
      guard case let .sequence(t, _) = input else {
        throw fail("a per-time-step Dense needs a sequence (None, T, C); use .dense on a flat input")
      }
      return .sequence(time: t, channels: units)
    case .flatten:
      return .flat(features: input.elementCount)
    case let .batchNorm(momentum, epsilon):
      guard momentum >= 0 && momentum < 1 else { throw fail("momentum must be in [0, 1), got \(momentum)") }
      guard epsilon > 0 else { throw fail("epsilon must be > 0, got \(epsilon)") }
      return input
    case let .lstm(units, returnSequences):
      guard units > 0 else { throw fail("units must be > 0, got \(units)") }
      guard case let .sequence(t, _) = input else {
        throw fail("LSTM needs a sequence (None, T, C); the previous layer already produced a flat vector (set returnSequences: true on a preceding LSTM)")
      }
      return returnSequences ? .sequence(time: t, channels: units) : .flat(features: units)
    }
  }
}

/// Checks a whole description against its input shape.
/// - Returns: the output shape of every layer.
/// - Throws: `ModelError` for the first layer that does not fit, or when the last layer is
///   not a flat vector (the class scores).
func validateArchitecture(input: FeatureShape, layers: [LayerSpec]) throws -> [FeatureShape] {
  switch input {
  case let .sequence(t, c):
    guard t > 0 && c > 0 else { throw ModelError.invalidInput(reason: "need T > 0 and C > 0, got (\(t), \(c))") }
  case let .flat(f):
    guard f > 0 else { throw ModelError.invalidInput(reason: "need F > 0, got \(f)") }
  }
  guard !layers.isEmpty else { throw ModelError.invalidOutput(reason: "the model has no layers") }
  var shapes: [FeatureShape] = []
  var shape = input
  for (i, layer) in layers.enumerated() {
    shape = try layer.outputShape(for: shape, index: i)
    shapes.append(shape)
  }
  guard case let .flat(k) = shape, k >= 2 else {
    throw ModelError.invalidOutput(reason: "the last layer must produce K ≥ 2 class scores (None, K), got \(shape); end with .dense(units: K)")
  }
  return shapes
}
