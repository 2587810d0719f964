// Everything one cell needs, prepared by the runner: scaled inputs, labels, validation
// rows, the cell's seeds and the epoch override.
import LinearAlgebra

/// Everything one cell needs: prepared inputs, labels, validation rows, seeds.
public struct CellTask: Sendable {
  /// Which cell this is.
  public let key: CellKey
  /// The model's seed for this cell (`SeedTree` purpose `cell`): what a classic model
  /// draws from (tree feature order, coordinate order).
  public let seed: UInt64
  /// A deep model's initial weights (`SeedTree` purpose `weights`).
  public let weightsSeed: UInt64
  /// A deep model's mini-batch order and dropout masks (`SeedTree` purpose
  /// `shuffleAndDropout`).
  public let shuffleSeed: UInt64
  /// Which of the inputs below is set.
  public let input: ModelInput
  /// K; labels are in `0..<classCount`.
  public let classCount: Int
  /// (K) class names, e.g. "WALKING", for messages.
  public let classNames: [String]
  /// (nTrain, d) training features scaled to [-1, 1] with training statistics; set
  /// when `input == .features`.
  public let trainFeatures: Matrix<Double>?
  /// (nTest, d) test features scaled with the same (training) statistics.
  public let testFeatures: Matrix<Double>?
  /// (nTrain, T, C) training signals standardised per channel with training
  /// statistics; set when `input == .raw`.
  public let trainSignals: SignalWindows?
  /// (nTest, T, C) test signals standardised with the same statistics.
  public let testSignals: SignalWindows?
  /// (nTrain) training labels in `0..<classCount`.
  public let trainLabels: [Int]
  /// Sorted positions in the training rows (0..<nTrain) held out for early stopping:
  /// windows of validation subjects, never test subjects.
  public let validation: [Int]
  /// Epoch count overriding the model's own (`ExperimentConfiguration.epochs`); nil =
  /// the model's.
  public let epochs: Int?
  /// Checkpoint and history files for a deep model's training; nil writes none.
  public let files: TrainingFiles?

  public init(key: CellKey, seed: UInt64, weightsSeed: UInt64, shuffleSeed: UInt64, input: ModelInput, classCount: Int,
              classNames: [String], trainFeatures: Matrix<Double>?, testFeatures: Matrix<Double>?,
              trainSignals: SignalWindows?, testSignals: SignalWindows?,
              trainLabels: [Int], validation: [Int], epochs: Int?, files: TrainingFiles? = nil) {
    self.weightsSeed = weightsSeed; self.shuffleSeed = shuffleSeed; self.files = files
    self.key = key; self.seed = seed; self.input = input; self.classCount = classCount; self.classNames = classNames
    self.trainFeatures = trainFeatures; self.testFeatures = testFeatures
    self.trainSignals = trainSignals; self.testSignals = testSignals
    self.trainLabels = trainLabels; self.validation = validation; self.epochs = epochs
  }

  /// Number of training rows.
  public var trainCount: Int { trainLabels.count }
  /// Number of test rows (test labels are never given to models).
  public var testCount: Int { testFeatures?.rows ?? testSignals?.count ?? 0 }

  /// The training rows not held out for validation, sorted (0..<nTrain minus `validation`).
  public var fitRows: [Int] {
    let held = Set(validation)
    return (0..<trainCount).filter { !held.contains($0) }
  }
}
