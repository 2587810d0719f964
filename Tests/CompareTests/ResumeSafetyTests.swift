// Reading back a report folder is reading outside input: edited or damaged cell files
// are recomputed with a warning (never trusted, never a trap), an emptied results.csv
// stays resumable, and two runs cannot share one folder.
import Compare
import Foundation
import Testing
import _TestSupport

@Suite struct ResumeSafetyTests {
  /// Rewrites one JSON cell file through a dictionary edit.
  func edit(_ url: URL, _ change: (inout [String: Any]) -> Void) throws {
    var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    change(&object)
    try JSONSerialization.data(withJSONObject: object).write(to: url)
  }

  static let edits: [(String, @Sendable (inout [String: Any]) -> Void)] = [
    ("a 2 × 2 confusion matrix", { $0["confusion"] = [[1, 0], [0, 1]] }),
    ("an empty confusion matrix", { $0["confusion"] = [[Int]]() }),
    ("a negative count", { o in var c = o["confusion"] as! [[Int]]; c[0][0] = -5; o["confusion"] = c }),
    ("a negative testWindows", { $0["testWindows"] = -1 }),
    ("an absurd count", { o in var c = o["confusion"] as! [[Int]]; c[0][0] = Int.max; c[1][1] = Int.max; o["confusion"] = c }),
    ("an accuracy above 1", { o in var m = o["metrics"] as! [String: Any]; m["accuracy"] = 1.5; o["metrics"] = m }),
  ]

  @Test(arguments: 0..<edits.count)
  func editedCellIsRecomputedWithAWarning(_ index: Int) throws {
    let (label, change) = Self.edits[index]
    let dir = try RealData.temporaryDirectory("compare-edited")
    let first = try runMock(in: dir)
    let victim = first.cells[0].key
    try edit(dir.appendingPathComponent("cells/\(victim.fileStem).json"), change)
    // The report reader refuses it with a message, not a trap.
    #expect(throws: CompareError.self, "\(label)") { try ExperimentResults.load(from: dir) }
    let log = EventLog()
    let resumed = try runMock(in: dir, existing: .resume, log: log)
    #expect(log.started == [victim], "\(label): only the edited cell is recomputed")
    #expect(log.warnings.contains { $0.contains(victim.fileStem) && $0.contains("expected") }, "\(label): \(log.warnings)")
    #expect(resumed.cells.map(\.metrics) == first.cells.map(\.metrics))
    _ = try ReportWriter.write(resumed)
  }

  @Test func emptiedResultsTableStaysResumableAndReusesTheCellFiles() throws {
    let dir = try RealData.temporaryDirectory("compare-empty-csv")
    let first = try runMock(in: dir)
    let csv = dir.appendingPathComponent("results.csv")
    try Data().write(to: csv)
    let log = EventLog()
    let resumed = try runMock(in: dir, existing: .resume, log: log)
    #expect(log.started.isEmpty, "every cell file is whole and valid: nothing to recompute")
    #expect(resumed.cells.map(\.metrics) == first.cells.map(\.metrics))
    let table = try ResultsTable.read(csv)
    #expect(table.rows.count == first.cells.count && table.warnings.isEmpty)
    // And once more: still a valid table.
    _ = try runMock(in: dir, existing: .resume)
    #expect(try ResultsTable.read(csv).rows.count == first.cells.count)
  }

  @Test func aSecondRunOnTheSameFolderFailsAtOnceNamingTheHolder() throws {
    let dir = try RealData.temporaryDirectory("compare-locked")
    let held = try ReportLock(folder: dir)
    #expect {
      try runMock(in: dir, existing: .resume)
    } throws: { error in
      "\(error)".contains("in use by another har compare run (pid \(ProcessInfo.processInfo.processIdentifier))")
    }
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("results.csv").path), "nothing written")
    held.release()
    _ = try runMock(in: dir)
  }

  @Test("ReportLock.holder: free without a file, held with the holder's pid, free again after release; writes nothing")
  func holderProbeTakesNoLock() throws {
    let dir = try RealData.temporaryDirectory("compare-probe")
    let file = dir.appendingPathComponent("cell.lock")
    #expect(ReportLock.holder(of: file).held == false)
    #expect(!FileManager.default.fileExists(atPath: file.path), "the probe creates no lock file")
    let lock = try ReportLock(file: file) { CompareError.cellLocked(cell: "c", pid: $0) }
    let probe = ReportLock.holder(of: file)
    #expect(probe.held && probe.pid == Int(ProcessInfo.processInfo.processIdentifier))
    // The probe did not take the lock from its holder, nor leave one behind once released.
    #expect(ReportLock.holder(of: file).held)
    lock.release()
    #expect(ReportLock.holder(of: file).held == false)
    _ = try ReportLock(file: file) { CompareError.cellLocked(cell: "c", pid: $0) }
  }
}

@Suite struct ReportFolderErrorTests {
  @Test func aFileInTheWayIsNamedWithTheRightVerb() throws {
    let parent = try RealData.temporaryDirectory("compare-blocked")
    let blocker = parent.appendingPathComponent("reports")
    try Data("not a folder".utf8).write(to: blocker)
    #expect {
      try runMock(in: blocker.appendingPathComponent("full"))
    } throws: { error in
      let message = "\(error)"
      return message.contains(blocker.path) && message.contains("cannot create folder") && !message.contains("read")
    }
  }
}

@Suite struct FeaturePipelineRecordTests {
  @Test func resumeRefusesAnotherFeaturePipeline() throws {
    let dir = try RealData.temporaryDirectory("compare-pipeline")
    let legacy = try Experiment(data: try syntheticData(featurePipeline: "2026-11"), models: mockModels, configuration: mockConfiguration)
    try legacy.run(in: dir, environment: testEnvironment)
    let metadata = try JSONDecoder().decode(RunMetadata.self, from: Data(contentsOf: dir.appendingPathComponent("run.json")))
    #expect(metadata.featurePipeline == "2026-11")
    #expect {
      try runMock(in: dir, existing: .resume)   // the default data: the "current" pipeline
    } throws: { error in
      "\(error)".contains("the feature pipeline was 2026-11 in the stored run but is current now")
    }
  }

  @Test func pipelineNamesAndSelection() throws {
    #expect(DatasetRequest.pipelineNames == ["current", "2026-11"])
    var request = DatasetRequest()
    #expect(request.pipelineName == "current")
    try request.selectPipeline(named: "2026-11")
    #expect(request.pipelineName == "2026-11")
    #expect(throws: CompareError.self) { try request.selectPipeline(named: "2027") }
  }
}
