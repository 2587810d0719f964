// The one protocol Classic and Deep models implement to take part in a comparison.
//
// Decisions, in priority order:
// 1. The runner, not the model, prepares the inputs, so every model of a fold sees the
//    same numbers: features are min–max scaled to [-1, 1] (as the official UCI HAR
//    files are) and raw signals standardised per channel, both with statistics of the
//    fold's training rows only (validation rows included; test rows never). An adapter
//    therefore only fits, predicts and reports.
// 2. One call does one cell (model, split, fold, seed) from fit to test predictions;
//    the runner computes every metric from the predictions, so no model can compute
//    accuracy differently.
// 3. Timings come from the model (it knows where fitting ends), the seed from the
//    runner (derived from one master seed), and progress goes through a closure.
import LinearAlgebra

/// What a model reads: the handcrafted features or the raw signals.
public enum ModelInput: String, Sendable, Codable, CaseIterable {
  /// The (n, 561) handcrafted feature matrix, min–max scaled to [-1, 1].
  case features
  /// The (n, 128, 9) raw signal windows, standardised per channel.
  case raw
}

/// A model that can run one cell of a comparison.
///
/// An adapter for a Classic model fits on `task.trainFeatures`/`task.trainLabels`
/// (all training rows; it may ignore `validation`), predicts `task.testFeatures`, and
/// fills a `CellOutcome`. An adapter for a Deep model trains on the training rows that
/// are not in `task.validation`, early-stops on those that are, uses `task.seed` for
/// initialisation, shuffling and dropout, honours `task.epochs` when it is not nil,
/// reports each epoch through `progress` and returns the per-epoch history.
public protocol ComparableModel: Sendable {
  /// The command-line and report name, e.g. `"linear-svc"`, `"lstm"`: lower-case
  /// letters, digits and hyphens.
  var name: String { get }
  /// Which input the model reads.
  var input: ModelInput { get }
  /// Whether the model is a deep (stochastic, trained by epochs) one; deep models get
  /// several seeds (default 3), the others one.
  var isDeep: Bool { get }
  /// A one-line description of the architecture or hyperparameters for reports, e.g.
  /// "LSTM 32 → dropout 0.5 → dense 6; Adam 1e-3, batch 64".
  var summary: String { get }
  /// Fits on the task's training part and predicts its test part.
  ///
  /// - Throws: any error; the runner stops and reports it with the cell's name (cells
  ///   finished before stay on disk).
  func run(_ task: CellTask, progress: @Sendable (CellProgress) -> Void) throws -> CellOutcome
}

extension ComparableModel {
  public var summary: String { name }
}

/// Identifies one cell of a comparison: (model, split, fold, seed index).
public struct CellKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  /// The model's name.
  public var model: String
  /// The split's name (`SplitKind.name`), e.g. `official`, `kfold5`.
  public var split: String
  /// 0-based fold.
  public var fold: Int
  /// 0-based seed index (the seed itself is derived from the master seed).
  public var seed: Int

  public init(model: String, split: String, fold: Int, seed: Int) {
    self.model = model; self.split = split; self.fold = fold; self.seed = seed
  }

  /// `model_split_fold_seed`, e.g. `lstm_official_0_2`: the cell file's stem.
  public var fileStem: String { "\(model)_\(split)_\(fold)_\(seed)" }
  public var description: String { "\(model) \(split) fold \(fold) seed \(seed)" }

  public static func < (a: CellKey, b: CellKey) -> Bool {
    (a.model, a.split, a.fold, a.seed) < (b.model, b.split, b.fold, b.seed)
  }
}

/// Everything one cell needs: prepared inputs, labels, validation rows, seed.
public struct CellTask: Sendable {
  /// Which cell this is.
  public let key: CellKey
  /// The model's seed for this cell, derived from the master seed and `key`.
  public let seed: UInt64
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
  /// Epoch count overriding the model's own (`--epochs`, `--quick`); nil = the model's.
  public let epochs: Int?

  public init(key: CellKey, seed: UInt64, input: ModelInput, classCount: Int, classNames: [String],
              trainFeatures: Matrix<Double>?, testFeatures: Matrix<Double>?,
              trainSignals: SignalWindows?, testSignals: SignalWindows?,
              trainLabels: [Int], validation: [Int], epochs: Int?) {
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

/// One progress report from inside a cell (typically once per epoch).
public struct CellProgress: Sendable, Equatable {
  /// 1-based epoch just finished (or 0 for a non-epoch stage).
  public var epoch: Int
  /// Planned epochs (0 when unknown).
  public var epochs: Int
  /// Free text, e.g. "train loss 0.412, val acc 0.873".
  public var message: String

  public init(epoch: Int, epochs: Int, message: String) {
    self.epoch = epoch; self.epochs = epochs; self.message = message
  }
}

/// One epoch of training history. Rates in [0, 1].
public struct EpochRecord: Sendable, Equatable, Codable {
  /// 1-based epoch.
  public var epoch: Int
  public var trainLoss: Double
  public var trainAccuracy: Double
  /// nil when no validation set was used.
  public var validationLoss: Double?
  public var validationAccuracy: Double?

  public init(epoch: Int, trainLoss: Double, trainAccuracy: Double, validationLoss: Double?, validationAccuracy: Double?) {
    self.epoch = epoch; self.trainLoss = trainLoss; self.trainAccuracy = trainAccuracy
    self.validationLoss = validationLoss; self.validationAccuracy = validationAccuracy
  }
}

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
  public var history: [EpochRecord]
  /// Accuracy on the rows the model was fitted on, in [0, 1], so reports show train
  /// beside test; nil if not measured.
  public var trainingAccuracy: Double?
  /// Solver notes worth keeping, e.g. "reached max iterations (1000)".
  public var notes: [String]

  public init(predictions: [Int], fitSeconds: Double, predictSeconds: Double, parameterCount: Int,
              epochs: Int = 0, history: [EpochRecord] = [], trainingAccuracy: Double? = nil, notes: [String] = []) {
    self.predictions = predictions; self.fitSeconds = fitSeconds; self.predictSeconds = predictSeconds
    self.parameterCount = parameterCount; self.epochs = epochs; self.history = history
    self.trainingAccuracy = trainingAccuracy; self.notes = notes
  }
}
