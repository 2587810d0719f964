// Keras's `BinaryAccuracy`, the "accuracy" Keras reports when a model is compiled with
// `binary_crossentropy`: each of the K outputs is a yes/no prediction (p > 0.5) scored
// against the one-hot label,
//
//     binary accuracy = 1/(N·K) Σ_n Σ_k [ (p[n, k] > 0.5) == y[n, k] ]
//
// (keras/src/metrics/accuracy_metrics.py `binary_accuracy`, threshold 0.5, strict >). With
// one-hot labels it flatters: a model that puts no output above 0.5 still scores (K − 1)/K.

/// Counts of Keras's binary-accuracy matches, for the running figure `fit` records.
public enum BinaryAccuracy {
  /// Keras's threshold: an output counts as "yes" when p > 0.5.
  public static let threshold = 0.5

  /// Binary accuracy of probabilities against integer labels.
  /// - Parameters:
  ///   - probabilities: p, (N, K) row-major, e.g. softmax outputs.
  ///   - labels: N integers in 0..<K.
  ///   - classes: K.
  /// - Returns: the fraction of the N·K outputs whose yes/no matches the one-hot label.
  /// - Precondition: N ≥ 1, `probabilities.count == labels.count · classes`, labels in 0..<K.
  public static func value<S: DeepScalar>(probabilities: [S], labels: [Int], classes: Int) -> Double {
    precondition(!labels.isEmpty && classes > 0 && probabilities.count == labels.count * classes,
                 "BinaryAccuracy: \(probabilities.count) probabilities for \(labels.count) × \(classes) outputs")
    precondition(labels.allSatisfy { (0..<classes).contains($0) }, "BinaryAccuracy: labels must be in 0..<\(classes)")
    let matched = probabilities.withUnsafeBufferPointer { p in
      labels.withUnsafeBufferPointer { y in matches(probabilities: p.baseAddress!, labels: y.baseAddress!, batch: labels.count, classes: classes) }
    }
    return Double(matched) / Double(probabilities.count)
  }

  /// The number of the B·K outputs whose (p > 0.5) equals the one-hot label.
  static func matches<S: DeepScalar>(probabilities p: UnsafePointer<S>, labels y: UnsafePointer<Int>,
                                     batch B: Int, classes K: Int) -> Int {
    let half = S(threshold)
    var count = 0
    for b in 0..<B {
      for k in 0..<K where (p[b * K + k] > half) == (k == y[b]) { count += 1 }
    }
    return count
  }
}
