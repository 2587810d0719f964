// Writes windows and features in the UCI HAR v1.0 text layout, so that any tool that
// reads the official dataset reads ours:
//
//   DIR/features.txt, DIR/activity_labels.txt
//   DIR/train/X_train.txt, y_train.txt, subject_train.txt,
//   DIR/train/Inertial Signals/{body_acc,body_gyro,total_acc}_{x,y,z}_train.txt
//   … and the same for test/ (the official test subjects 2, 4, 9, 10, 12, 13, 18, 20, 24).
//
// or, for NumPy (`Layouts.numPy`, see UCIHARWriter+NumPy.swift), beside or instead of the
// text files: DIR/channels.txt and DIR/{train,test}/{X,y,subject,windows}_<part>.npy.
//
// Decisions, in priority order:
// 1. Numbers round-trip exactly: each is written as Swift's shortest representation
//    that reads back to the same Double (features) or Float (signals), e.g.
//    `0.28858451` or `-2.0294171e-05`. The official files use `%.7e`-style text
//    (`2.8858451e-001`), which loses digits; exactness matters more than the look.
// 2. Official style otherwise: one window per line, values separated by a space;
//    features scaled to [-1, 1] (min–max fitted on the train part only) unless asked
//    for raw values.
// 3. The folder is replaced whole, whatever the layouts (`FolderReplacement`):
//    everything is written into a sibling temporary folder that is then swapped in,
//    so a killed export never leaves new train files beside old test files; each file
//    is also written to a temporary name and renamed. Only an empty folder or an
//    earlier export is ever replaced.
import Foundation
import LinearAlgebra

/// Writer of the UCI HAR v1.0 directory layout.
public enum UCIHARWriter {
  /// What goes into X_*.txt.
  public enum FeatureScaling: Sendable {
    /// Min–max to [-1, 1] fitted on the train part (the official look). Default.
    case minMaxFittedOnTrain
    /// The unscaled features.
    case none
  }

  /// Which files an export writes; `features.txt` and `activity_labels.txt` always.
  public struct Layouts: Sendable, Equatable {
    /// The UCI HAR v1.0 text files (X, y, subject, Inertial Signals).
    public var text: Bool
    /// The NumPy files, with these element types; nil for none.
    public var numPy: NumPyLayout?

    public init(text: Bool = true, numPy: NumPyLayout? = nil) {
      self.text = text; self.numPy = numPy
    }
  }

  /// Writes `windows` into `directory`, replacing an earlier export there as a whole
  /// (created if needed; see `FolderReplacement`).
  ///
  /// - Parameters:
  ///   - windows: the pipeline's output; features must have been computed.
  ///   - directory: the output folder.
  ///   - testSubjects: subjects of the test part (default: the official nine).
  ///   - scaling: how features are written, in every layout (default: min–max to [-1, 1]
  ///     on train).
  ///   - layouts: the text files, the NumPy files, or both (default: text only).
  /// - Returns: the window numbers in the train and test parts, in file order.
  /// - Throws: `InputError.unwritableFile` if a file cannot be written or `directory`
  ///   holds files that are not an earlier export; `FeatureError.invalidOption` if there
  ///   are no features or the train part is empty.
  @discardableResult
  public static func write(
    _ windows: HARWindows, to directory: String,
    testSubjects: Set<Int> = UCIHARDataset.officialTestSubjects, scaling: FeatureScaling = .minMaxFittedOnTrain,
    layouts: Layouts = Layouts()
  ) throws -> (train: [Int], test: [Int]) {
    guard windows.features.columns == FeatureCatalog.count else {
      throw FeatureError.invalidOption(name: "computeFeatures", value: "false", expected: "windows with their 561 features")
    }
    let split = windows.split(testSubjects: testSubjects)
    var features = windows.features
    if scaling == .minMaxFittedOnTrain {
      guard !split.train.isEmpty else {
        throw FeatureError.invalidOption(name: "testSubjects", value: "\(testSubjects.sorted())", expected: "at least one train window to fit the scaling")
      }
      features = FeatureScaler.fit(features, rows: split.train).transform(features)
    }
    let replacement = try FolderReplacement(directory: directory, expectedContents: expectedContents)
    do {
      try writeNames(windows, into: replacement.staging)
      if layouts.text { try writeTextFiles(windows, features: features, split: split, into: replacement.staging) }
      if let numPy = layouts.numPy {
        try writeNumPyFiles(windows, features: features, split: split, layout: numPy, into: replacement.staging)
      }
      try replacement.commit()
    } catch {
      replacement.abandon()
      throw error
    }
    return split
  }

  /// The relative paths of everything `write` creates in any layout (files and
  /// folders), so that an export in one layout may replace one in another.
  static var expectedContents: Set<String> {
    var paths = numPyContents.union(["features.txt", "activity_labels.txt"])
    for part in ["train", "test"] {
      paths.formUnion([part, "\(part)/Inertial Signals", "\(part)/subject_\(part).txt", "\(part)/y_\(part).txt", "\(part)/X_\(part).txt"])
      for channel in InertialChannel.allCases { paths.insert("\(part)/Inertial Signals/\(channel.fileStem)_\(part).txt") }
    }
    return paths
  }

  /// Writes the files every layout shares, the names that travel with the numbers:
  /// `features.txt` and `activity_labels.txt`, into `directory` (which exists).
  static func writeNames(_ windows: HARWindows, into directory: String) throws {
    try writeAtomically(
      FeatureCatalog.names.enumerated().map { "\($0.offset + 1) \($0.element)\n" }.joined(),
      to: path(directory, "features.txt"))
    let activities = windows.activities.contains { !$0.isBasic } ? Activity.allCases : Activity.basic
    try writeAtomically(activities.map { "\($0.rawValue) \($0.name)\n" }.joined(), to: path(directory, "activity_labels.txt"))
  }

  /// Writes the text files of both parts into `directory` (which exists).
  static func writeTextFiles(
    _ windows: HARWindows, features: Matrix<Double>, split: (train: [Int], test: [Int]), into directory: String
  ) throws {
    for (part, rows) in [("train", split.train), ("test", split.test)] {
      let folder = path(directory, part), inertial = path(folder, "Inertial Signals")
      try makeDirectory(inertial)
      try writeAtomically(rows.map { "\(windows.windows[$0].subject)\n" }.joined(), to: path(folder, "subject_\(part).txt"))
      try writeAtomically(rows.map { "\(windows.windows[$0].activity.rawValue)\n" }.joined(), to: path(folder, "y_\(part).txt"))
      let d = FeatureCatalog.count
      let x = features.elements
      try writeAtomically(bytes: formatRows(rows: rows.count, columns: d) { r, c in x[rows[r] * d + c].description },
                          to: path(folder, "X_\(part).txt"))
      let t = windows.windowLength
      for channel in InertialChannel.allCases {
        let s = windows.signals
        try writeAtomically(
          bytes: formatRows(rows: rows.count, columns: t) { r, i in s[(rows[r] * t + i) * 9 + channel.rawValue].description },
          to: path(inertial, "\(channel.fileStem)_\(part).txt"))
      }
    }
  }

  /// Rows of `columns` values separated by one space, each row ending in `\n`.
  static func formatRows(rows: Int, columns: Int, _ value: (Int, Int) -> String) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(rows * columns * 22)
    for r in 0..<rows {
      for c in 0..<columns {
        if c > 0 { out.append(0x20) }
        out.append(contentsOf: value(r, c).utf8)
      }
      out.append(0x0A)
    }
    return out
  }

  static func path(_ directory: String, _ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

  static func makeDirectory(_ p: String) throws { try FileManager.createFolder(p) }

  static func writeAtomically(_ text: String, to file: String) throws {
    try writeAtomically(bytes: Array(text.utf8), to: file)
  }

  /// Writes to `file.tmp-<pid>` and renames it over `file`.
  static func writeAtomically(bytes: [UInt8], to file: String) throws {
    let temporary = file + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
    guard let f = fopen(temporary, "wb") else {
      throw InputError.unwritableFile(file: temporary, reason: String(cString: strerror(errno)))
    }
    let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
    let writeError = written != bytes.count ? errno : 0  // e.g. ENOSPC: say why
    let closed = fclose(f)
    let closeError = closed != 0 ? errno : 0
    if written != bytes.count || closed != 0 {
      unlink(temporary)
      let reason = String(cString: strerror(writeError != 0 ? writeError : closeError))
      throw InputError.unwritableFile(file: file, reason: "wrote \(written) of \(bytes.count) bytes: \(reason)")
    }
    if rename(temporary, file) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw InputError.unwritableFile(file: file, reason: "cannot rename the temporary file: \(reason)")
    }
  }
}
