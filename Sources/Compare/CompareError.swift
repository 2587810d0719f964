// Every way outside input can be wrong in Compare, as one error type whose messages read
// like a compiler's: what was expected, what was found, and how to fix it when known.
// Library code never traps on bad input (STYLE.md §5). Messages name properties and
// concepts, never a tool's flags: `har` maps properties to its options in one table.
import Foundation

/// An error from building a comparison: bad options, data that does not fit the plan,
/// a model that broke its contract, or result files that cannot be resumed.
public enum CompareError: Error, CustomStringConvertible, Equatable, Sendable {
  /// A model name that no registered model has.
  case unknownModel(name: String, valid: [String])
  /// A model name used twice, or not usable as a file name.
  case invalidModelName(name: String, reason: String)
  /// A setting out of range, named by its property, e.g. `folds` = 1.
  case invalidOption(name: String, expected: String, found: String)
  /// Two settings that cannot be combined; each starts with its property's name.
  case conflictingOptions(String, String, reason: String)
  /// A split names subjects that have no windows in the data.
  case missingSubjects(split: String, subjects: [Int], available: [Int])
  /// More folds than subjects.
  case tooFewSubjects(split: String, folds: Int, subjects: Int)
  /// A split whose training or test part would be empty.
  case emptySplitPart(split: String, fold: Int, part: String)
  /// The data handed to the runner is inconsistent.
  case invalidData(String)
  /// A model returned something that breaks the `ComparableModel` contract.
  case invalidOutcome(model: String, cell: String, reason: String)
  /// A model threw while running a cell.
  case cellFailed(cell: String, reason: String)
  /// A model's input kind has no data, e.g. a `.raw` model without signals.
  case missingInput(model: String, input: String)
  /// The output folder already holds results and neither resume nor overwrite was asked.
  case resultsExist(directory: String)
  /// Another process is running in the same report folder (it holds `<folder>/.lock`).
  case reportLocked(directory: String, pid: Int?)
  /// A planned cell another process is computing.
  case cellLocked(cell: String, pid: Int?)
  /// A plan folder whose plan.json does not match the comparison asked for.
  case planMismatch(file: String, reason: String)
  /// A cell file that reads as JSON but whose contents cannot be right.
  case invalidCell(file: String, expected: String, found: String)
  /// Resuming without a report name, and no dated report folder of the profile to continue.
  case nothingToResume(parent: String, pattern: String)
  /// Resuming with settings that would change the numbers of the finished cells.
  case resumeMismatch(field: String, stored: String, given: String)
  /// A results file that cannot be read back.
  case malformedResults(file: String, line: Int, expected: String, found: String)
  /// A file could not be written or read.
  case io(path: String, reason: String)
  /// A model file whose input shape is not the data's windows after the channel selection.
  case inputShapeMismatch(file: String, fileShape: String, dataShape: String, channels: String?)
  /// A claims file with a field that is missing, of the wrong type or out of range;
  /// `path` is the field's JSON path, e.g. `claims[2].protocol.split.kind`.
  case invalidClaimsFile(file: String, path: String, expected: String, found: String)

  public var description: String {
    switch self {
    case let .unknownModel(name, valid):
      "unknown model '\(name)'; valid models: \(valid.joined(separator: ", "))"
    case let .invalidModelName(name, reason):
      "invalid model name '\(name)': \(reason)"
    case let .invalidOption(name, expected, found):
      "\(name): expected \(expected), found \(found)"
    case let .conflictingOptions(a, b, reason):
      "\(a) and \(b) cannot be combined: \(reason)"
    case let .missingSubjects(split, subjects, available):
      "split '\(split)' names subject(s) \(subjects.map(String.init).joined(separator: ", ")) that have no windows in the data; subjects present: \(Self.ranges(available))"
    case let .tooFewSubjects(split, folds, subjects):
      "split '\(split)': \(folds) folds need at least \(folds) subjects, but the data has \(subjects)"
    case let .emptySplitPart(split, fold, part):
      "split '\(split)' fold \(fold): the \(part) part has no windows"
    case let .invalidData(message):
      "invalid data: \(message)"
    case let .invalidOutcome(model, cell, reason):
      "model '\(model)' broke its contract in cell \(cell): \(reason)"
    case let .cellFailed(cell, reason):
      "cell \(cell) failed: \(reason) (finished cells are kept; resume the run to continue)"
    case let .missingInput(model, input):
      "model '\(model)' needs \(input) input, but the data has none"
    case let .resultsExist(directory):
      "\(directory) already holds results of a run; resume it, overwrite it, or choose another report folder"
    case let .cellLocked(cell, pid):
      "cell \(cell) is being computed by another process\(pid.map { " (pid \($0))" } ?? ""); it will write its result when it finishes"
    case let .planMismatch(file, reason):
      "\(file): \(reason)"
    case let .reportLocked(directory, pid):
      "\(directory) is in use by another har compare run\(pid.map { " (pid \($0))" } ?? ""); wait for it to finish, or choose another report folder"
    case let .invalidCell(file, expected, found):
      "\(file): expected \(expected), found \(found)"
    case let .nothingToResume(parent, pattern):
      "nothing to resume: \(parent) has no report folder named \(pattern) holding results; name the folder to resume"
    case let .resumeMismatch(field, stored, given):
      "cannot resume: \(field) was \(stored) in the stored run but is \(given) now; rerun with the same settings or choose another report folder"
    case let .malformedResults(file, line, expected, found):
      "\(file):\(line): expected \(expected), found \(found)"
    case let .io(path, reason):
      "\(path): \(reason)"
    case let .inputShapeMismatch(file, fileShape, dataShape, channels):
      "\(file): expected windows of the model's input shape \(fileShape), found the data's \(dataShape) "
        + "(\(channels.map { "channels \($0)" } ?? "all 9 channels")); select the channels the model was built for"
    case let .invalidClaimsFile(file, path, expected, found):
      "\(file): \(path.isEmpty ? "" : path + ": ")expected \(expected), found \(found)"
    }
  }

  /// "1–3, 5, 7–9" for a sorted list of integers.
  static func ranges(_ values: [Int]) -> String {
    let sorted = Array(Set(values)).sorted()
    var parts: [String] = []
    var i = 0
    while i < sorted.count {
      var j = i
      while j + 1 < sorted.count && sorted[j + 1] == sorted[j] + 1 { j += 1 }
      parts.append(j > i ? "\(sorted[i])–\(sorted[j])" : "\(sorted[i])")
      i = j + 1
    }
    return parts.joined(separator: ", ")
  }
}
