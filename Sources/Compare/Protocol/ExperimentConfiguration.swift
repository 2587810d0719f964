// What to run: splits, seeds, epochs, and the leakage check, as data; plus the
// command-line shaped options (`CompareOptions`) and the two profiles.
//
// Profiles (decided for a 45-minute budget on 2 cores, where deep models dominate):
// - `full` (default): the official split for every model; deep models 3 seeds, classic
//   models 1 (their solvers are deterministic up to a seeded permutation, so extra seeds
//   add little); each deep model's own epochs; the leakage check (random 80/20 window
//   split) for one classic and one deep model with 1 seed. k-fold or leave-one-subject-
//   out only when asked for (`--split kfold`, `--folds N`, `--split loso`), since
//   5 folds × 3 seeds × 7 deep presets is hours here.
// - `quick`: the official split only, 1 seed, 2 epochs for deep models, and the
//   leakage check; meant to finish in under 3 minutes as a structural smoke test.
import Foundation
import Features

/// The settings of one comparison run.
public struct ExperimentConfiguration: Sendable, Equatable {
  /// The profile's name, for the report ("full", "quick").
  public var profile: String
  /// The splits every model runs on; the first is the primary one the tables use.
  public var splits: [SplitKind]
  /// Seeds per deep model. Default 3.
  public var deepSeeds: Int
  /// Seeds per non-deep model. Default 1.
  public var classicSeeds: Int
  /// The master seed every split and cell seed derives from. Default 2024.
  public var masterSeed: UInt64
  /// Epoch override for deep models; nil lets each model use its own.
  public var epochs: Int?
  /// Whether to add the random 80/20 window split for `leakageModels`.
  public var leakageCheck: Bool
  /// Which models the leakage check runs; nil picks `linear-svc` (or the first
  /// non-deep model) and `cnn` (or the first deep model) among those run.
  public var leakageModels: [String]?
  /// Seeds for the leakage cells. Default 1.
  public var leakageSeeds: Int
  /// Fraction of training subjects held out for early stopping. Default 0.15.
  public var validationFraction: Double

  public init(profile: String = "full", splits: [SplitKind] = [.official], deepSeeds: Int = 3, classicSeeds: Int = 1,
              masterSeed: UInt64 = 2024, epochs: Int? = nil, leakageCheck: Bool = true, leakageModels: [String]? = nil,
              leakageSeeds: Int = 1, validationFraction: Double = 0.15) {
    self.profile = profile; self.splits = splits; self.deepSeeds = deepSeeds; self.classicSeeds = classicSeeds
    self.masterSeed = masterSeed; self.epochs = epochs; self.leakageCheck = leakageCheck
    self.leakageModels = leakageModels; self.leakageSeeds = leakageSeeds; self.validationFraction = validationFraction
  }

  /// The default full run.
  public static let full = ExperimentConfiguration()
  /// The quick smoke-test run: 1 seed, 2 epochs.
  public static let quick = ExperimentConfiguration(profile: "quick", deepSeeds: 1, epochs: 2)

  /// The primary split.
  public var primarySplit: SplitKind { splits[0] }

  /// Throws `CompareError.invalidOption` for a setting out of range.
  public func validate() throws {
    guard !splits.isEmpty else { throw CompareError.invalidOption(name: "splits", expected: "at least one split", found: "none") }
    guard Set(splits.map(\.name)).count == splits.count else {
      throw CompareError.invalidOption(name: "splits", expected: "distinct splits", found: splits.map(\.name).joined(separator: ", "))
    }
    guard deepSeeds >= 1 else { throw CompareError.invalidOption(name: "--seeds", expected: "an integer ≥ 1", found: "\(deepSeeds)") }
    guard classicSeeds >= 1 else { throw CompareError.invalidOption(name: "classicSeeds", expected: "an integer ≥ 1", found: "\(classicSeeds)") }
    guard leakageSeeds >= 1 else { throw CompareError.invalidOption(name: "leakageSeeds", expected: "an integer ≥ 1", found: "\(leakageSeeds)") }
    if let epochs, epochs < 1 { throw CompareError.invalidOption(name: "--epochs", expected: "an integer ≥ 1", found: "\(epochs)") }
    guard validationFraction >= 0 && validationFraction < 1 else {
      throw CompareError.invalidOption(name: "validationFraction", expected: "a number in [0, 1)", found: "\(validationFraction)")
    }
  }
}

/// Which models to run: `--all` or `--models a,b`.
public enum ModelSelection: Sendable, Equatable {
  case all
  case named([String])
}

/// The options of `har compare`, as the CLI parses them (nil = not given).
public struct CompareOptions: Sendable, Equatable {
  /// `--all` / `--models a,b`.
  public var models: ModelSelection
  /// `--split official|kfold|loso|random`.
  public var split: String?
  /// `--folds N` (implies `--split kfold`).
  public var folds: Int?
  /// `--loso` (same as `--split loso`).
  public var leaveOneSubjectOut: Bool
  /// `--seeds N`: seeds per deep model.
  public var seeds: Int?
  /// `--seed S`: the master seed.
  public var seed: UInt64?
  /// `--epochs N`: epoch override for deep models.
  public var epochs: Int?
  /// `--quick`.
  public var quick: Bool
  /// `--resume`.
  public var resume: Bool
  /// `--name NAME`: the report folder's name; default "quick" or "full" by profile.
  public var name: String?
  /// `--out DIR`: the parent of report folders; default "reports".
  public var out: String?
  /// `--validation-fraction F`: training subjects held out for deep early stopping;
  /// 0 trains deep models on every training subject for all their epochs.
  public var validationFraction: Double?

  public init(models: ModelSelection = .all, split: String? = nil, folds: Int? = nil, leaveOneSubjectOut: Bool = false,
              seeds: Int? = nil, seed: UInt64? = nil, epochs: Int? = nil, quick: Bool = false, resume: Bool = false,
              name: String? = nil, out: String? = nil, validationFraction: Double? = nil) {
    self.models = models; self.split = split; self.folds = folds; self.leaveOneSubjectOut = leaveOneSubjectOut
    self.seeds = seeds; self.seed = seed; self.epochs = epochs; self.quick = quick; self.resume = resume
    self.name = name; self.out = out; self.validationFraction = validationFraction
  }

  /// The report folder: `<out>/<name>`, or a new dated folder `<out>/<profile>-YYYY-MM-DD[-N]`
  /// when no name is given (see `ReportLocation`).
  ///
  /// - Throws: `CompareError.invalidOption` for a bad `--name` or `--out`, `.nothingToResume`.
  public func reportDirectory(existing: ExistingResults, date: Date = Date()) throws -> (directory: URL, automatic: Bool) {
    try ReportLocation.resolve(parent: out ?? "reports", name: name, profile: quick ? "quick" : "full", existing: existing, date: date)
  }

  /// Resolves the options against the registered models.
  ///
  /// - Parameter available: every model the CLI can run, in report order.
  /// - Returns: the models to run (in the order of `available`) and the configuration.
  /// - Throws: `CompareError.unknownModel` (listing the valid names), `.invalidOption`
  ///   and `.conflictingOptions` for bad or contradictory options. Splits are checked
  ///   against the data later, by `Experiment`.
  public func resolve(available: [any ComparableModel]) throws -> (models: [any ComparableModel], configuration: ExperimentConfiguration) {
    try Experiment.validateNames(available)
    let valid = available.map(\.name)
    var chosen: [any ComparableModel]
    switch models {
    case .all:
      chosen = available
    case let .named(names):
      guard !names.isEmpty else { throw CompareError.invalidOption(name: "--models", expected: "a comma-separated list of models (\(valid.joined(separator: ", ")))", found: "nothing") }
      for n in names where !valid.contains(n) { throw CompareError.unknownModel(name: n, valid: valid) }
      var seen = Set<String>()
      for n in names where !seen.insert(n).inserted {
        throw CompareError.invalidOption(name: "--models", expected: "each model once", found: "'\(n)' twice")
      }
      chosen = available.filter { names.contains($0.name) }
    }
    var configuration = quick ? ExperimentConfiguration.quick : ExperimentConfiguration.full
    if leaveOneSubjectOut {
      if let split, split != "loso" { throw CompareError.conflictingOptions("--loso", "--split \(split)", reason: "they name different splits") }
      if let folds { throw CompareError.conflictingOptions("--loso", "--folds \(folds)", reason: "leave-one-subject-out has one fold per subject") }
    }
    let splitName = leaveOneSubjectOut ? "loso" : (split ?? (folds != nil ? "kfold" : "official"))
    let kind = try SplitKind(name: splitName, folds: folds)
    configuration.splits = [kind]
    if let seeds { configuration.deepSeeds = seeds }
    if let seed { configuration.masterSeed = seed }
    if let epochs { configuration.epochs = epochs }
    if let validationFraction { configuration.validationFraction = validationFraction }
    if kind == .randomWindows { configuration.leakageCheck = false }
    try configuration.validate()
    return (chosen, configuration)
  }
}
