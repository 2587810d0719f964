// The number a source reported, by what it measured. Many published HAR "accuracies"
// are not test accuracy: Keras prints the running training accuracy of the last epoch,
// `validation_data` is often the test set, and with `binary_crossentropy` Keras's
// "accuracy" is binary accuracy over the K outputs. Naming the metric lets the report
// measure the same quantity the source did.

/// What a published number measures.
public enum ClaimMetric: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
  /// Accuracy on held-out test windows.
  case testAccuracy = "test_accuracy"
  /// Accuracy on the training data, the Keras way: the running accuracy of the last
  /// epoch with dropout on (what `fit` prints). The inference-mode accuracy on the same
  /// windows is shown beside it.
  case trainingAccuracy = "training_accuracy"
  /// Keras's `val_accuracy`. The replica passes the test set as `validation_data`, as
  /// most HAR tutorials do, so this is measured on the test windows.
  case validationAccuracy = "validation_accuracy"
  /// Keras's binary accuracy on the test windows (`kerasBinaryAccuracy`).
  case kerasBinaryAccuracy = "keras_binary_accuracy"
  /// Macro-averaged F1, precision and recall over the classes, on the test windows.
  case macroF1 = "macro_f1"
  case macroPrecision = "macro_precision"
  case macroRecall = "macro_recall"
  /// Support-weighted F1 on the test windows (scikit-learn's `average="weighted"`).
  case weightedF1 = "weighted_f1"
  /// Epochs until the running training accuracy first reaches `PublishedClaim.threshold`.
  case epochsToTrainingAccuracy = "epochs_to_training_accuracy"

  /// For the report's "Metric" column.
  public var label: String {
    switch self {
    case .testAccuracy: "test accuracy"
    case .trainingAccuracy: "training accuracy"
    case .validationAccuracy: "validation accuracy"
    case .kerasBinaryAccuracy: "Keras binary accuracy"
    case .macroF1: "macro F1"
    case .macroPrecision: "macro precision"
    case .macroRecall: "macro recall"
    case .weightedF1: "weighted F1"
    case .epochsToTrainingAccuracy: "epochs to training accuracy"
    }
  }

  /// Whether the value is a rate in [0, 1] (all but the epoch count).
  public var isRate: Bool { self != .epochsToTrainingAccuracy }
}
