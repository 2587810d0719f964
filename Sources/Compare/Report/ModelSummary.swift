// One model on one split, summarised over its cells (seeds × folds).
//
// Aggregation rules:
// - Mean ± sd over cells for every metric (the "± over runs" column): what varies with
//   the seed (and fold), nothing else.
// - The 95 % interval on accuracy is a subject bootstrap (`SubjectBootstrap`): test
//   subjects and seeds resampled, each seed's folds pooled per subject, so classical and
//   deep models get the same method and it never leaves [0, 1]. Cells written before
//   per-subject results were recorded (format 1) fall back to a Student t interval over
//   runs clipped to [0, 1], or a Wilson interval for a single run, and say so.
// - Per-class precision/recall/F1 and the confusion matrix are pooled: the confusion
//   matrices of all cells are summed, then the per-class rates are computed once.
import LinearAlgebra

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
  public var balancedAccuracy: RunSummary
  /// The 95 % interval on accuracy (subject bootstrap; see the file comment for old cells).
  public var accuracyInterval: ConfidenceInterval
  /// Per seed index, one confusion matrix per test subject (`subjects`), folds pooled;
  /// nil for cells without per-subject results.
  public var subjectRuns: [[ConfusionMatrix]]?
  /// The test subjects of `subjectRuns`, sorted.
  public var subjects: [Int]
  /// Inference-mode accuracy on the windows fitted on, over the cells that measured it.
  public var trainingAccuracy: RunSummary?
  /// Keras's training accuracy: the running accuracy of the last epoch, dropout on
  /// (deep models; what `fit` prints).
  public var kerasTrainingAccuracy: RunSummary?
  /// The same, as binary accuracy (what Keras prints under binary cross-entropy).
  public var kerasTrainingBinaryAccuracy: RunSummary?
  /// Keras's binary accuracy on the test windows (models with probabilities).
  public var binaryAccuracy: RunSummary?
  /// Summed confusion matrix over the cells.
  public var confusion: ConfusionMatrix
  /// Per-class metrics of the summed confusion matrix.
  public var pooled: ClassificationMetrics
  public var parameters: Int
  public var epochs: RunSummary
  public var fitSeconds: RunSummary
  /// Windows and subjects the first cell was fitted on (equal across the models of a
  /// fold; `ComparisonReport.trainingSets` checks it).
  public var trainWindows: Int
  public var trainSubjects: Int?
  /// Distinct solver notes of the cells.
  public var notes: [String]
  /// The seed the bootstrap intervals of this summary draw from.
  public let bootstrapSeed: UInt64

  init(model: ModelDescription, split: String, cells: [CellRecord], runSeed: UInt64) {
    precondition(!cells.isEmpty, "ModelSummary needs at least one cell")
    self.model = model; self.split = split; self.cells = cells
    bootstrapSeed = SeedTree.bootstrapSeed(run: runSeed, label: "\(model.name)/\(split)")
    accuracy = RunSummary(cells.map(\.metrics.accuracy))
    macroPrecision = RunSummary(cells.map(\.metrics.macroPrecision))
    macroRecall = RunSummary(cells.map(\.metrics.macroRecall))
    macroF1 = RunSummary(cells.map(\.metrics.macroF1))
    balancedAccuracy = RunSummary(cells.map(\.confusionMatrix.balancedAccuracy))
    (subjectRuns, subjects) = Self.subjectRuns(cells)
    if let runs = subjectRuns {
      accuracyInterval = SubjectBootstrap.accuracyInterval(runs: Self.tallies(runs, subjects: subjects),
                                                           seed: SeededGenerator.derive(seed: bootstrapSeed, 1))
    } else if let t = accuracy.interval {
      accuracyInterval = ConfidenceInterval(lower: max(0, t.lower), upper: min(1, t.upper), method: "t (clipped; cells lack per-subject results)")
    } else {
      accuracyInterval = wilsonInterval(successes: cells[0].correct, trials: cells[0].testWindows)
    }
    let training = cells.compactMap(\.trainingAccuracy)
    trainingAccuracy = training.count == cells.count ? RunSummary(training) : nil
    let running = cells.compactMap { $0.history.last?.trainAccuracy }
    kerasTrainingAccuracy = running.count == cells.count ? RunSummary(running) : nil
    let runningBinary = cells.compactMap { $0.history.last?.trainBinaryAccuracy }
    kerasTrainingBinaryAccuracy = runningBinary.count == cells.count && !runningBinary.isEmpty ? RunSummary(runningBinary) : nil
    let binary = cells.compactMap(\.testBinaryAccuracy)
    binaryAccuracy = binary.count == cells.count ? RunSummary(binary) : nil
    confusion = cells.dropFirst().reduce(cells[0].confusionMatrix) { $0 + $1.confusionMatrix }
    pooled = confusion.metrics
    parameters = cells[0].parameters
    epochs = RunSummary(cells.map { Double($0.epochs) })
    fitSeconds = RunSummary(cells.map(\.fitSeconds))
    trainWindows = cells[0].format >= 2 ? cells[0].trainWindows : cells[0].trainWindows - (cells[0].isDeep ? cells[0].validationWindows : 0)
    trainSubjects = cells[0].trainSubjects?.count
    var seen = Set<String>()
    notes = cells.flatMap(\.notes).filter { seen.insert($0).inserted }
  }

  /// Per seed index, the confusion matrices of every test subject (folds pooled), for
  /// the seeds whose cells cover every subject; nil if a cell lacks per-subject results.
  static func subjectRuns(_ cells: [CellRecord]) -> ([[ConfusionMatrix]]?, [Int]) {
    guard cells.allSatisfy({ $0.subjectConfusions != nil }) else { return (nil, []) }
    let subjects = Array(Set(cells.flatMap { $0.subjectConfusions!.map(\.subject) })).sorted()
    let k = cells[0].classNames.count
    var runs: [[ConfusionMatrix]] = []
    for seed in Array(Set(cells.map(\.key.seedIndex))).sorted() {
      var bySubject: [Int: ConfusionMatrix] = [:]
      for cell in cells where cell.key.seedIndex == seed {
        for s in cell.subjectConfusions! { bySubject[s.subject] = (bySubject[s.subject] ?? ConfusionMatrix(classCount: k)) + s.matrix }
      }
      if bySubject.count == subjects.count { runs.append(subjects.map { bySubject[$0]! }) }
    }
    return (runs.isEmpty ? nil : runs, subjects)
  }

  static func tallies(_ runs: [[ConfusionMatrix]], subjects: [Int]) -> [[SubjectTally]] {
    runs.map { run in zip(subjects, run).map { SubjectTally(subject: $0, correct: $1.correct, total: $1.total) } }
  }

  /// Per seed, correct and total test windows of every subject (folds pooled).
  public var subjectTallies: [[SubjectTally]]? { subjectRuns.map { Self.tallies($0, subjects: subjects) } }

  /// Per seed, the binary-accuracy tallies of every subject (folds pooled); nil without probabilities.
  public var binaryTallies: [[SubjectTally]]? {
    guard cells.allSatisfy({ $0.subjectBinaryTallies != nil }) else { return nil }
    var runs: [[SubjectTally]] = []
    for seed in Array(Set(cells.map(\.key.seedIndex))).sorted() {
      var bySubject: [Int: SubjectTally] = [:]
      for cell in cells where cell.key.seedIndex == seed {
        for t in cell.subjectBinaryTallies! {
          var sum = bySubject[t.subject] ?? SubjectTally(subject: t.subject, correct: 0, total: 0)
          sum.correct += t.correct; sum.total += t.total
          bySubject[t.subject] = sum
        }
      }
      if bySubject.count == subjects.count { runs.append(subjects.map { bySubject[$0]! }) }
    }
    return runs.isEmpty ? nil : runs
  }

  /// A metric of the pooled confusion matrices and its subject-bootstrap interval.
  public func measure(_ statistic: (ConfusionMatrix) -> Double, label: String) -> (value: Double, interval: ConfidenceInterval?) {
    guard let runs = subjectRuns else {
      let values = cells.map { statistic($0.confusionMatrix) }
      return (values.reduce(0, +) / Double(values.count), nil)
    }
    return (SubjectBootstrap.meanMetric(runs: runs, statistic: statistic),
            SubjectBootstrap.metricInterval(runs: runs, statistic: statistic,
                                            seed: SeedTree.bootstrapSeed(run: bootstrapSeed, label: label)))
  }
}
