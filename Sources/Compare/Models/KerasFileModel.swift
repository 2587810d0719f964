// The adapter that lets a Keras `Sequential` model file (`model.to_json()`, read by Deep's
// `KerasModelFile`) take part in a comparison like a preset: same standardised windows,
// same seed tree, same training loop (`DeepTraining`), so a file holding a preset's
// architecture and settings gives the preset's numbers when it has the preset's name.
//
// Decisions, in priority order:
// 1. The name is the file's (`KerasModelFile.name`: the model name in the file unless
//    Keras chose it, else the file's stem), lower-cased, or one given by the caller
//    (`har … --model-file NAME=PATH`). It must be `[a-z0-9][a-z0-9-]*`, since it names
//    cells and files; nothing is renamed silently. Seeds derive from the name (`SeedTree`),
//    so a file named like a preset trains from the preset's seeds.
// 2. Training settings, lowest precedence first (`trainingConfiguration`):
//      Deep's defaults: Adam 1e-3 (β1 0.9, β2 0.999, ε 1e-8), batch 64, 20 epochs,
//        categorical cross-entropy (`TrainingConfiguration()`);
//      the file's Keras 3 `compile_config`: optimizer with its own hyperparameters (e.g.
//        Keras's Adam ε 1e-7), learning rate, loss;
//      `overrides`: the tool's options (epochs, batch size, learning rate, channels) and a
//        claim's protocol (`variant(named:overrides:)`);
//      the run's epoch override (`ExperimentConfiguration.epochs`, e.g. the quick profile).
//    Keras's `model.to_json()` holds no batch size or epochs, so those are never the file's.
// 3. The file's input shape is fixed: it must equal the windows after the channel
//    selection, (128, 9) or e.g. (128, 6) with two channel groups. A mismatch is an error
//    naming the file and both shapes, never a rebuilt model.
import Deep
import Foundation

/// A deep model read from a Keras `Sequential` JSON file.
public struct KerasFileModel: ComparableModel {
  /// The model's name (see the decisions above), or its variant's (e.g. `net-zebin2018`).
  public let name: String
  /// The file, read and validated.
  public let file: KerasModelFile
  /// Early-stopping patience (`ExperimentConfiguration.patience`); nil = all epochs, final weights.
  public let patience: Int?
  /// The caller's and a protocol's changes to the file's training settings.
  public let overrides: TrainingOverrides

  /// The settings used when neither the file nor the overrides give one: Deep's defaults
  /// (Adam 1e-3, batch 64, 20 epochs, softmax cross-entropy).
  public static let defaultTraining = TrainingConfiguration()

  /// Reads the model file at `path`.
  ///
  /// - Parameters:
  ///   - name: the model's name; nil = the file's (`KerasModelFile.name`, lower-cased).
  /// - Throws: `KerasModelFileError` (`path:line: …`) for a file Deep cannot read or
  ///   build; `CompareError.invalidOption` (property `modelFiles`) for an unusable name,
  ///   `.inputShapeMismatch` for a channel selection that does not give the file's input
  ///   channels, `.invalidOption` for the overrides' range errors and a loss Deep does not train.
  public init(path: String, name: String? = nil, patience: Int?, overrides: TrainingOverrides = .none) throws {
    try self.init(file: try Self.read(path), name: name, patience: patience, overrides: overrides)
  }

  /// The model of an already read `file`; see `init(path:name:patience:overrides:)`.
  public init(file: KerasModelFile, name: String? = nil, patience: Int?, overrides: TrainingOverrides = .none) throws {
    let chosen = name ?? file.name.lowercased()
    guard Self.isUsableName(chosen) else {
      throw CompareError.invalidOption(
        name: "modelFiles", expected: "a model name of lower-case letters, digits and hyphens (name the model: NAME=\(file.path))",
        found: "'\(chosen)' (the name of \(file.path))")
    }
    try overrides.validate()
    self.name = chosen
    self.file = file
    self.patience = patience
    self.overrides = overrides
    try checkChannelCount()
    _ = try trainingConfiguration()  // a loss Deep does not train is refused here, before any data is read
  }

  /// The file at `path`, named in messages as given (not made absolute).
  /// - Throws: `KerasModelFileError`.
  static func read(_ path: String) throws -> KerasModelFile {
    let url = URL(fileURLWithPath: path)
    guard let data = try? Data(contentsOf: url) else { return try KerasModelFile(contentsOf: url) }  // its message for an unreadable file
    return try KerasModelFile(json: data, path: path)
  }

  /// Whether `name` can name cells and files: `[a-z0-9][a-z0-9-]*`.
  static func isUsableName(_ name: String) -> Bool {
    !name.isEmpty && name.first != "-" && name.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
  }

  public var input: ModelInput { .raw }
  public var isDeep: Bool { true }

  /// The nine UCI HAR channels every dataset of this package has (`ChannelSelection`).
  static let dataChannels = ChannelSelection.channelNames.count

  /// The channels the model reads: the selection's count, else the data's nine.
  var selectedChannelCount: Int { overrides.channels?.count ?? Self.dataChannels }

  /// Checks the selection against the file's input channels (the time steps are checked
  /// against the data by `checkInput`).
  func checkChannelCount() throws {
    guard case let .sequence(t, c) = file.inputShape else {
      throw CompareError.inputShapeMismatch(file: file.path, fileShape: file.inputShape.description,
                                            dataShape: "(None, T, \(selectedChannelCount)) signal windows", channels: overrides.channels?.summary)
    }
    guard c == selectedChannelCount else {
      throw CompareError.inputShapeMismatch(file: file.path, fileShape: file.inputShape.description,
                                            dataShape: "(None, \(t), \(selectedChannelCount))", channels: overrides.channels?.summary)
    }
  }

  /// Checks the file's input shape against windows of `timeSteps` × `channels` (before
  /// the channel selection).
  ///
  /// - Throws: `CompareError.inputShapeMismatch` naming the file and both shapes.
  public func checkInput(timeSteps: Int, channels: Int) throws {
    let selected = overrides.channels?.count ?? channels
    let data = FeatureShape.sequence(time: timeSteps, channels: selected)
    if let top = overrides.channels?.indices.max(), top >= channels {
      throw CompareError.invalidOption(name: "channels", expected: "channels of \(channels)-channel windows", found: overrides.channels!.summary)
    }
    guard file.inputShape == data else {
      throw CompareError.inputShapeMismatch(file: file.path, fileShape: file.inputShape.description, dataShape: data.description,
                                            channels: overrides.channels?.summary)
    }
  }

  /// Checks every model file model of `models` against `data`'s signal windows.
  ///
  /// - Throws: `CompareError.inputShapeMismatch` for the first that does not fit.
  public static func checkInputs(of models: [any ComparableModel], data: ComparisonData) throws {
    guard let signals = data.signals else { return }
    for case let model as KerasFileModel in models {
      try model.checkInput(timeSteps: signals.timeSteps, channels: signals.channels)
    }
  }

  /// The training settings before the run's epoch override, seeded with `seed` (see the
  /// precedence above).
  ///
  /// - Throws: `CompareError.invalidOption` (property `loss`) for a loss Deep does not train.
  public func trainingConfiguration(seed: UInt64 = 0) throws -> TrainingConfiguration {
    var configuration = settings
    configuration.seed = seed
    try DeepModel.applyLoss(overrides.loss, to: &configuration)
    return configuration
  }

  /// Optimizer, learning rate, batch and epochs: defaults, then the file's, then the overrides.
  var settings: TrainingConfiguration {
    var configuration = Self.defaultTraining
    if let settings = file.trainingSettings {
      configuration.optimizer = settings.optimizer
      configuration.learningRate = settings.learningRate
    }
    if let epochs = overrides.epochs { configuration.epochs = epochs }
    if let batch = overrides.batchSize { configuration.batchSize = batch }
    if let rate = overrides.learningRate { configuration.learningRate = rate }
    return configuration
  }

  /// Where each training setting comes from, e.g. "Adam(β1 0.9, β2 0.999, ε 1e-07) 0.001
  /// (compile_config), batch 64, 20 epochs (defaults)".
  var trainingSummary: String {
    let c = settings
    let fromFile = file.trainingSettings != nil
    let optimizerSource = overrides.learningRate != nil ? "learning rate overridden" : (fromFile ? "compile_config" : "default")
    let batchSource = overrides.batchSize != nil ? "overridden" : "default"
    let epochSource = overrides.epochs != nil ? "overridden" : "default"
    return "\(c.optimizer) learning rate \(c.learningRate) (\(optimizerSource)), batch \(c.batchSize) (\(batchSource)), \(c.epochs) epochs (\(epochSource)), loss \(overrides.loss ?? "categorical_crossentropy")"
  }

  /// The report line: the file, its layers, parameter count and training settings.
  public var summary: String {
    let fileName = URL(fileURLWithPath: file.path).lastPathComponent
    let layers = file.layers.map(\.description).joined(separator: " → ")
    let stopping = patience.map { "; early stopping (patience \($0)) on held-out training subjects, best weights restored" }
      ?? "; all epochs, final weights (no early stopping)"
    let channels = overrides.channels.map { "; channels \($0.summary)" } ?? ""
    let protocolChanges = TrainingOverrides(loss: overrides.loss, validationSplit: overrides.validationSplit)
    let variant = protocolChanges.isEmpty ? "" : "; \(protocolChanges.summary)"
    return "Keras file \(fileName) (\(file.format), input \(file.inputShape), \(file.parameterCount) parameters): \(layers); "
      + "\(trainingSummary)\(stopping)\(channels)\(variant)"
  }

  public func run(_ task: CellTask, progress: @Sendable (CellProgress) -> Void) throws -> CellOutcome {
    let (x, xTest) = try DeepTraining.signals(of: task, channels: overrides.channels, model: name)
    guard file.inputShape == .sequence(time: x.timeSteps, channels: x.channels) else {
      throw CompareError.inputShapeMismatch(file: file.path, fileShape: file.inputShape.description,
                                            dataShape: FeatureShape.sequence(time: x.timeSteps, channels: x.channels).description,
                                            channels: overrides.channels?.summary)
    }
    guard file.classCount == task.classCount else {
      throw CompareError.invalidOption(name: "modelFiles", expected: "a last Dense layer of \(task.classCount) units (the data's classes) in \(file.path)",
                                       found: "\(file.classCount) units")
    }
    let model = try file.makeModel(seed: task.weightsSeed)
    let configuration = try DeepTraining.configure(try trainingConfiguration(seed: task.shuffleSeed), overrides: .none, task: task)
    return try DeepTraining.run(model, configuration: configuration, task: task, x: x, xTest: xTest, patience: patience,
                                validationSplit: overrides.validationSplit, progress: progress)
  }

  /// The file's model under `overrides` (a claim's protocol), keeping only those that
  /// differ from its own settings; nil when none do.
  ///
  /// - Throws: `CompareError.inputShapeMismatch` when the protocol's channels do not give
  ///   the file's input channels (a 9-channel file cannot be trained on 6 channels);
  ///   `.invalidOption` for a loss Deep does not train.
  public func variant(named name: String, overrides: TrainingOverrides) throws -> (any ComparableModel)? {
    let own = settings
    var o = overrides
    if o.epochs == own.epochs { o.epochs = nil }
    if o.batchSize == own.batchSize { o.batchSize = nil }
    if o.learningRate == own.learningRate { o.learningRate = nil }
    if o.loss == (self.overrides.loss ?? "categorical_crossentropy") { o.loss = nil }
    if o.validationSplit == (self.overrides.validationSplit ?? 0) { o.validationSplit = nil }
    if o.channels?.indices == (self.overrides.channels?.indices ?? Array(0..<Self.dataChannels)) { o.channels = nil }
    guard !o.isEmpty else { return nil }
    return try KerasFileModel(file: file, name: name, patience: patience, overrides: self.overrides.overridden(by: o))
  }
}
