// `--jobs N` on one machine: the cells of a plan run as N worker processes at once, each
// `har compare --plan DIR --cell I` with its share of the threads, then the merge. The
// worker is the same program a SLURM array task runs, so a workstation and a cluster
// compute every cell the same way. Thread counts do not change the numbers (the BLAS
// and Deep kernels give the same digits at 1 and 2 threads; `CompareCommandTests` checks
// that --jobs 2 equals --jobs 1), so the results equal a serial run's.
import Dispatch
import Foundation

/// Runs a plan's cells as parallel worker processes.
public enum LocalCellRunner {
  /// What happened to one cell's worker.
  public struct Finished: Sendable {
    public var index: Int
    public var status: Int32
    public var seconds: Double
    /// Where its stderr went.
    public var log: URL
  }

  /// Runs `indices`, at most `jobs` at once, each as `executable arguments(index)` with
  /// its stderr in `logs/cell-<index>.log`; calls `finished` as each one ends.
  ///
  /// - Returns: every worker's exit status, in the order they finished.
  /// - Throws: `CompareError.io` when a worker cannot be started or the log folder made.
  public static func run(indices: [Int], jobs: Int, in directory: URL, executable: URL, arguments: (Int) -> [String],
                         finished: (Finished) -> Void = { _ in }) throws -> [Finished] {
    precondition(jobs >= 1, "jobs must be ≥ 1")
    let logs = ResultFiles(directory: directory).logs
    try FileIO.createDirectory(logs)
    var pending = indices[...]
    var running: [(index: Int, process: Process, started: Date, log: URL)] = []
    var done: [Finished] = []
    // Signalled once per worker that exits.
    let exits = DispatchSemaphore(value: 0)
    func start(_ index: Int) throws {
      let log = logs.appendingPathComponent("cell-\(index).log")
      FileManager.default.createFile(atPath: log.path, contents: nil)
      guard let handle = FileHandle(forWritingAtPath: log.path) else {
        throw CompareError.io(path: log.path, reason: "cannot create the worker's log")
      }
      let process = Process()
      process.executableURL = executable
      process.arguments = arguments(index)
      process.standardOutput = FileHandle.nullDevice
      process.standardError = handle
      process.terminationHandler = { _ in exits.signal() }
      do { try process.run() } catch {
        throw CompareError.io(path: executable.path, reason: "cannot start a worker (\(error))")
      }
      running.append((index, process, Date(), log))
    }
    while !pending.isEmpty || !running.isEmpty {
      while running.count < jobs, let next = pending.first {
        pending = pending.dropFirst()
        try start(next)
      }
      exits.wait()
      // One worker has exited; find it (its state may lag the signal by a moment).
      var ended: Int? = nil
      while ended == nil {
        ended = running.firstIndex { !$0.process.isRunning }
        if ended == nil { Thread.sleep(forTimeInterval: 0.005) }
      }
      let w = running.remove(at: ended!)
      w.process.waitUntilExit()
      let f = Finished(index: w.index, status: w.process.terminationStatus, seconds: Date().timeIntervalSince(w.started), log: w.log)
      done.append(f)
      finished(f)
    }
    return done
  }
}
