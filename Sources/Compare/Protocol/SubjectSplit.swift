// Splits of the windows into training and test parts, identical for every model.
//
// Decisions, in priority order:
// 1. Subject splits never put one subject in both parts: overlapping windows of one
//    person on both sides inflate accuracy (DESIGN.md). The random window split exists
//    only to measure that inflation (the leakage check).
// 2. Every split is a list of folds; a fold holds sorted window indices (rows of
//    `ComparisonData`), so a split is plain data that every model shares.
// 3. k-fold by subject shuffles the subjects with the split seed and deals them out
//    like cards (subject i of the shuffled list goes to fold i mod k), so fold sizes
//    differ by at most one subject.
// 4. The validation set for early stopping comes from training subjects only: a
//    seeded `validationFraction` (default 15 %) of the fold's training subjects,
//    rounded, at least one when there are two or more training subjects. It is part of
//    the fold, so every deep model early-stops on the same people. In the random window
//    split it is a seeded 15 % of the training windows (leaky like the split itself).
import Features
import LinearAlgebra

/// How to split windows into training and test parts.
public enum SplitKind: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The official UCI HAR split: test subjects 2, 4, 9, 10, 12, 13, 18, 20, 24.
  case official
  /// Held-out subjects of the user's choice (all others train).
  case heldOut(testSubjects: [Int])
  /// k-fold cross-validation by subject (default k = 5).
  case kFold(Int)
  /// Leave one subject out: one fold per subject.
  case leaveOneSubjectOut
  /// Random 80/20 split of windows, ignoring subjects. Leaky on purpose: it exists
  /// only to show how much a window split inflates accuracy.
  case randomWindows

  /// The name used on the command line, in file names and in reports:
  /// `official`, `subjects`, `kfold5`, `loso`, `random`.
  public var name: String {
    switch self {
    case .official: "official"
    case .heldOut: "subjects"
    case let .kFold(k): "kfold\(k)"
    case .leaveOneSubjectOut: "loso"
    case .randomWindows: "random"
    }
  }

  public var description: String { name }

  /// Whether the split keeps each subject on one side (every kind but `randomWindows`).
  public var isBySubject: Bool { self != .randomWindows }

  /// A one-line description for reports.
  public var summary: String {
    switch self {
    case .official: "official UCI HAR split (test subjects \(UCIHARDataset.officialTestSubjects.sorted().map(String.init).joined(separator: ", ")))"
    case let .heldOut(s): "held-out subjects \(s.sorted().map(String.init).joined(separator: ", "))"
    case let .kFold(k): "\(k)-fold cross-validation by subject"
    case .leaveOneSubjectOut: "leave-one-subject-out"
    case .randomWindows: "random 80/20 split of windows (leaky: same person in train and test)"
    }
  }

  /// Parses a `--split` value: `official`, `kfold`, `loso`, `random`.
  ///
  /// - Parameter folds: k for `kfold` (default 5); giving it with another split is an error.
  /// - Throws: `CompareError.invalidOption` for an unknown name or k < 2.
  public init(name: String, folds: Int? = nil) throws {
    switch name {
    case "official", "kfold", "loso", "random": break
    default:
      if name.hasPrefix("kfold"), let k = Int(name.dropFirst(5)) {
        guard folds == nil || folds == k else {
          throw CompareError.conflictingOptions("--split \(name)", "--folds \(folds!)", reason: "they name different fold counts")
        }
        try self.init(name: "kfold", folds: k)
        return
      }
      throw CompareError.invalidOption(name: "--split", expected: "one of official, kfold, loso, random", found: "'\(name)'")
    }
    if let folds, name != "kfold" {
      throw CompareError.conflictingOptions("--split \(name)", "--folds \(folds)", reason: "--folds applies to --split kfold only")
    }
    switch name {
    case "official": self = .official
    case "loso": self = .leaveOneSubjectOut
    case "random": self = .randomWindows
    default:
      let k = folds ?? 5
      guard k >= 2 else { throw CompareError.invalidOption(name: "--folds", expected: "an integer ≥ 2", found: "\(k)") }
      self = .kFold(k)
    }
  }
}

/// One training/test partition of the windows.
public struct Fold: Sendable, Equatable, Codable {
  /// 0-based fold number within its split.
  public let index: Int
  /// Sorted window indices (rows of the data) to train on, validation included.
  public let train: [Int]
  /// Sorted window indices to test on.
  public let test: [Int]
  /// Sorted positions inside `train` (0..<train.count) held out for early stopping.
  public let validation: [Int]
  /// The subjects of `test`, sorted (empty meaning is "mixed" for the random split).
  public let testSubjects: [Int]
  /// The subjects whose windows form `validation`, sorted (empty for the random split).
  public let validationSubjects: [Int]
}

/// A split of one dataset into folds, reproducible from its kind and seed.
public struct SubjectSplit: Sendable, Equatable {
  /// The kind of split.
  public let kind: SplitKind
  /// The seed of every random choice in the split (subject order, validation subjects,
  /// random windows). Unused by `official` except for validation subjects.
  public let seed: UInt64
  /// Fraction of training subjects (windows for `randomWindows`) held out for validation.
  public let validationFraction: Double
  /// The folds, in order.
  public let folds: [Fold]

  /// Fraction of windows the random window split tests on.
  public static let randomTestFraction = 0.2

  /// Splits `windows`.
  ///
  /// - Parameters:
  ///   - kind: which split.
  ///   - windows: (n) the windows of the data; only `subject` is read.
  ///   - seed: the split's seed (the runner derives it from the master seed).
  ///   - validationFraction: fraction of training subjects for early stopping, in
  ///     [0, 1); default 0.15.
  /// - Throws: `CompareError.missingSubjects` when a held-out subject has no windows,
  ///   `.tooFewSubjects` when k exceeds the subjects, `.emptySplitPart` when a part
  ///   would be empty, `.invalidOption` for a fraction outside [0, 1).
  public init(_ kind: SplitKind, windows: [WindowIndex], seed: UInt64, validationFraction: Double = 0.15) throws {
    guard validationFraction >= 0 && validationFraction < 1 else {
      throw CompareError.invalidOption(name: "validationFraction", expected: "a number in [0, 1)", found: "\(validationFraction)")
    }
    self.kind = kind
    self.seed = seed
    self.validationFraction = validationFraction
    let subjects = Array(Set(windows.map(\.subject))).sorted()
    var testGroups: [[Int]] = []
    switch kind {
    case .official, .heldOut:
      let test: [Int]
      if case let .heldOut(s) = kind { test = Array(Set(s)).sorted() } else { test = UCIHARDataset.officialTestSubjects.sorted() }
      let missing = test.filter { !subjects.contains($0) }
      guard missing.isEmpty else { throw CompareError.missingSubjects(split: kind.name, subjects: missing, available: subjects) }
      testGroups = [test]
    case let .kFold(k):
      guard k >= 2 else { throw CompareError.invalidOption(name: "--folds", expected: "an integer ≥ 2", found: "\(k)") }
      guard subjects.count >= k else { throw CompareError.tooFewSubjects(split: kind.name, folds: k, subjects: subjects.count) }
      var order = subjects
      var g = SeededGenerator(seed: seed)
      order.seededShuffle(using: &g)
      testGroups = (0..<k).map { f in stride(from: f, to: order.count, by: k).map { order[$0] }.sorted() }
    case .leaveOneSubjectOut:
      guard subjects.count >= 2 else { throw CompareError.tooFewSubjects(split: kind.name, folds: 2, subjects: subjects.count) }
      testGroups = subjects.map { [$0] }
    case .randomWindows:
      self.folds = [try Self.randomFold(count: windows.count, seed: seed, validationFraction: validationFraction)]
      return
    }
    var folds: [Fold] = []
    for (f, testSubjects) in testGroups.enumerated() {
      let testSet = Set(testSubjects)
      var train: [Int] = [], test: [Int] = []
      for (i, w) in windows.enumerated() {
        if testSet.contains(w.subject) { test.append(i) } else { train.append(i) }
      }
      guard !train.isEmpty else { throw CompareError.emptySplitPart(split: kind.name, fold: f, part: "training") }
      guard !test.isEmpty else { throw CompareError.emptySplitPart(split: kind.name, fold: f, part: "test") }
      // Validation subjects: a seeded fraction of this fold's training subjects.
      var trainSubjects = subjects.filter { !testSet.contains($0) }
      var validationSubjects: [Int] = []
      if trainSubjects.count >= 2 && validationFraction > 0 {
        let n = min(trainSubjects.count - 1, max(1, Int((validationFraction * Double(trainSubjects.count)).rounded())))
        var g = SeededGenerator(seed: SeededGenerator.derive(seed: seed, UInt64(f) &+ 0x5641_4C49_4400))
        trainSubjects.seededShuffle(using: &g)
        validationSubjects = Array(trainSubjects.prefix(n)).sorted()
      }
      let validationSet = Set(validationSubjects)
      let validation = train.indices.filter { validationSet.contains(windows[train[$0]].subject) }
      folds.append(Fold(index: f, train: train, test: test, validation: validation,
                        testSubjects: testSubjects, validationSubjects: validationSubjects))
    }
    self.folds = folds
  }

  private static func randomFold(count n: Int, seed: UInt64, validationFraction: Double) throws -> Fold {
    var order = Array(0..<n)
    var g = SeededGenerator(seed: seed)
    order.seededShuffle(using: &g)
    let testCount = Int((randomTestFraction * Double(n)).rounded())
    guard testCount > 0 else { throw CompareError.emptySplitPart(split: "random", fold: 0, part: "test") }
    guard testCount < n else { throw CompareError.emptySplitPart(split: "random", fold: 0, part: "training") }
    let test = order.prefix(testCount).sorted()
    let train = order.dropFirst(testCount).sorted()
    var positions = Array(train.indices)
    positions.seededShuffle(using: &g)
    let validationCount = train.count >= 2 ? min(train.count - 1, Int((validationFraction * Double(train.count)).rounded())) : 0
    let validation = positions.prefix(validationCount).sorted()
    return Fold(index: 0, train: train, test: test, validation: validation, testSubjects: [], validationSubjects: [])
  }
}
