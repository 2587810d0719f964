// Hyperparameters of a training run, validated before any work.

/// How to train: epochs, batches, optimizer, regularisation, early stopping, checkpoints.
///
/// Every property has a default; `validate()` (called by `fit`) throws naming the property
/// and the bad value.
public struct TrainingConfiguration: Sendable, Hashable {
  /// Passes over the training set. Must be ≥ 1. Default 20 (the protocol of issue 5's PyTorch comparison).
  public var epochs: Int
  /// Examples per mini-batch; the last, partial batch of an epoch is used too. Must be ≥ 1. Default 64.
  public var batchSize: Int
  /// The optimizer's step size. Must be > 0. Default 1e-3 (Adam's usual).
  public var learningRate: Double
  /// Update rule. Default Adam (β1 0.9, β2 0.999, ε 1e-8).
  public var optimizer: OptimizerKind
  /// The loss minimised, and the one the history's losses and the validation loss (hence
  /// early stopping) measure. Default `.softmaxCrossEntropy`; `.binaryCrossEntropyOnSoftmax`
  /// reproduces Keras models compiled with `binary_crossentropy` after a softmax.
  public var loss: LossKind
  /// λ of L2 weight decay on kernels (not biases, gamma or beta): the gradient gets + λ·w,
  /// i.e. the loss + (λ/2)·Σw² (Keras's `l2(λ/2)`, TensorFlow's λ·`l2_loss`). Must be ≥ 0.
  /// Default 0 (off). The reported loss is `loss` alone, without the penalty.
  public var weightDecay: Double
  /// If set, gradients are rescaled so that their global L2 norm is at most this value
  /// (Pascanu et al. 2013). Must be > 0. Default nil (off).
  public var gradientClipNorm: Double?
  /// Seeds the shuffling and the dropout masks (the weights are seeded when the model is built). Default 0.
  public var seed: UInt64
  /// Shuffle the training set each epoch. Default true.
  public var shuffle: Bool
  /// Early stopping: stop after this many epochs without an improvement of the validation
  /// loss (strictly lower). Needs a validation set. Must be ≥ 1. Default nil (train all epochs).
  public var patience: Int?
  /// With early stopping (`patience` set), put back the weights and running statistics of
  /// the epoch with the lowest validation loss when training ends, whether it stopped early
  /// or ran all epochs. Default true.
  public var restoreBestWeights: Bool
  /// If set, a checkpoint is written (atomically) to this path after every epoch.
  public var checkpointPath: String?

  public init(epochs: Int = 20, batchSize: Int = 64, learningRate: Double = 1e-3, optimizer: OptimizerKind = .adam(),
              loss: LossKind = .softmaxCrossEntropy, weightDecay: Double = 0, gradientClipNorm: Double? = nil, seed: UInt64 = 0, shuffle: Bool = true,
              patience: Int? = nil, restoreBestWeights: Bool = true, checkpointPath: String? = nil) {
    self.epochs = epochs
    self.batchSize = batchSize
    self.learningRate = learningRate
    self.optimizer = optimizer
    self.loss = loss
    self.weightDecay = weightDecay
    self.gradientClipNorm = gradientClipNorm
    self.seed = seed
    self.shuffle = shuffle
    self.patience = patience
    self.restoreBestWeights = restoreBestWeights
    self.checkpointPath = checkpointPath
  }

  /// - Throws: `TrainingError.invalidConfiguration` naming the property and its value.
  public func validate() throws {
    guard epochs >= 1 else { throw TrainingError.invalidConfiguration("epochs must be ≥ 1, got \(epochs)") }
    guard batchSize >= 1 else { throw TrainingError.invalidConfiguration("batchSize must be ≥ 1, got \(batchSize)") }
    guard learningRate > 0 && learningRate.isFinite else {
      throw TrainingError.invalidConfiguration("learningRate must be > 0, got \(learningRate)")
    }
    guard weightDecay >= 0 && weightDecay.isFinite else {
      throw TrainingError.invalidConfiguration("weightDecay must be ≥ 0, got \(weightDecay)")
    }
    if let clip = gradientClipNorm, !(clip > 0 && clip.isFinite) {
      throw TrainingError.invalidConfiguration("gradientClipNorm must be > 0, got \(clip)")
    }
    if let patience, patience < 1 { throw TrainingError.invalidConfiguration("patience must be ≥ 1, got \(patience)") }
    try optimizer.validate()
  }

  /// The settings a resumed run must share with the run that wrote the checkpoint for the
  /// result to equal an uninterrupted run (everything except epochs, patience and paths).
  /// The loss is named only when it is not the default, so that checkpoints written before
  /// the loss could be chosen (all softmax cross-entropy) still resume.
  var resumeFingerprint: String {
    "batchSize=\(batchSize) learningRate=\(learningRate) optimizer=\(optimizer) weightDecay=\(weightDecay) "
      + "gradientClipNorm=\(gradientClipNorm.map { "\($0)" } ?? "none") seed=\(seed) shuffle=\(shuffle)"
      + (loss == .softmaxCrossEntropy ? "" : " loss=\(loss)")
  }
}

/// Why training could not start or had to stop.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
  /// A hyperparameter is out of range.
  case invalidConfiguration(String)
  /// A dataset does not fit the model or is malformed.
  case invalidDataset(String)
  /// The loss (or the gradient norm) became NaN or infinite at 1-based `epoch` and `batch`.
  /// The model is put back to its weights at the start of that epoch, which are those of
  /// the last completed epoch and of the checkpoint on disk (if any).
  case nonFiniteLoss(epoch: Int, batch: Int, loss: Double, what: String)
  /// A checkpoint was written with different training settings than the resumed run.
  case resumeMismatch(expected: String, found: String)

  public var description: String {
    switch self {
    case let .invalidConfiguration(message): "invalid training configuration: \(message)"
    case let .invalidDataset(message): "invalid dataset: \(message)"
    case let .nonFiniteLoss(epoch, batch, loss, what):
      "training diverged: \(what) is \(loss) at epoch \(epoch), batch \(batch) (1-based); the model keeps the weights "
        + (epoch > 1 ? "of epoch \(epoch - 1), the last checkpoint" : "it started the epoch with")
        + "; try a lower learning rate or gradientClipNorm"
    case let .resumeMismatch(expected, found):
      "checkpoint was written with other training settings:\n  this run:   \(expected)\n  checkpoint: \(found)"
    }
  }
}
