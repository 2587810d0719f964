// What a user asks of a comparison, before it is checked against the models: which
// models, which split, and the settings that differ from the profile's defaults. A
// command-line tool fills one from its options; `resolve(available:)` turns it into the
// models to run and a validated `ExperimentConfiguration`.
//
// Errors name the properties of this type (`leaveOneSubjectOut`, `reportName`), never a
// tool's option names: the tool maps one to the other.
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
              reportName: String? = nil, reportParent: String? = nil) {
    self.models = models; self.split = split; self.folds = folds; self.leaveOneSubjectOut = leaveOneSubjectOut
    self.quick = quick; self.deepSeeds = deepSeeds; self.masterSeed = masterSeed; self.epochs = epochs
    self.patience = patience; self.validationFraction = validationFraction; self.threads = threads
    self.reportName = reportName; self.reportParent = reportParent
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
