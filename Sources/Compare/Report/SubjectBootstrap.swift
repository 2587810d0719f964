// Uncertainty from what actually varies: the people tested on, and the seeds.
//
// Decisions, in priority order:
// 1. The unit of resampling is the test subject, not the window. Windows of one person
//    overlap by half and share that person's gait, so they are not independent trials;
//    a Wilson interval over windows is far too narrow. Resampling whole subjects with
//    replacement (the cluster bootstrap for grouped data: Davison & Hinkley 1997,
//    "Bootstrap Methods and their Application", §3.8; Field & Welsh 2007, "Bootstrapping
//    clustered data", JRSS B 69(3)) keeps each person's windows together.
// 2. Seeds are resampled too (a two-stage bootstrap: seeds, then subjects), so the
//    interval also covers optimiser and initialisation noise. A model with one seed (or a
//    deterministic one) simply contributes that seed every time.
// 3. Accuracy of a draw is pooled — Σ correct / Σ windows over the drawn subjects — as
//    the reported accuracy is; the percentile interval (Efron & Tibshirani 1993, "An
//    Introduction to the Bootstrap", ch. 13) of the draws is reported. Accuracies are
//    fractions of counts, so the interval never leaves [0, 1].
// 4. Paired comparisons resample the same subjects for both models in each draw: the
//    difference keeps the between-subject correlation (a person hard for one model is
//    usually hard for the other), which is what makes a paired interval narrower and fair.
// 5. Deterministic: draws come from `SeededGenerator(seed:)`, so the same seed gives the
//    same interval to the last bit.
import LinearAlgebra

/// Correct and total test windows of one subject in one run.
public struct SubjectTally: Sendable, Equatable, Codable {
  public var subject: Int
  public var correct: Int
  public var total: Int

  public init(subject: Int, correct: Int, total: Int) {
    self.subject = subject; self.correct = correct; self.total = total
  }
}

/// The subject-level (cluster) bootstrap for accuracies and their differences.
public enum SubjectBootstrap {
  /// Draws; at least 2,000 so that the 2.5 % and 97.5 % percentiles rest on 50 draws each.
  public static let defaultDraws = 2000

  /// A 95 % percentile interval for the pooled accuracy of one model.
  ///
  /// - Parameters:
  ///   - runs: one array per seed, each with one tally per test subject; every run has the
  ///     same subjects in the same order (k-fold and LOSO runs pool their folds first, so a
  ///     subject appears once per run).
  ///   - draws: bootstrap draws, ≥ 1. Default `defaultDraws`.
  ///   - seed: the resampling seed.
  /// - Returns: the interval, clipped to [0, 1] (it cannot leave it), method "subject bootstrap".
  /// - Precondition: at least one run, at least one subject, equal subject lists, every
  ///   tally with 0 ≤ correct ≤ total, and every draw has windows (total > 0 for some subject).
  public static func accuracyInterval(runs: [[SubjectTally]], draws: Int = defaultDraws, seed: UInt64) -> ConfidenceInterval {
    let values = sampleAccuracies(runs: runs, draws: draws, seed: seed, paired: nil)
    return percentileInterval(values)
  }

  /// The difference of pooled accuracies, model A − model B, with a paired 95 % interval:
  /// each draw resamples one set of subjects for both models (and seeds for each).
  ///
  /// - Parameters:
  ///   - a, b: runs of the two models on the same test subjects (see `accuracyInterval`).
  /// - Returns: the observed difference (seed means), its interval, and per-subject wins.
  /// - Precondition: both models have the same subjects in the same order.
  public static func pairedDifference(_ a: [[SubjectTally]], _ b: [[SubjectTally]], draws: Int = defaultDraws,
                                      seed: UInt64) -> PairedDifference {
    precondition(!a.isEmpty && !b.isEmpty, "paired difference needs runs of both models")
    precondition(a[0].map(\.subject) == b[0].map(\.subject),
                 "paired difference needs the same test subjects: \(a[0].map(\.subject)) vs \(b[0].map(\.subject))")
    let differences = sampleAccuracies(runs: a, draws: draws, seed: seed, paired: b)
    let observed = meanPooledAccuracy(a) - meanPooledAccuracy(b)
    // Per subject: the seed-mean accuracy of each model on that person.
    var wins = 0, losses = 0, ties = 0
    for s in a[0].indices {
      let accuracyA = a.map { Double($0[s].correct) / Double(max($0[s].total, 1)) }.reduce(0, +) / Double(a.count)
      let accuracyB = b.map { Double($0[s].correct) / Double(max($0[s].total, 1)) }.reduce(0, +) / Double(b.count)
      if accuracyA > accuracyB { wins += 1 } else if accuracyA < accuracyB { losses += 1 } else { ties += 1 }
    }
    let interval = percentileInterval(differences, clip: -1...1)
    return PairedDifference(difference: observed, interval: interval, subjectWins: wins, subjectLosses: losses, subjectTies: ties)
  }

  /// The mean over runs of the pooled accuracy Σ correct / Σ total.
  public static func meanPooledAccuracy(_ runs: [[SubjectTally]]) -> Double {
    runs.map { run in Double(run.reduce(0) { $0 + $1.correct }) / Double(max(run.reduce(0) { $0 + $1.total }, 1)) }
      .reduce(0, +) / Double(runs.count)
  }

  /// Draws of the (paired difference of) seed-resampled, subject-resampled accuracy.
  static func sampleAccuracies(runs: [[SubjectTally]], draws: Int, seed: UInt64, paired other: [[SubjectTally]]?) -> [Double] {
    precondition(!runs.isEmpty && !runs[0].isEmpty, "the bootstrap needs at least one run with one subject")
    precondition(draws >= 1, "the bootstrap needs at least one draw, got \(draws)")
    let subjects = runs[0].count
    for run in runs + (other ?? []) {
      precondition(run.map(\.subject) == runs[0].map(\.subject), "every run needs the same subjects in the same order")
      precondition(run.allSatisfy { $0.correct >= 0 && $0.correct <= $0.total }, "tallies need 0 ≤ correct ≤ total")
    }
    var generator = SeededGenerator(seed: seed)
    var values = [Double](repeating: 0, count: draws)
    var drawn = [Int](repeating: 0, count: subjects)
    func pooled(_ runs: [[SubjectTally]], _ generator: inout SeededGenerator) -> Double {
      // Resample the seeds, then pool the drawn subjects of each drawn seed.
      var sum = 0.0
      for _ in 0..<runs.count {
        let run = runs[generator.nextInt(below: runs.count)]
        var correct = 0, total = 0
        for s in drawn { correct += run[s].correct; total += run[s].total }
        precondition(total > 0, "a bootstrap draw has no test windows: subjects without windows")
        sum += Double(correct) / Double(total)
      }
      return sum / Double(runs.count)
    }
    for d in 0..<draws {
      for i in 0..<subjects { drawn[i] = generator.nextInt(below: subjects) }
      let first = pooled(runs, &generator)
      values[d] = other.map { first - pooled($0, &generator) } ?? first
    }
    return values
  }

  /// The 2.5 % and 97.5 % percentiles (linear interpolation between order statistics,
  /// NumPy's default), clipped to `clip`.
  static func percentileInterval(_ values: [Double], clip: ClosedRange<Double> = 0...1) -> ConfidenceInterval {
    let sorted = values.sorted()
    func percentile(_ q: Double) -> Double {
      let position = q * Double(sorted.count - 1)
      let below = Int(position.rounded(.down)), above = min(below + 1, sorted.count - 1)
      let fraction = position - Double(below)
      return sorted[below] + fraction * (sorted[above] - sorted[below])
    }
    return ConfidenceInterval(lower: min(max(percentile(0.025), clip.lowerBound), clip.upperBound),
                              upper: min(max(percentile(0.975), clip.lowerBound), clip.upperBound),
                              method: "subject bootstrap")
  }
}

extension SubjectBootstrap {
  /// A 95 % percentile interval for any metric of a confusion matrix (accuracy, macro
  /// F1, balanced accuracy, …), by the same two-stage resampling as `accuracyInterval`:
  /// seeds, then subjects; each draw sums the drawn subjects' confusion matrices per
  /// drawn seed, takes the metric, and averages over the drawn seeds.
  ///
  /// - Parameters:
  ///   - runs: per seed, one confusion matrix per test subject, the same subjects in the
  ///     same order in every run.
  ///   - statistic: the metric, e.g. `\.accuracy`.
  ///   - clip: the metric's range; default [0, 1].
  /// - Precondition: at least one run with one subject; equal subject counts.
  public static func metricInterval(runs: [[ConfusionMatrix]], statistic: (ConfusionMatrix) -> Double,
                                    draws: Int = defaultDraws, seed: UInt64, clip: ClosedRange<Double> = 0...1) -> ConfidenceInterval {
    precondition(!runs.isEmpty && !runs[0].isEmpty, "the bootstrap needs at least one run with one subject")
    precondition(runs.allSatisfy { $0.count == runs[0].count }, "every run needs the same subjects")
    precondition(draws >= 1, "the bootstrap needs at least one draw, got \(draws)")
    let subjects = runs[0].count, k = runs[0][0].classCount
    var generator = SeededGenerator(seed: seed)
    var values = [Double](repeating: 0, count: draws)
    var drawn = [Int](repeating: 0, count: subjects)
    var counts = [Int](repeating: 0, count: k * k)
    for d in 0..<draws {
      for i in 0..<subjects { drawn[i] = generator.nextInt(below: subjects) }
      var sum = 0.0
      for _ in 0..<runs.count {
        let run = runs[generator.nextInt(below: runs.count)]
        for i in counts.indices { counts[i] = 0 }
        for s in drawn { for (i, c) in run[s].counts.enumerated() { counts[i] += c } }
        sum += statistic(ConfusionMatrix(rows: (0..<k).map { Array(counts[($0 * k)..<(($0 + 1) * k)]) }))
      }
      values[d] = sum / Double(runs.count)
    }
    return percentileInterval(values, clip: clip)
  }

  /// The mean over runs of the metric of each run's summed confusion matrix: the point
  /// estimate beside `metricInterval`.
  public static func meanMetric(runs: [[ConfusionMatrix]], statistic: (ConfusionMatrix) -> Double) -> Double {
    runs.map { run in statistic(run.dropFirst().reduce(run[0], +)) }.reduce(0, +) / Double(runs.count)
  }

  /// A − B for two models tested on different windows (the leakage check: a leaky split
  /// beside the subject split), with a 95 % interval from resampling each side's seeds
  /// and subjects independently. Nothing pairs the two sides, so this interval is wider
  /// than a paired one would be.
  public static func independentDifference(_ a: [[SubjectTally]], _ b: [[SubjectTally]], draws: Int = defaultDraws,
                                           seed: UInt64) -> (difference: Double, interval: ConfidenceInterval) {
    let left = sampleAccuracies(runs: a, draws: draws, seed: SeededGenerator.derive(seed: seed, 1), paired: nil)
    let right = sampleAccuracies(runs: b, draws: draws, seed: SeededGenerator.derive(seed: seed, 2), paired: nil)
    let interval = percentileInterval(zip(left, right).map { $0 - $1 }, clip: -1...1)
    return (meanPooledAccuracy(a) - meanPooledAccuracy(b), interval)
  }

  /// A 95 % percentile interval for the mean of per-run values (e.g. training accuracy,
  /// where the data is fixed and only the seed varies): resample the runs.
  public static func runInterval(_ values: [Double], draws: Int = defaultDraws, seed: UInt64,
                                 clip: ClosedRange<Double> = 0...1) -> ConfidenceInterval {
    precondition(!values.isEmpty, "the bootstrap needs at least one run")
    var generator = SeededGenerator(seed: seed)
    let means = (0..<draws).map { _ in
      (0..<values.count).reduce(0.0) { sum, _ in sum + values[generator.nextInt(below: values.count)] } / Double(values.count)
    }
    var interval = percentileInterval(means, clip: clip)
    interval.method = "run bootstrap"
    return interval
  }
}

/// Model A − model B on the same test subjects.
public struct PairedDifference: Sendable, Equatable, Codable {
  /// Mean pooled accuracy of A minus that of B (fractions).
  public var difference: Double
  /// Paired subject-bootstrap 95 % interval of the difference.
  public var interval: ConfidenceInterval
  /// Test subjects on which A's seed-mean accuracy is higher, lower, equal.
  public var subjectWins: Int
  public var subjectLosses: Int
  public var subjectTies: Int

  /// Whether the interval excludes 0: only then does a report call the two "separated".
  public var isSeparated: Bool { interval.lower > 0 || interval.upper < 0 }
}
