// `har train`: one cell of a comparison, run alone and reported in full. Same data
// preparation, seed tree and adapter as `har compare`, so
// `har train --model M --seed S --seed-index I` gives the numbers of the cell
// (M, official, fold 0, seed I) of `har compare --seed S` with the same settings.
import Compare
import Foundation

private typealias Defaults = ExperimentConfiguration.Defaults
private typealias Limits = ExperimentConfiguration.Limits

let trainCommand = Command(
  words: ["train"],
  summary: "Train one model on the official split (train subjects) and score it on the test subjects: one cell of 'har compare'.",
  details: """
    Models: \(ModelRegistry.names.joined(separator: ", ")).
    The cell (MODEL, official, fold 0, seed index I) of 'har compare --seed S': the same
    scaling (training statistics), the same held-out validation subjects, the same seeds.
    --checkpoint writes the weights and optimizer state after every epoch; --resume
    continues from it (same settings) and gives the numbers of an uninterrupted run.
    """,
  options: [
    .value("model", "NAME", "The model to train."),
    .value("model-file", "[NAME=]PATH", "Train a Keras Sequential model JSON (model.to_json()) instead; its name (and seeds) is NAME, else the file's model name or stem (docs/your-model.md)."),
    CommonOptions.channels, CommonOptions.batchSize, CommonOptions.learningRate,
    .value("seed", "S", "Run seed, as in 'har compare --seed'.", default: "\(Defaults.masterSeed)"),
    .value("seed-index", "I", "Which of the comparison's seeds of this model (0-based).", default: "0"),
    .value("epochs", "N", "Epochs (deep presets; \(CommonOptions.range(Limits.epochs))).", default: "the preset's"),
    .value("validation-fraction", "F", "Training subjects held out from deep training; 0 = none.", default: "\(Defaults.validationFraction)"),
    .value("patience", "N", "Early-stopping patience in epochs (\(CommonOptions.range(Limits.patience))); needs a validation fraction > 0.", default: "none: all epochs, final weights"),
    .value("checkpoint", "PATH", "Write a checkpoint after every epoch (deep presets)."),
    .flag("resume", "Continue from --checkpoint."),
    .value("history", "PATH", "Write the per-epoch history as CSV (deep presets)."),
    .value("record", "PATH", "Write the cell's full result as JSON (the format of a comparison's cells/*.json)."),
    CommonOptions.summary,
    CommonOptions.data, CommonOptions.pipeline, CommonOptions.threads, CommonOptions.verbose, CommonOptions.nativeBLAS,
  ],
  run: { options in try runTrain(options) })

func runTrain(_ options: ParsedOptions) throws {
  let command = options.command
  let modelFile = options.string("model-file")
  if options.string("model") != nil && modelFile != nil {
    throw UsageError(message: "--model and --model-file exclude each other", command: command)
  }
  guard let asked = options.string("model") ?? modelFile else {
    throw UsageError(message: "--model NAME (one of \(ModelRegistry.names.joined(separator: ", "))) or --model-file PATH is required", command: command)
  }
  let verbose = options.has("verbose")
  let request = ComparisonRequest(
    models: .named(modelFile == nil ? [asked] : []), masterSeed: try options.seed("seed"), epochs: try options.int("epochs"),
    patience: try options.int("patience"), validationFraction: try options.double("validation-fraction"),
    threads: try options.int("threads"), modelFiles: modelFile.map { [$0] } ?? [], channels: options.list("channels"),
    batchSize: try options.int("batch-size"), learningRate: try options.double("learning-rate"))
  if options.has("summary") && modelFile != nil {
    try CommonOptions.printModelFileSummaries(request)
    return
  }
  let files = TrainingFiles(checkpointPath: options.string("checkpoint"), resume: options.has("resume"), historyPath: options.string("history"))
  let seedIndex = try options.int("seed-index") ?? 0
  var solverProgress: (@Sendable (String) -> Void)? = nil
  if verbose { solverProgress = { line in printError("  " + line + "\n") } }
  let configuration = try OptionTable.checking(command) { try request.configuration() }
  try OptionTable.checking(command) { try files.validate() }
  // A model file may carry a preset's name: alone in a run, it then trains from the
  // preset's seeds, so the two give the same numbers when their architectures and settings agree.
  let fileModels = try OptionTable.checking(command) { try request.fileModels(configuration: configuration) }
  let model: any ComparableModel = try fileModels.first ?? OptionTable.checking(command) {
    try ModelRegistry.model(named: asked, configuration: configuration, solverProgress: solverProgress)
  }
  let name = model.name
  if !model.isDeep {
    for deepOnly in ["epochs", "checkpoint", "history", "patience"] where options.string(deepOnly) != nil {
      throw UsageError(message: "--\(deepOnly) applies to deep presets, not to \(name)", command: command)
    }
  }
  if options.has("summary") {
    guard let deep = model as? DeepModel else {
      throw UsageError(message: "--summary applies to deep presets, not to \(name)", command: command)
    }
    print(try deep.layerSummary())
    return
  }
  let key = CellKey(model: name, split: configuration.primarySplit.name, fold: 0, seedIndex: seedIndex)
  try OptionTable.checking(command) { try key.validate() }
  let loaded = try DatasetLoader.load(try CommonOptions.datasetRequest(options, inputs: [model.input], threads: configuration.threads))
  try KerasFileModel.checkInputs(of: [model], data: loaded.data)
  printError("train: cell \(key) of a comparison with run seed \(configuration.masterSeed); \(model.summary)\n")
  let record = try SingleCell.run(model, key: key, data: loaded.data, configuration: configuration, files: files) { p in
    let epoch = p.epochs > 0 ? "epoch \(p.epoch)/\(p.epochs): " : ""
    printError("\(epoch)\(p.message)\n")
  }
  printError("train: \(record.trainWindows) training windows"
    + (record.validationSubjects.isEmpty ? "" : " (\(record.validationWindows) of validation subjects \(record.validationSubjects.map(String.init).joined(separator: ", ")), not fitted on)")
    + "; test: \(record.testWindows) windows of subjects \(record.testSubjects.map(String.init).joined(separator: ", "))\n")
  let kerasCount = (model as? KerasFileModel).map { "; the file's Keras count_params: \($0.file.parameterCount), \($0.file.trainableParameterCount) trainable" } ?? ""
  printError("train: \(record.parameters) parameters\(kerasCount)\n")
  for note in record.notes { printError("train: \(note)\n") }
  if let last = record.history.last, let v = last.validationAccuracy {
    printError(String(format: "train: last validation accuracy %.2f %%\n", 100 * v))
  }
  if let t = record.trainingAccuracy { printError(String(format: "train: training accuracy %.2f %%\n", 100 * t)) }
  if let path = options.string("record") { try record.write(to: URL(fileURLWithPath: path)) }
  print(String(format: "%@: test accuracy %.2f %% on %d windows of the official test subjects", name, 100 * record.metrics.accuracy, record.testWindows))
}
