// What a user asks of a comparison, before it is checked against the models: which
// models, which split, and the settings that differ from the profile's defaults. A
// command-line tool fills one from its options; `resolve(available:)` turns it into the
// models to run and a validated `ExperimentConfiguration`.
//
// Errors name the properties of this type (`leaveOneSubjectOut`, `reportName`), never a
// tool's option names: the tool maps one to the other.
import Deep
import Foundation

/// A comparison as asked for (nil = not given, the profile's default applies).
public struct ComparisonRequest: Sendable, Equatable {
  /// The models to run.
  public var models: ModelSelection
  /// The split's name: `official`, `kfold`, `kfold<k>`, `loso`, `random`; nil = official
  /// (or k-fold when `folds` is given).
  public var split: String?
  /// k for k-fold cross-validation; implies the k-fold split.
  public var folds: Int?
  /// Leave one subject out (the same as `split = "loso"`).
  public var leaveOneSubjectOut: Bool
  /// The quick profile (`ExperimentConfiguration.quick`) instead of the full one.
  public var quick: Bool
  /// Seeds per model (deep and classical).
  public var deepSeeds: Int?
  /// The run seed.
  public var masterSeed: UInt64?
  /// Epoch override for deep models.
  public var epochs: Int?
  /// Early-stopping patience for deep models.
  public var patience: Int?
  /// Training subjects held out from deep training.
  public var validationFraction: Double?
  /// Threads for parsing, features and BLAS.
  public var threads: Int?
  /// The report folder's name; nil = a new dated folder (`ReportLocation`).
  public var reportName: String?
  /// The parent of report folders; nil = `reports`.
  public var reportParent: String?
  /// Keras model files to add after the registry's models, each `PATH` or `NAME=PATH`
  /// (`KerasFileModel`; a path holding "=" must be given as `NAME=PATH`).
  public var modelFiles: [String]
  /// The channels the model files read (`ChannelSelection`); nil = all nine.
  public var channels: [String]?
  /// Batch size of the model files, overriding the default.
  public var batchSize: Int?
  /// Learning rate of the model files, overriding the file's `compile_config` and the default.
  public var learningRate: Double?
  /// Users' claims files (`ClaimsFile`), checked beside the built-in claims.
  public var claimsFiles: [String]
  /// The models of the leakage check (`ExperimentConfiguration.leakageModels`): nil for
  /// the default choice, `["all"]` for every model run but the majority baseline.
  public var leakageModels: [String]? = nil
  /// Add the learning curve (`ExperimentConfiguration.learningCurve`).
  public var learningCurve: Bool = false
  /// Add the feature-family ablation (`ExperimentConfiguration.ablation`).
  public var ablation: Bool = false
  /// The teaching profile (`ExperimentConfiguration.teaching`, or `.teachingQuick` with
  /// `quick`); without named models it runs `ExperimentConfiguration.Teaching.models`.
  public var teaching: Bool = false

  public init(models: ModelSelection = .all, split: String? = nil, folds: Int? = nil, leaveOneSubjectOut: Bool = false,
              quick: Bool = false, deepSeeds: Int? = nil, masterSeed: UInt64? = nil, epochs: Int? = nil,
              patience: Int? = nil, validationFraction: Double? = nil, threads: Int? = nil,
              reportName: String? = nil, reportParent: String? = nil, modelFiles: [String] = [], channels: [String]? = nil,
              batchSize: Int? = nil, learningRate: Double? = nil, claimsFiles: [String] = []) {
    self.models = models; self.split = split; self.folds = folds; self.leaveOneSubjectOut = leaveOneSubjectOut
    self.quick = quick; self.deepSeeds = deepSeeds; self.masterSeed = masterSeed; self.epochs = epochs
    self.patience = patience; self.validationFraction = validationFraction; self.threads = threads
    self.reportName = reportName; self.reportParent = reportParent
    self.modelFiles = modelFiles; self.channels = channels; self.batchSize = batchSize; self.learningRate = learningRate
    self.claimsFiles = claimsFiles
  }

  /// The parent of report folders when none is given.
  public static let defaultReportParent = "reports"

  /// The configuration asked for, validated: the profile's, with every given setting
  /// applied.
  ///
  /// - Throws: `CompareError.invalidOption` and `.conflictingOptions` (naming properties).
  public func configuration() throws -> ExperimentConfiguration {
    var configuration = profile
    if leaveOneSubjectOut {
      if let split, split != "loso" { throw CompareError.conflictingOptions("leaveOneSubjectOut", "split \(split)", reason: "they name different splits") }
      if let folds { throw CompareError.conflictingOptions("leaveOneSubjectOut", "folds \(folds)", reason: "leave-one-subject-out has one fold per subject") }
    }
    let splitName = leaveOneSubjectOut ? "loso" : (split ?? (folds != nil ? "kfold" : "official"))
    let kind = try SplitKind(name: splitName, folds: folds)
    configuration.splits = [kind]
    if let deepSeeds { configuration.deepSeeds = deepSeeds; configuration.classicSeeds = deepSeeds }
    if let masterSeed { configuration.masterSeed = masterSeed }
    if let epochs { configuration.epochs = epochs }
    if let patience { configuration.patience = patience }
    if let validationFraction { configuration.validationFraction = validationFraction }
    if let threads { configuration.threads = threads }
    if kind == .randomWindows { configuration.leakageCheck = false }
    if let leakageModels { configuration.leakageModels = leakageModels }
    if learningCurve { configuration.learningCurve = true }
    if ablation { configuration.ablation = true }
    try configuration.validate()
    return configuration
  }

  /// The profile asked for, before any setting is applied: full, quick, teaching or
  /// teaching-quick.
  public var profile: ExperimentConfiguration {
    switch (teaching, quick) {
    case (true, true): .teachingQuick
    case (true, false): .teaching
    case (false, true): .quick
    case (false, false): .full
    }
  }

  /// The models asked for, in the order of `available`.
  ///
  /// - Throws: `CompareError.unknownModel` (listing the valid names), `.invalidOption`
  ///   for an empty or repeated list.
  public func selectedModels(from available: [any ComparableModel]) throws -> [any ComparableModel] {
    try Experiment.validateNames(available)
    let valid = available.map(\.name)
    switch models {
    case .all where teaching:
      let names = ExperimentConfiguration.Teaching.models
      return available.filter { names.contains($0.name) }
    case .all:
      return available
    case let .named(names):
      guard !names.isEmpty else { throw CompareError.invalidOption(name: "models", expected: "a comma-separated list of models (\(valid.joined(separator: ", ")))", found: "nothing") }
      for n in names where !valid.contains(n) { throw CompareError.unknownModel(name: n, valid: valid) }
      var seen = Set<String>()
      for n in names where !seen.insert(n).inserted {
        throw CompareError.invalidOption(name: "models", expected: "each model once", found: "'\(n)' twice")
      }
      return available.filter { names.contains($0.name) }
    }
  }

  /// The model files' models, in the order given, trained under the request's channels,
  /// batch size and learning rate, with the configuration's early-stopping patience.
  ///
  /// - Parameter reservedNames: names the files' models may not take (the built-in models'
  ///   in a comparison, where a file named like a preset would be mistaken for it); empty
  ///   for a single model (`har train`), where a file named like a preset trains from the
  ///   preset's seeds.
  /// - Throws: `KerasModelFileError` for a file Deep cannot read; `CompareError.invalidOption`
  ///   (properties `modelFiles`, `channels`, `batchSize`, `learningRate`) for a bad name or
  ///   setting, or settings without a model file; `.inputShapeMismatch` for a file whose
  ///   channels are not the selection's.
  public func fileModels(configuration: ExperimentConfiguration, reservedNames: [String] = []) throws -> [KerasFileModel] {
    if modelFiles.isEmpty {
      for (property, given) in [("channels", channels != nil), ("batchSize", batchSize != nil), ("learningRate", learningRate != nil)] where given {
        throw CompareError.invalidOption(name: property, expected: "a model file to apply to", found: "none")
      }
      return []
    }
    let overrides = TrainingOverrides(channels: try channels.map(ChannelSelection.init), batchSize: batchSize, learningRate: learningRate)
    var models: [KerasFileModel] = []
    for spec in modelFiles {
      let (name, path) = Self.splitModelFile(spec)
      let model = try KerasFileModel(path: path, name: name, patience: configuration.patience, overrides: overrides)
      if reservedNames.contains(model.name) {
        throw CompareError.invalidOption(
          name: "modelFiles", expected: "a name no built-in model has (name the file's model: NAME=\(path), e.g. \(model.name)-file=\(path))",
          found: "'\(model.name)' (the name of \(path))")
      }
      if let other = models.first(where: { $0.name == model.name }) {
        throw CompareError.invalidOption(name: "modelFiles", expected: "one model file per name (NAME=PATH names one)",
                                         found: "'\(model.name)' for \(other.file.path) and \(path)")
      }
      models.append(model)
    }
    return models
  }

  /// The Keras-style summary of each model file, from the file alone (its own input
  /// shape, Keras's parameter count): no data, channels or name checks needed.
  ///
  /// - Throws: `KerasModelFileError` for a file Deep cannot read.
  public func modelFileSummaries() throws -> [String] {
    try modelFiles.map { try KerasFileModel.read(Self.splitModelFile($0).path).summary() }
  }

  /// ("net", "x/y.json") for "net=x/y.json"; (nil, spec) when the part before "=" is not a
  /// model name (or there is none).
  static func splitModelFile(_ spec: String) -> (name: String?, path: String) {
    guard let eq = spec.firstIndex(of: "="), KerasFileModel.isUsableName(String(spec[..<eq])) else { return (nil, spec) }
    return (String(spec[..<eq]), String(spec[spec.index(after: eq)...]))
  }

  /// The claims a comparison checks: the built-in ones, then those of `claimsFiles`, in order.
  ///
  /// - Parameters:
  ///   - knownModels: every model a claim may name (the registry's and the files').
  ///   - fileModels: the model files' models, whose claims' protocols are checked here
  ///     (a file's fixed input may not take a claim's channels).
  /// - Throws: `CompareError.invalidClaimsFile` naming the file and the field, `.io`.
  public func claims(knownModels: [String], fileModels: [KerasFileModel] = []) throws -> [PublishedClaim] {
    var claims = BuiltInClaims.all
    var taken: [String: String] = [:]
    for c in claims { taken[c.id] = "a built-in claim's id" }
    for path in claimsFiles {
      let loaded = try ClaimsFile.load(path: path, models: knownModels, takenIDs: taken)
      for (i, claim) in loaded.enumerated() {
        taken[claim.id] = "claims[\(i)] of \(path)"
        guard let base = fileModels.first(where: { $0.name == claim.model }) else { continue }
        do { _ = try ClaimReplica.plan(claim, base: base) } catch {
          throw CompareError.invalidClaimsFile(file: path, path: "claims[\(i)].protocol", expected: "a protocol \(base.name) can be trained under",
                                               found: "\(error)")
        }
      }
      claims += loaded
    }
    return claims
  }

  /// The report folder: `<reportParent>/<reportName>`, or a new dated folder
  /// `<reportParent>/<profile>-YYYY-MM-DD[-N]` when no name is given (see `ReportLocation`).
  ///
  /// - Throws: `CompareError.invalidOption` for a bad name or parent, `.nothingToResume`.
  public func reportDirectory(existing: ExistingResults, date: Date = Date()) throws -> (directory: URL, automatic: Bool) {
    try ReportLocation.resolve(parent: reportParent ?? Self.defaultReportParent, name: reportName,
                               profile: profile.profile,
                               existing: existing, date: date)
  }
}
