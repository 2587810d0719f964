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
//    seeded `validationFraction` of the fold's training subjects,
//    rounded, at least one when there are two or more training subjects. It is part of
//    the fold, so every deep model early-stops on the same people. In the random window
//    split it is a seeded fraction of the training windows (leaky like the split itself).
// 5. Every seed comes from `SeedTree`: the split's own (`subjectOrder`) and one per
//    fold for its validation subjects.
import Features
import LinearAlgebra


/// A split of one dataset into folds, reproducible from its kind and the run seed.
public struct SubjectSplit: Sendable, Equatable {
  /// The kind of split.
  public let kind: SplitKind
  /// The split's own seed, `SeedTree` purpose `subjectOrder` (subject order, random
  /// windows); validation subjects use their own branch per fold.
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
  ///   - runSeed: the run seed; the split's seeds derive from it by `SeedTree`.
  ///   - validationFraction: fraction of training subjects for early stopping, in
  ///     `ExperimentConfiguration.Limits.validationFraction`.
  /// - Throws: `CompareError.missingSubjects` when a held-out subject has no windows,
  ///   `.tooFewSubjects` when k exceeds the subjects, `.emptySplitPart` when a part
  ///   would be empty, `.invalidOption` for a fraction outside [0, 1).
  public init(_ kind: SplitKind, windows: [WindowIndex], runSeed: UInt64,
              validationFraction: Double = ExperimentConfiguration.Defaults.validationFraction) throws {
    // The ranges live in ExperimentConfiguration; a split built directly is checked by it too.
    var configuration = ExperimentConfiguration(splits: [kind], validationFraction: validationFraction)
    configuration.leakageCheck = false
    try configuration.validate()
    let seed = SeedTree.seed(run: runSeed, split: kind.name, purpose: .subjectOrder)
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
        var g = SeededGenerator(seed: SeedTree.seed(run: runSeed, split: kind.name, fold: f, purpose: .validationSubjects))
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

