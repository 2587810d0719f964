// How a published number was measured, as data: the split, the input channels, the
// training settings and the data the source used. A claim is reproduced twice: under
// the honest protocol (the official subject split, test accuracy) and under this one,
// pitfall included, so the report can say which of the two explains the number.
//
// JSON form (claims files, docs/claims.schema.json):
//   {"name": "zebin2018", "data": "…", "split": {"kind": "random_subjects", "train_subjects": 14,
//    "test_subjects": 6, "draws": 3}, "channels": ["total_acc", "body_gyro"], "epochs": 100,
//    "batch_size": 64, "optimizer": "adam", "learning_rate": 0.002, "loss": "binary_crossentropy",
//    "validation_split": 0.2, "test_windows": 2947}
// Every field but `name`, `data` and `split` may be left out: not stated by the source,
// so the model's own setting applies.

/// How a claim's data was split into training and test parts.
public enum ClaimSplit: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
  /// The official UCI HAR subject split (21 training, 9 test subjects).
  case official
  /// A random split of windows, ignoring subjects (`train_test_split` over windows):
  /// the same person on both sides.
  case randomWindows(testFraction: Double)
  /// Random subject splits: `trainSubjects` + `testSubjects` people drawn from all
  /// subjects, `draws` times (each draw one fold).
  case randomSubjects(trainSubjects: Int, testSubjects: Int, draws: Int)
  /// k-fold cross-validation by subject.
  case kFold(Int)

  enum CodingKeys: String, CodingKey {
    case kind, testFraction = "test_fraction", trainSubjects = "train_subjects", testSubjects = "test_subjects", draws, folds
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let kind = try c.decode(String.self, forKey: .kind)
    switch kind {
    case "official": self = .official
    case "random_windows": self = .randomWindows(testFraction: try c.decode(Double.self, forKey: .testFraction))
    case "random_subjects":
      self = .randomSubjects(trainSubjects: try c.decode(Int.self, forKey: .trainSubjects),
                             testSubjects: try c.decode(Int.self, forKey: .testSubjects),
                             draws: try c.decodeIfPresent(Int.self, forKey: .draws) ?? 3)
    case "kfold": self = .kFold(try c.decode(Int.self, forKey: .folds))
    default:
      throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription:
        "expected one of official, random_windows, random_subjects, kfold, found '\(kind)'")
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .official: try c.encode("official", forKey: .kind)
    case let .randomWindows(f): try c.encode("random_windows", forKey: .kind); try c.encode(f, forKey: .testFraction)
    case let .randomSubjects(tr, te, d):
      try c.encode("random_subjects", forKey: .kind); try c.encode(tr, forKey: .trainSubjects)
      try c.encode(te, forKey: .testSubjects); try c.encode(d, forKey: .draws)
    case let .kFold(k): try c.encode("kfold", forKey: .kind); try c.encode(k, forKey: .folds)
    }
  }

  /// The comparison split that replicates this one.
  public var splitKind: SplitKind {
    switch self {
    case .official: .official
    case let .randomWindows(f): f == SubjectSplit.randomTestFraction ? .randomWindows : .randomWindowFraction(f)
    case let .randomSubjects(tr, te, d): .randomSubjects(train: tr, test: te, draws: d)
    case let .kFold(k): .kFold(k)
    }
  }

  public var description: String {
    switch self {
    case .official: "official subject split"
    case let .randomWindows(f): "random \(Int((100 * (1 - f)).rounded()))/\(Int((100 * f).rounded())) window split"
    case let .randomSubjects(tr, te, d): "random subject split, \(tr) train / \(te) test subjects (\(d) draws)"
    case let .kFold(k): "\(k)-fold by subject"
    }
  }
}

/// The protocol of a published claim.
public struct ClaimProtocol: Sendable, Equatable, Hashable, Codable {
  /// A short name, `[a-z0-9-]`, naming the replica's cells (e.g. `zebin2018`); claims
  /// measured the same way share it.
  public var name: String
  /// The data the source used, as it says, e.g. "UCI HAR v1.0 raw inertial signals".
  public var data: String
  public var split: ClaimSplit
  /// Input channel groups (`ChannelSelection`); nil = all 9 channels.
  public var channels: [String]?
  /// Training settings the source states; nil = the model's own.
  public var epochs: Int?
  public var batchSize: Int?
  /// "adam", "sgd", "rmsprop" (as the source says; the replica uses Adam unless told otherwise).
  public var optimizer: String?
  public var learningRate: Double?
  /// "categorical_crossentropy" (default) or "binary_crossentropy" (Keras names).
  public var loss: String?
  /// Keras `validation_split`: the last fraction of the training windows held out.
  public var validationSplit: Double?
  /// Test windows in the source's test set, if it says (2,947 in UCI HAR v1.0).
  public var testWindows: Int?

  public init(name: String, data: String, split: ClaimSplit, channels: [String]? = nil, epochs: Int? = nil,
              batchSize: Int? = nil, optimizer: String? = nil, learningRate: Double? = nil, loss: String? = nil,
              validationSplit: Double? = nil, testWindows: Int? = nil) {
    self.name = name; self.data = data; self.split = split; self.channels = channels; self.epochs = epochs
    self.batchSize = batchSize; self.optimizer = optimizer; self.learningRate = learningRate; self.loss = loss
    self.validationSplit = validationSplit; self.testWindows = testWindows
  }

  enum CodingKeys: String, CodingKey {
    case name, data, split, channels, epochs, batchSize = "batch_size", optimizer, learningRate = "learning_rate", loss
    case validationSplit = "validation_split", testWindows = "test_windows"
  }

  /// One line for the report: split, channels, training.
  public var summary: String {
    var parts = [split.description]
    if let channels { parts.append(channels.joined(separator: " + ")) }
    if let epochs { parts.append("\(epochs) epochs") }
    if let batchSize { parts.append("batch \(batchSize)") }
    if let optimizer { parts.append(optimizer + (learningRate.map { " \($0)" } ?? "")) }
    else if let learningRate { parts.append("learning rate \(learningRate)") }
    if let loss { parts.append(loss) }
    if let validationSplit { parts.append("validation_split \(validationSplit)") }
    return parts.joined(separator: ", ")
  }
}
