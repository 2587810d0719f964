// `--jobs N` on one machine: N worker processes at once (`har compare --plan DIR
// --worker`), each loading the data once and taking the plan's unfinished cells one by
// one (a cell's flock keeps two workers off the same cell), then the merge. The worker
// runs the same code a SLURM array task runs, so a workstation and a cluster compute
// every cell the same way. Each worker keeps the plan's thread count: the last digits
// of linear SVC and the deep models depend on it (measured: `har train --model lstm
// --epochs 2` gives 76.94 % at 1 thread and 77.04 % at 2), so equal thread counts are
// what makes --jobs 2 equal --jobs 1 (`CompareCommandTests` checks it).
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
  /// its stderr in `logs/cell-<index>.log` (or this process's stderr with
  /// `passStderr`); calls `finished` as each one ends.
  ///
  /// - Returns: every worker's exit status, in the order they finished.
  /// - Throws: `CompareError.io` when a worker cannot be started or the log folder made.
  public static func run(indices: [Int], jobs: Int, in directory: URL, executable: URL, passStderr: Bool = false,
                         arguments: (Int) -> [String],
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
      _ = FileManager.default.createFile(atPath: log.path, contents: nil)
      guard let handle = FileHandle(forWritingAtPath: log.path) else {
        throw CompareError.io(path: log.path, reason: "cannot create the worker's log")
      }
      let process = Process()
      process.executableURL = executable
      process.arguments = arguments(index)
      process.standardOutput = FileHandle.nullDevice
      process.standardError = passStderr ? FileHandle.standardError : handle
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
