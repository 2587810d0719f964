// Files a deep model's training may write while it runs one cell: a checkpoint after
// every epoch (to continue an interrupted run with the numbers of an uninterrupted one)
// and the per-epoch history as CSV. Classic models write none.

import Foundation

/// Where a deep cell writes its checkpoint and history.
public struct TrainingFiles: Sendable, Equatable {
  /// Written after every epoch (weights and optimizer state); nil = none.
  public var checkpointPath: String?
  /// Continue from `checkpointPath` instead of starting afresh.
  public var resume: Bool
  /// The per-epoch history as CSV, written when training ends; nil = none.
  public var historyPath: String?

  public init(checkpointPath: String? = nil, resume: Bool = false, historyPath: String? = nil) {
    self.checkpointPath = checkpointPath; self.resume = resume; self.historyPath = historyPath
  }

  /// Whether nothing is asked for.
  public var isEmpty: Bool { checkpointPath == nil && !resume && historyPath == nil }

  /// Checks the options and that each output can be written, before any training: a
  /// path whose folder is missing would otherwise fail only after the last epoch.
  ///
  /// - Throws: `CompareError.conflictingOptions` for resuming without a checkpoint;
  ///   `CompareError.invalidOption(name: "checkpointPath" / "historyPath", …)` for an empty
  ///   path, a folder, or a path whose parent is not an existing, writable folder.
  public func validate() throws {
    if resume && checkpointPath == nil {
      throw CompareError.conflictingOptions("resume", "no checkpointPath", reason: "resuming needs the checkpoint to continue from")
    }
    for (name, path) in [("checkpointPath", checkpointPath), ("historyPath", historyPath)] {
      guard let path else { continue }
      if let problem = Self.unwritable(path) {
        throw CompareError.invalidOption(name: name, expected: "a file path in an existing, writable folder", found: problem)
      }
    }
  }

  /// Why `path` cannot be written as a file, or nil when its folder exists and is writable.
  static func unwritable(_ path: String) -> String? {
    guard !path.isEmpty else { return "an empty path" }
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    if fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return "'\(path)', a folder" }
    let url = URL(fileURLWithPath: path)
    let parent = url.deletingLastPathComponent().path
    guard fm.fileExists(atPath: parent, isDirectory: &isDirectory) else { return "'\(path)': the folder \(parent) does not exist" }
    guard isDirectory.boolValue else { return "'\(path)': \(parent) is not a folder" }
    guard fm.isWritableFile(atPath: parent) else { return "'\(path)': the folder \(parent) is not writable" }
    return nil
  }
}
