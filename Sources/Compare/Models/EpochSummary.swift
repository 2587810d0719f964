// One epoch of a deep model's training history, as a comparison stores it.

/// One epoch of training history. Rates in [0, 1].
public struct EpochSummary: Sendable, Equatable, Codable {
  /// 1-based epoch.
  public var epoch: Int
  public var trainLoss: Double
  public var trainAccuracy: Double
  /// nil when no validation set was used.
  public var validationLoss: Double?
  public var validationAccuracy: Double?
  /// Keras's running binary accuracy of the epoch (dropout on): what `fit` prints as
  /// "accuracy" when the loss is binary cross-entropy; nil in cells written before it
  /// was recorded.
  public var trainBinaryAccuracy: Double?

  public init(epoch: Int, trainLoss: Double, trainAccuracy: Double, validationLoss: Double?, validationAccuracy: Double?,
              trainBinaryAccuracy: Double? = nil) {
    self.epoch = epoch; self.trainLoss = trainLoss; self.trainAccuracy = trainAccuracy
    self.validationLoss = validationLoss; self.validationAccuracy = validationAccuracy
    self.trainBinaryAccuracy = trainBinaryAccuracy
  }
}
