// Replacing a whole output folder so that a reader, or a run killed at any instant,
// sees either the complete old folder or the complete new one, never a mix:
//
//   1. write everything into a sibling `.NAME.export-PID` (same file system, so the
//      renames below are atomic and cost nothing);
//   2. rename the old NAME aside to `.NAME.old-PID`, rename the new one to NAME;
//   3. delete the old one.
//
// A kill during 1 leaves NAME untouched; between the two renames of 2 it leaves no NAME
// but both complete folders beside it; during 3 only a complete NAME plus leftovers.
// Leftovers of dead processes (`.NAME.export-PID`, `.NAME.old-PID`, and `*.tmp-PID`
// files of the per-file writes) are deleted by the next run; a live process's are left
// alone, so two runs on one folder do not delete each other's work.
//
// Safety first: NAME is replaced only when it does not exist, is empty, or holds nothing
// but what `expectedContents` lists (an earlier export). Anything else is an error, so a
// mistaken `--out .` or `--out ~` never moves the user's folder aside and deletes it.
import Foundation
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// One replacement of a folder by a freshly written one (see the file comment).
struct FolderReplacement {
  /// The folder to replace, absolute and standardized.
  let target: String
  /// Where the new contents are written before the swap.
  let staging: String
  /// Where the old folder goes during the swap.
  let aside: String

  /// Prepares the replacement of `directory`: checks that it may be replaced, deletes
  /// leftovers of dead runs, creates an empty staging folder.
  /// - Parameters:
  ///   - expectedContents: the relative paths (files and folders) an earlier export may
  ///     hold; `*.tmp-PID` files beside them are allowed too.
  /// - Throws: `InputError.unwritableFile` when the folder holds other files, or a folder
  ///   cannot be created or removed.
  init(directory: String, expectedContents: Set<String>) throws {
    guard !directory.isEmpty else {
      throw InputError.unwritableFile(file: "--out", reason: "expected a folder path, found an empty path")
    }
    let cwd = FileManager.default.currentDirectoryPath
    let absolute = directory.hasPrefix("/") ? directory : (cwd as NSString).appendingPathComponent(directory)
    target = (absolute as NSString).standardizingPath
    let parent = (target as NSString).deletingLastPathComponent, name = (target as NSString).lastPathComponent
    guard !name.isEmpty, name != "/", name != ".", name != ".." else {
      throw InputError.unwritableFile(file: directory, reason: "expected a folder to create or replace, found the root or a relative marker")
    }
    let pid = ProcessInfo.processInfo.processIdentifier
    staging = (parent as NSString).appendingPathComponent(".\(name).export-\(pid)")
    aside = (parent as NSString).appendingPathComponent(".\(name).old-\(pid)")

    try FileManager.createFolder(parent)
    Self.removeLeftovers(in: parent, name: name)
    if isDirectory(target) {
      let found = (try? FileManager.default.subpathsOfDirectory(atPath: target)) ?? []
      if let stranger = found.sorted().first(where: { !expectedContents.contains($0) && !Self.isTemporaryFile($0) }) {
        throw InputError.unwritableFile(
          file: target,
          reason: "expected an empty folder or an earlier export to replace, found \"\(quotedInput(stranger))\"; choose another --out folder")
      }
      // The old export's own `*.tmp-PID` leftovers go with it at the swap.
    } else if FileManager.default.fileExists(atPath: target) {
      throw InputError.unwritableFile(file: target, reason: "expected a folder, found a file")
    }
    try? FileManager.default.removeItem(atPath: staging)
    try FileManager.createFolder(staging)
  }

  /// Swaps the staging folder in place of the target and deletes the old one.
  /// - Throws: `InputError.unwritableFile` when a rename fails (the old folder is put back).
  func commit() throws {
    let hadOld = FileManager.default.fileExists(atPath: target)
    if hadOld && rename(target, aside) != 0 {
      throw InputError.unwritableFile(file: target, reason: "cannot move the old folder aside: \(String(cString: strerror(errno)))")
    }
    if rename(staging, target) != 0 {
      let reason = String(cString: strerror(errno))
      if hadOld { _ = rename(aside, target) }
      throw InputError.unwritableFile(file: target, reason: "cannot move the new folder into place: \(reason)")
    }
    if hadOld { try? FileManager.default.removeItem(atPath: aside) }
  }

  /// Deletes the staging folder after a failed write (the target is untouched).
  func abandon() { try? FileManager.default.removeItem(atPath: staging) }

  /// Deletes `.NAME.export-PID` and `.NAME.old-PID` in `parent` whose process is gone.
  static func removeLeftovers(in parent: String, name: String) {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
    for entry in entries {
      for marker in [".\(name).export-", ".\(name).old-"] where entry.hasPrefix(marker) {
        if let pid = Int32(entry.dropFirst(marker.count)), !isAlive(pid) {
          try? FileManager.default.removeItem(atPath: (parent as NSString).appendingPathComponent(entry))
        }
      }
    }
  }

  /// Whether `path` ends in `.tmp-` and digits (a per-file temporary of `writeAtomically`).
  static func isTemporaryFile(_ path: String) -> Bool {
    guard let range = path.range(of: ".tmp-", options: .backwards) else { return false }
    let digits = path[range.upperBound...]
    return !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
  }

  /// Whether process `pid` exists (signal 0 only checks; EPERM means it exists but is
  /// someone else's).
  static func isAlive(_ pid: Int32) -> Bool {
    if pid == ProcessInfo.processInfo.processIdentifier { return false }  // ours: from an earlier call, finished
    return pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
  }
}

extension FileManager {
  /// Creates `path` and its parents.
  /// - Throws: `InputError.unwritableFile` with the system's reason.
  static func createFolder(_ path: String) throws {
    do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
      throw InputError.unwritableFile(file: path, reason: "cannot create the folder: \(error.localizedDescription)")
    }
  }
}
