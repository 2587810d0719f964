// Writing results so that a run killed at any instant leaves only whole files and
// whole lines behind.
//
// - Whole files (cell JSON, run.json, reports) are written to a temporary file in the
//   same folder, fsynced, and renamed over the target; rename is atomic on POSIX file
//   systems, so a reader sees the old file or the new one, never a mix.
// - `results.csv` grows by one line per finished cell, appended with one `write` and
//   fsynced. A kill during that write can leave a torn last line (no trailing
//   newline); `ResultsTable.read` drops it with a warning.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

enum FileIO {
  /// Writes `data` to `url` atomically (temp file + fsync + rename + fsync of the folder).
  static func writeAtomically(_ data: Data, to url: URL) throws {
    let directory = url.deletingLastPathComponent()
    try createDirectory(directory)
    let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
    let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw CompareError.io(path: temporary.path, reason: "cannot create (\(String(cString: strerror(errno))))") }
    do {
      try writeAll(fd, data, path: temporary.path)
      guard fsync(fd) == 0 else { throw CompareError.io(path: temporary.path, reason: "fsync failed (\(String(cString: strerror(errno))))") }
      close(fd)
    } catch {
      close(fd)
      unlink(temporary.path)
      throw error
    }
    guard rename(temporary.path, url.path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary.path)
      throw CompareError.io(path: url.path, reason: "cannot rename temporary file into place (\(reason))")
    }
    syncDirectory(directory)
  }

  /// Writes a UTF-8 string atomically.
  static func writeAtomically(_ text: String, to url: URL) throws {
    try writeAtomically(Data(text.utf8), to: url)
  }

  /// Appends `text` to `url` (created if absent) with one write, then fsyncs.
  static func append(_ text: String, to url: URL) throws {
    let fd = open(url.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    guard fd >= 0 else { throw CompareError.io(path: url.path, reason: "cannot open for appending (\(String(cString: strerror(errno))))") }
    defer { close(fd) }
    try writeAll(fd, Data(text.utf8), path: url.path)
    guard fsync(fd) == 0 else { throw CompareError.io(path: url.path, reason: "fsync failed (\(String(cString: strerror(errno))))") }
  }

  static func read(_ url: URL) throws -> Data {
    do { return try Data(contentsOf: url) } catch {
      let reason = access(url.path, R_OK) == 0 ? "\(error)" : String(cString: strerror(errno))
      throw CompareError.io(path: url.path, reason: "cannot read (\(reason))")
    }
  }

  static func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

  /// Creates `url` and its missing parents (`mkdir -p`). Errors carry the system's
  /// reason (`strerror`), e.g. "Permission denied" or "Not a directory", naming the
  /// component that failed; Foundation's own message on Linux says "cannot read file".
  static func createDirectory(_ url: URL) throws {
    var path = ""
    for component in url.standardizedFileURL.path.split(separator: "/", omittingEmptySubsequences: true) {
      path += "/" + component
      if mkdir(path, 0o755) != 0 {
        let code = errno
        var info = stat()
        if code == EEXIST, stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { continue }
        let reason = code == EEXIST ? "a file, not a folder, is in the way" : String(cString: strerror(code))
        throw CompareError.io(path: path, reason: "cannot create folder (\(reason))")
      }
    }
  }

  static func remove(_ url: URL) throws {
    guard exists(url) else { return }
    do { try FileManager.default.removeItem(at: url) } catch {
      throw CompareError.io(path: url.path, reason: "cannot remove (\(error))")
    }
  }

  private static func writeAll(_ fd: Int32, _ data: Data, path: String) throws {
    try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
      var offset = 0
      while offset < buffer.count {
        let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          throw CompareError.io(path: path, reason: "write failed (\(String(cString: strerror(errno))))")
        }
        offset += n
      }
    }
  }

  private static func syncDirectory(_ url: URL) {
    let fd = open(url.path, O_RDONLY)
    if fd >= 0 { _ = fsync(fd); close(fd) }
  }
}

/// JSON with sorted keys and pretty printing, so files diff well and are byte-stable.
enum JSON {
  static func encode<T: Encodable>(_ value: T) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(value)
    data.append(0x0A)
    return data
  }

  static func decode<T: Decodable>(_ type: T.Type, from url: URL) throws -> T {
    let data = try FileIO.read(url)
    do { return try JSONDecoder().decode(type, from: data) } catch {
      throw CompareError.malformedResults(file: url.path, line: 1, expected: "a \(T.self) JSON document", found: "\(error)")
    }
  }
}
