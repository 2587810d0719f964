// One run at a time per report folder.
//
// Two `har compare --resume` runs on one folder would both append the same cells to
// results.csv and overwrite each other's run.json. The first run takes an exclusive
// `flock(2)` on `<folder>/.lock` and writes its pid there; a second run fails at once,
// naming that pid. The kernel drops the lock when the holder exits, however it exits
// (a kill, a crash, a power cut), so a stale `.lock` file never blocks a later run.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on a report folder, held until `release()` or the process ends.
public final class ReportLock: @unchecked Sendable {
  /// The lock file, `<folder>/.lock`.
  public let url: URL
  private var descriptor: Int32

  /// Takes the lock on `folder` (created if missing) without waiting.
  ///
  /// - Throws: `CompareError.reportLocked` with the holder's pid when another process
  ///   holds it; `CompareError.io` when the folder or the lock file cannot be created.
  public convenience init(folder: URL) throws {
    try FileIO.createDirectory(folder)
    try self.init(file: folder.appendingPathComponent(".lock")) { CompareError.reportLocked(directory: folder.path, pid: $0) }
  }

  /// Takes an exclusive lock on `file` (created if missing) without waiting; `held`
  /// makes the error when another process holds it (given the holder's pid).
  /// - Throws: `held(pid)`, or `CompareError.io` when the file cannot be created.
  public init(file: URL, held: (Int?) -> CompareError) throws {
    url = file
    descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw CompareError.io(path: url.path, reason: "cannot create the lock file (\(String(cString: strerror(errno))))")
    }
    if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      let holder = Self.readPid(descriptor)
      close(descriptor)
      descriptor = -1
      throw held(holder)
    }
    // Record who holds it, for the message a second run prints.
    _ = ftruncate(descriptor, 0)
    let text = "\(getpid())\n"
    _ = text.withCString { pwrite(descriptor, $0, strlen($0), 0) }
  }

  /// Whether another process holds the lock on `file` at this moment, and its pid when
  /// recorded. Writes nothing and creates nothing: it opens the file read-only and tries
  /// the lock without waiting, releasing it at once when it was free.
  public static func holder(of file: URL) -> (held: Bool, pid: Int?) {
    let fd = open(file.path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return (false, nil) }  // no lock file: nobody has run the cell
    defer { close(fd) }
    if flock(fd, LOCK_EX | LOCK_NB) == 0 {
      _ = flock(fd, LOCK_UN)
      return (false, nil)
    }
    return (true, readPid(fd))
  }

  /// Releases the lock (also released when the process ends).
  public func release() {
    guard descriptor >= 0 else { return }
    _ = flock(descriptor, LOCK_UN)
    close(descriptor)
    descriptor = -1
  }

  deinit { release() }

  /// The pid written in the lock file, or nil when it is empty or unreadable.
  private static func readPid(_ fd: Int32) -> Int? {
    var buffer = [UInt8](repeating: 0, count: 32)
    let n = pread(fd, &buffer, buffer.count, 0)
    guard n > 0 else { return nil }
    return Int(String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
  }
}
