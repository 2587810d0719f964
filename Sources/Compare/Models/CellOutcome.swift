// What a model returns for one cell; the runner computes every metric from it.

/// What a model returns for one cell.
public struct CellOutcome: Sendable, Equatable {
  /// (nTest) predicted labels in `0..<classCount`, in the order of the test rows.
  public var predictions: [Int]
  /// Seconds spent fitting (wall clock).
  public var fitSeconds: Double
  /// Seconds spent predicting the test rows (wall clock).
  public var predictSeconds: Double
  /// Number of learned numbers (weights and biases; tree nodes for a tree).
  public var parameterCount: Int
  /// Epochs run (after early stopping); 0 for models not trained by epochs.
  public var epochs: Int
  /// Per-epoch history for deep models; empty otherwise.
  public var history: [EpochSummary]
  /// Accuracy on the rows the model was fitted on, in [0, 1], so reports show train
  /// beside test; nil if not measured.
  public var trainingAccuracy: Double?
  /// Solver notes worth keeping, e.g. "reached max iterations (1000)".
  public var notes: [String]
  /// (nTest, K) row-major class probabilities of the test rows, for metrics that need
  /// them (Keras's binary accuracy); nil for models without probabilities.
  public var testProbabilities: [Float]?
  /// Training rows the model held out of fitting itself (Keras's `validation_split`),
  /// beyond the fold's validation rows; 0 for most models.
  public var keptOutOfTraining: Int

  public init(predictions: [Int], fitSeconds: Double, predictSeconds: Double, parameterCount: Int,
              epochs: Int = 0, history: [EpochSummary] = [], trainingAccuracy: Double? = nil, notes: [String] = [],
              testProbabilities: [Float]? = nil, keptOutOfTraining: Int = 0) {
    self.predictions = predictions; self.fitSeconds = fitSeconds; self.predictSeconds = predictSeconds
    self.parameterCount = parameterCount; self.epochs = epochs; self.history = history
    self.trainingAccuracy = trainingAccuracy; self.notes = notes; self.testProbabilities = testProbabilities
    self.keptOutOfTraining = keptOutOfTraining
  }
}
