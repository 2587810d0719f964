// The training settings a Keras 3 model file may carry in its `compile_config` (written by
// `model.to_json()` after `model.compile(...)`). tf.keras 2.x and older write no compile
// settings into `to_json()`, so for them the settings are nil and come from elsewhere.

/// The loss a Keras model was compiled with. The two categorical forms are both softmax
/// cross-entropy for Deep (the categorical form takes one-hot labels, the sparse form integer
/// labels, and Deep always takes integer labels); binary cross-entropy after a softmax layer
/// is `LossKind.binaryCrossEntropyOnSoftmax`.
public enum KerasLoss: String, Sendable, Hashable {
  case categoricalCrossentropy = "categorical_crossentropy"
  case sparseCategoricalCrossentropy = "sparse_categorical_crossentropy"
  case binaryCrossentropy = "binary_crossentropy"

  /// The loss Deep trains with to reproduce this one (`TrainingConfiguration.loss`).
  public var lossKind: LossKind {
    switch self {
    case .categoricalCrossentropy, .sparseCategoricalCrossentropy: .softmaxCrossEntropy
    case .binaryCrossentropy: .binaryCrossEntropyOnSoftmax
    }
  }
}

/// Optimiser, learning rate and loss from a Keras 3 `compile_config`.
public struct KerasTrainingSettings: Sendable, Hashable {
  /// The update rule with the file's hyperparameters, e.g. Keras's Adam ε 1e-7.
  public var optimizer: OptimizerKind
  public var learningRate: Double
  /// The compiled loss; `loss.lossKind` is the `TrainingConfiguration.loss` that reproduces it.
  public var loss: KerasLoss

  public init(optimizer: OptimizerKind, learningRate: Double, loss: KerasLoss) {
    self.optimizer = optimizer
    self.learningRate = learningRate
    self.loss = loss
  }
}

extension KerasTrainingSettings {
  /// Reads a `compile_config` object.
  /// - Parameter outputIsLogits: whether the model's last layer is linear (the loss must then
  ///   say `from_logits: true`) rather than softmax.
  /// - Throws: `KerasModelFileError` for an optimiser, loss or option Deep does not have.
  init(compileConfig: KerasJSON, path: String, outputIsLogits: Bool) throws {
    func fail(_ at: KerasJSON?, _ expected: String, _ found: String) -> KerasModelFileError {
      KerasModelFileError(path: path, line: (at ?? compileConfig).line, context: "compile_config", expected: expected, found: found)
    }
    // Keras stores hyperparameters in float32: 0.001 comes back as 0.0010000000474974513.
    // Reading through Float's shortest decimal gives back what the user wrote.
    func float32Decimal(_ x: Double) -> Double { Double("\(Float(x))") ?? x }

    // Optimiser: a name ("adam") or an object {class_name, config}.
    guard let optimizerJSON = compileConfig["optimizer"], !optimizerJSON.isNull else {
      throw fail(nil, "an optimizer", "none")
    }
    let className = (optimizerJSON.string ?? optimizerJSON["class_name"]?.string ?? "").lowercased()
    let options = optimizerJSON["config"] ?? KerasJSON(value: .object([]), line: optimizerJSON.line)
    func number(_ key: String, _ defaultValue: Double) throws -> Double {
      guard let v = options[key], !v.isNull else { return defaultValue }
      guard let x = v.number, x.isFinite else { throw fail(v, "optimizer \(key) a number", "\(key) = \(v)") }
      return float32Decimal(x)
    }
    var known: Set<String> = ["name", "learning_rate", "ema_momentum", "ema_overwrite_frequency", "loss_scale_factor"]
    let learningRateJSON = options["learning_rate"]
    if let lr = learningRateJSON, !lr.isNull, lr.number == nil {
      throw fail(lr, "learning_rate a number (Deep has no learning-rate schedules)", "learning_rate = \(lr)")
    }
    let learningRate: Double
    switch className {
    case "adam":
      learningRate = try number("learning_rate", 1e-3)
      optimizer = .adam(beta1: try number("beta_1", 0.9), beta2: try number("beta_2", 0.999), epsilon: try number("epsilon", 1e-7))
      known.formUnion(["beta_1", "beta_2", "epsilon"])
    case "sgd":
      learningRate = try number("learning_rate", 1e-2)
      optimizer = .sgd(momentum: try number("momentum", 0))
      known.insert("momentum")
    default:
      throw fail(optimizerJSON, "optimizer Adam or SGD", "optimizer \(optimizerJSON.string ?? optimizerJSON["class_name"]?.string ?? optimizerJSON.description)")
    }
    self.learningRate = learningRate
    // Every other option (amsgrad, nesterov, weight_decay, clipnorm, use_ema, …) must be off.
    for (key, v) in options.members ?? [] where !known.contains(key) {
      switch v.value {
      case .null, .bool(false): continue
      case let .number(x, _) where x == 0: continue
      default: throw fail(v, "no optimizer option \(key) (Deep's \(className) does not implement it), or null", "\(key) = \(v)")
      }
    }

    // Loss: a name or an object {class_name, config: {from_logits, label_smoothing, …}}.
    guard let lossJSON = compileConfig["loss"], !lossJSON.isNull else { throw fail(nil, "a loss", "none") }
    let lossName = lossJSON.string ?? lossJSON["class_name"]?.string ?? lossJSON.description
    switch lossName.lowercased().replacingOccurrences(of: "_", with: "") {
    case "categoricalcrossentropy": loss = .categoricalCrossentropy
    case "sparsecategoricalcrossentropy": loss = .sparseCategoricalCrossentropy
    case "binarycrossentropy": loss = .binaryCrossentropy
    default:
      throw fail(lossJSON, "loss categorical_crossentropy, sparse_categorical_crossentropy or binary_crossentropy", "loss \(lossName)")
    }
    let lossOptions = lossJSON["config"]
    let fromLogits = lossOptions?["from_logits"]?.bool ?? false
    // Deep has binary cross-entropy only on softmax outputs (what a softmax-ended model
    // compiled with it computes); on logits Keras would apply a sigmoid per output instead.
    if loss == .binaryCrossentropy && (outputIsLogits || fromLogits) {
      throw fail(lossJSON, "binary_crossentropy with from_logits false after a last Dense layer with softmax (Deep implements binary cross-entropy on softmax outputs only)",
                 outputIsLogits ? "a linear last Dense layer" : "from_logits = true")
    }
    if fromLogits != outputIsLogits {
      throw fail(lossJSON, outputIsLogits
                   ? "from_logits true, since the last Dense layer is linear (its outputs are logits)"
                   : "from_logits false, since the last Dense layer applies softmax",
                 "from_logits = \(fromLogits)")
    }
    if let smoothing = lossOptions?["label_smoothing"]?.number, smoothing != 0 {
      throw fail(lossJSON, "label_smoothing 0 (Deep's loss has no label smoothing)", "label_smoothing = \(smoothing)")
    }
    if let weights = compileConfig["loss_weights"], !weights.isNull {
      throw fail(weights, "loss_weights null", "loss_weights = \(weights)")
    }
  }
}
