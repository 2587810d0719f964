// The loss a training run minimises, chosen in `TrainingConfiguration.loss`.
//
// Both losses read the same softmax probabilities p (B, K) of the model's logits z; they
// differ in how they score p against the one-hot label. The model's last layer always
// produces logits, and softmax belongs to the loss, so one model trains under either loss.

/// Which loss `fit` minimises (and `evaluate` reports).
public enum LossKind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// Softmax cross-entropy, −(1/B) Σ_b log p[b, y_b] (`SoftmaxCrossEntropy`): Keras's
  /// `categorical_crossentropy` and `sparse_categorical_crossentropy`. The default.
  case softmaxCrossEntropy
  /// Keras's `binary_crossentropy` applied to softmax outputs and one-hot labels
  /// (`BinaryCrossEntropyOnSoftmax`): each of the K outputs scored as an independent
  /// yes/no, as many published HAR models were compiled.
  case binaryCrossEntropyOnSoftmax

  public var description: String { rawValue }

  /// Softmax of the logits into `probabilities`, and the loss summed (not averaged) over
  /// the batch, in Double. Counts into `correct` the rows whose arg-max (first on ties)
  /// equals the label.
  /// - Parameters: shapes as in `SoftmaxCrossEntropy.forward`: logits and probabilities (B, K), labels (B).
  func forward<S: DeepScalar>(probabilities p: UnsafeMutablePointer<S>, logits z: UnsafePointer<S>,
                              labels y: UnsafePointer<Int>, batch B: Int, classes K: Int, correct: inout Int) -> Double {
    let crossEntropy = SoftmaxCrossEntropy.forward(probabilities: p, logits: z, labels: y, batch: B, classes: K, correct: &correct)
    switch self {
    case .softmaxCrossEntropy: return crossEntropy
    case .binaryCrossEntropyOnSoftmax:
      return BinaryCrossEntropyOnSoftmax.sum(probabilities: UnsafePointer(p), labels: y, batch: B, classes: K)
    }
  }

  /// dL/dz (B, K) of the batch-mean loss, from the probabilities `forward` wrote.
  func backward<S: DeepScalar>(dLogits d: UnsafeMutablePointer<S>, probabilities p: UnsafePointer<S>,
                               labels y: UnsafePointer<Int>, batch B: Int, classes K: Int) {
    switch self {
    case .softmaxCrossEntropy: SoftmaxCrossEntropy.backward(dLogits: d, probabilities: p, labels: y, batch: B, classes: K)
    case .binaryCrossEntropyOnSoftmax:
      BinaryCrossEntropyOnSoftmax.backward(dLogits: d, probabilities: p, labels: y, batch: B, classes: K)
    }
  }
}
