// Classification metrics, with scikit-learn's definitions and its `zero_division=0`
// convention (sklearn/metrics/_classification.py):
//
//     precision_k = TP_k / (TP_k + FP_k)        (column k of the confusion matrix)
//     recall_k    = TP_k / (TP_k + FN_k)        (row k)
//     F1_k        = 2 TP_k / (2 TP_k + FP_k + FN_k)
//
// Any ratio whose denominator is 0 is defined as 0 (a class never predicted has
// precision 0; a class absent from the test set has recall 0). Macro averages are the
// unweighted means over all K classes of the data, present in the test set or not,
// as scikit-learn's `average="macro"` with `labels=range(K)`.

/// Counts of (true class, predicted class) pairs: rows are true classes, columns
/// predicted classes, as scikit-learn's `confusion_matrix`.
public struct ConfusionMatrix: Sendable, Equatable, Codable {
  /// K, the number of classes.
  public let classCount: Int
  /// (K, K) counts, row-major: `counts[t * K + p]` windows of class t predicted as p.
  public private(set) var counts: [Int]

  /// An all-zero K × K matrix.
  public init(classCount: Int) {
    precondition(classCount > 0, "ConfusionMatrix needs at least one class, got \(classCount)")
    self.classCount = classCount
    self.counts = Array(repeating: 0, count: classCount * classCount)
  }

  /// The confusion matrix of `predicted` against `truth`.
  ///
  /// - Parameters:
  ///   - truth: (n) true labels in `0..<classCount`.
  ///   - predicted: (n) predicted labels in `0..<classCount`.
  /// - Precondition: equal counts and labels in range (the runner validates model output
  ///   before calling this).
  public init(truth: [Int], predicted: [Int], classCount: Int) {
    precondition(truth.count == predicted.count, "truth has \(truth.count) labels, predicted \(predicted.count)")
    self.init(classCount: classCount)
    for (t, p) in zip(truth, predicted) {
      precondition(t >= 0 && t < classCount && p >= 0 && p < classCount, "label pair (\(t), \(p)) outside 0..<\(classCount)")
      counts[t * classCount + p] += 1
    }
  }

  /// A matrix from K rows of K counts.
  /// - Precondition: square, non-negative.
  public init(rows: [[Int]]) {
    self.init(classCount: rows.count)
    for (t, row) in rows.enumerated() {
      precondition(row.count == classCount, "row \(t) has \(row.count) counts, expected \(classCount)")
      for (p, c) in row.enumerated() { precondition(c >= 0, "negative count"); counts[t * classCount + p] = c }
    }
  }

  /// Windows of true class `t` predicted as `p`.
  public subscript(t: Int, p: Int) -> Int { counts[t * classCount + p] }

  /// The element-wise sum (pooling folds or seeds).
  public static func + (a: ConfusionMatrix, b: ConfusionMatrix) -> ConfusionMatrix {
    precondition(a.classCount == b.classCount, "adding confusion matrices of \(a.classCount) and \(b.classCount) classes")
    var c = a
    for i in c.counts.indices { c.counts[i] += b.counts[i] }
    return c
  }

  /// Total number of windows.
  public var total: Int { counts.reduce(0, +) }
  /// Windows of each true class (row sums), (K).
  public var support: [Int] { (0..<classCount).map { t in (0..<classCount).reduce(0) { $0 + self[t, $1] } } }
  /// Windows predicted as each class (column sums), (K).
  public var predictedCounts: [Int] { (0..<classCount).map { p in (0..<classCount).reduce(0) { $0 + self[$1, p] } } }

  /// Fraction of windows on the diagonal, in [0, 1]; 0 for an empty matrix.
  public var accuracy: Double {
    let n = total
    return n == 0 ? 0 : Double((0..<classCount).reduce(0) { $0 + self[$1, $1] }) / Double(n)
  }

  /// Per-class precision, (K); 0 where no window was predicted as the class.
  public var precision: [Double] {
    let predicted = predictedCounts
    return (0..<classCount).map { k in Self.ratio(self[k, k], predicted[k]) }
  }

  /// Per-class recall, (K); 0 where the class has no windows.
  public var recall: [Double] {
    let support = self.support
    return (0..<classCount).map { k in Self.ratio(self[k, k], support[k]) }
  }

  /// Per-class F1, `2TP / (2TP + FP + FN)`, (K); 0 where the denominator is 0.
  public var f1: [Double] {
    let support = self.support, predicted = predictedCounts
    return (0..<classCount).map { k in
      let tp = self[k, k]
      return Self.ratio(2 * tp, support[k] + predicted[k])   // 2TP + FP + FN = support + predicted
    }
  }

  /// The summary metrics of this matrix.
  public var metrics: ClassificationMetrics {
    let p = precision, r = recall, f = f1
    let k = Double(classCount)
    return ClassificationMetrics(
      accuracy: accuracy, macroPrecision: p.reduce(0, +) / k, macroRecall: r.reduce(0, +) / k,
      macroF1: f.reduce(0, +) / k, precision: p, recall: r, f1: f, support: support)
  }

  /// The off-diagonal cell with the most windows, as (true, predicted, count); nil if
  /// every window is on the diagonal. Ties go to the smaller (true, predicted).
  public var mostConfusedPair: (truth: Int, predicted: Int, count: Int)? {
    var best: (Int, Int, Int)? = nil
    for t in 0..<classCount {
      for p in 0..<classCount where p != t && self[t, p] > 0 {
        if best == nil || self[t, p] > best!.2 { best = (t, p, self[t, p]) }
      }
    }
    return best.map { ($0.0, $0.1, $0.2) }
  }

  static func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
}

/// Accuracy and precision/recall/F1 of one set of predictions; rates are in [0, 1].
public struct ClassificationMetrics: Sendable, Equatable, Codable {
  public var accuracy: Double
  public var macroPrecision: Double
  public var macroRecall: Double
  public var macroF1: Double
  /// (K) per-class precision.
  public var precision: [Double]
  /// (K) per-class recall.
  public var recall: [Double]
  /// (K) per-class F1.
  public var f1: [Double]
  /// (K) true windows per class.
  public var support: [Int]
}
