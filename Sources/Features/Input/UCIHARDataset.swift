// The UCI HAR v1.0 layout ("Human Activity Recognition Using Smartphones"), which most
// users have downloaded:
//
//   <dir>/features.txt                       561 rows "index name"
//   <dir>/train/subject_train.txt            one subject id per window
//   <dir>/train/y_train.txt                  one activity id (1–6) per window
//   <dir>/train/X_train.txt                  optional: 561 features per window
//   <dir>/train/Inertial Signals/*_train.txt optional: 9 files of 128 values per window
//   … and the same for test/.
import Foundation
import LinearAlgebra

/// One part (train or test) of a UCI HAR v1.0 folder.
public struct UCIHARPart: Sendable {
  /// "train" or "test".
  public var name: String
  /// (windows): subject id of each window.
  public var subjects: [Int]
  /// (windows): activity of each window.
  public var activities: [Activity]
  /// (windows, 561): the official features, when `X_<part>.txt` is present.
  public var features: Matrix<Double>?
  /// The nine channels in `InertialChannel.allCases` order, each (windows, 128) row-major,
  /// when `Inertial Signals/` is present.
  public var inertialSignals: [Matrix<Double>]?

  /// The number of windows.
  public var count: Int { subjects.count }
}

/// The nine raw window channels of UCI HAR's "Inertial Signals" folder, in its order.
public enum InertialChannel: Int, CaseIterable, Sendable {
  case bodyAccX, bodyAccY, bodyAccZ, bodyGyroX, bodyGyroY, bodyGyroZ, totalAccX, totalAccY, totalAccZ

  /// The file stem used by UCI HAR, e.g. `body_acc_x`.
  public var fileStem: String {
    ["body_acc_x", "body_acc_y", "body_acc_z", "body_gyro_x", "body_gyro_y", "body_gyro_z",
     "total_acc_x", "total_acc_y", "total_acc_z"][rawValue]
  }
}

/// A UCI HAR v1.0 folder: the official split, and the official features and windows
/// when they were downloaded.
public struct UCIHARDataset: Sendable {
  public var directory: String
  public var train: UCIHARPart
  public var test: UCIHARPart
  /// The 561 feature names of `features.txt`, in order.
  public var featureNames: [String]

  /// Reads a UCI HAR v1.0 folder.
  ///
  /// - Throws: `InputError` naming the file and line: a missing required file, a
  ///   malformed row, an activity id outside 1–6, files of one part that disagree in their
  ///   window counts, a features file without 561 columns.
  public static func load(directory: String, windowLength: Int = 128) throws -> UCIHARDataset {
    let names = try FeatureNames.load(path: path(directory, "features.txt"))
    func part(_ name: String) throws -> UCIHARPart {
      let folder = path(directory, name)
      guard isDirectory(folder) else {
        throw InputError.badLayout(directory: directory, expected: "a folder \(name)/ with subject_\(name).txt and y_\(name).txt")
      }
      let subjectFile = path(folder, "subject_\(name).txt")
      let labelFile = path(folder, "y_\(name).txt")
      // Integer columns are whole numbers of magnitude ≤ 2^53 (`TextTable`), so `Int(…)`
      // below cannot trap; ids must also be positive.
      let subjectTable = try TextTable(contentsOf: subjectFile, columns: 1, integers: true)
      var subjects: [Int] = []
      subjects.reserveCapacity(subjectTable.rows)
      for (r, v) in subjectTable.values.enumerated() {
        guard v >= 1 else {
          throw InputError.malformedRow(file: subjectFile, line: r + 1, expected: "a subject id ≥ 1", found: "\(Int(v))")
        }
        subjects.append(Int(v))
      }
      let labelTable = try TextTable(contentsOf: labelFile, columns: 1, integers: true)
      var activities: [Activity] = []
      for (r, v) in labelTable.values.enumerated() {
        guard let a = Activity(rawValue: Int(v)), a.isBasic else {
          throw InputError.malformedRow(file: labelFile, line: r + 1, expected: "an activity id in 1…6", found: "\(Int(v))")
        }
        activities.append(a)
      }
      if activities.count != subjects.count {
        throw InputError.lengthMismatch(
          file: labelFile, expected: "\(subjects.count) rows like subject_\(name).txt", found: "\(activities.count) rows")
      }
      var features: Matrix<Double>? = nil
      let xFile = path(folder, "X_\(name).txt")
      if FileManager.default.fileExists(atPath: xFile) {
        let x = try TextTable(contentsOf: xFile, columns: names.count)
        if x.rows != subjects.count {
          throw InputError.lengthMismatch(file: xFile, expected: "\(subjects.count) rows like subject_\(name).txt", found: "\(x.rows) rows")
        }
        features = Matrix(rows: x.rows, columns: x.columns, elements: x.values)
      }
      var signals: [Matrix<Double>]? = nil
      let inertial = path(folder, "Inertial Signals")
      if isDirectory(inertial) {
        signals = try InertialChannel.allCases.map { channel in
          let file = path(inertial, "\(channel.fileStem)_\(name).txt")
          let t = try TextTable(contentsOf: file, columns: windowLength)
          if t.rows != subjects.count {
            throw InputError.lengthMismatch(file: file, expected: "\(subjects.count) rows like subject_\(name).txt", found: "\(t.rows) rows")
          }
          return Matrix(rows: t.rows, columns: t.columns, elements: t.values)
        }
      }
      return UCIHARPart(name: name, subjects: subjects, activities: activities, features: features, inertialSignals: signals)
    }
    return UCIHARDataset(directory: directory, train: try part("train"), test: try part("test"), featureNames: names)
  }

  /// The official test subjects of UCI HAR v1.0 (the other 21 of 30 are train).
  public static let officialTestSubjects: Set<Int> = [2, 4, 9, 10, 12, 13, 18, 20, 24]
}

/// The feature names file (`features.txt`): rows `index name`, indices 1, 2, … in order.
public enum FeatureNames {
  /// Reads the names in order.
  /// - Throws: `InputError` for a missing file, a row without two fields, or indices
  ///   out of order.
  public static func load(path file: String) throws -> [String] {
    let bytes = try readAllBytes(path: file, displayName: file)
    let text = String(decoding: bytes, as: UTF8.self)
    var names: [String] = []
    // "\r\n" is one Character in Swift, so split on both forms of line end.
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    for (i, rawLine) in lines.enumerated() {
      let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
      if line.isEmpty { continue }
      let fields = line.split(separator: " ", maxSplits: 1)
      guard fields.count == 2, let index = Int(fields[0]), index == names.count + 1 else {
        throw InputError.malformedRow(
          file: file, line: i + 1, expected: "\"\(names.count + 1) <feature name>\"", found: "\"\(quotedInput(line))\"")
      }
      names.append(String(fields[1]).trimmingCharacters(in: .whitespaces))
    }
    if names.isEmpty { throw InputError.emptyFile(file: file) }
    return names
  }
}
