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
  ///   - matching: (training, test) window counts a matched kind reproduces (the primary
  ///     split's first fold, validation excluded); required by `matchedRandomWindows` and
  ///     `matchedRandomRecordings`, ignored by the others.
  public init(_ kind: SplitKind, windows: [WindowIndex], runSeed: UInt64,
              validationFraction: Double = ExperimentConfiguration.Defaults.validationFraction,
              matching: (train: Int, test: Int)? = nil) throws {
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
      self.folds = [try Self.randomFold(count: windows.count, testFraction: Self.randomTestFraction, seed: seed, validationFraction: validationFraction)]
      return
    case let .randomWindowFraction(f):
      guard f > 0 && f < 1 else { throw CompareError.invalidOption(name: "split", expected: "a test fraction in (0, 1)", found: "\(f)") }
      self.folds = [try Self.randomFold(count: windows.count, testFraction: f, seed: seed, validationFraction: validationFraction)]
      return
    case .matchedRandomWindows, .matchedRandomRecordings:
      guard let matching, matching.train > 0, matching.test > 0 else {
        throw CompareError.invalidOption(name: "split", expected: "training and test sizes to match for \(kind.name)", found: "none")
      }
      self.folds = [try Self.matchedFold(kind, windows: windows, sizes: matching, seed: seed, validationFraction: validationFraction)]
      return
    case let .randomSubjects(trainCount, testCount, draws):
      guard trainCount >= 1, testCount >= 1, draws >= 1 else {
        throw CompareError.invalidOption(name: "split", expected: "at least 1 training subject, 1 test subject and 1 draw", found: kind.name)
      }
      guard subjects.count >= trainCount + testCount else {
        throw CompareError.tooFewSubjects(split: kind.name, folds: trainCount + testCount, subjects: subjects.count)
      }
      // Draw d: the subjects shuffled with this draw's own seed; the first `test` are
      // tested on, the next `train` trained on, the rest unused.
      var folds: [Fold] = []
      for d in 0..<draws {
        var order = subjects
        var g = SeededGenerator(seed: SeededGenerator.derive(seed: seed, UInt64(d)))
        order.seededShuffle(using: &g)
        let testSubjects = Array(order.prefix(testCount)).sorted()
        let trainSubjects = Array(order.dropFirst(testCount).prefix(trainCount)).sorted()
        folds.append(try Self.subjectFold(index: d, kind: kind, windows: windows, trainSubjects: trainSubjects,
                                          testSubjects: testSubjects, runSeed: runSeed, validationFraction: validationFraction))
      }
      self.folds = folds
      return
    case let .officialSubset(trainCount, draws):
      self.folds = try Self.officialSubsetFolds(kind, trainCount: trainCount, draws: draws, windows: windows, subjects: subjects,
                                                seed: seed, runSeed: runSeed, validationFraction: validationFraction)
      return
    }
    self.folds = try testGroups.enumerated().map { f, testSubjects in
      let testSet = Set(testSubjects)
      return try Self.subjectFold(index: f, kind: kind, windows: windows, trainSubjects: subjects.filter { !testSet.contains($0) },
                                  testSubjects: testSubjects, runSeed: runSeed, validationFraction: validationFraction)
    }
  }

  /// One fold of a subject split: the windows of `trainSubjects` and `testSubjects`
  /// (others unused), with a seeded `validationFraction` of the training subjects held out.
  private static func subjectFold(index f: Int, kind: SplitKind, windows: [WindowIndex], trainSubjects: [Int], testSubjects: [Int],
                                  runSeed: UInt64, validationFraction: Double) throws -> Fold {
    let testSet = Set(testSubjects), trainSet = Set(trainSubjects)
    var train: [Int] = [], test: [Int] = []
    for (i, w) in windows.enumerated() {
      if testSet.contains(w.subject) { test.append(i) } else if trainSet.contains(w.subject) { train.append(i) }
    }
    guard !train.isEmpty else { throw CompareError.emptySplitPart(split: kind.name, fold: f, part: "training") }
    guard !test.isEmpty else { throw CompareError.emptySplitPart(split: kind.name, fold: f, part: "test") }
    // Validation subjects: a seeded fraction of this fold's training subjects.
    var candidates = trainSubjects
    var validationSubjects: [Int] = []
    if candidates.count >= 2 && validationFraction > 0 {
      let n = min(candidates.count - 1, max(1, Int((validationFraction * Double(candidates.count)).rounded())))
      var g = SeededGenerator(seed: SeedTree.seed(run: runSeed, split: kind.name, fold: f, purpose: .validationSubjects))
      candidates.seededShuffle(using: &g)
      validationSubjects = Array(candidates.prefix(n)).sorted()
    }
    let validationSet = Set(validationSubjects)
    let validation = train.indices.filter { validationSet.contains(windows[train[$0]].subject) }
    return Fold(index: f, train: train, test: test, validation: validation, testSubjects: testSubjects, validationSubjects: validationSubjects)
  }

  /// The learning curve's folds: draw d tests on the official test subjects and trains on
  /// the first `trainCount` of the official training subjects shuffled with the draw's own
  /// seed, `derive(seed, d)` (the same rule as `randomSubjects`), so draw d is the same for
  /// every model and independent of the other draws. All training subjects give the
  /// official fold itself, whatever the draw.
  private static func officialSubsetFolds(_ kind: SplitKind, trainCount: Int, draws: Int, windows: [WindowIndex], subjects: [Int],
                                          seed: UInt64, runSeed: UInt64, validationFraction: Double) throws -> [Fold] {
    let test = UCIHARDataset.officialTestSubjects.sorted()
    let missing = test.filter { !subjects.contains($0) }
    guard missing.isEmpty else { throw CompareError.missingSubjects(split: kind.name, subjects: missing, available: subjects) }
    let testSet = Set(test)
    let training = subjects.filter { !testSet.contains($0) }
    guard trainCount >= 1, draws >= 1 else {
      throw CompareError.invalidOption(name: "split", expected: "at least 1 training subject and 1 draw", found: kind.name)
    }
    guard training.count >= trainCount else {
      throw CompareError.tooFewSubjects(split: kind.name, folds: trainCount, subjects: training.count)
    }
    return try (0..<draws).map { d in
      var order = training
      var g = SeededGenerator(seed: SeededGenerator.derive(seed: seed, UInt64(d)))
      order.seededShuffle(using: &g)
      return try subjectFold(index: d, kind: kind, windows: windows, trainSubjects: Array(order.prefix(trainCount)).sorted(),
                             testSubjects: test, runSeed: runSeed, validationFraction: validationFraction)
    }
  }

  private static func randomFold(count n: Int, testFraction: Double, seed: UInt64, validationFraction: Double) throws -> Fold {
    var order = Array(0..<n)
    var g = SeededGenerator(seed: seed)
    order.seededShuffle(using: &g)
    let testCount = Int((testFraction * Double(n)).rounded())
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

  /// The leakage check's fold: `sizes.test` test windows and at most `sizes.train`
  /// training windows, drawn at random (`matchedRandomWindows`) or by whole recordings
  /// (`matchedRandomRecordings`: recordings in a seeded order fill the test side until it
  /// holds `sizes.test` windows; both sides are then trimmed to their sizes at random).
  private static func matchedFold(_ kind: SplitKind, windows: [WindowIndex], sizes: (train: Int, test: Int), seed: UInt64,
                                  validationFraction: Double) throws -> Fold {
    var g = SeededGenerator(seed: seed)
    var test: [Int] = [], train: [Int] = []
    if kind == .matchedRandomRecordings {
      var recordings = Array(Set(windows.map(\.experiment))).sorted()
      recordings.seededShuffle(using: &g)
      var byRecording: [Int: [Int]] = [:]
      for (i, w) in windows.enumerated() { byRecording[w.experiment, default: []].append(i) }
      for r in recordings {
        if test.count < sizes.test { test += byRecording[r]! } else { train += byRecording[r]! }
      }
    } else {
      var order = Array(windows.indices)
      order.seededShuffle(using: &g)
      test = Array(order.prefix(sizes.test))
      train = Array(order.dropFirst(sizes.test))
    }
    guard test.count >= sizes.test else {
      throw CompareError.emptySplitPart(split: kind.name, fold: 0, part: "test (\(sizes.test) windows needed, \(test.count) available)")
    }
    test.seededShuffle(using: &g)
    train.seededShuffle(using: &g)
    test = Array(test.prefix(sizes.test)).sorted()
    train = Array(train.prefix(sizes.train)).sorted()
    guard !train.isEmpty else { throw CompareError.emptySplitPart(split: kind.name, fold: 0, part: "training") }
    var positions = Array(train.indices)
    positions.seededShuffle(using: &g)
    let validationCount = train.count >= 2 ? min(train.count - 1, Int((validationFraction * Double(train.count)).rounded())) : 0
    let validation = positions.prefix(validationCount).sorted()
    return Fold(index: 0, train: train, test: test, validation: validation, testSubjects: [], validationSubjects: [])
  }
}
