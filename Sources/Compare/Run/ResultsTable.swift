// `results.csv`: one line per finished cell, appended and fsynced as each cell finishes.
import Foundation

/// `results.csv`: one line per finished cell, in the order cells finished.
///
/// Columns (rates are fractions in [0, 1], times in seconds, empty = not measured):
/// `model,input,split,fold,seed,cell_seed,accuracy,macro_precision,macro_recall,macro_f1,`
/// `training_accuracy,fit_seconds,predict_seconds,parameters,epochs,train_windows,`
/// `validation_windows,test_windows,train_subjects,balanced_accuracy`. `train_windows` and
/// `train_subjects` count what the model was fitted on (validation held out), so they
/// are equal for every model of a fold: like-for-like training is visible in the table. Numbers are written in Swift's shortest
/// round-trip form, so reading a line back gives the same `Double`s.
public enum ResultsTable {
  /// The header line's fields.
  public static let columns = [
    "model", "input", "split", "fold", "seed", "cell_seed", "accuracy", "macro_precision", "macro_recall",
    "macro_f1", "training_accuracy", "fit_seconds", "predict_seconds", "parameters", "epochs",
    "train_windows", "validation_windows", "test_windows", "train_subjects", "balanced_accuracy",
  ]

  /// The header line, with its newline.
  public static var header: String { columns.joined(separator: ",") + "\n" }

  /// One parsed line of `results.csv`.
  public struct Row: Sendable, Equatable {
    public var key: CellKey
    public var input: ModelInput
    public var cellSeed: String
    public var accuracy: Double
    public var macroPrecision: Double
    public var macroRecall: Double
    public var macroF1: Double
    public var trainingAccuracy: Double?
    public var fitSeconds: Double
    public var predictSeconds: Double
    public var parameters: Int
    public var epochs: Int
    public var trainWindows: Int
    public var validationWindows: Int
    public var testWindows: Int
    /// Subjects fitted on; nil for cells written before it was recorded.
    public var trainSubjects: Int?
    public var balancedAccuracy: Double

    /// The row of a cell record.
    public init(_ r: CellRecord) {
      key = r.key; input = r.input; cellSeed = r.cellSeed
      accuracy = r.metrics.accuracy; macroPrecision = r.metrics.macroPrecision
      macroRecall = r.metrics.macroRecall; macroF1 = r.metrics.macroF1
      trainingAccuracy = r.trainingAccuracy; fitSeconds = r.fitSeconds; predictSeconds = r.predictSeconds
      parameters = r.parameters; epochs = r.epochs
      trainWindows = r.trainWindows; validationWindows = r.validationWindows; testWindows = r.testWindows
      trainSubjects = r.trainSubjects?.count; balancedAccuracy = r.confusionMatrix.balancedAccuracy
    }

    /// The CSV line, with its newline. Names are validated (letters, digits, hyphens),
    /// so no field needs quoting.
    public var line: String {
      let fields: [String] = [
        key.model, input.rawValue, key.split, "\(key.fold)", "\(key.seedIndex)", cellSeed,
        "\(accuracy)", "\(macroPrecision)", "\(macroRecall)", "\(macroF1)",
        trainingAccuracy.map { "\($0)" } ?? "", "\(fitSeconds)", "\(predictSeconds)",
        "\(parameters)", "\(epochs)", "\(trainWindows)", "\(validationWindows)", "\(testWindows)",
        trainSubjects.map { "\($0)" } ?? "", "\(balancedAccuracy)",
      ]
      return fields.joined(separator: ",") + "\n"
    }

    /// Parses one line (without its newline).
    /// - Throws: `CompareError.malformedResults` naming the file, line and field.
    init(parsing text: Substring, file: String, line: Int) throws {
      let f = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      func bad(_ expected: String, _ found: String) -> CompareError {
        .malformedResults(file: file, line: line, expected: expected, found: found)
      }
      guard f.count == ResultsTable.columns.count else {
        throw bad("\(ResultsTable.columns.count) comma-separated fields", "\(f.count) in \"\(text)\"")
      }
      func int(_ i: Int) throws -> Int {
        guard let v = Int(f[i]) else { throw bad("an integer in column \(ResultsTable.columns[i])", "\"\(f[i])\"") }
        return v
      }
      func double(_ i: Int) throws -> Double {
        guard let v = Double(f[i]), v.isFinite else { throw bad("a number in column \(ResultsTable.columns[i])", "\"\(f[i])\"") }
        return v
      }
      guard let input = ModelInput(rawValue: f[1]) else { throw bad("input 'features' or 'raw'", "\"\(f[1])\"") }
      guard UInt64(f[5]) != nil else { throw bad("a decimal seed in column cell_seed", "\"\(f[5])\"") }
      key = CellKey(model: f[0], split: f[2], fold: try int(3), seedIndex: try int(4))
      self.input = input
      cellSeed = f[5]
      accuracy = try double(6); macroPrecision = try double(7); macroRecall = try double(8); macroF1 = try double(9)
      trainingAccuracy = f[10].isEmpty ? nil : try double(10)
      fitSeconds = try double(11); predictSeconds = try double(12)
      parameters = try int(13); epochs = try int(14)
      trainWindows = try int(15); validationWindows = try int(16); testWindows = try int(17)
      trainSubjects = f[18].isEmpty ? nil : try int(18)
      balancedAccuracy = try double(19)
    }
  }

  /// The rows of a results file and what had to be dropped.
  public struct Contents: Sendable {
    public var rows: [Row]
    /// Warnings, e.g. a torn last line that was dropped.
    public var warnings: [String]
    /// Whether the file had a torn last line.
    public var hadTornLine: Bool
  }

  /// Reads `results.csv`.
  ///
  /// A last line without a trailing newline is what a kill during an append leaves: it
  /// is dropped with a warning. Any other malformed line is an error, since it means
  /// the file was edited or damaged.
  /// - Throws: `CompareError.malformedResults` for a wrong header or a malformed line.
  public static func read(_ url: URL) throws -> Contents {
    let text = String(decoding: try FileIO.read(url), as: UTF8.self)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var warnings: [String] = []
    var torn = false
    if let last = lines.last, last.isEmpty {
      lines.removeLast()     // the text ended with a newline: no torn line
    } else if !lines.isEmpty {
      torn = true
      let last = lines.removeLast()
      warnings.append("\(url.path):\(lines.count + 1): dropped a torn last line (\(last.utf8.count) bytes, no newline), left by an interrupted run; its cell will be recomputed")
    }
    guard let first = lines.first else {
      return Contents(rows: [], warnings: warnings, hadTornLine: torn)
    }
    guard first == header.dropLast() else {
      throw CompareError.malformedResults(file: url.path, line: 1, expected: "the header \"\(header.dropLast())\"", found: "\"\(first)\"")
    }
    var rows: [Row] = []
    for (i, line) in lines.enumerated().dropFirst() {
      rows.append(try Row(parsing: line, file: url.path, line: i + 1))
    }
    return Contents(rows: rows, warnings: warnings, hadTornLine: torn)
  }
}
