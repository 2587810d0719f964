// The learning curve of a report: accuracy against the number of training subjects, one
// line per model, and the paragraph saying where the curves cross.
//
// Decisions, in priority order:
// 1. A point is the model's cells on one split: the draws of `SplitKind.officialSubset`
//    (one seed each), or the seeds of the official split for all training subjects. Its
//    value is the mean accuracy over those cells.
// 2. Its interval is the two-stage subject bootstrap of the protocol with each cell as a
//    "seed" run: a draw resamples the cells (so the spread between subject draws widens
//    it), then the official test subjects (`SubjectBootstrap.accuracyInterval`).
// 3. The paragraph compares the best features model (most accurate at its largest size)
//    with every raw-signal model at the sizes both ran: the first size at which the raw
//    model's mean reaches or passes the features model's, and the gap at the smallest and
//    largest sizes. Means only, so the paragraph states what the table shows.
import LinearAlgebra

/// Accuracy against training subjects, per model.
public struct LearningCurve: Sendable {
  /// One point of a line.
  public struct Point: Sendable, Equatable {
    /// Training subjects of the point.
    public var trainSubjects: Int
    /// The split its cells ran on.
    public var split: String
    /// Mean accuracy over its cells (fraction).
    public var accuracy: Double
    /// 95 % subject-bootstrap interval, cells as runs; nil when a cell lacks per-subject results.
    public var interval: ConfidenceInterval?
    /// Cells (draws or seeds).
    public var runs: Int

    public init(trainSubjects: Int, split: String, accuracy: Double, interval: ConfidenceInterval?, runs: Int) {
      self.trainSubjects = trainSubjects; self.split = split; self.accuracy = accuracy; self.interval = interval; self.runs = runs
    }
  }

  /// One model's line, points by increasing training subjects.
  public struct Line: Sendable, Equatable {
    public var model: String
    public var input: ModelInput
    public var points: [Point]

    public init(model: String, input: ModelInput, points: [Point]) {
      self.model = model; self.input = input; self.points = points.sorted { $0.trainSubjects < $1.trainSubjects }
    }

    /// The point with `k` training subjects, if any.
    public func point(_ k: Int) -> Point? { points.first { $0.trainSubjects == k } }
  }

  /// The lines, in model order.
  public var lines: [Line]

  public init(lines: [Line]) { self.lines = lines }

  /// Every size of any line, ascending.
  public var sizes: [Int] { Array(Set(lines.flatMap { $0.points.map(\.trainSubjects) })).sorted() }

  /// The curve of a run: every model with learning-curve groups; nil when there are none
  /// or no cell finished.
  init?(results: ExperimentResults, runSeed: UInt64) {
    let m = results.metadata
    let groups = m.plannedGroups
    let kinds = Dictionary(m.splitKinds.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    let curveModels = m.models.filter { d in groups.contains { $0.role == .learningCurve && $0.model == d.name } }
    var lines: [Line] = []
    for d in curveModels {
      var splits = groups.filter { $0.role == .learningCurve && $0.model == d.name }.map(\.split)
      if !splits.contains(SplitKind.official.name) { splits.append(SplitKind.official.name) }
      let points: [Point] = splits.compactMap { split in
        let cells = results.cells.filter { $0.key.model == d.name && $0.key.split == split }
          .sorted { ($0.key.fold, $0.key.seedIndex) < ($1.key.fold, $1.key.seedIndex) }
        guard let first = cells.first else { return nil }
        let k: Int
        if case let .officialSubset(n, _)? = kinds[split] { k = n } else { k = first.trainSubjects?.count ?? 0 }
        // The seed of the model's own summary on this split (`ModelSummary`), so the
        // official point's interval is the one of the main table, to the last digit.
        let seed = SeededGenerator.derive(seed: SeedTree.bootstrapSeed(run: runSeed, label: "\(d.name)/\(split)"), 1)
        return Self.point(cells, trainSubjects: k, split: split, seed: seed)
      }
      if !points.isEmpty { lines.append(Line(model: d.name, input: d.input, points: points)) }
    }
    guard !lines.isEmpty else { return nil }
    self.lines = lines
  }

  /// A point from its cells: mean accuracy, and the bootstrap with each cell as a run.
  static func point(_ cells: [CellRecord], trainSubjects: Int, split: String, seed: UInt64) -> Point {
    let accuracy = cells.map(\.metrics.accuracy).reduce(0, +) / Double(cells.count)
    var interval: ConfidenceInterval? = nil
    let runs = cells.compactMap { cell in
      cell.subjectConfusions.map { $0.map { SubjectTally(subject: $0.subject, correct: $0.matrix.correct, total: $0.matrix.total) } }
    }
    if runs.count == cells.count, let subjects = runs.first?.map(\.subject), runs.allSatisfy({ $0.map(\.subject) == subjects }) {
      interval = SubjectBootstrap.accuracyInterval(runs: runs, seed: seed)
    }
    return Point(trainSubjects: trainSubjects, split: split, accuracy: accuracy, interval: interval, runs: cells.count)
  }

  /// The generated paragraph: for the best features model against each raw-signal model,
  /// the first size at which the raw model reaches or passes it, and the gaps at the
  /// smallest and largest common sizes.
  public var crossings: String {
    let features = lines.filter { $0.input == .features }
    let raw = lines.filter { $0.input == .raw }
    guard let best = features.max(by: { ($0.points.last?.accuracy ?? 0) < ($1.points.last?.accuracy ?? 0) }) else {
      return "No model on handcrafted features is on the curve, so no crossing can be said."
    }
    guard !raw.isEmpty else { return "No raw-signal model is on the curve, so no crossing can be said." }
    var s: [String] = []
    for r in raw {
      let common = best.points.map(\.trainSubjects).filter { r.point($0) != nil }
      guard let low = common.first, let high = common.last else {
        s.append("\(r.model) and \(best.model) share no size of the curve.")
        continue
      }
      let f = { (k: Int) in best.point(k)!.accuracy }, g = { (k: Int) in r.point(k)!.accuracy }
      if let k = common.first(where: { g($0) >= f($0) }) {
        let already = k == low ? " already" : " first"
        s.append("**\(r.model)** (raw signals)\(already) reaches or passes **\(best.model)** (features) with \(subjects(k)): \(pct(g(k))) % against \(pct(f(k))) %.")
      } else {
        s.append("**\(r.model)** (raw signals) stays below **\(best.model)** (features) at every size from \(subjects(low)) to \(subjects(high)).")
      }
      s.append("The gap (\(best.model) − \(r.model)) is \(points(f(low) - g(low))) points with \(subjects(low)) and \(points(f(high) - g(high))) points with \(subjects(high)).")
    }
    return s.joined(separator: " ")
  }

  private func subjects(_ k: Int) -> String { k == 1 ? "1 training subject" : "\(k) training subjects" }
  private func points(_ x: Double) -> String { String(format: "%+.2f", 100 * x) }
}
