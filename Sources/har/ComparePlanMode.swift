// `har compare` as a plan of cells (issue 15): `--plan DIR` writes the plan without
// training, `--cell I` runs one cell of it (what a SLURM array task runs), `--merge`
// writes the report from the cells, `--slurm [--submit]` writes (and submits) the
// array job, and `--jobs N` runs the cells as N local worker processes. Parse → Compare
// → print; the plan, the cell, the merge and the sbatch text are Compare's.
import Compare
import Foundation

enum ComparePlanMode {
  static let options: [OptionSpec] = [
    .value("plan", "DIR", "Write the comparison's plan (DIR/plan.json: every cell with its seeds' key, the data checksum) without training; with --cell, --merge, --slurm or --jobs, act on the plan in DIR."),
    .value("cell", "I", "Run cell I (0-based) of the plan in --plan DIR and write it to DIR/cells/; a finished cell is not recomputed, a cell another process is computing is refused (SLURM: --cell $SLURM_ARRAY_TASK_ID)."),
    .flag("merge", "Write results.csv and the report of --plan DIR from its finished cells, listing missing and failed cells (exit 1 when any)."),
    .flag("slurm", "Write DIR/submit.sbatch (an array over the plan's unfinished cells) and DIR/merge.sbatch (docs/cluster.md)."),
    .flag("submit", "With --slurm: submit the array (or arrays) with sbatch, then the merge with --dependency=afterany, and print the job ids, the merge job's last."),
    .value("jobs", "N", "Run N cells at once as worker processes of this program, then merge. Each cell keeps the plan's --threads, because the last digits depend on the thread count: the numbers equal a serial run's with the same --threads (on 2 cores: --jobs 2 --threads 1)."),
    .flag("worker", "With --plan DIR: run every unfinished cell of the plan that no other process is computing, one after another (what each --jobs worker runs)."),
    .value("throttle", "K", "--slurm: at most K array tasks at once (%K).", default: "8"),
    .value("cpus-per-task", "N", "--slurm: CPUs per array task.", default: "the plan's --threads"),
    .value("time", "LIMIT", "--slurm: time limit per task, minutes or D-HH:MM:SS.", default: "120"),
    .value("partition", "NAME", "--slurm: the partition (#SBATCH --partition)."),
    .value("account", "NAME", "--slurm: the account (#SBATCH --account)."),
    .value("sbatch", "LINES", "--slurm: extra #SBATCH options, separated by ';', e.g. '--mem=4G;--qos=short'."),
    .value("max-array-size", "N", "--slurm: the cluster's MaxArraySize; more unfinished cells are submitted as several arrays.", default: "with --submit, scontrol show config's; else \(SlurmSubmission.defaultMaxArraySize)"),
  ]

  /// Options about where and how cells run, never part of what the comparison is: they
  /// are not stored in a plan.
  /// `--threads` is not one of them: the digits of a cell depend on its thread count, so
  /// the plan fixes it for every worker.
  static let modeOptions: Set<String> = Set(options.map(\.name)).union(["resume", "overwrite", "name", "out", "verbose"])

  /// Runs a plan mode when one is asked for; false when the command is a plain run.
  static func runIfAsked(_ options: ParsedOptions) throws -> Bool {
    let command = options.command
    let plan = options.string("plan")
    let jobs = try options.int("jobs")
    if plan == nil && jobs == nil {
      for o in ["cell", "worker", "merge", "slurm", "submit", "throttle", "cpus-per-task", "time", "partition", "account", "sbatch"]
      where options.has(o) || options.string(o) != nil {
        throw UsageError(message: "--\(o) needs --plan DIR", command: command)
      }
      return false
    }
    if let jobs, jobs < 1 { throw UsageError(message: "--jobs: expected an integer ≥ 1, found \(jobs)", command: command) }
    let cell = try options.int("cell")
    if cell != nil || options.has("worker"), options.has("merge") || options.has("slurm") || jobs != nil || (cell != nil && options.has("worker")) {
      throw UsageError(message: "--cell and --worker run cells themselves; they cannot be combined with each other, --merge, --slurm or --jobs", command: command)
    }
    if options.has("merge"), options.has("slurm") || jobs != nil {
      throw UsageError(message: "--merge cannot be combined with --slurm or --jobs (both merge on their own)", command: command)
    }
    if options.has("submit") && !options.has("slurm") { throw UsageError(message: "--submit needs --slurm", command: command) }
    guard let plan else {
      // --jobs without a plan folder: the usual report folder, with the plan inside.
      guard let built = try buildComparison(options) else { return true }
      let folder = try OptionTable.checking(command) { try built.request.reportDirectory(existing: built.existing) }
      printError("compare: report folder \(folder.directory.path)\(folder.automatic ? " (a new dated folder; --name NAME chooses another)" : "")\n")
      let written = try writePlan(options, built: built, in: folder.directory)
      try runLocally(written, in: folder.directory, jobs: jobs!)
      return true
    }
    guard !plan.isEmpty else { throw UsageError(message: "--plan expects a folder path, found an empty string", command: command) }
    let directory = URL(fileURLWithPath: plan).standardizedFileURL
    if let cell { try runCells([cell], in: directory, options: options); return true }
    if options.has("worker") { try runCells(nil, in: directory, options: options); return true }
    if options.has("merge") { try merge(directory); return true }
    // Write the plan when comparison options are given or none exists; else reuse it.
    let given = Set(options.values.keys).union(options.flags).union(options.repeatedValues.keys).subtracting(modeOptions)
    let planFile = directory.appendingPathComponent("plan.json")
    let thePlan: ComparisonPlan
    if !FileManager.default.fileExists(atPath: planFile.path) || !given.isEmpty {
      guard let built = try buildComparison(options) else { return true }
      thePlan = try writePlan(options, built: built, in: directory)
    } else {
      thePlan = try ComparisonPlan.read(from: directory)
      printError("compare: using the plan in \(planFile.path) (\(thePlan.cells.count) cells)\n")
    }
    if options.has("slurm") { try writeSlurm(thePlan, in: directory, options: options) }
    if let jobs { try runLocally(thePlan, in: directory, jobs: jobs) }
    if !options.has("slurm") && jobs == nil { print(planFile.path) }
    return true
  }

  /// Loads the data, builds the comparison and writes (or reuses) its plan in `directory`.
  static func writePlan(_ options: ParsedOptions, built: BuiltComparison, in directory: URL) throws -> ComparisonPlan {
    let loaded = try DatasetLoader.load(built.dataset)
    let experiment = try makeExperiment(built, loaded: loaded, command: options.command)
    let environment = try RunEnvironment.current(command: (["har"] + CommandLine.arguments.dropFirst()).joined(separator: " "),
                                                 dataDirectory: URL(fileURLWithPath: loaded.directory))
    // What a worker needs to rebuild the comparison: the comparison options, with the
    // data folder resolved so that every worker reads the same files.
    var arguments: [String] = []
    for name in options.flags.subtracting(modeOptions).sorted() { arguments.append("--\(name)") }
    for (name, value) in options.values.sorted(by: { $0.key < $1.key }) where !modeOptions.contains(name) && name != "data" {
      arguments += ["--\(name)", value]
    }
    // Repeated options (model files, claims files) with their paths made absolute, so a
    // worker started elsewhere reads the same files.
    for (name, values) in options.repeatedValues.sorted(by: { $0.key < $1.key }) where !modeOptions.contains(name) {
      for value in values {
        let path: String
        if let eq = value.firstIndex(of: "="), name == "model-file" {
          path = String(value[...eq]) + URL(fileURLWithPath: String(value[value.index(after: eq)...])).standardizedFileURL.path
        } else {
          path = URL(fileURLWithPath: value).standardizedFileURL.path
        }
        arguments += ["--\(name)", path]
      }
    }
    arguments += ["--data", URL(fileURLWithPath: loaded.directory).standardizedFileURL.path]
    let (plan, reused) = try OptionTable.checking(options.command) {
      try experiment.writePlan(in: directory, arguments: arguments, environment: environment, existing: built.existing)
    }
    let unfinished = plan.unfinishedCells(in: directory).count
    printError("compare: \(reused ? "reusing the" : "wrote the") plan \(directory.appendingPathComponent("plan.json").path): \(plan.cells.count) cells, \(unfinished) unfinished\n")
    return plan
  }

  /// Runs cells of the plan in `directory` — `indices`, or (nil) every unfinished cell
  /// no other process is computing — rebuilding the comparison once from the plan's own
  /// options. A worker's `--threads` must equal the plan's: the digits depend on it.
  static func runCells(_ indices: [Int]?, in directory: URL, options: ParsedOptions) throws {
    let plan = try ComparisonPlan.read(from: directory)
    let stored = try compareCommand.parse(plan.arguments)
    // The plan's kernels, before any linear algebra of this worker.
    BLASKernelChoice.use(native: stored.has("native-blas"))
    if let mine = options.string("threads"), mine != (stored.string("threads") ?? "\(ExperimentConfiguration.Defaults.threads)") {
      throw UsageError(message: "--threads \(mine): the plan's cells run with \(stored.string("threads") ?? "\(ExperimentConfiguration.Defaults.threads)") threads (a cell's last digits depend on its thread count); leave --threads out", command: options.command)
    }
    // Cells asked for by index: refused at once when another process is computing one,
    // before seconds of loading the data (the lock itself is taken per cell below).
    for index in indices ?? [] {
      try OptionTable.checking(options.command) { try Experiment.refuseIfBeingComputed(index, of: plan, in: directory) }
    }
    guard let built = try buildComparison(stored) else { return }
    let loaded = try DatasetLoader.load(built.dataset)
    let experiment = try makeExperiment(built, loaded: loaded, command: options.command)
    let environment = try RunEnvironment.current(command: (["har"] + CommandLine.arguments.dropFirst()).joined(separator: " "),
                                                 dataDirectory: URL(fileURLWithPath: loaded.directory))
    try experiment.check(against: plan, environment: environment, file: directory.appendingPathComponent("plan.json").path)
    let verbose = options.has("verbose")
    var failures = 0
    for index in indices ?? plan.unfinishedCells(in: directory) {
      let key = try OptionTable.checking(options.command) { try plan.cell(index) }
      let started = Date()
      do {
        let status = try experiment.runPlannedCell(index, of: plan, in: directory) { p in
          if verbose { printError("  \(key) epoch \(p.epoch)/\(p.epochs): \(p.message)\n") }
        }
        switch status {
        case let .computed(r):
          printError(String(format: "compare: cell %d (%@): accuracy %.2f %% in %.1f s\n", index, key.description, 100 * r.metrics.accuracy,
                            Date().timeIntervalSince(started)))
        case let .alreadyDone(r):
          // A worker walks every cell unfinished when it started; those another worker
          // finished since are skipped silently (one line per cell in a --jobs log).
          guard indices != nil else { continue }
          printError(String(format: "compare: cell %d (%@) was already finished (accuracy %.2f %%)\n", index, key.description, 100 * r.metrics.accuracy))
        }
        if indices != nil { print(directory.appendingPathComponent("cells/\(key.fileStem).json").path) }
      } catch let error as CompareError {
        if case .cellLocked = error, indices == nil { continue }   // another worker has it
        if indices != nil { throw error }
        failures += 1
        printError("compare: cell \(index) (\(key)) failed: \(error)\n")
      }
    }
    if failures > 0 { throw PlanIncomplete(missing: 0, failed: failures, directory: directory.path) }
  }

  /// Merges the plan's cells and writes the report; fails (exit 1) after writing a
  /// partial report when cells are missing or failed.
  static func merge(_ directory: URL) throws {
    let merged = try Experiment.mergePlan(in: directory)
    let readme = try ReportWriter.write(merged.results)
    let total = merged.results.cells.count + merged.missing.count + merged.failed.count
    printError("compare: merged \(merged.results.cells.count) of \(total) cells into \(readme.path)\n")
    for key in merged.missing { printError("  missing: \(key)\n") }
    for f in merged.failed { printError("  failed: \(f.cell): \(f.message)\n") }
    print(readme.path)
    if !merged.isComplete {
      throw PlanIncomplete(missing: merged.missing.count, failed: merged.failed.count, directory: directory.path)
    }
  }

  /// Runs the plan's unfinished cells with `jobs` local workers (`--worker`), then merges.
  static func runLocally(_ plan: ComparisonPlan, in directory: URL, jobs: Int) throws {
    let todo = plan.unfinishedCells(in: directory).count
    printError("compare: \(todo) of \(plan.cells.count) cells to run by \(jobs) worker process\(jobs == 1 ? "" : "es")\n")
    let started = Date()
    _ = try LocalCellRunner.run(indices: Array(0..<jobs), jobs: jobs, in: directory, executable: selfExecutable,
                                passStderr: true) { _ in
      ["compare", "--plan", directory.path, "--worker"]
    } finished: { f in
      if f.status != 0 { printError("compare: worker \(f.index) exited with status \(f.status)\n") }
    }
    printError(String(format: "compare: the workers ran for %.1f min of wall clock\n", Date().timeIntervalSince(started) / 60))
    try merge(directory)
  }

  /// Writes submit.sbatch and merge.sbatch for the plan's unfinished cells; submits
  /// them with `--submit`.
  static func writeSlurm(_ plan: ComparisonPlan, in directory: URL, options: ParsedOptions) throws {
    let command = options.command
    let unfinished = plan.unfinishedCells(in: directory)
    guard !unfinished.isEmpty else {
      printError("compare: every cell of the plan is finished; merge it with --plan \(directory.path) --merge\n")
      return
    }
    let stored = try compareCommand.parse(plan.arguments)
    let threads = try stored.int("threads") ?? ExperimentConfiguration.Defaults.threads
    let cpus = try options.int("cpus-per-task") ?? threads
    let har = selfExecutable.path
    var submission = SlurmSubmission(
      planDirectory: directory.path, unfinishedCells: unfinished,
      cellCommand: [har, "compare", "--plan", directory.path, "--cell", SlurmSubmission.cellPlaceholder],
      mergeCommand: [har, "compare", "--plan", directory.path, "--merge"],
      cpusPerTask: cpus, concurrentTasks: try options.int("throttle") ?? 8, timeLimit: options.string("time") ?? "120",
      logDirectory: directory.appendingPathComponent("logs").path, partition: options.string("partition"),
      account: options.string("account"),
      extraDirectives: (options.string("sbatch") ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    if let limit = try options.int("max-array-size") {
      submission.maxArraySize = limit
    } else if options.has("submit"), let limit = clusterMaxArraySize() {
      submission.maxArraySize = limit
    }
    let (submitFile, mergeFile) = try OptionTable.checking(command) { try submission.write() }
    let arrays = submission.arrays.count
    printError("compare: wrote \(submitFile.path) (\(unfinished.count) array tasks\(arrays > 1 ? " in \(arrays) arrays of at most \(submission.maxArraySize)" : "")) and \(mergeFile.path)\n")
    guard options.has("submit") else {
      print(submitFile.path)
      return
    }
    var arrayIDs: [String] = []
    for arguments in submission.submitArgumentLists {
      arrayIDs.append(try SlurmSubmission.jobID(fromParsableOutput: try runTool(arguments)))
    }
    let mergeID = try SlurmSubmission.jobID(fromParsableOutput: try runTool(submission.mergeArguments(arrayJobIDs: arrayIDs)))
    printError("compare: submitted array job\(arrays > 1 ? "s" : "") \(arrayIDs.joined(separator: ", ")) and merge job \(mergeID) (after \(arrays > 1 ? "them" : "the array"))\n")
    print((arrayIDs + [mergeID]).joined(separator: " "))
  }

  /// The cluster's MaxArraySize from `scontrol show config`, nil when it cannot be read
  /// (the scripts then use SLURM's default).
  static func clusterMaxArraySize() -> Int? {
    guard let config = try? runTool(["scontrol", "show", "config"]) else { return nil }
    for line in config.split(whereSeparator: \.isNewline) {
      let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      if parts.count == 2, parts[0] == "MaxArraySize", let value = Int(parts[1]), value >= 1 { return value }
    }
    return nil
  }

  /// Runs `arguments` (e.g. sbatch) and returns its stdout; a failure names the tool and its stderr.
  static func runTool(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    do { try process.run() } catch {
      throw CompareError.io(path: arguments[0], reason: "cannot run it (\(error)); is SLURM installed here?")
    }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw CompareError.io(path: arguments[0], reason: "exited with \(process.terminationStatus): \(String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))")
    }
    return String(decoding: data, as: UTF8.self)
  }

  /// This program's own path, for workers and sbatch scripts.
  static var selfExecutable: URL {
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return URL(fileURLWithPath: path) }
    return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
  }
}

/// A merge that found missing or failed cells (the report is written, partial).
struct PlanIncomplete: Error, CustomStringConvertible {
  var missing: Int, failed: Int, directory: String
  var description: String {
    "the plan in \(directory) is not complete: \(missing) cell(s) missing, \(failed) failed; the report is partial. Run the missing cells (--plan \(directory) --cell I, or --jobs N) and merge again"
  }
}
