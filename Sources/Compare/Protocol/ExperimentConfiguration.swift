// What to run, as data: splits, seeds, epochs, early stopping, validation subjects,
// threads, the leakage check and the claims' replicas. Every default is written here
// once, every range is checked here once (`validate()`); `har --help` prints both from
// these constants.
//
// Profiles:
// - `full` (default): the official split for every model, 5 seeds each (the decision
//   tree's feature order and every deep model's weights and batches vary with the
//   seed); each deep model's own epochs; no validation subjects, so every model trains
//   on the same 21 people; the matched leakage check (`SplitKind.matchedRandomWindows`
//   and `.matchedRandomRecordings`) for every classical model and the two cheapest deep
//   models (lstm, cnn), 3 seeds; each claim's replica under its own protocol, 3 seeds
//   (1 per draw for splits with several draws). k-fold or leave-one-subject-out only
//   when asked for, since 5 folds × 5 seeds × 9 deep presets is many hours here.
// - `quick`: the same plan with 1 seed and 2 epochs for deep models: a structural smoke
//   test of every section of the report in a few minutes.
// - `teaching`: the official split for linear-svc, logistic-regression, cnn and cnn-lstm,
//   3 seeds, plus the learning curve and the feature-family ablation, without the
//   leakage check and the claims: what a class on features vs. raw signals needs
//   (docs/teaching.md). With `quick`: 1 seed, 1 draw per size, 2 epochs.
//
// Errors name the property (`validationFraction`); a command-line tool maps property
// names to its own option names in one table.
import Foundation

/// The settings of one comparison run, and of one cell of it (`har train`).
public struct ExperimentConfiguration: Sendable, Equatable {
  /// The profile's name, for the report and the default report folder ("full", "quick").
  public var profile: String
  /// The splits every model runs on; the first is the primary one the tables use.
  public var splits: [SplitKind]
  /// Seeds per deep model.
  public var deepSeeds: Int
  /// Seeds per non-deep model.
  public var classicSeeds: Int
  /// The run seed every other seed derives from (`SeedTree`).
  public var masterSeed: UInt64
  /// Epoch override for deep models; nil lets each model use its own.
  public var epochs: Int?
  /// Early stopping for deep models: stop after this many epochs without a lower
  /// validation loss and restore the best weights; nil trains every epoch and keeps the
  /// final weights, as the papers did (see `DeepModel` for why that is the default).
  public var patience: Int?
  /// Fraction of a fold's training subjects held out from every model's training (deep
  /// models draw validation curves on them and early-stop with `patience`); 0 trains
  /// every model on all of them.
  public var validationFraction: Double
  /// Threads for parsing, features and BLAS.
  public var threads: Int
  /// Whether to add the matched leaky splits (random windows, random recordings) for
  /// `leakageModels`.
  public var leakageCheck: Bool
  /// Which models the leakage check runs; nil picks every non-deep model but the
  /// majority baseline, and `lstm` and `cnn` (or the first deep model) among those run;
  /// `[ExperimentConfiguration.allLeakageModels]` picks every model run but the baseline.
  public var leakageModels: [String]?
  /// The `leakageModels` entry that stands for every model run but the majority baseline.
  public static let allLeakageModels = "all"
  /// Seeds for the leakage cells.
  public var leakageSeeds: Int
  /// Whether to run each claim's replica under its own protocol (`ClaimReplica`).
  public var claimReplicas: Bool
  /// Seeds per claim replica on a one-fold split (splits with several draws run 1 seed
  /// per draw).
  public var claimSeeds: Int
  /// Whether to add the learning curve: the learning-curve models on
  /// `SplitKind.officialSubset` with each of `Teaching.learningCurveSizes` training subjects.
  public var learningCurve: Bool
  /// Random subject draws per learning-curve size below all training subjects (one seed
  /// per draw); all of them have one draw, the official split.
  public var learningCurveDraws: Int
  /// Whether to add the feature-family ablation: the ablation's feature models on the
  /// columns of each `FeatureFamily`, its raw-signal model on channel subsets, on the
  /// official split.
  public var ablation: Bool

  /// The defaults, written once. `--help` prints them from here.
  public enum Defaults {
    public static let deepSeeds = 5
    public static let classicSeeds = 5
    public static let leakageSeeds = 3
    public static let claimSeeds = 3
    /// Every seed count of the quick profile.
    public static let quickSeeds = 1
    public static let masterSeed: UInt64 = 2024
    public static let quickEpochs = 2
    /// No validation subjects: the deep presets train their papers' fixed epochs, so
    /// held-out people would only draw curves, and every model trains on the same people.
    public static let validationFraction = 0.0
    /// The machine this suite is tuned for has two cores.
    public static let threads = 2
    /// k for k-fold cross-validation when only the split is named.
    public static let folds = 5
    /// Random subject draws per learning-curve size: 3 show the spread between groups
    /// of people at a cost of 3 trainings per size and model.
    public static let learningCurveDraws = 3
  }

  /// The ranges `validate()` checks, written once. `--help` and error messages print
  /// them from here.
  public enum Limits {
    public static let seeds: ClosedRange<Int> = 1...100
    public static let epochs: ClosedRange<Int> = 1...10_000
    public static let patience: ClosedRange<Int> = 1...10_000
    public static let folds: ClosedRange<Int> = 2...1000
    public static let threads: ClosedRange<Int> = 1...256
    /// [0, 1): a fraction of 1 would leave nobody to train on.
    public static let validationFraction: Range<Double> = 0..<1
  }

  public init(profile: String = "full", splits: [SplitKind] = [.official], deepSeeds: Int = Defaults.deepSeeds,
              classicSeeds: Int = Defaults.classicSeeds, masterSeed: UInt64 = Defaults.masterSeed, epochs: Int? = nil,
              patience: Int? = nil, validationFraction: Double = Defaults.validationFraction, threads: Int = Defaults.threads,
              leakageCheck: Bool = true, leakageModels: [String]? = nil, leakageSeeds: Int = Defaults.leakageSeeds,
              claimReplicas: Bool = true, claimSeeds: Int = Defaults.claimSeeds, learningCurve: Bool = false,
              learningCurveDraws: Int = Defaults.learningCurveDraws, ablation: Bool = false) {
    self.profile = profile; self.splits = splits; self.deepSeeds = deepSeeds; self.classicSeeds = classicSeeds
    self.masterSeed = masterSeed; self.epochs = epochs; self.patience = patience
    self.validationFraction = validationFraction; self.threads = threads; self.leakageCheck = leakageCheck
    self.leakageModels = leakageModels; self.leakageSeeds = leakageSeeds
    self.claimReplicas = claimReplicas; self.claimSeeds = claimSeeds
    self.learningCurve = learningCurve; self.learningCurveDraws = learningCurveDraws; self.ablation = ablation
  }

  /// The default full run.
  public static let full = ExperimentConfiguration()
  /// The quick smoke-test run: 1 seed everywhere (1 learning-curve draw), 2 epochs.
  public static let quick = ExperimentConfiguration(
    profile: "quick", deepSeeds: Defaults.quickSeeds, classicSeeds: Defaults.quickSeeds, epochs: Defaults.quickEpochs,
    leakageSeeds: Defaults.quickSeeds, claimSeeds: Defaults.quickSeeds, learningCurveDraws: Defaults.quickSeeds)
  /// The teaching profile (`Teaching`): its four models on the official split, 3 seeds,
  /// the learning curve and the ablation; no leakage check, no claims.
  public static let teaching = ExperimentConfiguration(
    profile: "teaching", deepSeeds: Teaching.seeds, classicSeeds: Teaching.seeds, leakageCheck: false, claimReplicas: false,
    learningCurve: true, ablation: true)
  /// The teaching profile as a smoke test: 1 seed, 1 draw per size, 2 epochs.
  public static let teachingQuick = ExperimentConfiguration(
    profile: "teaching-quick", deepSeeds: Defaults.quickSeeds, classicSeeds: Defaults.quickSeeds, epochs: Defaults.quickEpochs,
    leakageCheck: false, claimReplicas: false, learningCurve: true, learningCurveDraws: Defaults.quickSeeds, ablation: true)

  /// The primary split.
  public var primarySplit: SplitKind { splits[0] }

  /// The only place a setting's range is checked.
  ///
  /// - Throws: `CompareError.invalidOption` naming the property (e.g. `epochs`), or
  ///   `.conflictingOptions` for `patience` without validation subjects.
  public func validate() throws {
    func check(_ name: String, _ value: Int, in range: ClosedRange<Int>) throws {
      guard range.contains(value) else {
        throw CompareError.invalidOption(name: name, expected: Self.describe(range), found: "\(value)")
      }
    }
    guard !splits.isEmpty else { throw CompareError.invalidOption(name: "splits", expected: "at least one split", found: "none") }
    guard Set(splits.map(\.name)).count == splits.count else {
      throw CompareError.invalidOption(name: "splits", expected: "distinct splits", found: splits.map(\.name).joined(separator: ", "))
    }
    for case let .kFold(k) in splits { try check("folds", k, in: Limits.folds) }
    try check("deepSeeds", deepSeeds, in: Limits.seeds)
    try check("classicSeeds", classicSeeds, in: Limits.seeds)
    try check("leakageSeeds", leakageSeeds, in: Limits.seeds)
    try check("claimSeeds", claimSeeds, in: Limits.seeds)
    try check("learningCurveDraws", learningCurveDraws, in: Limits.seeds)
    if let epochs { try check("epochs", epochs, in: Limits.epochs) }
    if let patience { try check("patience", patience, in: Limits.patience) }
    try check("threads", threads, in: Limits.threads)
    guard Limits.validationFraction.contains(validationFraction) else {
      throw CompareError.invalidOption(
        name: "validationFraction", expected: "a number in [\(Limits.validationFraction.lowerBound.shortDescription), \(Limits.validationFraction.upperBound.shortDescription))",
        found: "\(validationFraction)")
    }
    if patience != nil && validationFraction == 0 {
      throw CompareError.conflictingOptions("patience", "validationFraction 0", reason: "early stopping needs held-out validation subjects")
    }
  }

  /// "an integer in 1…100" (∞ for an open upper end).
  public static func describe(_ range: ClosedRange<Int>) -> String {
    "an integer in \(range.lowerBound)…\(range.upperBound == Int.max ? "∞" : "\(range.upperBound)")"
  }
}

// MARK: - Teaching: the learning curve and the ablation

extension ExperimentConfiguration {
  /// What the teaching studies run, written once; `Experiment` plans from here and the
  /// docs and `--help` print from here.
  public enum Teaching {
    /// The teaching profile's models: the two linear models on features (the best
    /// features models of the committed reports) and the two raw-signal models a class
    /// discusses (the cheapest deep model, and the convolution + recurrence one).
    public static let models = ["linear-svc", "logistic-regression", "cnn", "cnn-lstm"]
    /// Seeds per model in the teaching profile.
    public static let seeds = 3
    /// The teaching profile's run time on the 2-core machine this suite is tuned for,
    /// estimated from the fit times of reports/full/results.csv: 3 seeds of the four
    /// models, 3 draws × (1 + 2 + 4 + 8 + 12 + 16)/21 full trainings for the curve, and
    /// 7 families × 3 seeds per linear model plus 4 channel subsets × 3 seeds of cnn,
    /// each counted as a full training (docs/teaching.md shows the computation: 34.5 min).
    public static let estimatedRunTime = "about 35 minutes on 2 cores"
    /// The learning curve's models, among those run.
    public static let learningCurveModels = models
    /// Training subjects per learning-curve point; the last is all 21 official training
    /// subjects (the official split itself).
    public static let learningCurveSizes = [1, 2, 4, 8, 12, 16, 21]
    /// The ablation's feature models, among those run: each on every `FeatureFamily`.
    public static let ablationFeatureModels = ["linear-svc", "logistic-regression"]
    /// The ablation's raw-signal model: `cnn` when it runs (the cheapest deep preset, so
    /// four channel subsets stay affordable), else the first raw-signal model run.
    public static let ablationRawModel = "cnn"
    /// The channel subsets of the ablation, by `ChannelSelection` group names, with the
    /// suffix of their model names (`cnn-body-acc`, …, `cnn-acc`).
    public static let channelSubsets: [(suffix: String, channels: [String])] = [
      ("body-acc", ["body_acc"]), ("body-gyro", ["body_gyro"]), ("total-acc", ["total_acc"]),
      ("acc", ["body_acc", "total_acc"]),
    ]
  }
}

extension Double {
  /// "0.15", "0", "1": the shortest form, for help texts and messages.
  public var shortDescription: String { self == rounded() && abs(self) < 1e15 ? String(Int(self)) : "\(self)" }
}
