// The persisted result of one cell: everything a report needs, so a report can be
// rebuilt from files alone after `--resume`. Written to `cells/<model>_<split>_<fold>_<seed>.json`.
import Foundation

/// The full, persisted result of one cell (model, split, fold, seed).
public struct CellRecord: Sendable, Equatable, Codable {
  /// Format version of the cell file: 2 (1 = written before per-subject tallies; read,
  /// never written).
  public var format: Int
  /// Which cell.
  public var key: CellKey
  public var input: ModelInput
  public var isDeep: Bool
  /// The model's seed for this cell, in decimal (a string so that every JSON reader
  /// keeps all 64 bits).
  public var cellSeed: String
  /// (K) class names, e.g. "WALKING"; label k is `classNames[k]`.
  public var classNames: [String]
  /// Windows the model was fitted on (format 2; format 1 counted the validation part
  /// in), the validation part held out of them, and the test part.
  public var trainWindows: Int
  public var validationWindows: Int
  public var testWindows: Int
  /// Subjects of the windows fitted on, sorted (format 2).
  public var trainSubjects: [Int]?
  /// The test confusion matrix of each test subject, by subject (format 2): what the
  /// subject bootstrap resamples. They sum to `confusion`.
  public var subjectConfusions: [SubjectConfusion]?
  /// Keras's binary accuracy on the test windows (`kerasBinaryAccuracy`), for models
  /// that give probabilities.
  public var testBinaryAccuracy: Double?
  /// Per test subject: outputs agreeing with the one-hot truth (`correct`) out of
  /// windows × K (`total`), the counts behind `testBinaryAccuracy`.
  public var subjectBinaryTallies: [SubjectTally]?
  /// Test subjects of the fold, sorted (empty for the random window split).
  public var testSubjects: [Int]
  /// Validation subjects of the fold, sorted (empty for the random window split).
  public var validationSubjects: [Int]
  /// Test metrics (rates in [0, 1]).
  public var metrics: ClassificationMetrics
  /// (K, K) test confusion matrix, rows true, columns predicted.
  public var confusion: [[Int]]
  /// Accuracy on the rows the model was fitted on, if the model measured it.
  public var trainingAccuracy: Double?
  public var fitSeconds: Double
  public var predictSeconds: Double
  /// Wall-clock seconds of the whole cell, preparation included (not shown in reports).
  public var wallSeconds: Double
  public var parameters: Int
  public var epochs: Int
  /// The epoch override in force (`--epochs`, `--quick`), or nil.
  public var epochsOverride: Int?
  public var history: [EpochSummary]
  public var notes: [String]

  /// The confusion matrix as a value.
  public var confusionMatrix: ConfusionMatrix { ConfusionMatrix(rows: confusion) }

  /// Correct and total test windows per test subject, from `subjectConfusions`.
  public var subjectTallies: [SubjectTally]? {
    subjectConfusions?.map { SubjectTally(subject: $0.subject, correct: $0.matrix.correct, total: $0.matrix.total) }
  }

  /// The number of correct test predictions.
  public var correct: Int { (0..<confusion.count).reduce(0) { $0 + confusion[$1][$1] } }
}

extension CellRecord {
  /// Writes the record atomically as JSON, in the format of `cells/*.json`.
  /// - Throws: `CompareError.io`.
  public func write(to url: URL) throws {
    try FileIO.writeAtomically(try JSON.encode(self), to: url)
  }

  /// Reads a record written by `write(to:)` or by a run.
  /// - Throws: `CompareError.io` or `.malformedResults`.
  public static func read(from url: URL) throws -> CellRecord {
    try JSON.decode(CellRecord.self, from: url)
  }
}

/// One test subject's confusion matrix in one cell.
public struct SubjectConfusion: Sendable, Equatable, Codable {
  public var subject: Int
  /// (K, K), rows true, columns predicted.
  public var confusion: [[Int]]

  public init(subject: Int, confusion: [[Int]]) { self.subject = subject; self.confusion = confusion }

  public var matrix: ConfusionMatrix { ConfusionMatrix(rows: confusion) }
}
