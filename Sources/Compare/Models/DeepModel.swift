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

/// A Deep preset (`lstm`, `cnn-lstm`, …) with its published hyperparameters.
public struct DeepModel: ComparableModel {
  /// The preset's name.
  public let name: String
  /// Early-stopping patience in epochs on the validation loss (best weights restored);
  /// nil trains every epoch and keeps the final weights (`ExperimentConfiguration.patience`).
  public let patience: Int?

  /// - Throws: `PresetError.unknown` for an unknown preset name.
  public init(preset name: String, patience: Int?) throws {
    _ = try Preset.named(name)
    self.name = name
    self.patience = patience
  }

  public var input: ModelInput { .raw }
  public var isDeep: Bool { true }

  public var summary: String {
    guard let p = try? Preset.named(name) else { return name }
    let optimizer = "Adam \(p.learningRate), batch \(p.batchSize), \(p.epochs) epochs"
    let stopping = patience.map { "; early stopping (patience \($0)) on held-out training subjects, best weights restored" }
      ?? "; all epochs, final weights (no early stopping)"
    return "\(p.summary); \(optimizer)\(stopping)"
  }

  public func run(_ task: CellTask, progress: @Sendable (CellProgress) -> Void) throws -> CellOutcome {
    guard let x = task.trainSignals, let xTest = task.testSignals else {
      throw CompareError.invalidOption(name: "model input", expected: "raw signals for \(name)", found: "none")
    }
    let preset = try Preset.named(name, timeSteps: x.timeSteps, channels: x.channels, classes: task.classCount)
    let model = try preset.makeModel(seed: task.weightsSeed)
    var configuration = preset.trainingConfiguration(seed: task.shuffleSeed)
    if let epochs = task.epochs { configuration.epochs = epochs }
    try task.files?.validate()
    configuration.checkpointPath = task.files?.checkpointPath

    let fitRows = task.fitRows
    let training = try SequenceDataset(
      inputs: x.windows(fitRows).values, labels: fitRows.map { task.trainLabels[$0] },
      timeSteps: x.timeSteps, channels: x.channels)
    var validation: SequenceDataset? = nil
    if !task.validation.isEmpty {
      validation = try SequenceDataset(
        inputs: x.windows(task.validation).values, labels: task.validation.map { task.trainLabels[$0] },
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
    let predictions = try model.predict(xTest.values)
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
                    validationLoss: $0.validationLoss, validationAccuracy: $0.validationAccuracy)
      },
      trainingAccuracy: trainingAccuracy, notes: notes)
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
