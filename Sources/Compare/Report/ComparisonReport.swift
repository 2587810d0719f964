// The numbers of a report, computed from the cell records: summaries per model and
// split, claim checks, the leakage check and the findings paragraph. Rendering lives in
// MarkdownReport.swift and SVG*.swift; this file decides what is said.
//
// Aggregation rules:
// - Per model and split, each metric is summarised over its cells (seeds × folds):
//   mean, sample sd, Student t 95 % interval. A single cell gets a Wilson interval on
//   accuracy over its test windows (training accuracy: over the windows it was fitted
//   on) and no interval for the other metrics.
// - Per-class precision/recall/F1 and the confusion matrix are pooled: the confusion
//   matrices of all cells are summed, then the per-class rates are computed once.

/// One model on one split, summarised over its cells.
public struct ModelSummary: Sendable {
  public var model: ModelDescription
  public var split: String
  /// The cells summarised, in (fold, seed) order.
  public var cells: [CellRecord]
  public var accuracy: RunSummary
  public var macroPrecision: RunSummary
  public var macroRecall: RunSummary
  public var macroF1: RunSummary
  /// The 95 % interval on accuracy: t over cells, or Wilson for a single cell.
  public var accuracyInterval: ConfidenceInterval
  /// Training accuracy over the cells that measured it; nil if none did.
  public var trainingAccuracy: RunSummary?
  /// The 95 % interval on training accuracy, if measured.
  public var trainingAccuracyInterval: ConfidenceInterval?
  /// Summed confusion matrix over the cells.
  public var confusion: ConfusionMatrix
  /// Per-class metrics of the summed confusion matrix.
  public var pooled: ClassificationMetrics
  public var parameters: Int
  public var epochs: RunSummary
  public var fitSeconds: RunSummary
  /// Distinct solver notes of the cells.
  public var notes: [String]

  init(model: ModelDescription, split: String, cells: [CellRecord]) {
    precondition(!cells.isEmpty, "ModelSummary needs at least one cell")
    self.model = model; self.split = split; self.cells = cells
    accuracy = RunSummary(cells.map(\.metrics.accuracy))
    macroPrecision = RunSummary(cells.map(\.metrics.macroPrecision))
    macroRecall = RunSummary(cells.map(\.metrics.macroRecall))
    macroF1 = RunSummary(cells.map(\.metrics.macroF1))
    accuracyInterval = accuracy.interval ?? wilsonInterval(successes: cells[0].correct, trials: cells[0].testWindows)
    let training = cells.compactMap(\.trainingAccuracy)
    if training.count == cells.count {
      let t = RunSummary(training)
      trainingAccuracy = t
      let c = cells[0]
      let fitted = c.isDeep ? c.trainWindows - c.validationWindows : c.trainWindows
      trainingAccuracyInterval = t.interval
        ?? wilsonInterval(successes: Int((training[0] * Double(fitted)).rounded()), trials: max(1, fitted))
    }
    confusion = cells.dropFirst().reduce(cells[0].confusionMatrix) { $0 + $1.confusionMatrix }
    pooled = confusion.metrics
    parameters = cells[0].parameters
    epochs = RunSummary(cells.map { Double($0.epochs) })
    fitSeconds = RunSummary(cells.map(\.fitSeconds))
    var seen = Set<String>()
    notes = cells.flatMap(\.notes).filter { seen.insert($0).inserted }
  }
}

/// A published claim beside our reproduction.
public struct ClaimCheck: Sendable {
  public var claim: PublishedClaim
  /// Our summary of the compared quantity, nil if the model was not run.
  public var reproduction: RunSummary?
  public var interval: ConfidenceInterval?
  /// Our test accuracy, shown beside a training-accuracy claim.
  public var testAccuracy: RunSummary?
  public var verdict: ClaimVerdict
}

/// A model on its subject split and on the random window split.
public struct LeakageCheck: Sendable {
  public var subject: ModelSummary
  public var random: ModelSummary
  /// Random-split accuracy minus subject-split accuracy, in percentage points.
  public var inflationPoints: Double { 100 * (random.accuracy.mean - subject.accuracy.mean) }
}

/// Everything a report says, computed from an `ExperimentResults`.
public struct ComparisonReport: Sendable {
  public var results: ExperimentResults
  /// The primary split's name (the tables use it).
  public var primarySplit: String
  public var primarySplitKind: SplitKind
  /// One summary per model with cells on the primary split, in model order.
  public var summaries: [ModelSummary]
  /// Models with no finished cell on the primary split.
  public var missingModels: [String]
  /// Summaries on the other subject splits (if several were run), by split name.
  public var otherSplits: [(split: String, summaries: [ModelSummary])]
  public var leakage: [LeakageCheck]
  public var claims: [ClaimCheck]
  /// Planned cells that have no result yet (an interrupted run).
  public var missingCellCount: Int

  /// Computes the report's numbers.
  /// - Parameter claims: the published claims to check; default `PublishedClaim.all`.
  public init(results: ExperimentResults, claims: [PublishedClaim] = PublishedClaim.all) {
    self.results = results
    let m = results.metadata
    primarySplit = m.splits[0]
    primarySplitKind = m.splitKinds[0]
    func summaries(on split: String) -> [ModelSummary] {
      m.models.compactMap { model in
        let cells = results.cells.filter { $0.key.model == model.name && $0.key.split == split }
        return cells.isEmpty ? nil : ModelSummary(model: model, split: split, cells: cells)
      }
    }
    let primary = summaries(on: primarySplit)
    self.summaries = primary
    missingModels = m.models.map(\.name).filter { n in !primary.contains { $0.model.name == n } }
    otherSplits = m.splits.dropFirst().map { ($0, summaries(on: $0)) }
    if m.splitKinds.count > m.splits.count, let leakSplit = m.splitKinds.last?.name {
      let random = summaries(on: leakSplit)
      leakage = random.compactMap { r in primary.first { $0.model.name == r.model.name }.map { LeakageCheck(subject: $0, random: r) } }
    } else {
      leakage = []
    }
    self.claims = claims.map { claim in
      guard let s = primary.first(where: { $0.model.name == claim.model }) else {
        return ClaimCheck(claim: claim, reproduction: nil, interval: nil, testAccuracy: nil, verdict: .notRun)
      }
      switch claim.comparedWith {
      case .testAccuracy:
        return ClaimCheck(claim: claim, reproduction: s.accuracy, interval: s.accuracyInterval, testAccuracy: s.accuracy,
                          verdict: ClaimVerdict(claim: claim.accuracy, interval: s.accuracyInterval))
      case .trainingAccuracy:
        return ClaimCheck(claim: claim, reproduction: s.trainingAccuracy, interval: s.trainingAccuracyInterval,
                          testAccuracy: s.accuracy,
                          verdict: ClaimVerdict(claim: claim.accuracy, interval: s.trainingAccuracyInterval))
      }
    }
    // Planned cells: per model and split, folds × seeds, from the stored plan.
    var planned = 0
    for model in m.models {
      for (si, kind) in m.splitKinds.enumerated() {
        let isLeakage = si >= m.splits.count
        if isLeakage && !m.leakageModels.contains(model.name) { continue }
        let seeds = isLeakage ? m.leakageSeeds : (model.isDeep ? m.deepSeeds : m.classicSeeds)
        planned += seeds * Self.foldCount(kind, subjects: m.subjects.count)
      }
    }
    missingCellCount = max(0, planned - results.cells.count)
  }

  static func foldCount(_ kind: SplitKind, subjects: Int) -> Int {
    switch kind {
    case .official, .heldOut, .randomWindows: 1
    case let .kFold(k): k
    case .leaveOneSubjectOut: subjects
    }
  }

  /// The classical (non-deep, features) summaries on the primary split.
  public var classical: [ModelSummary] { summaries.filter { !$0.model.isDeep } }
  /// The deep summaries on the primary split.
  public var deep: [ModelSummary] { summaries.filter { $0.model.isDeep } }

  /// The paragraph under "Features vs. featureless", computed from the numbers.
  public var findings: String {
    guard let best = summaries.max(by: { $0.accuracy.mean < $1.accuracy.mean }) else {
      return "No model has finished on the \(primarySplit) split yet."
    }
    var s: [String] = []
    s.append("On the \(primarySplitKind.summary), the most accurate model is **\(best.model.name)** (\(best.model.input == .features ? "handcrafted features" : "raw signals")) with \(pct(best.accuracy.mean)) % accuracy (95 % CI \(interval(best.accuracyInterval)), \(runs(best.accuracy.count))).")
    let bestClassical = summaries.filter { $0.model.input == .features }.max { $0.accuracy.mean < $1.accuracy.mean }
    let bestDeep = summaries.filter { $0.model.input == .raw }.max { $0.accuracy.mean < $1.accuracy.mean }
    if let c = bestClassical, let d = bestDeep {
      let gap = 100 * (c.accuracy.mean - d.accuracy.mean)
      let leader = gap >= 0 ? "handcrafted features" : "raw signals"
      s.append("The best model on handcrafted features, \(c.model.name), reaches \(pct(c.accuracy.mean)) %; the best on raw signals, \(d.model.name), reaches \(pct(d.accuracy.mean)) %: a gap of \(String(format: "%.2f", abs(gap))) points in favour of \(leader).")
      if c.accuracyInterval.overlaps(d.accuracyInterval) {
        s.append("Their 95 % confidence intervals overlap (\(interval(c.accuracyInterval)) and \(interval(d.accuracyInterval))), so this run does not separate them.")
      } else {
        s.append("Their 95 % confidence intervals do not overlap (\(interval(c.accuracyInterval)) and \(interval(d.accuracyInterval))), so the difference is larger than the run-to-run spread measured here.")
      }
    } else if bestClassical == nil {
      s.append("No model on handcrafted features was run, so features and raw signals cannot be compared here.")
    } else {
      s.append("No model on raw signals was run, so features and raw signals cannot be compared here.")
    }
    // The most frequent confusion, over the pooled matrices of all models.
    let total = summaries.dropFirst().reduce(summaries[0].confusion) { $0 + $1.confusion }
    if let pair = total.mostConfusedPair {
      let names = results.metadata.classNames
      let support = total.support[pair.truth]
      s.append("The activities confused most, over all models, are \(names[pair.truth]) windows predicted as \(names[pair.predicted]) (\(pct(Double(pair.count) / Double(support))) % of \(names[pair.truth]) test windows, summed over models and runs)\(secondPair(total, after: pair)).")
    } else {
      s.append("No test window was misclassified by any model.")
    }
    return s.joined(separator: " ")
  }

  private func secondPair(_ m: ConfusionMatrix, after first: (truth: Int, predicted: Int, count: Int)) -> String {
    var best: (Int, Int, Int)? = nil
    for t in 0..<m.classCount {
      for p in 0..<m.classCount where p != t && !(t == first.truth && p == first.predicted) && m[t, p] > 0 {
        if best == nil || m[t, p] > best!.2 { best = (t, p, m[t, p]) }
      }
    }
    guard let (t, p, c) = best else { return "" }
    let names = results.metadata.classNames
    return ", followed by \(names[t]) predicted as \(names[p]) (\(pct(Double(c) / Double(m.support[t]))) %)"
  }
}

/// A fraction as a percentage with two decimals, "95.79".
func pct(_ x: Double) -> String { String(format: "%.2f", 100 * x) }
/// An interval in percent, "94.10–96.30 %".
func interval(_ ci: ConfidenceInterval) -> String { "\(pct(ci.lower))–\(pct(ci.upper)) %" }
func runs(_ n: Int) -> String { n == 1 ? "1 run" : "\(n) runs" }
