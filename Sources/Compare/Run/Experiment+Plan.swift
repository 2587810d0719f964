// Running a comparison cell by cell from a plan (`plan.json`): write the plan, run one
// cell in its own process, merge the cells into results.csv and a report. This is what
// a SLURM array task (`SLURM_ARRAY_TASK_ID`), a local worker of `--jobs`, or a Kubernetes
// indexed job (`JOB_COMPLETION_INDEX`) calls.
//
// Decisions, in priority order:
// 1. A cell is the unit of work and is idempotent: a finished cell (a valid cell file)
//    is never recomputed, so a requeued or resubmitted task is harmless.
// 2. Two processes on one cell cannot both write it: each takes an exclusive `flock` on
//    `cells/<cell>.lock` without waiting; the second fails at once, naming the holder.
//    The kernel drops the lock when its holder dies, so a killed task never blocks a
//    rerun. The result is written atomically (temporary file + rename), so a kill leaves
//    no half result.
// 3. A failed cell leaves `cells/<cell>.error` with the message, never a partial result;
//    a later success removes it. The merge lists missing and failed cells.
// 4. Workers never write `results.csv` or `run.json` (many run at once): the merge writes
//    both from the cell files, in plan order, under the folder's lock.
import Foundation

/// What running one planned cell did.
public enum PlannedCellStatus: Sendable {
  /// Computed now and written.
  case computed(CellRecord)
  /// Already finished by an earlier run; nothing done.
  case alreadyDone(CellRecord)

  public var record: CellRecord {
    switch self { case let .computed(r), let .alreadyDone(r): r }
  }
}

/// The outcome of merging a plan's cells.
public struct PlanMerge: Sendable {
  public var results: ExperimentResults
  /// Planned cells with no result and no error file (not run yet, or killed).
  public var missing: [CellKey]
  /// Planned cells whose last attempt failed, with the error message.
  public var failed: [(cell: CellKey, message: String)]
  public var isComplete: Bool { missing.isEmpty && failed.isEmpty }
}

extension Experiment {
  /// Writes `plan.json` (and `run.json`) into `directory`, or reuses the plan already
  /// there when it has exactly these cells.
  ///
  /// - Parameters:
  ///   - arguments: the options a worker needs to rebuild this comparison.
  ///   - existing: `.overwrite` replaces another plan or run in the folder; `.resume`
  ///     adopts the finished cells of a serial run there; `.fail` refuses both.
  /// - Returns: the plan, and whether it was already there.
  /// - Throws: `CompareError.planMismatch` for a plan of other cells, `.resultsExist`,
  ///   `.reportLocked`, `.io`.
  @discardableResult
  public func writePlan(in directory: URL, arguments: [String], environment: RunEnvironment,
                        existing: ExistingResults = .fail) throws -> (plan: ComparisonPlan, reused: Bool) {
    let lock = try ReportLock(folder: directory)
    defer { lock.release() }
    let files = ResultFiles(directory: directory)
    let plan = ComparisonPlan(arguments: arguments, created: isoNow(), dataLocation: environment.dataLocation,
                              dataChecksum: environment.dataChecksum, featurePipeline: data.featurePipeline,
                              cells: cells.map(\.key))
    var stored: RunMetadata? = nil
    if FileIO.exists(files.planJSON) {
      let old = try ComparisonPlan.read(from: directory)
      if existing != .overwrite {
        try check(against: old, environment: environment, file: files.planJSON.path)
        return (old, true)
      }
    }
    if ReportLocation.holdsResults(directory) || FileIO.exists(files.planJSON) {
      switch existing {
      case .fail: throw CompareError.resultsExist(directory: directory.path)
      case .overwrite:
        for url in [files.resultsCSV, files.runJSON, files.cells, files.figures, files.readme, files.resultsJSON, files.planJSON, files.logs] {
          try FileIO.remove(url)
        }
      case .resume:
        if FileIO.exists(files.runJSON) {
          let m = try JSON.decode(RunMetadata.self, from: files.runJSON)
          try checkResumable(m, environment: environment)
          stored = m
        }
      }
    }
    try FileIO.createDirectory(files.cells)
    var metadata = makeMetadata(environment: environment, stored: stored)
    metadata.sessions = []
    try FileIO.writeAtomically(try JSON.encode(metadata), to: files.runJSON)
    try FileIO.writeAtomically(try JSON.encode(plan), to: files.planJSON)
    return (plan, false)
  }

  /// Checks that this comparison is the plan's: the same cells in the same order, the
  /// same data (checksum) and feature pipeline.
  /// - Throws: `CompareError.planMismatch` naming the first difference.
  public func check(against plan: ComparisonPlan, environment: RunEnvironment, file: String) throws {
    let mine = cells.map(\.key)
    if mine != plan.cells {
      let first = (0..<min(mine.count, plan.cells.count)).first { mine[$0] != plan.cells[$0] } ?? min(mine.count, plan.cells.count)
      let theirs = first < plan.cells.count ? "\(plan.cells[first])" : "no cell"
      let ours = first < mine.count ? "\(mine[first])" : "no cell"
      throw CompareError.planMismatch(file: file, reason: "the plan has \(plan.cells.count) cells, these options give \(mine.count); cell \(first) is \(theirs) in the plan but \(ours) here. Use the plan's own options, or write a new plan in another folder")
    }
    if plan.featurePipeline != data.featurePipeline {
      throw CompareError.planMismatch(file: file, reason: "the plan used the \(plan.featurePipeline) feature pipeline, this run \(data.featurePipeline)")
    }
    if let a = plan.dataChecksum, let b = environment.dataChecksum, a != b {
      throw CompareError.planMismatch(file: file, reason: "the data at \(environment.dataLocation) (checksum \(b.summary)) is not the plan's (\(a.summary) at \(plan.dataLocation))")
    }
  }

  /// Runs cell `index` of `plan` in `directory`, unless it is finished.
  ///
  /// - Throws: `CompareError.cellLocked` when another process is computing it, the plan's
  ///   index errors, and the cell's own errors (after writing `cells/<cell>.error`).
  public func runPlannedCell(_ index: Int, of plan: ComparisonPlan, in directory: URL,
                             progress: @Sendable (CellProgress) -> Void = { _ in }) throws -> PlannedCellStatus {
    let key = try plan.cell(index)
    guard let cell = cells.first(where: { $0.key == key }) else {
      throw CompareError.planMismatch(file: ResultFiles(directory: directory).planJSON.path, reason: "cell \(key) is not planned by these options")
    }
    let files = ResultFiles(directory: directory)
    try FileIO.createDirectory(files.cells)
    let lock = try ReportLock(file: files.cellLock(key)) { CompareError.cellLocked(cell: key.description, pid: $0) }
    defer { lock.release() }
    if let done = Self.finishedRecord(key, files: files) { return .alreadyDone(done) }
    let clock = ContinuousClock()
    let start = clock.now
    do {
      var record = try compute(cell, inputs: PreparedFold(data: data, fold: splits[cell.splitIndex].folds[key.fold]), progress: progress)
      record.wallSeconds = (clock.now - start).seconds
      try FileIO.writeAtomically(try JSON.encode(record), to: files.cell(key))
      try? FileIO.remove(files.cellError(key))
      return .computed(record)
    } catch {
      try? FileIO.writeAtomically("\(error)\n", to: files.cellError(key))
      throw error
    }
  }

  /// Throws `CompareError.cellLocked` at once when another process is computing cell
  /// `index` of the plan in `directory`. A worker asked for that cell would otherwise learn
  /// it only after loading the data, seconds later, when the other process may already have
  /// finished. It takes no lock: `runPlannedCell` takes the real one.
  /// - Throws: also `CompareError.invalidOption` for an index outside the plan.
  public static func refuseIfBeingComputed(_ index: Int, of plan: ComparisonPlan, in directory: URL) throws {
    let key = try plan.cell(index)
    let holder = ReportLock.holder(of: ResultFiles(directory: directory).cellLock(key))
    if holder.held { throw CompareError.cellLocked(cell: key.description, pid: holder.pid) }
  }

  /// The valid, current-format record of `key` in the folder, or nil.
  static func finishedRecord(_ key: CellKey, files: ResultFiles) -> CellRecord? {
    let url = files.cell(key)
    guard FileIO.exists(url), let record = try? JSON.decode(CellRecord.self, from: url), record.key == key,
          (try? record.validate(file: url.path)) != nil, record.format == CellRecord.currentFormat else { return nil }
    return record
  }

  /// Writes `results.csv` (the finished cells, in plan order) and `run.json`'s session
  /// from the cell files of a plan folder, and reads the results back.
  ///
  /// The session's wall-clock time is the sum of the cells' own times (they may have
  /// run in parallel), so the report's total is compute time, and says so.
  /// - Throws: `CompareError.io`, `.reportLocked`, `.malformedResults`.
  public static func mergePlan(in directory: URL) throws -> PlanMerge {
    let lock = try ReportLock(folder: directory)
    defer { lock.release() }
    let files = ResultFiles(directory: directory)
    let plan = try ComparisonPlan.read(from: directory)
    var rows: [ResultsTable.Row] = []
    var missing: [CellKey] = [], failed: [(cell: CellKey, message: String)] = []
    var seconds = 0.0
    for key in plan.cells {
      if let record = finishedRecord(key, files: files) {
        rows.append(ResultsTable.Row(record))
        seconds += record.wallSeconds
      } else if FileIO.exists(files.cellError(key)) {
        let message = String(decoding: (try? FileIO.read(files.cellError(key))) ?? Data(), as: UTF8.self)
        failed.append((key, message.trimmingCharacters(in: .whitespacesAndNewlines)))
      } else {
        missing.append(key)
      }
    }
    try FileIO.writeAtomically(ResultsTable.header + rows.map(\.line).joined(), to: files.resultsCSV)
    var metadata = try JSON.decode(RunMetadata.self, from: files.runJSON)
    metadata.sessions = [RunSession(command: "cells of plan.json run one by one (sum of their wall-clock times)", started: plan.created,
                                    wallSeconds: seconds, cellsComputed: rows.count, cellsReused: 0,
                                    finished: missing.isEmpty && failed.isEmpty)]
    try FileIO.writeAtomically(try JSON.encode(metadata), to: files.runJSON)
    return PlanMerge(results: try ExperimentResults.load(from: directory), missing: missing, failed: failed)
  }
}
