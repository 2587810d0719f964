// The adapter that lets a Deep preset take part in a comparison. The runner has already
// standardised the raw windows per channel (training windows only). The adapter trains
// on the training windows outside the validation subjects, early-stops on the
// validation subjects (never the test subjects), restores the best validation epoch's
// weights, and predicts the test windows in inference mode.
//
// Decisions (ours, written into the report through `summary`):
// 1. By default every preset trains for its paper's epochs and keeps its final weights,
//    as the papers did. The validation subjects are still held out from training (the
//    test subjects are never seen), and their loss and accuracy per epoch go into the
//    training curves. Measured on the real data, restoring the epoch of lowest
//    validation loss picked epochs 1–5 of 10–20 on three held-out subjects and cost 1–2
//    points of test accuracy, so early stopping is opt-in: `ExperimentConfiguration.patience`.
// 2. Seeds: the weights and the training run (shuffling, dropout) draw from two
//    independent streams, `task.weightsSeed` and `task.shuffleSeed` (`SeedTree`).
// 3. Training and prediction are `DeepTraining`'s, shared with `KerasFileModel`.
// 4. The patience comes from `ExperimentConfiguration.patience` through the registry;
//    it is part of `summary`, so a resumed run cannot mix two protocols.
import Deep

/// A Deep preset (`lstm`, `cnn-lstm`, …) with its published hyperparameters, or a
/// variant of one with a protocol's `TrainingOverrides` (a claim's replica).
public struct DeepModel: ComparableModel {
  /// The model's name: the preset's, or the variant's (e.g. `lstm-bn-zebin2018`).
  public let name: String
  /// The preset's name.
  public let preset: String
  /// Early-stopping patience in epochs on the validation loss (best weights restored);
  /// nil trains every epoch and keeps the final weights (`ExperimentConfiguration.patience`).
  public let patience: Int?
  /// The protocol's changes to the preset's training; `.none` for the preset itself.
  public let overrides: TrainingOverrides

  /// - Parameters:
  ///   - name: the variant's name; nil = the preset's.
  /// - Throws: `PresetError.unknown` for an unknown preset name, `CompareError.invalidOption`
  ///   for overrides out of range.
  public init(preset: String, patience: Int?, name: String? = nil, overrides: TrainingOverrides = .none) throws {
    _ = try Preset.named(preset)
    try overrides.validate()
    self.name = name ?? preset
    self.preset = preset
    self.patience = patience
    self.overrides = overrides
  }

  public var input: ModelInput { .raw }
  public var isDeep: Bool { true }

  public var summary: String {
    guard let p = try? Preset.named(preset) else { return name }
    let optimizer = "Adam \(overrides.learningRate ?? p.learningRate), batch \(overrides.batchSize ?? p.batchSize), \(overrides.epochs ?? p.epochs) epochs"
    let stopping = patience.map { "; early stopping (patience \($0)) on held-out training subjects, best weights restored" }
      ?? "; all epochs, final weights (no early stopping)"
    let variant = overrides.isEmpty ? "" : "; \(preset) with \(overrides.summary)"
    return "\(p.summary); \(optimizer)\(stopping)\(variant)"
  }

  public func run(_ task: CellTask, progress: @Sendable (CellProgress) -> Void) throws -> CellOutcome {
    let (x, xTest) = try DeepTraining.signals(of: task, channels: overrides.channels, model: name)
    let preset = try Preset.named(self.preset, timeSteps: x.timeSteps, channels: x.channels, classes: task.classCount)
    let model = try preset.makeModel(seed: task.weightsSeed)
    let configuration = try DeepTraining.configure(preset.trainingConfiguration(seed: task.shuffleSeed), overrides: overrides, task: task)
    return try DeepTraining.run(model, configuration: configuration, task: task, x: x, xTest: xTest, patience: patience,
                                validationSplit: overrides.validationSplit, progress: progress)
  }

  /// The preset under `overrides`, keeping only those that differ from the preset's own
  /// settings (a claim stating the preset's epochs adds no variant).
  public func variant(named name: String, overrides: TrainingOverrides) throws -> (any ComparableModel)? {
    let p = try Preset.named(preset)
    var o = overrides
    if o.epochs == p.epochs { o.epochs = nil }
    if o.batchSize == p.batchSize { o.batchSize = nil }
    if o.learningRate == p.learningRate { o.learningRate = nil }
    if o.loss == "categorical_crossentropy" { o.loss = nil }
    if o.validationSplit == 0 { o.validationSplit = nil }
    if o.channels?.indices == Array(0..<9) { o.channels = nil }
    guard !o.isEmpty else { return nil }
    return try DeepModel(preset: preset, patience: patience, name: name, overrides: self.overrides.overridden(by: o))
  }

  /// Sets the loss named in Keras's terms (`TrainingOverrides.losses`); nil keeps the model's.
  static func applyLoss(_ name: String?, to configuration: inout TrainingConfiguration) throws {
    switch name {
    case nil: break
    case "categorical_crossentropy": configuration.loss = .softmaxCrossEntropy
    case "binary_crossentropy": configuration.loss = .binaryCrossEntropyOnSoftmax
    default:
      throw CompareError.invalidOption(name: "loss", expected: "one of \(TrainingOverrides.losses.joined(separator: ", "))", found: "'\(name!)'")
    }
  }

  /// Windows Keras's `validation_split` holds out of `rows`: `int(rows · split)` (Keras
  /// truncates), at most rows − 1.
  static func kerasValidationCount(rows: Int, split: Double?) -> Int {
    guard let split, split > 0, rows >= 2 else { return 0 }
    return min(rows - 1, Int(Double(rows) * split))
  }

  /// The class of highest probability per row (the lowest index on ties), as `predict` does.
  static func argmax(_ probabilities: [Float], classes: Int) -> [Int] {
    stride(from: 0, to: probabilities.count, by: classes).map { start in
      var best = 0
      for k in 1..<classes where probabilities[start + k] > probabilities[start + best] { best = k }
      return best
    }
  }
}

extension DeepModel {
  /// The layer-by-layer summary (shapes and parameter counts) for the preset's default
  /// input (T time steps × C channels, K classes, `Preset.named`).
  public func layerSummary() throws -> String {
    // The summary lists shapes and counts only, so the weights' seed does not matter.
    try Preset.named(name).makeModel(seed: 0).summary()
  }
}
