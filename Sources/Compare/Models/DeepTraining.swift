// One cell of a deep model, from the standardised windows to the outcome: shared by every
// adapter whose model is a Deep `Sequential` (the presets, `DeepModel`, and Keras model
// files, `KerasFileModel`), so both train, hold out and predict in exactly one way.
//
// Decisions, in priority order:
// 1. The adapter builds the model and its `TrainingConfiguration` (its own settings under
//    its `TrainingOverrides`); everything after that is here: the channel selection, the
//    epoch override of the run, the validation rows (the fold's validation subjects plus
//    Keras's `validation_split`), checkpoints, the history file, test probabilities.
// 2. The loss is set by the one function `DeepModel.applyLoss`, so a new loss is wired
//    once for every deep adapter.
import Deep
import Dispatch
import LinearAlgebra

/// Trains a Deep model on one cell's training windows and predicts its test windows.
enum DeepTraining {
  /// The cell's training and test windows, (n, T, C), after `channels` (nil = all).
  ///
  /// - Throws: `CompareError.invalidOption` when the task has no raw signals or a
  ///   selected channel is beyond the windows' channels.
  static func signals(of task: CellTask, channels: ChannelSelection?, model: String) throws -> (train: SignalWindows, test: SignalWindows) {
    guard var x = task.trainSignals, var xTest = task.testSignals else {
      throw CompareError.invalidOption(name: "model input", expected: "raw signals for \(model)", found: "none")
    }
    if let channels {
      x = try channels.apply(to: x)
      xTest = try channels.apply(to: xTest)
    }
    return (x, xTest)
  }

  /// `configuration` under `overrides` (epochs, batch, learning rate, loss), then the
  /// run's epoch override `task.epochs` (precedence: `TrainingOverrides`), and the task's
  /// checkpoint file.
  ///
  /// - Throws: `CompareError.invalidOption` for a loss Deep does not train, or unusable files.
  static func configure(_ configuration: TrainingConfiguration, overrides: TrainingOverrides, task: CellTask) throws -> TrainingConfiguration {
    var configuration = configuration
    if let epochs = overrides.epochs { configuration.epochs = epochs }
    if let batch = overrides.batchSize { configuration.batchSize = batch }
    if let rate = overrides.learningRate { configuration.learningRate = rate }
    try DeepModel.applyLoss(overrides.loss, to: &configuration)
    if let epochs = task.epochs { configuration.epochs = epochs }
    try task.files?.validate()
    configuration.checkpointPath = task.files?.checkpointPath
    return configuration
  }

  /// Fits `model` on the task's fitted rows of `x` and predicts `xTest`.
  ///
  /// - Parameters:
  ///   - x: (nTrain, T, C) training windows, already channel-selected.
  ///   - xTest: (nTest, T, C) test windows, the same channels.
  ///   - patience: early-stopping patience on the validation rows; nil keeps every epoch.
  ///   - validationSplit: Keras's `validation_split` of the fitted rows; nil or 0 = none.
  /// - Returns: predictions, probabilities, timings, history and notes of the cell.
  /// - Throws: Deep's errors (shapes, non-finite loss, checkpoints).
  static func run(_ model: Model, configuration: TrainingConfiguration, task: CellTask, x: SignalWindows, xTest: SignalWindows,
                  patience: Int?, validationSplit: Double?, progress: @Sendable (CellProgress) -> Void) throws -> CellOutcome {
    var configuration = configuration
    // The rows fitted on, and the validation rows: the fold's validation subjects, plus
    // the last `validationSplit` of the fitted rows in data order (Keras's rule).
    var fitRows = task.fitRows
    var validationRows = task.validation
    let kerasHeldOut = DeepModel.kerasValidationCount(rows: fitRows.count, split: validationSplit)
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
    let pace = TrainingPace(start: start)
    let result = try model.fit(training, validation: validation, configuration: configuration, resumingFrom: resumePath) { p in
      guard p.batch == p.batches else { return }  // one line per epoch
      // Deep's etaSeconds is the rest of the current epoch, 0 at its end; the cell's ETA
      // is the remaining epochs at the mean pace of the epochs run in this process.
      let eta = pace.secondsLeft(afterEpoch: p.epoch, of: p.epochs)
      progress(CellProgress(
        epoch: p.epoch, epochs: p.epochs,
        message: String(format: "loss %.4f, accuracy %.2f %%, %.1f s, ETA ", p.loss, 100 * p.accuracy, p.elapsedSeconds)
          + formatDuration(eta)))
    }
    let fitSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let predictStart = DispatchTime.now().uptimeNanoseconds
    let probabilities = try model.predictProbabilities(xTest.values)
    let predictions = DeepModel.argmax(probabilities, classes: task.classCount)
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
}

