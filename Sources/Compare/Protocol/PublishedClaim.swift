// The published numbers our presets come from, kept as data beside their sources, and
// the rule that compares each with our reproduction.
//
// Verdict rule (also in docs/compare.md): let [L, U] be our 95 % interval for the
// quantity the claim measured (test accuracy on the primary subject split, or training
// accuracy for a claim that reported training accuracy): a Student t interval over seeds
// (and folds), or for a single run a Wilson interval over the windows. With the margin
// m = 1 percentage point (for differences of data version and protocol we cannot
// remove, e.g. the v2.1 labels moved some windows of the v1.0 test set):
//
//     claim > U + m          → "above what we reproduce"
//     claim < L − m          → "below what we reproduce"
//     otherwise              → "consistent"
//
// A claim whose model was not run gets "not run".

/// Which of our numbers a claim is compared with.
public enum ClaimQuantity: String, Sendable, Codable {
  /// Our test accuracy on the primary subject split.
  case testAccuracy
  /// Our training accuracy (the claim reported accuracy on its training data).
  case trainingAccuracy
}

/// One published accuracy claim.
public struct PublishedClaim: Sendable, Equatable, Codable {
  /// Our model (preset) name, e.g. "cnn-lstm".
  public var model: String
  /// The architecture as the source describes it.
  public var architecture: String
  /// The claimed accuracy, a fraction in [0, 1].
  public var accuracy: Double
  /// What the claim was measured on, as far as the source says.
  public var measuredOn: String
  /// Which of our numbers it is compared with.
  public var comparedWith: ClaimQuantity
  /// Where the claim comes from, and what we had to guess.
  public var source: String

  public init(model: String, architecture: String, accuracy: Double, measuredOn: String,
              comparedWith: ClaimQuantity = .testAccuracy, source: String) {
    self.model = model; self.architecture = architecture; self.accuracy = accuracy
    self.measuredOn = measuredOn; self.comparedWith = comparedWith; self.source = source
  }

  private static let fourModelComparison =
    "One comparison of four Keras models on UCI HAR; its figures are not legible, so the layer sizes are the common Keras versions (our choice; see the Deep presets)."

  /// The claims of issue 6, in report order.
  public static let all: [PublishedClaim] = [
    PublishedClaim(model: "cnn-lstm", architecture: "CNN+LSTM", accuracy: 0.9237,
                   measuredOn: "UCI HAR test set (split not legible)", source: fourModelComparison),
    PublishedClaim(model: "lstm2", architecture: "multi-layer LSTM", accuracy: 0.9205,
                   measuredOn: "UCI HAR test set (split not legible)", source: fourModelComparison),
    PublishedClaim(model: "cnn", architecture: "1D-CNN", accuracy: 0.9152,
                   measuredOn: "UCI HAR test set (split not legible)", source: fourModelComparison),
    PublishedClaim(model: "lstm", architecture: "single-layer LSTM", accuracy: 0.9091,
                   measuredOn: "UCI HAR test set (split not legible)", source: fourModelComparison),
    PublishedClaim(model: "cnn-lstm-deep", architecture: "3 × (Conv1D + MaxPool) → 2 LSTM + dropout 0.5 → 2 dense; Adam 1e-3, 10 epochs, batch 32",
                   accuracy: 0.947, measuredOn: "UCI HAR test set",
                   source: "A deeper CNN-LSTM on UCI HAR raw signals."),
    PublishedClaim(model: "cnn-lstm-wide", architecture: "Conv1D 128 k4 → MaxPool → dropout → Conv1D 128 k4 → MaxPool → 2 × LSTM 100 → dense 100 → dense 6; Adam, 100 epochs, batch 32",
                   accuracy: 0.988, measuredOn: "its TRAINING data (not a test set)", comparedWith: .trainingAccuracy,
                   source: "A wide CNN-LSTM on UCI HAR. 98.8 % is its training accuracy; compare it with our training accuracy, not our test accuracy."),
    PublishedClaim(model: "cnn-lstm-wide", architecture: "same model, validation accuracy", accuracy: 0.956,
                   measuredOn: "its validation set", source: "The same source's validation accuracy, the number to set beside a test accuracy."),
    PublishedClaim(model: "lstm-bn", architecture: "2 × LSTM 30 with batch normalisation → dense 15 → dense 6; Adam 2e-3",
                   accuracy: 0.92, measuredOn: "UCI HAR test set",
                   source: "An LSTM with batch normalisation on UCI HAR; the same source reports 88 % without batch normalisation."),
    PublishedClaim(model: "linear-svc", architecture: "linear SVC on the 561 features", accuracy: 0.9667,
                   measuredOn: "official UCI HAR v1.0 feature files, official split",
                   source: "Classical baselines on the official v1.0 feature files. Our features are recomputed from the raw HAPT recordings, whose v2.1 labels moved some windows, so the test set is not identical."),
    PublishedClaim(model: "logistic-regression", architecture: "logistic regression on the 561 features", accuracy: 0.9583,
                   measuredOn: "official UCI HAR v1.0 feature files, official split",
                   source: "As for linear SVC: official v1.0 feature files."),
    PublishedClaim(model: "decision-tree", architecture: "decision tree on the 561 features", accuracy: 0.8717,
                   measuredOn: "official UCI HAR v1.0 feature files, official split",
                   source: "As for linear SVC: official v1.0 feature files."),
  ]
}

/// The outcome of comparing a claim with our reproduction.
public enum ClaimVerdict: String, Sendable, Codable {
  case consistent = "consistent"
  case above = "above what we reproduce"
  case below = "below what we reproduce"
  case notRun = "not run"

  /// The margin m of the verdict rule: 1 percentage point.
  public static let margin = 0.01

  /// Applies the verdict rule to a claimed fraction and our 95 % interval.
  public init(claim: Double, interval: ConfidenceInterval?, margin: Double = ClaimVerdict.margin) {
    guard let interval else { self = .notRun; return }
    if claim > interval.upper + margin { self = .above }
    else if claim < interval.lower - margin { self = .below }
    else { self = .consistent }
  }
}
