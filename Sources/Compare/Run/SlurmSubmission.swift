// The two batch scripts that run a planned comparison on a SLURM cluster: `submit.sbatch`,
// a job array with one task per unfinished cell, and `merge.sbatch`, the job that builds
// the report once the array has ended (submitted with `--dependency=afterany:<array>`).
//
// Decisions, in priority order:
// 1. A script runs exactly the command it was given. Every argument is single-quoted
//    for bash (a path with spaces, quotes or `$` stays one argument, unexpanded); the
//    one exception is the argument equal to `cellPlaceholder`, which becomes the cell
//    index of the task.
// 2. Unfinished cells need not be contiguous (a resubmission skips finished ones), so
//    the array runs over task ids 0..<n and the script maps `SLURM_ARRAY_TASK_ID` to a
//    cell through a list written into the script itself: one file, nothing else to
//    keep in step.
// 3. `#SBATCH` lines are read by sbatch, not by the shell: sbatch takes a double-quoted
//    value as one word but has no escapes, and expands `%A`, `%a`, `%j` in file names.
//    Log paths are therefore double-quoted with every `%` doubled, and a path holding a
//    double quote or a control character is refused with an error naming the property.
// 4. Cells are idempotent and written atomically, so a task that is preempted and
//    requeued simply runs its cell again: the array asks for `--requeue` and appends to
//    its log (`--open-mode=append`) so the first attempt's output is kept.
// 5. Jobs start in the folder sbatch was called from, so the plan and log folders must
//    be absolute paths; a relative one would point elsewhere on the compute node.
// 6. A cluster refuses array task ids ≥ its MaxArraySize (1001 by default), and a LOSO
//    plan of every model has about 2,000 cells. More cells than that are submitted as
//    several arrays of the same script: each array's tasks are 0…k−1 and its first
//    argument is the offset of its first cell in the list (`sbatch --array=0-k%K
//    submit.sbatch OFFSET`; `--array` on the command line overrides the script's).
import Foundation

/// The `submit.sbatch` (cell array) and `merge.sbatch` (report) scripts of a plan folder.
///
/// Build one with the plan's folder, its unfinished cells and the commands that run one
/// cell and merge the results, then call ``scripts()`` for the texts or ``write()`` to
/// write them into the plan folder. Submitting them by hand:
///
/// ```
/// array=$(sbatch --parsable DIR/submit.sbatch)
/// sbatch --dependency=afterany:${array%%;*} --kill-on-invalid-dep=yes DIR/merge.sbatch
/// ```
///
/// ``submitArguments`` and ``mergeArguments(arrayJobID:)`` give the same two calls as
/// argument lists, and ``jobID(fromParsableOutput:)`` reads the job id sbatch prints.
public struct SlurmSubmission: Sendable, Equatable {
  /// The argument of `cellCommand` that stands for the cell index of an array task.
  public static let cellPlaceholder = "{cell}"
  /// SLURM's default `MaxArraySize`: task ids must stay below it (`scontrol show config`
  /// prints a cluster's own value).
  public static let defaultMaxArraySize = 1001
  /// The file name of the array script in the plan folder.
  public static let submitFileName = "submit.sbatch"
  /// The file name of the merge script in the plan folder.
  public static let mergeFileName = "merge.sbatch"

  /// The plan folder, an absolute path; the scripts are written there.
  public var planDirectory: String
  /// The cell indices still to run, in the order of the array's task ids (no duplicates,
  /// each ≥ 0). Task `i` runs cell `unfinishedCells[i]`.
  public var unfinishedCells: [Int]
  /// The command that runs one cell; the argument equal to ``cellPlaceholder`` becomes
  /// the cell index, e.g. `["/opt/har/bin/har", "compare", "--plan", DIR, "--cell", "{cell}"]`.
  public var cellCommand: [String]
  /// The command that writes the report from the cells, e.g. `[har, "compare", "--plan", DIR, "--merge"]`.
  public var mergeCommand: [String]
  /// CPUs of each array task (`--cpus-per-task`); should equal the plan's threads.
  /// Default: the comparison's default threads, 2.
  public var cpusPerTask: Int
  /// At most this many array tasks run at once: the throttle `%K` of `--array=0-(n-1)%K`.
  public var concurrentTasks: Int
  /// Wall-time limit of each array task: minutes (`"90"`) or `"D-HH:MM:SS"` (`"0-01:30:00"`).
  public var timeLimit: String
  /// Wall-time limit of the merge job, in the same formats. Default `"60"`.
  public var mergeTimeLimit: String
  /// Where SLURM writes the jobs' output, an absolute path: `cell-<array>_<task>.out` and
  /// `merge-<job>.out`. SLURM does not create it; ``write()`` does.
  public var logDirectory: String
  /// `--partition`, or nil for the cluster's default partition.
  public var partition: String?
  /// `--account`, or nil for the user's default account.
  public var account: String?
  /// More directives for both scripts, each one option such as `--mem=4G` or
  /// `--qos=normal` (a leading `#SBATCH ` is accepted and kept once).
  public var extraDirectives: [String]
  /// The largest number of tasks the cluster accepts in one array (task ids below it).
  /// More unfinished cells are split into several arrays (``arrays``). Default: SLURM's default.
  public var maxArraySize: Int

  /// A submission; see the properties for each parameter's meaning and default.
  public init(planDirectory: String, unfinishedCells: [Int], cellCommand: [String], mergeCommand: [String],
              cpusPerTask: Int = ExperimentConfiguration.Defaults.threads, concurrentTasks: Int,
              timeLimit: String, mergeTimeLimit: String = "60", logDirectory: String,
              partition: String? = nil, account: String? = nil, extraDirectives: [String] = [],
              maxArraySize: Int = SlurmSubmission.defaultMaxArraySize) {
    self.planDirectory = planDirectory; self.unfinishedCells = unfinishedCells
    self.cellCommand = cellCommand; self.mergeCommand = mergeCommand
    self.cpusPerTask = cpusPerTask; self.concurrentTasks = concurrentTasks
    self.timeLimit = timeLimit; self.mergeTimeLimit = mergeTimeLimit; self.logDirectory = logDirectory
    self.partition = partition; self.account = account; self.extraDirectives = extraDirectives
    self.maxArraySize = maxArraySize
  }

  /// The texts of `submit.sbatch` and `merge.sbatch`.
  public struct Scripts: Sendable, Equatable {
    /// The array job: one task per unfinished cell.
    public var submit: String
    /// The merge job, to be submitted with `--dependency=afterany:<array job>`.
    public var merge: String
  }

  /// Checks every property.
  ///
  /// - Throws: `CompareError.invalidOption` naming the first property that is wrong:
  ///   a relative or unrepresentable folder, an empty, negative or repeated cell list,
  ///   `maxArraySize`, `cpusPerTask` or `concurrentTasks` below 1, a time
  ///   limit that is neither minutes nor `D-HH:MM:SS`, an empty command, a cell command
  ///   without ``cellPlaceholder``, or a partition, account or directive that would
  ///   not stay one `#SBATCH` line.
  public func validate() throws {
    try Self.checkFolder(planDirectory, name: "planDirectory")
    try Self.checkFolder(logDirectory, name: "logDirectory")
    // A backslash anywhere in an output path turns off sbatch's %A/%a/%j replacement.
    guard !logDirectory.contains("\\") else {
      throw CompareError.invalidOption(
        name: "logDirectory", expected: "a path without backslashes (sbatch would not expand %A, %a, %j after one)",
        found: "'\(logDirectory)'")
    }
    guard !unfinishedCells.isEmpty else {
      throw CompareError.invalidOption(name: "unfinishedCells", expected: "at least one cell", found: "an empty list")
    }
    if let negative = unfinishedCells.first(where: { $0 < 0 }) {
      throw CompareError.invalidOption(name: "unfinishedCells", expected: "cell indices ≥ 0", found: "\(negative)")
    }
    var seen = Set<Int>()
    for cell in unfinishedCells where !seen.insert(cell).inserted {
      throw CompareError.invalidOption(name: "unfinishedCells", expected: "each cell once", found: "cell \(cell) twice")
    }
    guard maxArraySize >= 1 else {
      throw CompareError.invalidOption(name: "maxArraySize", expected: "an integer ≥ 1", found: "\(maxArraySize)")
    }
    guard cpusPerTask >= 1 else {
      throw CompareError.invalidOption(name: "cpusPerTask", expected: "an integer ≥ 1", found: "\(cpusPerTask)")
    }
    guard concurrentTasks >= 1 else {
      throw CompareError.invalidOption(name: "concurrentTasks", expected: "an integer ≥ 1", found: "\(concurrentTasks)")
    }
    try Self.checkTimeLimit(timeLimit, name: "timeLimit")
    try Self.checkTimeLimit(mergeTimeLimit, name: "mergeTimeLimit")
    guard !cellCommand.isEmpty else {
      throw CompareError.invalidOption(name: "cellCommand", expected: "a program and its arguments", found: "an empty command")
    }
    guard cellCommand.dropFirst().contains(Self.cellPlaceholder) else {
      throw CompareError.invalidOption(
        name: "cellCommand", expected: "an argument \(Self.cellPlaceholder) for the cell index",
        found: Self.shellCommand(cellCommand, cellVariable: nil))
    }
    guard !mergeCommand.isEmpty else {
      throw CompareError.invalidOption(name: "mergeCommand", expected: "a program and its arguments", found: "an empty command")
    }
    for (name, value) in [("partition", partition), ("account", account)] {
      guard let value else { continue }
      guard !value.isEmpty, !value.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "'" || $0.isControl }) else {
        throw CompareError.invalidOption(name: name, expected: "a SLURM name without spaces or quotes", found: "'\(value)'")
      }
    }
    for directive in extraDirectives {
      let option = Self.directiveOption(directive)
      guard option.hasPrefix("-"), !option.contains(where: { $0.isNewline || $0.isControl }) else {
        throw CompareError.invalidOption(
          name: "extraDirectives", expected: "one sbatch option per entry, such as --mem=4G", found: "'\(directive)'")
      }
    }
  }

  /// The arrays to submit: positions in ``unfinishedCells``, at most `maxArraySize`
  /// each, in order (one array unless the cells exceed the cluster's limit).
  public var arrays: [Range<Int>] {
    let size = max(1, maxArraySize)
    return stride(from: 0, to: unfinishedCells.count, by: size).map { $0..<min($0 + size, unfinishedCells.count) }
  }

  /// The two scripts.
  ///
  /// - Throws: what ``validate()`` throws.
  public func scripts() throws -> Scripts {
    try validate()
    let cellCall = Self.shellCommand(cellCommand, cellVariable: "cell")
    let mergePath = Self.shellQuote(planDirectory + "/" + Self.mergeFileName)
    // The header's submission lines are the calls of `submitArgumentLists`, as bash lines.
    let calls = submitArgumentLists.map { Self.shellCommand($0, cellVariable: nil) }
    let howToSubmit: String
    if calls.count == 1 {
      howToSubmit = """
        # Submit with the report job after it:
        #   array=$(\(calls[0]))
        #   sbatch --dependency=afterany:${array%%;*} --kill-on-invalid-dep=yes \(mergePath)
        """
    } else {
      // More cells than one array may hold: the later arrays name their first cell.
      let lines = calls.enumerated().map { i, call in "#   a\(i + 1)=$(\(call))" }
      let after = (1...calls.count).map { "${a\($0)%%;*}" }.joined(separator: ":")
      howToSubmit = """
        # \(unfinishedCells.count) cells exceed one array (MaxArraySize \(maxArraySize)): submit \(calls.count) arrays,
        # each given the offset of its first cell, and the report job after all of them:
        \(lines.joined(separator: "\n"))
        #   sbatch --dependency=afterany:\(after) --kill-on-invalid-dep=yes \(mergePath)
        """
    }
    let submit = """
      #!/bin/bash
      # One SLURM array task per unfinished cell of the plan in \(planDirectory).
      \(howToSubmit)
      # A task that is preempted and requeued runs its cell again; cells are idempotent.
      #SBATCH --job-name=har-cells
      #SBATCH --array=0-\(arrays[0].count - 1)%\(concurrentTasks)
      #SBATCH --cpus-per-task=\(cpusPerTask)
      #SBATCH --ntasks=1
      #SBATCH --time=\(timeLimit)
      #SBATCH --output=\(Self.directiveFilePath(logDirectory + "/cell-%A_%a.out"))
      #SBATCH --open-mode=append
      #SBATCH --requeue
      \(commonDirectives())set -euo pipefail
      : "${SLURM_ARRAY_TASK_ID:?run this script with sbatch: it is an array job}"
      # Task id (plus the array's offset, the first argument) → cell index (the
      # unfinished cells need not be contiguous).
      cells=(\(unfinishedCells.map(String.init).joined(separator: " ")))
      position=$(( ${1:-0} + SLURM_ARRAY_TASK_ID ))
      [ "$position" -lt ${#cells[@]} ] || { echo "task $SLURM_ARRAY_TASK_ID + offset ${1:-0}: no such cell (${#cells[@]} in this script)" >&2; exit 1; }
      cell=${cells[$position]}
      exec \(cellCall)

      """
    let merge = """
      #!/bin/bash
      # Writes the report of the plan in \(planDirectory) from its cells, listing missing
      # or failed ones; submitted to run after the array (afterany: even if cells failed).
      #SBATCH --job-name=har-merge
      #SBATCH --cpus-per-task=1
      #SBATCH --ntasks=1
      #SBATCH --time=\(mergeTimeLimit)
      #SBATCH --output=\(Self.directiveFilePath(logDirectory + "/merge-%j.out"))
      #SBATCH --open-mode=append
      \(commonDirectives())set -euo pipefail
      exec \(Self.shellCommand(mergeCommand, cellVariable: nil))

      """
    return Scripts(submit: submit, merge: merge)
  }

  /// Writes both scripts into `planDirectory` atomically and creates `logDirectory`.
  ///
  /// - Returns: the paths of `submit.sbatch` and `merge.sbatch`.
  /// - Throws: what ``validate()`` throws, and `CompareError.io` when a file cannot be written.
  @discardableResult
  public func write() throws -> (submit: URL, merge: URL) {
    let texts = try scripts()
    let plan = URL(fileURLWithPath: planDirectory, isDirectory: true)
    let submit = plan.appendingPathComponent(Self.submitFileName)
    let merge = plan.appendingPathComponent(Self.mergeFileName)
    try FileIO.writeAtomically(texts.submit, to: submit)
    try FileIO.writeAtomically(texts.merge, to: merge)
    try FileIO.createDirectory(URL(fileURLWithPath: logDirectory, isDirectory: true))
    return (submit, merge)
  }

  /// `sbatch` arguments that submit the (first) array: `["sbatch", "--parsable", DIR/submit.sbatch]`.
  public var submitArguments: [String] { submitArgumentLists[0] }

  /// `sbatch` arguments for every array of ``arrays``: the first as ``submitArguments``,
  /// each later one with its own `--array` and its offset as the script's argument.
  public var submitArgumentLists: [[String]] {
    let script = planDirectory + "/" + Self.submitFileName
    return arrays.enumerated().map { i, range in
      i == 0 ? ["sbatch", "--parsable", script]
        : ["sbatch", "--parsable", "--array=0-\(range.count - 1)%\(concurrentTasks)", script, "\(range.lowerBound)"]
    }
  }

  /// `sbatch` arguments that submit the merge job to run after array job `arrayJobID`
  /// has ended, however its tasks ended.
  public func mergeArguments(arrayJobID: String) -> [String] { mergeArguments(arrayJobIDs: [arrayJobID]) }

  /// The same after every array of `arrayJobIDs` has ended.
  public func mergeArguments(arrayJobIDs: [String]) -> [String] {
    ["sbatch", "--parsable", "--dependency=afterany:\(arrayJobIDs.joined(separator: ":"))", "--kill-on-invalid-dep=yes",
     planDirectory + "/" + Self.mergeFileName]
  }

  /// The job id in what `sbatch --parsable` printed: `"1234"` or `"1234;cluster"`.
  ///
  /// - Throws: `CompareError.invalidOption(name: "sbatch output", …)` when the first line
  ///   does not start with a job number.
  public static func jobID(fromParsableOutput output: String) throws -> String {
    let firstLine = output.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    let id = firstLine.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
    guard !id.isEmpty, id.allSatisfy(\.isASCIIDigit) else {
      throw CompareError.invalidOption(name: "sbatch output", expected: "a job id such as 1234 or 1234;cluster",
                                       found: "'\(output.trimmingCharacters(in: .whitespacesAndNewlines))'")
    }
    return id
  }

  /// `arguments` as one bash command line: each argument single-quoted unless it holds
  /// only characters bash never interprets; the argument equal to ``cellPlaceholder``
  /// becomes `"$cellVariable"` when a variable is given.
  public static func shellCommand(_ arguments: [String], cellVariable: String?) -> String {
    arguments.map { argument in
      if let cellVariable, argument == cellPlaceholder { return "\"$\(cellVariable)\"" }
      return shellQuote(argument)
    }.joined(separator: " ")
  }

  /// One bash word that expands to exactly `text`: bare when it holds only
  /// `A-Z a-z 0-9 _ @ % + = : , . / -`, else inside single quotes with each `'`
  /// written as `'\''` (close, escaped quote, reopen).
  public static func shellQuote(_ text: String) -> String {
    let bare = !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
      scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "_@%+=:,./-".unicodeScalars.contains(scalar))
    }
    return bare ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  // MARK: - Implementation details

  /// The partition, account and extra directives, one `#SBATCH` line each, each line
  /// ending in a newline (empty when there are none).
  private func commonDirectives() -> String {
    var lines: [String] = []
    if let partition { lines.append("#SBATCH --partition=\(partition)") }
    if let account { lines.append("#SBATCH --account=\(account)") }
    lines += extraDirectives.map { "#SBATCH " + Self.directiveOption($0) }
    return lines.map { $0 + "\n" }.joined()
  }

  /// A directive without its optional leading `#SBATCH`.
  private static func directiveOption(_ directive: String) -> String {
    var option = Substring(directive.trimmingCharacters(in: .whitespaces))
    if option.hasPrefix("#SBATCH") { option = option.dropFirst("#SBATCH".count) }
    return option.trimmingCharacters(in: .whitespaces)
  }

  /// A file path for an `#SBATCH` line: double-quoted, with `%` doubled where it is not
  /// one of our own `%A`, `%a`, `%j` patterns, which stand at the end of `path`.
  private static func directiveFilePath(_ path: String) -> String {
    let name = (path as NSString).lastPathComponent
    let folder = String(path.dropLast(name.count))
    return "\"" + folder.replacingOccurrences(of: "%", with: "%%") + name + "\""
  }

  private static func checkFolder(_ path: String, name: String) throws {
    guard path.hasPrefix("/") else {
      throw CompareError.invalidOption(
        name: name, expected: "an absolute path (jobs start in the folder sbatch was called from)", found: "'\(path)'")
    }
    if let bad = path.first(where: { $0 == "\"" || $0.isNewline || $0.isControl }) {
      throw CompareError.invalidOption(
        name: name, expected: "a path without double quotes or control characters (sbatch cannot read them in #SBATCH lines)",
        found: "'\(path)' holding \(bad == "\"" ? "a double quote" : "a control character")")
    }
  }

  /// Minutes (≥ 1), or `D-HH:MM:SS` with hours < 24 and minutes, seconds < 60: the two
  /// forms of sbatch's `--time` this tool writes.
  private static func checkTimeLimit(_ text: String, name: String) throws {
    let expected = "minutes (e.g. 90) or D-HH:MM:SS (e.g. 1-02:30:00)"
    let digits: (Substring) -> Int? = { part in
      part.isEmpty || !part.allSatisfy(\.isASCIIDigit) ? nil : Int(part)
    }
    if let minutes = digits(Substring(text)) {
      guard minutes >= 1 else { throw CompareError.invalidOption(name: name, expected: expected, found: "'\(text)'") }
      return
    }
    let dayAndClock = text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
    let clock = dayAndClock.count == 2 ? dayAndClock[1].split(separator: ":", omittingEmptySubsequences: false) : []
    guard dayAndClock.count == 2, digits(dayAndClock[0]) != nil, clock.count == 3,
          clock.allSatisfy({ $0.count == 2 }),
          let hours = digits(clock[0]), let minutes = digits(clock[1]), let seconds = digits(clock[2]),
          hours < 24, minutes < 60, seconds < 60 else {
      throw CompareError.invalidOption(name: name, expected: expected, found: "'\(text)'")
    }
    guard dayAndClock[0].contains(where: { $0 != "0" }) || hours + minutes + seconds > 0 else {
      throw CompareError.invalidOption(name: name, expected: "a limit above zero", found: "'\(text)'")
    }
  }
}

private extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
  var isControl: Bool { unicodeScalars.contains { $0.properties.generalCategory == .control } }
}
