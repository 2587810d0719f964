// Changes a protocol makes to a deep model's own training: the channels it reads, its
// epochs, batch, learning rate and loss, and a Keras-style `validation_split`. A claim's
// replica (`ClaimReplica`) is the model with the overrides of the claim's protocol, so
// the paper's setup runs without a new preset.
//
// Precedence (lowest first): the model's own settings, these overrides, then the run's
// epoch override (`ExperimentConfiguration.epochs`, e.g. `--quick`), which caps every
// deep model so that a smoke test stays quick.

/// Overrides of a deep model's training settings; every nil field keeps the model's own.
public struct TrainingOverrides: Sendable, Equatable, Hashable, Codable {
  /// The input channels; nil = all the data has.
  public var channels: ChannelSelection?
  public var epochs: Int?
  public var batchSize: Int?
  public var learningRate: Double?
  /// The loss, by its Keras name: `categorical_crossentropy` or `binary_crossentropy`.
  public var loss: String?
  /// Keras's `validation_split`: the last fraction of the training windows (in data
  /// order, before shuffling, as Keras takes them) is held out of training and used for
  /// the validation curves only.
  public var validationSplit: Double?

  public init(channels: ChannelSelection? = nil, epochs: Int? = nil, batchSize: Int? = nil, learningRate: Double? = nil,
              loss: String? = nil, validationSplit: Double? = nil) {
    self.channels = channels; self.epochs = epochs; self.batchSize = batchSize; self.learningRate = learningRate
    self.loss = loss; self.validationSplit = validationSplit
  }

  /// No overrides.
  public static let none = TrainingOverrides()

  /// The Keras loss names the overrides accept.
  public static let losses = ["categorical_crossentropy", "binary_crossentropy"]

  public var isEmpty: Bool { self == .none }

  /// These overrides with every field that `other` sets taken from `other`.
  public func overridden(by other: TrainingOverrides) -> TrainingOverrides {
    var merged = self
    if let c = other.channels { merged.channels = c }
    if let e = other.epochs { merged.epochs = e }
    if let b = other.batchSize { merged.batchSize = b }
    if let r = other.learningRate { merged.learningRate = r }
    if let l = other.loss { merged.loss = l }
    if let v = other.validationSplit { merged.validationSplit = v }
    return merged
  }

  /// - Throws: `CompareError.invalidOption` naming the property for a value out of range.
  public func validate() throws {
    let limits = ExperimentConfiguration.Limits.self
    if let epochs, !limits.epochs.contains(epochs) {
      throw CompareError.invalidOption(name: "epochs", expected: ExperimentConfiguration.describe(limits.epochs), found: "\(epochs)")
    }
    if let batchSize, batchSize < 1 { throw CompareError.invalidOption(name: "batchSize", expected: "an integer ≥ 1", found: "\(batchSize)") }
    if let learningRate, !(learningRate > 0 && learningRate.isFinite) {
      throw CompareError.invalidOption(name: "learningRate", expected: "a number > 0", found: "\(learningRate)")
    }
    if let loss, !Self.losses.contains(loss) {
      throw CompareError.invalidOption(name: "loss", expected: "one of \(Self.losses.joined(separator: ", "))", found: "'\(loss)'")
    }
    if let validationSplit, !(validationSplit >= 0 && validationSplit < 1) {
      throw CompareError.invalidOption(name: "validationSplit", expected: "a fraction in [0, 1)", found: "\(validationSplit)")
    }
  }

  /// "channels total_acc + body_gyro, 100 epochs, binary_crossentropy", or "" for none.
  public var summary: String {
    var parts: [String] = []
    if let channels { parts.append("channels \(channels.summary)") }
    if let epochs { parts.append("\(epochs) epochs") }
    if let batchSize { parts.append("batch \(batchSize)") }
    if let learningRate { parts.append("learning rate \(learningRate)") }
    if let loss { parts.append(loss) }
    if let validationSplit { parts.append("validation_split \(validationSplit)") }
    return parts.joined(separator: ", ")
  }
}
