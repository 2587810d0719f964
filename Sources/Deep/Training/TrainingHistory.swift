// Per-epoch records of a training run, exportable as CSV.
import Foundation

/// What one epoch measured.
public struct EpochRecord: Sendable, Hashable {
  /// 1-based epoch number.
  public var epoch: Int
  /// Mean loss (`TrainingConfiguration.loss`) over the epoch's training batches (training
  /// mode, as Keras reports it).
  public var trainLoss: Double
  /// Fraction of training examples whose arg-max was right during the epoch (training mode).
  public var trainAccuracy: Double
  /// Mean loss on the validation set after the epoch (inference mode), if any.
  public var validationLoss: Double?
  /// Validation accuracy after the epoch, if any.
  public var validationAccuracy: Double?
  /// Wall-clock seconds of the epoch, validation included.
  public var seconds: Double
  /// The learning rate used.
  public var learningRate: Double
  /// Keras's running binary accuracy of the epoch (`BinaryAccuracy`): the fraction of the
  /// N·K softmax outputs whose (p > 0.5) matched the one-hot label, accumulated over the
  /// epoch's batches in training mode (dropout on), as Keras's `fit` reports "accuracy" for
  /// a model compiled with `binary_crossentropy`. Recorded whatever the loss. Nil only for
  /// epochs read from a version-1 checkpoint, written before it was recorded.
  public var trainBinaryAccuracy: Double? = nil
}

/// The records of every epoch run so far, oldest first.
public struct TrainingHistory: Sendable, Hashable {
  public var epochs: [EpochRecord] = []

  public init(epochs: [EpochRecord] = []) { self.epochs = epochs }

  /// `epoch,train_loss,train_accuracy,val_loss,val_accuracy,seconds,learning_rate,train_binary_accuracy`,
  /// one row per epoch; empty fields when there was no validation set (or no binary accuracy).
  public var csv: String {
    var lines = ["epoch,train_loss,train_accuracy,val_loss,val_accuracy,seconds,learning_rate,train_binary_accuracy"]
    for r in epochs {
      let fields = [
        "\(r.epoch)", "\(r.trainLoss)", "\(r.trainAccuracy)", r.validationLoss.map { "\($0)" } ?? "",
        r.validationAccuracy.map { "\($0)" } ?? "", String(format: "%.3f", r.seconds), "\(r.learningRate)",
        r.trainBinaryAccuracy.map { "\($0)" } ?? "",
      ]
      lines.append(fields.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Writes `csv` to `path` atomically.
  public func writeCSV(to path: String) throws {
    try Data(csv.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
  }
}

/// Progress of training, reported after every batch. The library prints nothing; the
/// caller decides (e.g. `har train` prints one line to stderr).
public struct TrainingProgress: Sendable {
  /// 1-based epoch and its total.
  public var epoch: Int, epochs: Int
  /// 1-based batch within the epoch and the number of batches per epoch.
  public var batch: Int, batches: Int
  /// Running mean loss and accuracy over the epoch's batches so far.
  public var loss: Double, accuracy: Double
  /// Seconds since the epoch started, and the estimated seconds until it ends.
  public var elapsedSeconds: Double, etaSeconds: Double
}

/// Why `fit` returned.
public enum StopReason: String, Sendable, Hashable {
  /// All epochs ran.
  case completed
  /// The validation loss did not improve for `patience` epochs.
  case earlyStopping
}

/// What `fit` returns: the history and the facts a report needs.
public struct TrainingResult: Sendable {
  /// One record per epoch, including epochs run before a resume.
  public var history: TrainingHistory
  /// 1-based epoch with the lowest validation loss, if there was a validation set.
  public var bestEpoch: Int?
  /// Why training stopped.
  public var stopReason: StopReason
  /// Whether the weights were put back to those of `bestEpoch`.
  public var restoredBestWeights: Bool
  /// Trainable parameters of the model.
  public var parameterCount: Int
  /// Wall-clock seconds of this call (excluding epochs before a resume).
  public var seconds: Double
  /// Epochs run in this call.
  public var epochsRun: Int
}
