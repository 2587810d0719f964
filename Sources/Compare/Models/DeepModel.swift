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
// 3. The patience comes from `ExperimentConfiguration.patience` through the registry;
//    it is part of `summary`, so a resumed run cannot mix two protocols.
import Deep
import Dispatch
import LinearAlgebra

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
    guard var x = task.trainSignals, var xTest = task.testSignals else {
      throw CompareError.invalidOption(name: "model input", expected: "raw signals for \(name)", found: "none")
    }
    if let channels = overrides.channels {
      x = try channels.apply(to: x)
      xTest = try channels.apply(to: xTest)
    }
    let preset = try Preset.named(self.preset, timeSteps: x.timeSteps, channels: x.channels, classes: task.classCount)
    let model = try preset.makeModel(seed: task.weightsSeed)
    var configuration = preset.trainingConfiguration(seed: task.shuffleSeed)
    if let epochs = overrides.epochs { configuration.epochs = epochs }
    if let batch = overrides.batchSize { configuration.batchSize = batch }
    if let rate = overrides.learningRate { configuration.learningRate = rate }
    try Self.applyLoss(overrides.loss, to: &configuration)
    if let epochs = task.epochs { configuration.epochs = epochs }
    try task.files?.validate()
    configuration.checkpointPath = task.files?.checkpointPath

    // The rows fitted on, and the validation rows: the fold's validation subjects, plus
    // the last `validationSplit` of the fitted rows in data order (Keras's rule).
    var fitRows = task.fitRows
    var validationRows = task.validation
    let kerasHeldOut = Self.kerasValidationCount(rows: fitRows.count, split: overrides.validationSplit)
    if kerasHeldOut > 0 {
      validationRows = (validationRows + fitRows.suffix(kerasHeldOut)).sorted()
      fitRows.removeLast(kerasHeldOut)
    }
    let training = try SequenceDataset(
      inputs: x.windows(fitRows).values, labels: fitRows.map { task.trainLabels[$0] },
      timeSteps: x.timeSteps, channels: x.channels)
    var validation: SequenceDataset? = nil
    if !validationRows.isEmpty {
      validation = try SequenceDataset(
        inputs: x.windows(validationRows).values, labels: validationRows.map { task.trainLabels[$0] },
        timeSteps: x.timeSteps, channels: x.channels)
      configuration.patience = patience
      configuration.restoreBestWeights = patience != nil
    }

    let start = DispatchTime.now().uptimeNanoseconds
    let resumePath = task.files?.resume == true ? task.files?.checkpointPath : nil
    let result = try model.fit(training, validation: validation, configuration: configuration, resumingFrom: resumePath) { p in
      guard p.batch == p.batches else { return }  // one line per epoch
      progress(CellProgress(
        epoch: p.epoch, epochs: p.epochs,
        message: String(format: "loss %.4f, accuracy %.2f %%, %.1f s, ETA %.0f s", p.loss, 100 * p.accuracy, p.elapsedSeconds, p.etaSeconds)))
    }
    let fitSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let predictStart = DispatchTime.now().uptimeNanoseconds
    let probabilities = try model.predictProbabilities(xTest.values)
    let predictions = Self.argmax(probabilities, classes: task.classCount)
    let predictSeconds = Double(DispatchTime.now().uptimeNanoseconds - predictStart) / 1e9
    let trainingAccuracy = try model.evaluate(training).accuracy

    var notes: [String] = []
    // The history file is an extra: a failure to write it (checked writable before
    // training, so only e.g. a full disk) is a note, never the loss of the trained model.
    if let path = task.files?.historyPath {
      do { try result.history.writeCSV(to: path) } catch {
        notes.append("history not written to \(path): \(error)")
        progress(CellProgress(epoch: result.epochsRun, epochs: configuration.epochs, message: "warning: history not written to \(path): \(error)"))
      }
    }
    if let best = result.bestEpoch, result.restoredBestWeights {
      notes.append("weights of epoch \(best) of \(result.epochsRun) restored (best validation loss)")
    }
    if result.epochsRun < configuration.epochs {
      notes.append("early stopping after \(result.epochsRun) of \(configuration.epochs) epochs")
    }
    return CellOutcome(
      predictions: predictions, fitSeconds: fitSeconds, predictSeconds: predictSeconds,
      parameterCount: result.parameterCount, epochs: result.epochsRun,
      history: result.history.epochs.map {
        EpochSummary(epoch: $0.epoch, trainLoss: $0.trainLoss, trainAccuracy: $0.trainAccuracy,
                    validationLoss: $0.validationLoss, validationAccuracy: $0.validationAccuracy,
                    trainBinaryAccuracy: $0.trainBinaryAccuracy)
      },
      trainingAccuracy: trainingAccuracy, notes: notes, testProbabilities: probabilities, keptOutOfTraining: kerasHeldOut)
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
    var merged = self.overrides
    if let c = o.channels { merged.channels = c }
    if let e = o.epochs { merged.epochs = e }
    if let b = o.batchSize { merged.batchSize = b }
    if let r = o.learningRate { merged.learningRate = r }
    if let l = o.loss { merged.loss = l }
    if let v = o.validationSplit { merged.validationSplit = v }
    return try DeepModel(preset: preset, patience: patience, name: name, overrides: merged)
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
