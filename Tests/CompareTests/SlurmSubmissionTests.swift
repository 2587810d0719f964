// The SLURM batch scripts of a plan: the exact text of a small case, arguments that
// survive bash unchanged (checked by running the script with bash, the independent
// answer), sbatch's own rules for #SBATCH file paths, and every validation error by the
// property it names. A run on a real SLURM is scripts/slurm-test's job.
import Compare
import Foundation
import Testing
import _TestSupport

@Suite struct SlurmSubmissionTests {
  static let bashPath = "/bin/bash"
  // The tests that execute or parse a script need bash; the others run everywhere.
  static let hasBash = FileManager.default.isExecutableFile(atPath: bashPath)

  static func small() -> SlurmSubmission {
    SlurmSubmission(
      planDirectory: "/scratch/plan", unfinishedCells: [0, 2, 5],
      cellCommand: ["/opt/har/bin/har", "compare", "--plan", "/scratch/plan", "--cell", SlurmSubmission.cellPlaceholder],
      mergeCommand: ["/opt/har/bin/har", "compare", "--plan", "/scratch/plan", "--merge"],
      cpusPerTask: 2, concurrentTasks: 2, timeLimit: "90", logDirectory: "/scratch/plan/logs",
      partition: "short", extraDirectives: ["--mem=4G", "#SBATCH --qos=normal"])
  }

  @Test func smallCaseHasExactlyTheseScripts() throws {
    let scripts = try Self.small().scripts()
    #expect(scripts.submit == """
      #!/bin/bash
      # One SLURM array task per unfinished cell of the plan in /scratch/plan.
      # Submit with the report job after it:
      #   array=$(sbatch --parsable /scratch/plan/submit.sbatch)
      #   sbatch --dependency=afterany:${array%%;*} --kill-on-invalid-dep=yes /scratch/plan/merge.sbatch
      # A task that is preempted and requeued runs its cell again; cells are idempotent.
      #SBATCH --job-name=har-cells
      #SBATCH --array=0-2%2
      #SBATCH --cpus-per-task=2
      #SBATCH --ntasks=1
      #SBATCH --time=90
      #SBATCH --output="/scratch/plan/logs/cell-%A_%a.out"
      #SBATCH --open-mode=append
      #SBATCH --requeue
      #SBATCH --partition=short
      #SBATCH --mem=4G
      #SBATCH --qos=normal
      set -euo pipefail
      : "${SLURM_ARRAY_TASK_ID:?run this script with sbatch: it is an array job}"
      # Task id (plus the array's offset, the first argument) → cell index (the
      # unfinished cells need not be contiguous).
      cells=(0 2 5)
      position=$(( ${1:-0} + SLURM_ARRAY_TASK_ID ))
      [ "$position" -lt ${#cells[@]} ] || { echo "task $SLURM_ARRAY_TASK_ID + offset ${1:-0}: no such cell (${#cells[@]} in this script)" >&2; exit 1; }
      cell=${cells[$position]}
      exec /opt/har/bin/har compare --plan /scratch/plan --cell "$cell"

      """)
    #expect(scripts.merge == """
      #!/bin/bash
      # Writes the report of the plan in /scratch/plan from its cells, listing missing
      # or failed ones; submitted to run after the array (afterany: even if cells failed).
      #SBATCH --job-name=har-merge
      #SBATCH --cpus-per-task=1
      #SBATCH --ntasks=1
      #SBATCH --time=60
      #SBATCH --output="/scratch/plan/logs/merge-%j.out"
      #SBATCH --open-mode=append
      #SBATCH --partition=short
      #SBATCH --mem=4G
      #SBATCH --qos=normal
      set -euo pipefail
      exec /opt/har/bin/har compare --plan /scratch/plan --merge

      """)
  }

  @Test func sbatchCallsSubmitTheArrayThenTheMergeAfterIt() {
    let submission = Self.small()
    #expect(submission.submitArguments == ["sbatch", "--parsable", "/scratch/plan/submit.sbatch"])
    #expect(submission.mergeArguments(arrayJobID: "4242") == [
      "sbatch", "--parsable", "--dependency=afterany:4242", "--kill-on-invalid-dep=yes", "/scratch/plan/merge.sbatch"])
  }

  @Test(arguments: [("1234\n", "1234"), ("1234;cluster\n", "1234"), ("77", "77")])
  func jobIDIsReadFromParsableOutput(_ output: String, _ id: String) throws {
    #expect(try SlurmSubmission.jobID(fromParsableOutput: output) == id)
  }

  @Test(arguments: ["", "\n", "sbatch: error: Batch job submission failed: Invalid partition name specified", "12a;c"])
  func sbatchOutputWithoutAJobIDIsAnError(_ output: String) {
    #expect(throws: CompareError.self) { try SlurmSubmission.jobID(fromParsableOutput: output) }
  }

  @Test(arguments: [
    ("plain-word_1.0/x:y,z@%+=", "plain-word_1.0/x:y,z@%+="), ("", "''"), ("a b", "'a b'"),
    ("it's", "'it'\\''s'"), ("$HOME", "'$HOME'"), ("*", "'*'"), ("é", "'é'"),
  ])
  func shellQuoteLeavesSafeWordsBareAndQuotesTheRest(_ text: String, _ quoted: String) {
    #expect(SlurmSubmission.shellQuote(text) == quoted)
  }

  /// Arguments bash must pass through unchanged: spaces, both quotes, `$`, globs,
  /// backslashes, a newline, an empty argument and a leading dash.
  static let awkwardArguments = [
    "/tmp/my plan", "it's", "say \"hi\"", "$HOME ${PATH} $(echo no) `echo no`", "*.json", "back\\slash",
    "two\nlines", "", "-n", "%A_%a", "{cell}x",
  ]

  @Test(.enabled(if: hasBash, "needs /bin/bash to run the generated script"))
  func everyArgumentReachesTheCommandUnchangedAndTheTaskRunsItsCell() throws {
    let plan = try RealData.temporaryDirectory("plan with spaces 'and quotes'")
    defer { try? FileManager.default.removeItem(at: plan) }
    // printf prints each argument between markers, so an argument that bash split,
    // joined, expanded or dropped shows up as a different list.
    let command = ["/usr/bin/printf", "<%s>\\n"] + Self.awkwardArguments + [SlurmSubmission.cellPlaceholder]
    let submission = SlurmSubmission(
      planDirectory: plan.path, unfinishedCells: [3, 8, 13], cellCommand: command, mergeCommand: command.dropLast(),
      concurrentTasks: 1, timeLimit: "1-00:00:00", logDirectory: plan.path + "/logs %j")
    let files = try submission.write()
    #expect(FileManager.default.fileExists(atPath: plan.path + "/logs %j"))

    // Task id 1 of the array runs the second unfinished cell, 8.
    let task = try Self.runBash(files.submit.path, environment: ["SLURM_ARRAY_TASK_ID": "1"])
    #expect(task.status == 0)
    #expect(task.output == (Self.awkwardArguments + ["8"]).map { "<\($0)>\n" }.joined())
    let merge = try Self.runBash(files.merge.path, environment: [:])
    #expect(merge.status == 0)
    #expect(merge.output == Self.awkwardArguments.map { "<\($0)>\n" }.joined())
    // Outside sbatch the array script stops with a message instead of running cell 0.
    let outside = try Self.runBash(files.submit.path, environment: [:])
    #expect(outside.status != 0 && outside.output.isEmpty)
  }

  /// Five cells on a cluster whose arrays hold two tasks: three arrays of 2, 2 and 1.
  static func chunked() -> SlurmSubmission {
    var submission = small()
    submission.unfinishedCells = [0, 2, 5, 7, 9]
    submission.maxArraySize = 2
    return submission
  }

  @Test func moreCellsThanOneArrayHoldsAreSubmittedAsSeveralArrays() throws {
    let submission = Self.chunked()
    #expect(submission.arrays == [0..<2, 2..<4, 4..<5])
    let script = try submission.scripts().submit
    #expect(script.contains("""
      # 5 cells exceed one array (MaxArraySize 2): submit 3 arrays,
      # each given the offset of its first cell, and the report job after all of them:
      #   a1=$(sbatch --parsable /scratch/plan/submit.sbatch)
      #   a2=$(sbatch --parsable --array=0-1%2 /scratch/plan/submit.sbatch 2)
      #   a3=$(sbatch --parsable --array=0-0%2 /scratch/plan/submit.sbatch 4)
      #   sbatch --dependency=afterany:${a1%%;*}:${a2%%;*}:${a3%%;*} --kill-on-invalid-dep=yes /scratch/plan/merge.sbatch

      """))
    #expect(script.contains("#SBATCH --array=0-1%2\n"))
    #expect(submission.submitArgumentLists == [
      ["sbatch", "--parsable", "/scratch/plan/submit.sbatch"],
      ["sbatch", "--parsable", "--array=0-1%2", "/scratch/plan/submit.sbatch", "2"],
      ["sbatch", "--parsable", "--array=0-0%2", "/scratch/plan/submit.sbatch", "4"],
    ])
    #expect(submission.submitArguments == submission.submitArgumentLists[0])
    #expect(submission.mergeArguments(arrayJobIDs: ["11", "12", "13"]) == [
      "sbatch", "--parsable", "--dependency=afterany:11:12:13", "--kill-on-invalid-dep=yes", "/scratch/plan/merge.sbatch"])
    // The default limit: 1001 cells are one array (task ids 0…1000), 1002 are two.
    var large = Self.small()
    large.unfinishedCells = Array(0..<1002)
    #expect(large.arrays == [0..<1001, 1001..<1002])
  }

  @Test(.enabled(if: hasBash, "needs /bin/bash to run the generated script"))
  func eachArrayRunsTheCellsFromItsOffset() throws {
    let plan = try RealData.temporaryDirectory("chunked-plan")
    defer { try? FileManager.default.removeItem(at: plan) }
    var submission = Self.chunked()
    submission.planDirectory = plan.path
    submission.logDirectory = plan.path + "/logs"
    submission.cellCommand = ["/usr/bin/printf", "%s\\n", SlurmSubmission.cellPlaceholder]
    let files = try submission.write()
    // Every (array, task) pair that sbatch would start, with the arguments har gives it.
    var ran: [String] = []
    for (range, arguments) in zip(submission.arrays, submission.submitArgumentLists) {
      for task in 0..<range.count {
        let offset = arguments.count > 3 ? [arguments.last!] : []
        let result = try Self.runBash(files.submit.path, environment: ["SLURM_ARRAY_TASK_ID": "\(task)"], scriptArguments: offset)
        #expect(result.status == 0, "\(result.errors)")
        ran.append(result.output.trimmingCharacters(in: .newlines))
      }
    }
    #expect(ran == ["0", "2", "5", "7", "9"])
    // A task past the end (a wrong --array by hand) stops with a message, not cell 0.
    let past = try Self.runBash(files.submit.path, environment: ["SLURM_ARRAY_TASK_ID": "1"], scriptArguments: ["4"])
    #expect(past.status != 0 && past.output.isEmpty && past.errors.contains("no such cell (5 in this script)"))
  }

  @Test(.enabled(if: hasBash, "needs /bin/bash to check the generated scripts' syntax"))
  func bashAcceptsTheSyntaxOfBothScripts() throws {
    let scripts = try Self.small().scripts()
    for text in [scripts.submit, scripts.merge] {
      let folder = try RealData.temporaryDirectory("syntax")
      defer { try? FileManager.default.removeItem(at: folder) }
      let file = folder.appendingPathComponent("script.sbatch")
      try Data(text.utf8).write(to: file)
      let check = try Self.runBash(file.path, environment: [:], arguments: ["-n"])
      #expect(check.status == 0, "bash -n: \(check.errors)")
    }
  }

  @Test func logPathsFollowSbatchFilePatternRules() throws {
    // sbatch expands %A %a %j and reads "%%" as one "%": a folder's own % is doubled.
    var submission = Self.small()
    submission.logDirectory = "/scratch/100% done/logs"
    let scripts = try submission.scripts()
    #expect(scripts.submit.contains("#SBATCH --output=\"/scratch/100%% done/logs/cell-%A_%a.out\"\n"))
    #expect(scripts.merge.contains("#SBATCH --output=\"/scratch/100%% done/logs/merge-%j.out\"\n"))
  }

  // Each case breaks one property; the error must name it.
  static let invalidCases: [(String, @Sendable (inout SlurmSubmission) -> Void)] = [
    ("planDirectory", { $0.planDirectory = "plan" }),
    ("planDirectory", { $0.planDirectory = "/scratch/a\"b" }),
    ("planDirectory", { $0.planDirectory = "/scratch/a\nb" }),
    ("logDirectory", { $0.logDirectory = "logs" }),
    ("logDirectory", { $0.logDirectory = "/scratch/\"logs\"" }),
    ("logDirectory", { $0.logDirectory = "/scratch\\logs" }),
    ("unfinishedCells", { $0.unfinishedCells = [] }),
    ("unfinishedCells", { $0.unfinishedCells = [1, -2] }),
    ("unfinishedCells", { $0.unfinishedCells = [4, 1, 4] }),
    ("maxArraySize", { $0.maxArraySize = 0 }),
    ("cpusPerTask", { $0.cpusPerTask = 0 }),
    ("concurrentTasks", { $0.concurrentTasks = 0 }),
    ("concurrentTasks", { $0.concurrentTasks = -3 }),
    ("cellCommand", { $0.cellCommand = [] }),
    ("cellCommand", { $0.cellCommand = ["har", "compare", "--cell", "0"] }),
    ("cellCommand", { $0.cellCommand = [SlurmSubmission.cellPlaceholder] }),
    ("mergeCommand", { $0.mergeCommand = [] }),
    ("partition", { $0.partition = "" }),
    ("partition", { $0.partition = "short queue" }),
    ("account", { $0.account = "lab\"x" }),
    ("extraDirectives", { $0.extraDirectives = ["mem=4G"] }),
    ("extraDirectives", { $0.extraDirectives = ["--mem=4G\n#SBATCH --x"] }),
    ("extraDirectives", { $0.extraDirectives = ["#SBATCH"] }),
    ("mergeTimeLimit", { $0.mergeTimeLimit = "0" }),
  ]

  @Test(arguments: 0..<invalidCases.count)
  func invalidPropertyIsNamedInTheError(_ index: Int) {
    let (property, breakIt) = Self.invalidCases[index]
    var submission = Self.small()
    breakIt(&submission)
    #expect(Self.invalidProperty(submission) == property)
  }

  @Test(arguments: ["1", "90", "0-01:30:00", "2-00:00:00", "10-23:59:59", "0-00:00:01"])
  func timeLimitsInEitherFormAreAccepted(_ limit: String) throws {
    var submission = Self.small()
    submission.timeLimit = limit
    #expect(try submission.scripts().submit.contains("#SBATCH --time=\(limit)\n"))
  }

  @Test(arguments: ["", "0", "00", "-5", " 90", "90m", "1:30", "01:30:00", "1-1:30:00", "1-24:00:00",
                    "1-00:60:00", "1-00:00:60", "0-00:00:00", "-01:00:00", "x-01:00:00", "1-01:00"])
  func timeLimitsInNeitherFormAreRefused(_ limit: String) {
    var submission = Self.small()
    submission.timeLimit = limit
    #expect(Self.invalidProperty(submission) == "timeLimit")
  }

  @Test func validSubmissionPassesValidation() throws {
    try Self.small().validate()
    // The largest array the default limit allows: task ids 0...1000; more go to a second.
    var largest = Self.small()
    largest.unfinishedCells = Array(0..<SlurmSubmission.defaultMaxArraySize)
    #expect(try largest.scripts().submit.contains("#SBATCH --array=0-1000%2\n"))
    largest.unfinishedCells.append(SlurmSubmission.defaultMaxArraySize)
    #expect(try largest.scripts().submit.contains("#SBATCH --array=0-1000%2\n"))
  }

  // MARK: - Helpers

  /// The property named by the `invalidOption` error that `scripts()` throws, or nil
  /// when it throws nothing or something else.
  static func invalidProperty(_ submission: SlurmSubmission) -> String? {
    do {
      _ = try submission.scripts()
      return nil
    } catch let CompareError.invalidOption(name, _, _) {
      return name
    } catch {
      return nil
    }
  }

  /// Runs `bash [arguments] script` with exactly `environment` plus PATH.
  /// Runs `script` with bash: `arguments` are bash's own (e.g. -n), `scriptArguments` the script's.
  static func runBash(_ script: String, environment: [String: String], arguments: [String] = [], scriptArguments: [String] = []) throws
    -> (status: Int32, output: String, errors: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: bashPath)
    process.arguments = arguments + [script] + scriptArguments
    process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { given, _ in given }
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
  }
}
