// The statistics of a trustworthy report: the subject bootstrap on hand-made cases, the
// paired difference, Keras binary accuracy worked by hand, balanced accuracy and the
// majority baseline.
import Compare
import Testing

@Suite struct SubjectBootstrapTests {
  static func tallies(_ pairs: [(Int, Int)]) -> [SubjectTally] {
    pairs.enumerated().map { SubjectTally(subject: $0.offset + 1, correct: $0.element.0, total: $0.element.1) }
  }

  @Test func oneSubjectCarryingAllErrorsGivesAWideInterval() {
    // 9 subjects, 100 windows each, 900 windows in all, 90 errors.
    let concentrated = Self.tallies([(10, 100)] + Array(repeating: (100, 100), count: 8))  // one person: 90 errors
    let spread = Self.tallies(Array(repeating: (90, 100), count: 9))                        // 10 errors each
    let a = SubjectBootstrap.accuracyInterval(runs: [concentrated], seed: 1)
    let b = SubjectBootstrap.accuracyInterval(runs: [spread], seed: 1)
    // Same pooled accuracy (90 %) ...
    #expect(SubjectBootstrap.meanPooledAccuracy([concentrated]) == 0.9 && SubjectBootstrap.meanPooledAccuracy([spread]) == 0.9)
    // ... but when one person carries every error, whether the draw includes that person
    // moves the accuracy by up to ~10 points: wide. Spread errors: no spread at all.
    #expect(a.upper - a.lower > 0.10, "\(a)")
    #expect(a.upper == 1.0, "draws without the hard subject score 100 %: \(a)")
    #expect(b.lower == 0.9 && b.upper == 0.9, "\(b)")
    #expect(a.method == "subject bootstrap")
  }

  @Test func intervalStaysInsideZeroToOneAndIsDeterministic() {
    let perfect = Self.tallies(Array(repeating: (50, 50), count: 5))
    let i = SubjectBootstrap.accuracyInterval(runs: [perfect, perfect], seed: 3)
    #expect(i.lower == 1 && i.upper == 1)
    let mixed = Self.tallies([(40, 50), (50, 50), (45, 50), (20, 50)])
    #expect(SubjectBootstrap.accuracyInterval(runs: [mixed], seed: 9) == SubjectBootstrap.accuracyInterval(runs: [mixed], seed: 9))
    let other = SubjectBootstrap.accuracyInterval(runs: [mixed], seed: 10)
    #expect(other.lower >= 0 && other.upper <= 1)
  }

  @Test func seedNoiseWidensTheInterval() {
    // Identical subjects; two seeds that differ by 10 points uniformly.
    let high = Self.tallies(Array(repeating: (95, 100), count: 6))
    let low = Self.tallies(Array(repeating: (85, 100), count: 6))
    let one = SubjectBootstrap.accuracyInterval(runs: [high], seed: 4)
    let two = SubjectBootstrap.accuracyInterval(runs: [high, low], seed: 4)
    #expect(one.upper - one.lower == 0)
    // Resampling two seeds gives means 0.85, 0.90 or 0.95.
    #expect(two.lower == 0.85 && two.upper == 0.95, "\(two)")
  }

  @Test func pairedDifferenceAndPerSubjectWins() {
    let a = Self.tallies([(90, 100), (95, 100), (80, 100), (99, 100)])
    let b = Self.tallies([(85, 100), (90, 100), (82, 100), (94, 100)])
    let d = SubjectBootstrap.pairedDifference([a], [b], seed: 5)
    #expect(abs(d.difference - (364.0 - 351.0) / 400) < 1e-12)
    #expect(d.subjectWins == 3 && d.subjectLosses == 1 && d.subjectTies == 0)
    // Per-subject differences are +5, +5, −2, +5 points: the paired interval lies
    // inside [−2, +5] points, and a model against itself is exactly 0.
    #expect(d.interval.lower >= -0.02 - 1e-12 && d.interval.upper <= 0.05 + 1e-12, "\(d.interval)")
    let same = SubjectBootstrap.pairedDifference([a], [a], seed: 5)
    #expect(same.difference == 0 && same.interval.lower == 0 && same.interval.upper == 0 && !same.isSeparated)
    let clear = SubjectBootstrap.pairedDifference([a], [Self.tallies([(50, 100), (55, 100), (40, 100), (60, 100)])], seed: 5)
    #expect(clear.isSeparated && clear.interval.lower > 0.3)
  }
}

@Suite struct ProtocolMetricTests {
  @Test func kerasBinaryAccuracyWorkedByHand() {
    // Two windows, three classes.
    // Window 0, label 0, outputs (0.7, 0.2, 0.1): (T,F,F) vs (1,0,0) → 3 agree.
    // Window 1, label 2, outputs (0.4, 0.35, 0.25): (F,F,F) vs (0,0,1) → 2 agree
    // (argmax says class 0: plain accuracy 1/2).
    let p = [0.7, 0.2, 0.1, 0.4, 0.35, 0.25]
    #expect(kerasBinaryAccuracy(probabilities: p, labels: [0, 2], classCount: 3) == 5.0 / 6.0)
    // A model that outputs nothing above 0.5 on 6 classes scores 5/6.
    #expect(kerasBinaryAccuracy(probabilities: [Double](repeating: 1.0 / 6, count: 6), labels: [3], classCount: 6) == 5.0 / 6.0)
  }

  @Test func balancedAccuracyAndMajorityBaseline() {
    let baseline = MajorityBaseline(trainingLabels: [0, 1, 1, 2, 2], classCount: 3)
    #expect(baseline.majorityClass == 1, "ties break to the lowest class")
    let confusion = baseline.confusion(testLabels: [0, 1, 1, 1, 2], classCount: 3)
    #expect(confusion.accuracy == 0.6)
    #expect(abs(confusion.balancedAccuracy - 1.0 / 3) < 1e-15)
    let m = ConfusionMatrix(rows: [[3, 1], [0, 1]])
    #expect(abs(m.balancedAccuracy - (0.75 + 1) / 2) < 1e-15)
  }
}
