// A cell file read back by `--resume` is outside input: it may have been edited, damaged
// or written by another version. Every number the report derives from it is checked
// here, so a bad cell is recomputed (with a warning) instead of trusted — or trapping
// in the report code (a 2 × 2 confusion matrix for 6 classes, a negative count, an
// accuracy that does not match the confusion matrix).
import Foundation

extension CellRecord {
  /// The format version this build writes.
  public static let currentFormat = 2
  /// The formats it reads: 1 lacks per-subject tallies (its report has no subject
  /// bootstrap interval); a resumed run recomputes such cells.
  public static let readableFormats = 1...2

  /// Checks that the record is internally consistent.
  ///
  /// Rules: format is `currentFormat`; K = `classNames.count` ≥ 1; the confusion matrix
  /// is K × K of non-negative counts summing to `testWindows` ≥ 1; window counts are
  /// ≥ 0; fold and seed index are ≥ 0; `cellSeed` is a decimal `UInt64`; every rate
  /// is finite in [0, 1] and the per-class arrays have K entries; the accuracy equals
  /// correct / testWindows (to 1e-9); times are in [0, 1e9) seconds; parameters and epochs ≥ 0;
  /// history entries are numbered 1, 2, … with accuracies in [0, 1] and finite losses ≥ 0.
  ///
  /// - Parameter file: the cell file's path, for the message.
  /// - Throws: `CompareError.invalidCell` naming the file, what was expected and found.
  public func validate(file: String) throws {
    func fail(_ expected: String, _ found: String) -> CompareError {
      .invalidCell(file: file, expected: expected, found: found)
    }
    func rate(_ value: Double, _ name: String) throws {
      guard value.isFinite, (0...1).contains(value) else { throw fail("\(name) in [0, 1]", "\(value)") }
    }
    guard Self.readableFormats.contains(format) else {
      throw fail("format \(Self.readableFormats.lowerBound)…\(Self.readableFormats.upperBound)", "format \(format)")
    }
    if format >= 2 {
      let k = classNames.count
      guard let subjects = subjectConfusions, let trainSubjects else { throw fail("subjectConfusions and trainSubjects (format 2)", "none") }
      guard Set(subjects.map(\.subject)).count == subjects.count, !subjects.isEmpty else {
        throw fail("one confusion matrix per test subject", "\(subjects.map(\.subject))")
      }
      var sum = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
      for s in subjects {
        guard s.confusion.count == k, s.confusion.allSatisfy({ $0.count == k && $0.allSatisfy { $0 >= 0 && $0 <= testWindows } }) else {
          throw fail("a \(k) × \(k) confusion matrix of counts in 0…\(testWindows) for subject \(s.subject)", "\(s.confusion)")
        }
        for t in 0..<k { for p in 0..<k { sum[t][p] += s.confusion[t][p] } }
      }
      guard sum == confusion else { throw fail("per-subject confusion matrices summing to the cell's confusion matrix", "\(sum)") }
      guard trainSubjects == trainSubjects.sorted() else { throw fail("sorted trainSubjects", "\(trainSubjects)") }
      if let b = testBinaryAccuracy { try rate(b, "testBinaryAccuracy") }
      if let tallies = subjectBinaryTallies {
        guard tallies.allSatisfy({ $0.correct >= 0 && $0.correct <= $0.total && $0.total >= 1 && $0.total <= testWindows * k }) else {
          throw fail("binary tallies with 0 ≤ correct ≤ total ≤ test windows × K", "\(tallies.map { "\($0.correct)/\($0.total)" })")
        }
      }
    }
    let k = classNames.count
    guard k >= 1 else { throw fail("at least one class name", "none") }
    guard confusion.count == k, confusion.allSatisfy({ $0.count == k }) else {
      throw fail("a \(k) × \(k) confusion matrix (one row and column per class)",
                 "\(confusion.count) rows of lengths \(confusion.map(\.count))")
    }
    guard confusion.allSatisfy({ $0.allSatisfy { $0 >= 0 } }) else { throw fail("non-negative confusion counts", "a negative count") }
    guard trainWindows >= 0, validationWindows >= 0, testWindows >= 1 else {
      throw fail("train and validation windows ≥ 0 and test windows ≥ 1",
                 "\(trainWindows), \(validationWindows) and \(testWindows)")
    }
    // Summed with overflow detection: a hostile count near Int.max must not trap.
    var total = 0
    for row in confusion {
      for count in row {
        let (sum, overflow) = total.addingReportingOverflow(count)
        guard !overflow else { throw fail("confusion counts that fit an integer", "counts that overflow") }
        total = sum
      }
    }
    guard total == testWindows else { throw fail("confusion counts summing to testWindows = \(testWindows)", "\(total)") }
    guard key.fold >= 0, key.seedIndex >= 0 else { throw fail("fold and seed index ≥ 0", "\(key.fold) and \(key.seedIndex)") }
    guard UInt64(cellSeed) != nil else { throw fail("a decimal seed in cellSeed", "\"\(cellSeed)\"") }
    try rate(metrics.accuracy, "accuracy")
    try rate(metrics.macroPrecision, "macroPrecision")
    try rate(metrics.macroRecall, "macroRecall")
    try rate(metrics.macroF1, "macroF1")
    for (name, values) in [("precision", metrics.precision), ("recall", metrics.recall), ("f1", metrics.f1)] {
      guard values.count == k else { throw fail("\(k) per-class \(name) values", "\(values.count)") }
      for v in values { try rate(v, name) }
    }
    guard metrics.support.count == k, metrics.support.allSatisfy({ $0 >= 0 }) else {
      throw fail("\(k) non-negative per-class supports", "\(metrics.support)")
    }
    let correct = (0..<k).reduce(0) { $0 + confusion[$1][$1] }
    guard abs(metrics.accuracy - Double(correct) / Double(testWindows)) <= 1e-9 else {
      throw fail("accuracy = correct / test windows = \(correct)/\(testWindows)", "\(metrics.accuracy)")
    }
    if let trainingAccuracy { try rate(trainingAccuracy, "trainingAccuracy") }
    for (name, value) in [("fitSeconds", fitSeconds), ("predictSeconds", predictSeconds), ("wallSeconds", wallSeconds)] {
      // 1e9 s is 31 years: beyond it only a damaged file, and sums of squares would overflow.
      guard value.isFinite, value >= 0, value < 1e9 else { throw fail("\(name) in [0, 1e9) seconds", "\(value)") }
    }
    guard parameters >= 0, epochs >= 0 else { throw fail("parameters and epochs ≥ 0", "\(parameters) and \(epochs)") }
    if let epochsOverride, epochsOverride < 1 { throw fail("epochsOverride ≥ 1", "\(epochsOverride)") }
    for (i, record) in history.enumerated() {
      let accuracies = [record.trainAccuracy] + [record.validationAccuracy].compactMap { $0 }
      let losses = [record.trainLoss] + [record.validationLoss].compactMap { $0 }
      guard record.epoch == i + 1, accuracies.allSatisfy({ $0.isFinite && (0...1).contains($0) }),
            losses.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
        throw fail("history entry \(i + 1): epoch \(i + 1), accuracies in [0, 1], finite losses ≥ 0",
                   "epoch \(record.epoch), accuracies \(accuracies), losses \(losses)")
      }
    }
  }
}
