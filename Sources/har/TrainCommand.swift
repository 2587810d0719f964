// `har train`: one model on the official split, for users who want a single model's
// training run (with its summary, progress, checkpoints and history) rather than a
// comparison. Deep presets print a Keras-style summary and one line per epoch; classic
// models print their fit report.
import Classic
import Compare
import Deep
import Features
import Foundation
import LinearAlgebra

let trainCommand = Command(
  words: ["train"],
  summary: "Train one model on the official split (train subjects) and score it on the test subjects.",
  details: """
    Models: \(ModelRegistry.names.joined(separator: ", ")).
    Deep presets hold out --validation-fraction of the training subjects for early
    stopping (--patience); features and raw signals are scaled with training statistics.
    --checkpoint writes the weights and optimizer state after every epoch; --resume
    continues from it (same settings) and gives the numbers of an uninterrupted run.
    """,
  options: [
    .value("model", "NAME", "The model to train."),
    .value("epochs", "N", "Epochs (deep presets).", default: "the preset's"),
    .value("seed", "S", "Seed of the weights, shuffling and dropout (and the validation subjects).", default: "1"),
    .value("validation-fraction", "F", "Training subjects held out for early stopping (deep presets); 0 = none.", default: "0.15"),
    .value("patience", "N", "Early-stopping patience in epochs; needs a validation fraction > 0.", default: "10"),
    .value("checkpoint", "PATH", "Write a checkpoint after every epoch (deep presets)."),
    .flag("resume", "Continue from --checkpoint."),
    .value("history", "PATH", "Write the per-epoch history as CSV (deep presets)."),
    .flag("summary", "Print the model summary and exit (deep presets)."),
    CommonOptions.data, CommonOptions.threads, CommonOptions.verbose,
  ],
  run: { options in try runTrain(options) })

func runTrain(_ options: ParsedOptions) throws {
  guard let name = options.string("model") else {
    throw UsageError(message: "--model NAME is required (one of \(ModelRegistry.names.joined(separator: ", ")))", command: "har train")
  }
  guard ModelRegistry.names.contains(name) else {
    throw UsageError(message: "unknown model '\(name)'; valid models: \(ModelRegistry.names.joined(separator: ", "))", command: "har train")
  }
  let isDeep = Preset.names.contains(name)
  var seed: UInt64 = 1
  if let s = options.string("seed") {
    guard let v = UInt64(s) else { throw UsageError(message: "--seed expects a non-negative integer, got '\(s)'", command: "har train") }
    seed = v
  }
  var validationFraction = 0.15
  if let f = options.string("validation-fraction") {
    guard let v = Double(f), v >= 0, v < 1 else {
      throw UsageError(message: "--validation-fraction expects a number in [0, 1), got '\(f)'", command: "har train")
    }
    validationFraction = v
  }
  let epochs = try options.optionalInt("epochs", range: 1...10_000)
  let patience = try options.int("patience", default: 10, range: 1...10_000)
  if options.has("resume") && options.string("checkpoint") == nil {
    throw UsageError(message: "--resume needs --checkpoint PATH", command: "har train")
  }
  if !isDeep {
    for deepOnly in ["epochs", "checkpoint", "history", "patience"] where options.string(deepOnly) != nil {
      throw UsageError(message: "--\(deepOnly) applies to deep presets, not to \(name)", command: "har train")
    }
  }
  if isDeep && options.has("summary") {
    print(try Preset.named(name).makeModel(seed: seed).summary())
    return
  }
  let threads = try CommonOptions.threadCount(options)
  let location = try resolveData(options)
  let raw = try RawDataset.load(haptDirectory: location.haptDirectory, threads: threads)
  let windows = try FeaturePipeline.run(raw, options: PipelineOptions(computeFeatures: !isDeep), threads: threads)
  let data = try ComparisonData(
    windows: windows.windows, features: isDeep ? nil : windows.features,
    signals: isDeep ? SignalWindows(count: windows.count, timeSteps: windows.windowLength, channels: 9, values: windows.signals) : nil)
  let split = try SubjectSplit(.official, windows: windows.windows, seed: seed, validationFraction: isDeep ? validationFraction : 0)
  let fold = split.folds[0]
  let trainLabels = fold.train.map { data.labels[$0] }, testLabels = fold.test.map { data.labels[$0] }
  printError("train: \(name) on \(fold.train.count) windows of \(Set(fold.train.map { data.windows[$0].subject }).count) subjects"
    + (fold.validation.isEmpty ? "" : " (validation: subjects \(fold.validationSubjects.map(String.init).joined(separator: ", ")))")
    + "; test: \(fold.test.count) windows of subjects \(fold.testSubjects.map(String.init).joined(separator: ", "))\n")

  let accuracy: Double
  if isDeep {
    accuracy = try trainDeep(
      name, data: data, fold: fold, trainLabels: trainLabels, testLabels: testLabels, seed: seed, epochs: epochs,
      patience: fold.validation.isEmpty ? nil : patience, options: options)
  } else {
    let scaler = FeatureScaler.fit(data.features!, rows: fold.train)
    let x = scaler.transform(data.features!.rows(fold.train)), xTest = scaler.transform(data.features!.rows(fold.test))
    var progress: (@Sendable (String) -> Void)? = nil
    if options.has("verbose") { progress = { line in printError("  " + line + "\n") } }
    let model = try ClassifierKind(name: name).makeClassifier(seed: seed, progress: progress).fit(x: x, y: trainLabels, classCount: data.classCount)
    printError("train: \(model.report)\n")
    printError(String(format: "train: training accuracy %.2f %%\n", 100 * (try model.accuracy(x: x, y: trainLabels))))
    accuracy = try model.accuracy(x: xTest, y: testLabels)
  }
  print(String(format: "%@: test accuracy %.2f %% on %d windows of the official test subjects", name, 100 * accuracy, testLabels.count))
}

/// Trains a deep preset and returns its test accuracy.
func trainDeep(
  _ name: String, data: ComparisonData, fold: Fold, trainLabels: [Int], testLabels: [Int], seed: UInt64, epochs: Int?,
  patience: Int?, options: ParsedOptions
) throws -> Double {
  let signals = data.signals!
  let fitRows = fold.train.filter { !Set(fold.validation).contains($0) }
  let standardizer = try ChannelStandardizer(fitting: signals.windows(fitRows).values, channels: signals.channels)
  func dataset(_ rows: [Int]) throws -> SequenceDataset {
    try SequenceDataset(inputs: try standardizer.transform(signals.windows(rows).values), labels: rows.map { data.labels[$0] },
                        timeSteps: signals.timeSteps, channels: signals.channels)
  }
  let preset = try Preset.named(name, timeSteps: signals.timeSteps, channels: signals.channels, classes: data.classCount)
  let model = try preset.makeModel(seed: seed)
  printError(model.summary() + "\n")
  var configuration = preset.trainingConfiguration(seed: SeededGenerator.derive(seed: seed, 2))
  if let epochs { configuration.epochs = epochs }
  configuration.patience = patience
  configuration.checkpointPath = options.string("checkpoint")
  let training = try dataset(fitRows)
  let validation = fold.validation.isEmpty ? nil : try dataset(fold.validation)
  let verbose = options.has("verbose")
  let result = try model.fit(
    training, validation: validation, configuration: configuration,
    resumingFrom: options.has("resume") ? options.string("checkpoint") : nil
  ) { p in
    if p.batch == p.batches || (verbose && p.batch % 20 == 0) {
      printError(String(format: "epoch %d/%d batch %d/%d: loss %.4f, accuracy %.2f %%, %.1f s, ETA %.0f s\n",
                        p.epoch, p.epochs, p.batch, p.batches, p.loss, 100 * p.accuracy, p.elapsedSeconds, p.etaSeconds))
    }
  }
  if let v = result.history.epochs.last?.validationAccuracy {
    printError(String(format: "train: last validation accuracy %.2f %%%@\n", 100 * v,
                      result.restoredBestWeights ? ", best epoch \(result.bestEpoch ?? 0) restored" : ""))
  }
  if let path = options.string("history") { try result.history.writeCSV(to: path) }
  let test = try SequenceDataset(
    inputs: try standardizer.transform(signals.windows(fold.test).values), labels: testLabels,
    timeSteps: signals.timeSteps, channels: signals.channels)
  return try model.evaluate(test).accuracy
}
