// Issue 15: a comparison as a plan of cells run by separate processes, as a SLURM array
// or local workers run it — the plan, one cell, idempotence, a killed cell, the merge of
// a partial plan, and --jobs 2 equal to a serial run cell for cell.
import Foundation
import Testing
import _TestSupport

@Suite struct ComparePlanUsageTests {
  @Test func planModesNeedAPlanAndComeAlone() throws {
    let cell = try HarExecutable.run(["compare", "--cell", "3"])
    #expect(cell.status == 2 && cell.stderr.contains("--cell needs --plan DIR"), "\(cell.stderr)")
    let both = try HarExecutable.run(["compare", "--plan", "/tmp/never", "--cell", "1", "--merge"])
    #expect(both.status == 2 && both.stderr.contains("cannot be combined"), "\(both.stderr)")
    let jobs = try HarExecutable.run(["compare", "--jobs", "0"])
    #expect(jobs.status == 2 && jobs.stderr.contains("--jobs: expected an integer ≥ 1, found 0"), "\(jobs.stderr)")
    let submit = try HarExecutable.run(["compare", "--plan", "/tmp/never", "--submit"])
    #expect(submit.status == 2 && submit.stderr.contains("--submit needs --slurm"), "\(submit.stderr)")
    let missing = try HarExecutable.run(["compare", "--plan", try RealData.temporaryDirectory("noplan").path, "--cell", "0"])
    #expect(missing.status == 1 && missing.stderr.contains("plan.json") && missing.stderr.contains("no plan here"), "\(missing.stderr)")
  }
}

@Suite struct LeakageModelsOptionTests {
  @Test func leakageModelsMustBeModelsOfTheRun() throws {
    let unknown = try HarExecutable.run(["compare", "--models", "linear-svc,lstm", "--leakage-models", "cnn"])
    #expect(unknown.status == 2 && unknown.stderr.contains("--leakage-models: expected 'all' or models of this run (linear-svc, lstm), found 'cnn'"),
            "\(unknown.stderr)")
    let empty = try HarExecutable.run(["compare", "--leakage-models", ","])
    #expect(empty.status == 2 && empty.stderr.contains("--leakage-models: expected 'all' or a comma-separated list of models, found nothing"),
            "\(empty.stderr)")
  }

  /// The planned (model, split) pairs of a quick comparison of linear-svc and lstm2.
  static func plannedPairs(_ extra: [String]) throws -> Set<String> {
    let plan = try RealData.temporaryDirectory("leakage-plan").appendingPathComponent("plan")
    let written = try HarExecutable.run(["compare", "--quick", "--models", "majority-class,linear-svc,lstm2", "--threads", "1",
                                         "--data", RealData.haptDirectory!.path, "--plan", plan.path] + extra)
    #expect(written.status == 0, "\(written.stderr.suffix(800))")
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: plan.appendingPathComponent("plan.json"))) as! [String: Any]
    return Set((json["cells"] as! [[String: Any]]).map { "\($0["model"]!)/\($0["split"]!)" })
  }

  // Needs the real recordings ($HAR_DATA) for the plan's data checksum; skipped, visibly, without them.
  @Test(.enabled(if: RealData.haptDirectory != nil)) func allPutsEveryModelButTheBaselineOnTheLeakySplits() throws {
    // Default: the classical models, and lstm or cnn (else the first deep model run).
    let byDefault = try Self.plannedPairs([])
    #expect(byDefault.contains("linear-svc/random-matched") && byDefault.contains("lstm2/random-recordings"))
    #expect(!byDefault.contains("majority-class/random-matched"))
    // Named: only those.
    let named = try Self.plannedPairs(["--leakage-models", "lstm2"])
    #expect(named.contains("lstm2/random-matched") && !named.contains("linear-svc/random-matched"))
    // all: every model but the baseline, on both leaky splits.
    let all = try Self.plannedPairs(["--leakage-models", "all"])
    for model in ["linear-svc", "lstm2"] {
      #expect(all.contains("\(model)/random-matched") && all.contains("\(model)/random-recordings"), "\(model): \(all.sorted())")
    }
    #expect(!all.contains { $0.hasPrefix("majority-class/random") })
  }
}

@Suite struct ComparePlanRunTests {
  /// Classical models and the baseline on the quick profile at 1 thread: the official
  /// split and both leaky splits, 10 cells.
  static func options(_ data: URL) -> [String] {
    ["--quick", "--models", "majority-class,linear-svc,decision-tree,lstm", "--threads", "1", "--data", data.path]
  }

  static func rows(_ csv: URL) throws -> [String: String] {
    let lines = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n").dropFirst()
    var out: [String: String] = [:]
    for line in lines {
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      out[f[0...4].joined(separator: "/")] = [f[6], f[9], f[15], f[18], f[19]].joined(separator: ",")
    }
    return out
  }

  // Needs the real recordings ($HAR_DATA); skipped, visibly, without them.
  @Test(.enabled(if: RealData.haptDirectory != nil)) func planCellsMergeAndJobsEqualASerialRun() throws {
    let data = RealData.haptDirectory!
    let root = try RealData.temporaryDirectory("plans")
    let plan = root.appendingPathComponent("plan")
    // The plan: written without training; its cells are listed.
    let written = try HarExecutable.run(["compare"] + Self.options(data) + ["--plan", plan.path])
    #expect(written.status == 0 && written.stderr.contains("10 cells, 10 unfinished"), "\(written.stderr.suffix(800))")
    let planJSON = try JSONSerialization.jsonObject(with: Data(contentsOf: plan.appendingPathComponent("plan.json"))) as! [String: Any]
    #expect((planJSON["cells"] as! [Any]).count == 10)
    #expect(!FileManager.default.fileExists(atPath: plan.appendingPathComponent("results.csv").path))
    // One cell, twice: the second run does nothing.
    let first = try HarExecutable.run(["compare", "--plan", plan.path, "--cell", "1"])
    #expect(first.status == 0 && first.stderr.contains("cell 1 (linear-svc official fold 0 seed 0): accuracy"), "\(first.stderr.suffix(800))")
    let again = try HarExecutable.run(["compare", "--plan", plan.path, "--cell", "1"])
    #expect(again.status == 0 && again.stderr.contains("was already finished"), "\(again.stderr.suffix(800))")
    // Out of range, and another thread count (it would change the digits): refused.
    let outside = try HarExecutable.run(["compare", "--plan", plan.path, "--cell", "10"])
    #expect(outside.status == 2 && outside.stderr.contains("--cell: expected a cell index in 0…9"), "\(outside.stderr.suffix(800))")
    let threads = try HarExecutable.run(["compare", "--plan", plan.path, "--cell", "0", "--threads", "2"])
    #expect(threads.status == 2 && threads.stderr.contains("the plan's cells run with 1 threads"), "\(threads.stderr.suffix(800))")
    // A partial merge writes a partial report, lists the missing cells and fails.
    let partial = try HarExecutable.run(["compare", "--plan", plan.path, "--merge"])
    #expect(partial.status == 1 && partial.stderr.contains("merged 1 of 10 cells") && partial.stderr.contains("missing: lstm official"),
            "\(partial.stderr.suffix(800))")
    let readme = try String(contentsOf: plan.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains("**Partial report**: 9 planned cell(s) have no result yet"))
    // A killed cell leaves no result and no stale lock: rerunning it completes it.
    let lstm = 7   // lstm official fold 0 seed 0: long enough to be killed while training
    let worker = Process()
    worker.executableURL = HarExecutable.url!
    worker.arguments = ["compare", "--plan", plan.path, "--cell", "\(lstm)", "--verbose"]
    worker.standardOutput = FileHandle.nullDevice
    let pipe = Pipe()
    worker.standardError = pipe
    try worker.run()
    // Wait for its first epoch line, then kill it without warning.
    var seen = ""
    while !seen.contains("epoch 1/") {
      let chunk = pipe.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      seen += String(decoding: chunk, as: UTF8.self)
    }
    // While it runs, a second process on the same cell is refused at once.
    let rival = try HarExecutable.run(["compare", "--plan", plan.path, "--cell", "\(lstm)"])
    #expect(rival.status == 1 && rival.stderr.contains("is being computed by another process"), "\(rival.stderr.suffix(800))")
    kill(worker.processIdentifier, SIGKILL)
    worker.waitUntilExit()
    let cellFile = plan.appendingPathComponent("cells/lstm_official_0_0.json")
    #expect(!FileManager.default.fileExists(atPath: cellFile.path), "a killed cell left a result")
    let rerun = try HarExecutable.run(["compare", "--plan", plan.path, "--cell", "\(lstm)"])
    #expect(rerun.status == 0 && FileManager.default.fileExists(atPath: cellFile.path), "\(rerun.stderr.suffix(800))")
    // --jobs 2 finishes the plan (two workers, each loading the data once) and merges it.
    let jobs = try HarExecutable.run(["compare", "--plan", plan.path, "--jobs", "2"])
    #expect(jobs.status == 0 && jobs.stderr.contains("merged 10 of 10 cells"), "\(jobs.stderr.suffix(1500))")
    // The same options run serially give the same numbers, cell for cell.
    let serial = try HarExecutable.run(["compare"] + Self.options(data) + ["--name", "serial", "--out", root.path])
    #expect(serial.status == 0, "\(serial.stderr.suffix(800))")
    let planned = try Self.rows(plan.appendingPathComponent("results.csv"))
    let reference = try Self.rows(root.appendingPathComponent("serial/results.csv"))
    #expect(planned.count == 10 && planned == reference)
  }
}
