// Errors about data that came from outside: files, their rows and their values.
// Messages read like a compiler's: `path:line: expected …, found …`, so that a user can
// open the file at the line and see the problem.

/// Bad input data. Every case names the file (and the line when there is one).
public enum InputError: Error, CustomStringConvertible, Equatable, Sendable {
  /// A row that does not have the expected shape or values.
  case malformedRow(file: String, line: Int, expected: String, found: String)
  /// A file that exists but holds no rows.
  case emptyFile(file: String)
  /// A file that could not be read (missing, unreadable).
  case unreadableFile(file: String, reason: String)
  /// A file or folder that could not be written (output, not input; kept here so that
  /// every file error of the module is one type).
  case unwritableFile(file: String, reason: String)
  /// A file that needs a partner that is missing (an acc file without its gyro file).
  case missingCompanion(file: String, expected: String)
  /// Two files that must agree in length do not.
  case lengthMismatch(file: String, expected: String, found: String)
  /// A labelled segment that does not fit its recording.
  case badSegment(file: String, line: Int, expected: String, found: String)
  /// A folder that does not have the layout we expect.
  case badLayout(directory: String, expected: String)

  public var description: String {
    switch self {
    case let .malformedRow(file, line, expected, found): "\(file):\(line): expected \(expected), found \(found)"
    case let .emptyFile(file): "\(file): expected at least one row, found an empty file"
    case let .unreadableFile(file, reason): "\(file): cannot read file: \(reason)"
    case let .unwritableFile(file, reason): "\(file): cannot write: \(reason)"
    case let .missingCompanion(file, expected): "\(file): expected its companion file \(expected), which does not exist"
    case let .lengthMismatch(file, expected, found): "\(file): expected \(expected), found \(found)"
    case let .badSegment(file, line, expected, found): "\(file):\(line): expected \(expected), found \(found)"
    case let .badLayout(directory, expected): "\(directory): expected \(expected)"
    }
  }
}
