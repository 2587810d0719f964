// Metrics that published HAR numbers are reported in, beside plain accuracy, so that a
// claim can be reproduced in its own metric.

/// Keras's "binary accuracy": what `metrics=['accuracy']` reports when a model is compiled
/// with `binary_crossentropy` on one-hot labels. Keras then picks `BinaryAccuracy`, which
/// scores each of the K outputs separately:
/// ```
/// binary accuracy = 1/(n·K) Σᵢ Σₖ [ (pᵢₖ > 0.5) == yᵢₖ ]
/// ```
/// With 6 classes a model that predicts nothing above 0.5 already scores 5/6 = 83.3 %, and
/// a 90 %-accurate model typically scores ≈ 97 %: a number that looks like accuracy but is not.
///
/// - Parameters:
///   - probabilities: (n, K) row-major outputs in [0, 1].
///   - labels: (n) true classes in `0..<K`.
///   - classCount: K ≥ 1.
/// - Precondition: `probabilities.count == labels.count · K`; labels in range.
public func kerasBinaryAccuracy(probabilities: [Double], labels: [Int], classCount: Int) -> Double {
  precondition(classCount >= 1 && probabilities.count == labels.count * classCount,
               "binary accuracy needs (n, K) = (\(labels.count), \(classCount)) outputs, got \(probabilities.count)")
  guard !labels.isEmpty else { return 0 }
  var agree = 0
  for (i, label) in labels.enumerated() {
    precondition((0..<classCount).contains(label), "label \(label) outside 0..<\(classCount)")
    for k in 0..<classCount where (probabilities[i * classCount + k] > 0.5) == (k == label) { agree += 1 }
  }
  return Double(agree) / Double(labels.count * classCount)
}

extension ConfusionMatrix {
  /// Windows on the diagonal.
  public var correct: Int { (0..<classCount).reduce(0) { $0 + self[$1, $1] } }

  /// F1 averaged over classes weighted by their support (scikit-learn's
  /// `f1_score(average="weighted")`); 0 for an empty matrix.
  public var weightedF1: Double {
    let support = self.support, n = total
    guard n > 0 else { return 0 }
    let f1 = metrics.f1
    return (0..<classCount).reduce(0.0) { $0 + f1[$1] * Double(support[$1]) } / Double(n)
  }

  /// Balanced accuracy: the mean recall over the classes that occur in the test set
  /// (scikit-learn's `balanced_accuracy_score`); 0 for an empty matrix.
  public var balancedAccuracy: Double {
    let support = self.support
    let present = (0..<classCount).filter { support[$0] > 0 }
    guard !present.isEmpty else { return 0 }
    return present.reduce(0.0) { $0 + Double(self[$1, $1]) / Double(support[$1]) } / Double(present.count)
  }
}

/// The majority-class baseline: always predict the most frequent training class (the
/// lowest class index on ties), the floor every model must clear.
public struct MajorityBaseline: Sendable, Equatable {
  /// The predicted class.
  public let majorityClass: Int

  /// - Parameters:
  ///   - trainingLabels: (n) labels in `0..<classCount`, n ≥ 1.
  ///   - classCount: K ≥ 1.
  /// - Precondition: labels in range and not empty.
  public init(trainingLabels: [Int], classCount: Int) {
    precondition(!trainingLabels.isEmpty, "the majority baseline needs training labels")
    var counts = [Int](repeating: 0, count: classCount)
    for label in trainingLabels {
      precondition((0..<classCount).contains(label), "label \(label) outside 0..<\(classCount)")
      counts[label] += 1
    }
    majorityClass = counts.indices.max { a, b in counts[a] < counts[b] || (counts[a] == counts[b] && a > b) }!
  }

  /// The confusion matrix of the baseline on `testLabels`.
  public func confusion(testLabels: [Int], classCount: Int) -> ConfusionMatrix {
    ConfusionMatrix(truth: testLabels, predicted: [Int](repeating: majorityClass, count: testLabels.count), classCount: classCount)
  }
}
