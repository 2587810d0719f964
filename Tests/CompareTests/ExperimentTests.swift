import Compare
import Foundation
import Testing
import _TestSupport

/// Collects progress events from the runner (called on the runner's thread).
final class EventLog: @unchecked Sendable {
  private let lock = NSLock()
  private var _events: [ExperimentEvent] = []
  func append(_ e: ExperimentEvent) { lock.lock(); _events.append(e); lock.unlock() }
  var events: [ExperimentEvent] { lock.lock(); defer { lock.unlock() }; return _events }
  var started: [CellKey] { events.compactMap { if case let .cellStarted(k, _, _, _) = $0 { k } else { nil } } }
  var warnings: [String] { events.compactMap { if case let .warning(w) = $0 { w } else { nil } } }
}

let mockModels: [any ComparableModel] = [MockCentroid(name: "linear-svc"), MockCentroid(name: "centroid"), MockDeep(name: "cnn")]

/// The plan the mock tests were written against: 3 deep seeds, 1 classic seed, 15 % of
/// the training subjects held out, the leakage check for linear-svc and cnn, no claims.
let mockConfiguration = ExperimentConfiguration(deepSeeds: 3, classicSeeds: 1, validationFraction: 0.15,
                                                leakageModels: ["linear-svc", "cnn"], leakageSeeds: 1, claimReplicas: false)

func runMock(in directory: URL, existing: ExistingResults = .fail, configuration: ExperimentConfiguration = mockConfiguration,
             models: [any ComparableModel] = mockModels, log: EventLog = EventLog()) throws -> ExperimentResults {
  var configuration = configuration
  configuration.leakageModels = configuration.leakageModels?.filter { n in models.contains { $0.name == n } }
  let experiment = try Experiment(data: try syntheticData(), models: models, configuration: configuration, claims: BuiltInClaims.all)
  return try experiment.run(in: directory, environment: testEnvironment, existing: existing) { log.append($0) }
}

@Test func runnerWritesEveryCellAndReadsItBack() throws {
  let dir = try RealData.temporaryDirectory("compare-run")
  let log = EventLog()
  let results = try runMock(in: dir, log: log)
  // linear-svc: official + the two leaky splits; centroid: official; cnn: 3 seeds official + 1 per leaky split.
  #expect(results.cells.map(\.key.fileStem) == [
    "linear-svc_official_0_0", "linear-svc_random-matched_0_0", "linear-svc_random-recordings_0_0", "centroid_official_0_0",
    "cnn_official_0_0", "cnn_official_0_1", "cnn_official_0_2", "cnn_random-matched_0_0", "cnn_random-recordings_0_0",
  ])
  #expect(log.started.count == 9)
  let csv = try ResultsTable.read(dir.appendingPathComponent("results.csv"))
  #expect(csv.rows.count == 9 && csv.warnings.isEmpty)
  // CSV round trip: every row equals the row of its cell record.
  for row in csv.rows {
    let record = results.cells.first { $0.key == row.key }!
    #expect(row == ResultsTable.Row(record))
    #expect(row.accuracy >= 0 && row.accuracy <= 1)
  }
  let reloaded = try ExperimentResults.load(from: dir)
  #expect(reloaded.cells == results.cells)
  // Seeds differ per seed index and are reproducible.
  let seeds = results.cells.filter { $0.key.model == "cnn" }.map(\.cellSeed)
  #expect(Set(seeds).count == seeds.count)
  #expect(results.cells[4].cellSeed == "\(SeedTree.seed(run: 2024, cell: results.cells[4].key, purpose: .cell))")
  // Deep cells carry their history; epochs come from the model unless overridden.
  #expect(results.cells[4].key.model == "cnn" && results.cells[4].history.count == 4 && results.cells[4].epochs == 4)
  #expect(results.cells[4].validationWindows > 0 && results.cells[4].testSubjects == [2, 4, 9, 10, 12, 13, 18, 20, 24])
  // Like for like: every model of the official fold was fitted on the same windows and
  // subjects (the validation subjects left every model's training set).
  let official = results.cells.filter { $0.key.split == "official" }
  #expect(Set(official.map(\.trainWindows)).count == 1 && Set(official.map(\.trainSubjects)).count == 1)
  #expect(official.allSatisfy { $0.trainSubjects!.count == 21 - 3 && $0.validationWindows > 0 })
  // Per-subject confusion matrices sum to the cell's.
  for cell in results.cells {
    let summed = cell.subjectConfusions!.dropFirst().reduce(cell.subjectConfusions![0].matrix) { $0 + $1.matrix }
    #expect(summed == cell.confusionMatrix)
  }
  // Same master seed, same numbers.
  let again = try runMock(in: try RealData.temporaryDirectory("compare-run"))
  #expect(again.cells.map(\.metrics) == results.cells.map(\.metrics))
}

@Test func resumeAfterAKillRecomputesOnlyMissingCellsAndGivesTheSameReport() throws {
  let dir = try RealData.temporaryDirectory("compare-resume")
  let full = try runMock(in: dir)
  let readmeURL = try ReportWriter.write(full)
  let before = try String(contentsOf: readmeURL, encoding: .utf8)
  let cellFiles = dir.appendingPathComponent("cells")
  // Simulate a kill: results.csv cut in the middle of its 5th data line, and the cell
  // files of the cells after it never written.
  let csvURL = dir.appendingPathComponent("results.csv")
  let lines = try String(contentsOf: csvURL, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
  let kept = lines[0..<5].joined(separator: "\n") + "\n" + lines[5].prefix(lines[5].count / 2)
  try kept.write(to: csvURL, atomically: true, encoding: .utf8)
  let killedKeys = Set(full.cells.map(\.key)).subtracting(try ResultsTable.read(csvURL).rows.map(\.key))
  #expect(killedKeys.count == 5)
  // One killed cell's file survives (the kill came between its file and its row): it is
  // whole (written atomically before the row), so the resume adopts it.
  let survivor = killedKeys.sorted().first!
  for key in killedKeys where key != survivor { try FileManager.default.removeItem(at: cellFiles.appendingPathComponent(key.fileStem + ".json")) }
  // Reading the torn file drops the torn line with a warning.
  #expect(try ResultsTable.read(csvURL).hadTornLine)

  let log = EventLog()
  let resumed = try runMock(in: dir, existing: .resume, log: log)
  #expect(Set(log.started) == killedKeys.subtracting([survivor]), "only the missing cells are recomputed")
  #expect(log.warnings.contains { $0.contains(survivor.fileStem) && $0.contains("without a row") })
  #expect(log.warnings.contains { $0.contains("torn last line") })
  #expect(resumed.cells.map(\.metrics) == full.cells.map(\.metrics))
  let csv = try ResultsTable.read(csvURL)
  #expect(csv.rows.count == 9 && !csv.hadTornLine && Set(csv.rows.map(\.key)).count == 9)

  try ReportWriter.write(resumed)
  let after = try String(contentsOf: readmeURL, encoding: .utf8)
  func withoutTiming(_ s: String) -> String {
    s.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("- Total run time:") }.joined(separator: "\n")
  }
  #expect(withoutTiming(before) == withoutTiming(after))
  #expect(after.contains("over 2 sessions"))
  let metadata = try JSONDecoder().decode(RunMetadata.self, from: Data(contentsOf: dir.appendingPathComponent("run.json")))
  #expect(metadata.sessions.count == 2 && metadata.sessions.allSatisfy(\.finished))
  #expect(metadata.sessions[1].cellsReused == 5 && metadata.sessions[1].cellsComputed == 4)

  // A second resume of a finished run computes nothing.
  let idle = EventLog()
  _ = try runMock(in: dir, existing: .resume, log: idle)
  #expect(idle.started.isEmpty)
}

@Test func existingResultsAreNeverClobberedSilently() throws {
  let dir = try RealData.temporaryDirectory("compare-exists")
  _ = try runMock(in: dir, models: [MockCentroid()])
  #expect {
    try runMock(in: dir, models: [MockCentroid()])
  } throws: { error in
    "\(error)" == "\(dir.path) already holds results of a run; resume it, overwrite it, or choose another report folder"
  }
  var other = mockConfiguration
  other.masterSeed = 7
  #expect {
    try runMock(in: dir, existing: .resume, configuration: other, models: [MockCentroid()])
  } throws: { error in
    "\(error)" == "cannot resume: the run seed was 2024 in the stored run but is 7 now; rerun with the same settings or choose another report folder"
  }
  let log = EventLog()
  _ = try runMock(in: dir, existing: .overwrite, configuration: other, models: [MockCentroid()], log: log)
  #expect(log.started.count == 1)   // centroid on the official split; it is not a leakage model here
}

@Test func brokenModelsAndBadDataAreClearErrors() throws {
  let dir = try RealData.temporaryDirectory("compare-broken")
  #expect {
    try runMock(in: dir, configuration: ExperimentConfiguration(leakageCheck: false, claimReplicas: false), models: [BrokenModel()])
  } throws: { error in
    "\(error)".hasPrefix("model 'broken' broke its contract in cell broken official fold 0 seed 0: expected 162 predictions (one per test window), found 1")
  }
  let small = try syntheticData(subjects: 4)
  #expect {
    try Experiment(data: small, models: [MockCentroid()], configuration: .full)
  } throws: { error in
    "\(error)".hasPrefix("split 'official' names subject(s) 9, 10, 12, 13, 18, 20, 24 that have no windows in the data; subjects present: 1–4")
  }
  #expect {
    try Experiment(data: small, models: [MockCentroid()], configuration: ExperimentConfiguration(splits: [.kFold(5)]))
  } throws: { error in
    "\(error)" == "split 'kfold5': 5 folds need at least 5 subjects, but the data has 4"
  }
  #expect {
    try Experiment(data: small, models: [MockCentroid(name: "Bad Name")], configuration: .full)
  } throws: { error in
    "\(error)" == "invalid model name 'Bad Name': use lower-case letters, digits and hyphens"
  }
  #expect(throws: CompareError.self) {
    try ComparisonData(windows: [], features: nil, signals: nil)
  }
}

@Test func optionsResolveWithClearErrors() throws {
  let request = ComparisonRequest(models: .named(["cnn", "linear-svc"]), deepSeeds: 2, masterSeed: 5)
  let (models, configuration) = (try request.selectedModels(from: mockModels), try request.configuration())
  #expect(models.map(\.name) == ["linear-svc", "cnn"])
  #expect(configuration.deepSeeds == 2 && configuration.masterSeed == 5 && configuration.splits == [.official])
  let quick = try ComparisonRequest(quick: true).configuration()
  #expect(quick.deepSeeds == 1 && quick.epochs == 2 && quick.profile == "quick")
  #expect(try ComparisonRequest(folds: 3).configuration().splits == [.kFold(3)])
  #expect(try ComparisonRequest(leaveOneSubjectOut: true).configuration().splits == [.leaveOneSubjectOut])
  #expect(try ComparisonRequest(reportName: "x", reportParent: "/tmp/r/").reportDirectory(existing: .fail).directory.path == "/tmp/r/x")
  #expect {
    try ComparisonRequest(models: .named(["lstm"])).selectedModels(from: mockModels)
  } throws: { error in
    "\(error)" == "unknown model 'lstm'; valid models: linear-svc, centroid, cnn"
  }
  #expect {
    try ComparisonRequest(folds: 5, leaveOneSubjectOut: true).configuration()
  } throws: { error in
    "\(error)" == "leaveOneSubjectOut and folds 5 cannot be combined: leave-one-subject-out has one fold per subject"
  }
  #expect {
    try ComparisonRequest(split: "official", folds: 5).configuration()
  } throws: { error in
    "\(error)" == "split official and folds 5 cannot be combined: folds apply to the k-fold split only"
  }
  #expect {
    try ComparisonRequest(epochs: 0).configuration()
  } throws: { error in
    "\(error)" == "epochs: expected an integer in 1…10000, found 0"
  }
  #expect {
    try ComparisonRequest(deepSeeds: 0).configuration()
  } throws: { error in
    "\(error)" == "deepSeeds: expected an integer in 1…100, found 0"
  }
}

@Test func kFoldRunAndEpochOverride() throws {
  let dir = try RealData.temporaryDirectory("compare-kfold")
  let configuration = ExperimentConfiguration(splits: [.kFold(3)], deepSeeds: 2, classicSeeds: 1, epochs: 2, leakageCheck: false, claimReplicas: false)
  let results = try runMock(in: dir, configuration: configuration, models: [MockCentroid(), MockDeep()])
  #expect(results.cells.count == 3 + 3 * 2)
  #expect(results.cells.filter(\.isDeep).allSatisfy { $0.epochs == 2 && $0.epochsOverride == 2 })
  let testSubjects = results.cells.filter { $0.key.model == "centroid" }.flatMap(\.testSubjects)
  #expect(testSubjects.sorted() == Array(1...30))
  let readme = ReportWriter.markdown(results)
  #expect(readme.contains("3-fold cross-validation by subject"))
}

@Test func progressLinesAndEnvironment() throws {
  let key = CellKey(model: "lstm", split: "official", fold: 0, seedIndex: 2)
  #expect(ExperimentEvent.cellStarted(key, index: 3, of: 14, etaSeconds: 312).description == "[3/14] lstm official fold 0 seed 2, ETA 5m 12s")
  #expect(ExperimentEvent.cellProgress(key, index: 3, of: 14, CellProgress(epoch: 4, epochs: 20, message: "loss 0.41")).description
    == "[3/14] lstm official fold 0 seed 2: epoch 4/20 loss 0.41")
  #expect(ExperimentEvent.cellFinished(key, index: 3, of: 14, accuracy: 0.9123, seconds: 42.04, etaSeconds: nil).description
    == "[3/14] lstm official fold 0 seed 2: accuracy 91.23 % in 42.0 s")
  let dir = try RealData.temporaryDirectory("compare-env")
  let cpuinfo = dir.appendingPathComponent("cpuinfo")
  try "processor\t: 0\nmodel name\t: Example CPU @ 2.00GHz\n".write(to: cpuinfo, atomically: true, encoding: .utf8)
  #expect(RunEnvironment.cpuModel(cpuinfo: cpuinfo.path) == "Example CPU @ 2.00GHz")
  #expect(RunEnvironment.cpuModel(cpuinfo: dir.appendingPathComponent("none").path) == "unknown")
  let environment = try RunEnvironment.current(command: "har compare --quick", dataDirectory: dir, swiftVersion: "Swift version 6.3.1\nTarget: x")
  #expect(environment.swiftVersion == "Swift version 6.3.1")
  #expect(environment.dataChecksum?.fileCount == 1 && environment.logicalCPUs >= 1)
}
