// The experiment runner: every (model, split, fold, seed) cell on identical splits,
// each finished cell saved at once, `--resume` skipping what is done.
//
// Decisions, in priority order:
// 1. A finished cell is never lost: its JSON file is written atomically first, then
//    its line is appended to `results.csv` and fsynced. A line in the CSV therefore
//    always has its cell file; a cell file without a line is recomputed.
// 2. Resume keys are (model, split, fold, seed index). Settings that would change the
//    numbers of finished cells (master seed, epochs, validation fraction, the data)
//    must match the stored run, or resuming is an error.
// 3. Seeds: the split seed is `derive(master, FNV-1a("split/<split>"))`, a cell's
//    seed `derive(master, FNV-1a("<model>/<split>/<fold>/<seed index>"))`; both are
//    independent of which other models or splits run.
// 4. Cells run one after another (split, then fold, then model, then seed), so each
//    fold's inputs are prepared once and each model may use every core for BLAS.
// 5. The report is always built from the files (`ExperimentResults.load`), so a fresh
//    run and a resumed one produce their reports the same way.
import Deep
import Features
import Foundation
import LinearAlgebra

/// What to do when the output folder already holds results.
public enum ExistingResults: Sendable, Equatable {
  /// Throw `CompareError.resultsExist` (the default: never clobber silently).
  case fail
  /// Keep finished cells and compute only the missing ones (`--resume`).
  case resume
  /// Delete the old results first.
  case overwrite
}

/// A progress event from the runner, for stderr.
public enum ExperimentEvent: Sendable, CustomStringConvertible {
  /// Something the user should know, e.g. a dropped torn line.
  case warning(String)
  /// The plan: cells in total, reused from an earlier session, to compute now.
  case planned(total: Int, reused: Int, toCompute: Int)
  /// A cell is starting; `index` is 1-based among the cells computed this session.
  case cellStarted(CellKey, index: Int, of: Int, etaSeconds: Double?)
  /// Progress inside a cell (an epoch).
  case cellProgress(CellKey, index: Int, of: Int, CellProgress)
  /// A cell finished.
  case cellFinished(CellKey, index: Int, of: Int, accuracy: Double, seconds: Double, etaSeconds: Double?)

  public var description: String {
    func eta(_ s: Double?) -> String { s.map { ", ETA \(formatDuration($0))" } ?? "" }
    switch self {
    case let .warning(m): return "warning: \(m)"
    case let .planned(total, reused, toCompute):
      return "compare: \(total) cells, \(reused) already done, \(toCompute) to run"
    case let .cellStarted(key, i, n, s): return "[\(i)/\(n)] \(key)\(eta(s))"
    case let .cellProgress(key, i, n, p):
      let epoch = p.epochs > 0 ? "epoch \(p.epoch)/\(p.epochs)" : "epoch \(p.epoch)"
      return "[\(i)/\(n)] \(key): \(epoch) \(p.message)"
    case let .cellFinished(key, i, n, accuracy, seconds, s):
      return "[\(i)/\(n)] \(key): accuracy \(String(format: "%.2f", 100 * accuracy)) % in \(formatDuration(seconds))\(eta(s))"
    }
  }
}

/// One cell of the plan.
public struct PlannedCell: Sendable, Equatable {
  public var key: CellKey
  /// Index into `Experiment.models`.
  public var modelIndex: Int
  /// Index into `Experiment.splits`.
  public var splitIndex: Int
}

/// A comparison run: data, models, splits, seeds.
///
/// ```swift
/// let (models, configuration) = try options.resolve(available: registry)
/// let experiment = try Experiment(data: data, models: models, configuration: configuration)
/// let existing: ExistingResults = options.resume ? .resume : .fail
/// let results = try experiment.run(in: options.reportDirectory(existing: existing).directory,
///                                  environment: environment, existing: existing) { event in
///   FileHandle.standardError.write(Data((event.description + "\n").utf8))
/// }
/// try ReportWriter.write(results, to: results.directory)
/// ```
public struct Experiment: Sendable {
  public let data: ComparisonData
  /// The models, in report order.
  public let models: [any ComparableModel]
  public let configuration: ExperimentConfiguration
  /// The splits: `configuration.splits`, then the random window split if the leakage
  /// check runs.
  public let splits: [SubjectSplit]
  /// The models of the leakage check (empty when it does not run).
  public let leakageModels: [String]
  /// Every cell, in report order (model, split, fold, seed).
  public let cells: [PlannedCell]

  /// Plans a run.
  ///
  /// - Throws: `CompareError.invalidModelName` for a duplicate or unusable name,
  ///   `.missingInput` when a model's input is absent from `data`, `.unknownModel` for a
  ///   leakage model not among `models`, and the errors of `SubjectSplit` (a split naming
  ///   a missing subject, more folds than subjects).
  public init(data: ComparisonData, models: [any ComparableModel], configuration: ExperimentConfiguration) throws {
    try configuration.validate()
    try Self.validateNames(models)
    guard !models.isEmpty else { throw CompareError.invalidOption(name: "--models", expected: "at least one model", found: "none") }
    for m in models {
      if m.input == .features && data.features == nil { throw CompareError.missingInput(model: m.name, input: "feature") }
      if m.input == .raw && data.signals == nil { throw CompareError.missingInput(model: m.name, input: "raw signal") }
    }
    var kinds = configuration.splits
    var leakage: [String] = []
    if configuration.leakageCheck && !kinds.contains(.randomWindows) {
      if let named = configuration.leakageModels {
        for n in named where !models.contains(where: { $0.name == n }) {
          throw CompareError.unknownModel(name: n, valid: models.map(\.name))
        }
        leakage = named
      } else {
        let classic = models.first { $0.name == "linear-svc" } ?? models.first { !$0.isDeep }
        let deep = models.first { $0.name == "cnn" } ?? models.first { $0.isDeep }
        leakage = [classic, deep].compactMap { $0?.name }
      }
      if !leakage.isEmpty { kinds.append(.randomWindows) }
    }
    let splits = try kinds.map {
      try SubjectSplit($0, windows: data.windows, seed: Self.splitSeed(master: configuration.masterSeed, split: $0.name),
                       validationFraction: configuration.validationFraction)
    }
    var cells: [PlannedCell] = []
    for (mi, m) in models.enumerated() {
      for (si, split) in splits.enumerated() {
        let isLeakage = si >= configuration.splits.count
        if isLeakage && !leakage.contains(m.name) { continue }
        let seeds = isLeakage ? configuration.leakageSeeds : (m.isDeep ? configuration.deepSeeds : configuration.classicSeeds)
        for fold in split.folds.indices {
          for seed in 0..<seeds {
            cells.append(PlannedCell(key: CellKey(model: m.name, split: split.kind.name, fold: fold, seed: seed), modelIndex: mi, splitIndex: si))
          }
        }
      }
    }
    self.data = data
    self.models = models
    self.configuration = configuration
    self.splits = splits
    self.leakageModels = leakage
    self.cells = cells
  }

  /// The seed of a split's random choices.
  public static func splitSeed(master: UInt64, split: String) -> UInt64 {
    SeededGenerator.derive(seed: master, FNV1a64.hash("split/\(split)"))
  }

  /// The seed handed to a model for one cell.
  public static func cellSeed(master: UInt64, key: CellKey) -> UInt64 {
    SeededGenerator.derive(seed: master, FNV1a64.hash("\(key.model)/\(key.split)/\(key.fold)/\(key.seed)"))
  }

  /// Checks that names are unique and usable in file names: `[a-z0-9][a-z0-9-]*`.
  static func validateNames(_ models: [any ComparableModel]) throws {
    var seen = Set<String>()
    for m in models {
      let ok = !m.name.isEmpty && m.name.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
        && m.name.first != "-"
      guard ok else { throw CompareError.invalidModelName(name: m.name, reason: "use lower-case letters, digits and hyphens") }
      guard seen.insert(m.name).inserted else { throw CompareError.invalidModelName(name: m.name, reason: "two models have this name") }
    }
  }

  // MARK: - Running

  /// Runs every cell not yet finished in `directory`, saving each as it finishes.
  ///
  /// Files written: `results.csv` (one line per cell), `cells/<model>_<split>_<fold>_<seed>.json`,
  /// `run.json`. See docs/compare.md for their formats.
  ///
  /// - Parameters:
  ///   - directory: the run's folder, e.g. `reports/full`; created if needed.
  ///   - environment: the command, machine and data facts for `run.json`.
  ///   - existing: what to do with earlier results there (default `.fail`).
  ///   - progress: receives events for stderr; called on the caller's thread.
  /// - Returns: the results of every planned cell, read back from the files.
  /// - Throws: `CompareError.resultsExist`, `.resumeMismatch`, `.malformedResults`,
  ///   `.invalidOutcome`, `.cellFailed`, `.io`. Cells finished before an error stay saved.
  @discardableResult
  public func run(in directory: URL, environment: RunEnvironment, existing: ExistingResults = .fail,
                  progress: @Sendable (ExperimentEvent) -> Void = { _ in }) throws -> ExperimentResults {
    let clock = ContinuousClock()
    let sessionStart = clock.now
    let files = ResultFiles(directory: directory)
    let hasResults = FileIO.exists(files.runJSON) || FileIO.exists(files.resultsCSV)
    var stored: RunMetadata? = nil
    if hasResults {
      switch existing {
      case .fail: throw CompareError.resultsExist(directory: directory.path)
      case .overwrite:
        for url in [files.resultsCSV, files.runJSON, files.cells, files.figures, files.readme, files.resultsJSON] { try FileIO.remove(url) }
      case .resume:
        if FileIO.exists(files.runJSON) {
          let m = try JSON.decode(RunMetadata.self, from: files.runJSON)
          try checkResumable(m, environment: environment)
          stored = m
        }
      }
    }
    try FileIO.createDirectory(files.cells)

    // Finished cells: rows of results.csv whose cell file reads back with the same key.
    var done = Set<CellKey>()
    if existing == .resume && FileIO.exists(files.resultsCSV) {
      let contents = try ResultsTable.read(files.resultsCSV)
      contents.warnings.forEach { progress(.warning($0)) }
      var kept: [ResultsTable.Row] = []
      for row in contents.rows {
        let url = files.cell(row.key)
        guard FileIO.exists(url), let record = try? JSON.decode(CellRecord.self, from: url), record.key == row.key else {
          progress(.warning("\(url.path): missing or unreadable; cell \(row.key) will be recomputed"))
          continue
        }
        if done.insert(row.key).inserted { kept.append(row) }
      }
      if contents.hadTornLine || kept.count != contents.rows.count {
        try FileIO.writeAtomically(ResultsTable.header + kept.map(\.line).joined(), to: files.resultsCSV)
      }
    }
    if !FileIO.exists(files.resultsCSV) { try FileIO.writeAtomically(ResultsTable.header, to: files.resultsCSV) }

    let planned = Set(cells.map(\.key))
    let reused = done.intersection(planned).count
    // Execution order: split, fold, model, seed, so each fold is prepared once.
    let pending = cells.filter { !done.contains($0.key) }.sorted {
      ($0.splitIndex, $0.key.fold, $0.modelIndex, $0.key.seed) < ($1.splitIndex, $1.key.fold, $1.modelIndex, $1.key.seed)
    }
    progress(.planned(total: cells.count, reused: reused, toCompute: pending.count))

    var metadata = makeMetadata(environment: environment, stored: stored)
    var session = RunSession(command: environment.command, started: isoNow(), wallSeconds: 0,
                             cellsComputed: 0, cellsReused: reused, finished: false)
    metadata.sessions.append(session)
    try FileIO.writeAtomically(try JSON.encode(metadata), to: files.runJSON)

    var prepared: (split: Int, fold: Int, inputs: PreparedFold)? = nil
    var secondsByModel: [String: [Double]] = [:]
    for (i, cell) in pending.enumerated() {
      let index = i + 1
      let model = models[cell.modelIndex]
      let fold = splits[cell.splitIndex].folds[cell.key.fold]
      progress(.cellStarted(cell.key, index: index, of: pending.count,
                            etaSeconds: Self.eta(remaining: pending[i...], models: models, secondsByModel: secondsByModel)))
      let cellStart = clock.now
      if prepared == nil || prepared!.split != cell.splitIndex || prepared!.fold != cell.key.fold {
        prepared = (cell.splitIndex, cell.key.fold, PreparedFold(data: data, fold: fold))
      }
      let inputs = prepared!.inputs
      let task = CellTask(
        key: cell.key, seed: Self.cellSeed(master: configuration.masterSeed, key: cell.key), input: model.input,
        classCount: data.classCount, classNames: data.classNames,
        trainFeatures: model.input == .features ? inputs.features().train : nil,
        testFeatures: model.input == .features ? inputs.features().test : nil,
        trainSignals: model.input == .raw ? try inputs.signals().train : nil,
        testSignals: model.input == .raw ? try inputs.signals().test : nil,
        trainLabels: inputs.trainLabels, validation: fold.validation,
        epochs: model.isDeep ? configuration.epochs : nil)
      let outcome: CellOutcome
      do {
        outcome = try model.run(task) { p in progress(.cellProgress(cell.key, index: index, of: pending.count, p)) }
      } catch {
        throw CompareError.cellFailed(cell: cell.key.description, reason: "\(error)")
      }
      try Self.validate(outcome, task: task)
      let confusion = ConfusionMatrix(truth: inputs.testLabels, predicted: outcome.predictions, classCount: data.classCount)
      let wall = (clock.now - cellStart).seconds
      let record = CellRecord(
        format: 1, key: cell.key, input: model.input, isDeep: model.isDeep, cellSeed: "\(task.seed)",
        classNames: data.classNames, trainWindows: fold.train.count, validationWindows: fold.validation.count,
        testWindows: fold.test.count, testSubjects: fold.testSubjects, validationSubjects: fold.validationSubjects,
        metrics: confusion.metrics, confusion: (0..<data.classCount).map { t in (0..<data.classCount).map { confusion[t, $0] } },
        trainingAccuracy: outcome.trainingAccuracy, fitSeconds: outcome.fitSeconds, predictSeconds: outcome.predictSeconds,
        wallSeconds: wall, parameters: outcome.parameterCount, epochs: outcome.epochs, epochsOverride: task.epochs,
        history: outcome.history, notes: outcome.notes)
      try FileIO.writeAtomically(try JSON.encode(record), to: files.cell(cell.key))
      try FileIO.append(ResultsTable.Row(record).line, to: files.resultsCSV)
      secondsByModel[model.name, default: []].append(wall)
      session.cellsComputed += 1
      session.wallSeconds = (clock.now - sessionStart).seconds
      metadata.sessions[metadata.sessions.count - 1] = session
      try FileIO.writeAtomically(try JSON.encode(metadata), to: files.runJSON)
      progress(.cellFinished(cell.key, index: index, of: pending.count, accuracy: record.metrics.accuracy, seconds: wall,
                             etaSeconds: Self.eta(remaining: pending[(i + 1)...], models: models, secondsByModel: secondsByModel)))
    }
    session.finished = true
    session.wallSeconds = (clock.now - sessionStart).seconds
    metadata.sessions[metadata.sessions.count - 1] = session
    try FileIO.writeAtomically(try JSON.encode(metadata), to: files.runJSON)
    return try ExperimentResults.load(from: directory)
  }

  private func checkResumable(_ m: RunMetadata, environment: RunEnvironment) throws {
    func check(_ field: String, _ stored: String, _ given: String) throws {
      if stored != given { throw CompareError.resumeMismatch(field: field, stored: stored, given: given) }
    }
    try check("the master seed (--seed)", m.masterSeed, "\(configuration.masterSeed)")
    try check("the epoch override (--epochs/--quick)", m.epochs.map { "\($0)" } ?? "each model's own", configuration.epochs.map { "\($0)" } ?? "each model's own")
    try check("the validation fraction", "\(m.validationFraction)", "\(configuration.validationFraction)")
    try check("the number of windows", "\(m.windowCount)", "\(data.count)")
    try check("the classes", m.classNames.joined(separator: ","), data.classNames.joined(separator: ","))
    // A model's summary states its hyperparameters (e.g. early-stopping patience), so a
    // change would mix two protocols in one report.
    let storedSummaries = Dictionary(m.models.map { ($0.name, $0.summary) }, uniquingKeysWith: { a, _ in a })
    for model in models {
      if let stored = storedSummaries[model.name] { try check("the settings of \(model.name)", stored, model.summary) }
    }
    if let a = m.environment.dataChecksum, let b = environment.dataChecksum {
      try check("the data checksum", a.summary, b.summary)
    }
  }

  private func makeMetadata(environment: RunEnvironment, stored: RunMetadata?) -> RunMetadata {
    var splitSeeds: [String: String] = [:]
    for s in splits { splitSeeds[s.kind.name] = "\(s.seed)" }
    return RunMetadata(
      format: 1, environment: stored?.environment ?? environment, started: stored?.started ?? isoNow(),
      masterSeed: "\(configuration.masterSeed)", profile: configuration.profile,
      splits: configuration.splits.map(\.name), splitKinds: splits.map(\.kind), splitSeeds: splitSeeds,
      deepSeeds: configuration.deepSeeds, classicSeeds: configuration.classicSeeds, epochs: configuration.epochs,
      validationFraction: configuration.validationFraction, leakageModels: leakageModels,
      leakageSeeds: configuration.leakageSeeds,
      models: models.map { ModelDescription(name: $0.name, input: $0.input, isDeep: $0.isDeep, summary: $0.summary) },
      classNames: data.classNames, windowCount: data.count, featureCount: data.features?.columns,
      signalShape: data.signals.map { [$0.timeSteps, $0.channels] }, subjects: data.subjects,
      sessions: stored?.sessions ?? [])
  }

  static func validate(_ o: CellOutcome, task: CellTask) throws {
    func fail(_ reason: String) -> CompareError { .invalidOutcome(model: task.key.model, cell: task.key.description, reason: reason) }
    guard o.predictions.count == task.testCount else {
      throw fail("expected \(task.testCount) predictions (one per test window), found \(o.predictions.count)")
    }
    if let bad = o.predictions.firstIndex(where: { $0 < 0 || $0 >= task.classCount }) {
      throw fail("prediction \(bad) is \(o.predictions[bad]), outside 0..<\(task.classCount)")
    }
    guard o.fitSeconds.isFinite && o.fitSeconds >= 0 && o.predictSeconds.isFinite && o.predictSeconds >= 0 else {
      throw fail("expected non-negative times, found fit \(o.fitSeconds) s, predict \(o.predictSeconds) s")
    }
    guard o.parameterCount >= 0 && o.epochs >= 0 else { throw fail("negative parameter or epoch count") }
    if let a = o.trainingAccuracy, !(a >= 0 && a <= 1) { throw fail("training accuracy \(a) outside [0, 1]") }
  }

  static func eta(remaining: ArraySlice<PlannedCell>, models: [any ComparableModel], secondsByModel: [String: [Double]]) -> Double? {
    let all = secondsByModel.values.flatMap { $0 }
    guard !all.isEmpty else { return nil }
    let overall = all.reduce(0, +) / Double(all.count)
    return remaining.reduce(0) { sum, cell in
      let s = secondsByModel[models[cell.modelIndex].name]
      return sum + (s.map { $0.reduce(0, +) / Double($0.count) } ?? overall)
    }
  }
}

/// The inputs of one fold, scaled with statistics of its training rows, made on demand.
final class PreparedFold: @unchecked Sendable {
  // Only used from the runner's thread; a class so the lazily computed parts are cached.
  let data: ComparisonData
  let fold: Fold
  let trainLabels: [Int]
  let testLabels: [Int]
  private var featureCache: (train: Matrix<Double>, test: Matrix<Double>)?
  private var signalCache: (train: SignalWindows, test: SignalWindows)?

  init(data: ComparisonData, fold: Fold) {
    self.data = data; self.fold = fold
    trainLabels = fold.train.map { data.labels[$0] }
    testLabels = fold.test.map { data.labels[$0] }
  }

  func features() -> (train: Matrix<Double>, test: Matrix<Double>) {
    if let featureCache { return featureCache }
    let x = data.features!
    // The UCI step (Features.FeatureScaler): min–max to [-1, 1] fitted on training rows.
    let scaling = FeatureScaler.fit(x, rows: fold.train)
    let result = (scaling.transform(x.rows(fold.train)), scaling.transform(x.rows(fold.test)))
    featureCache = result
    return result
  }

  /// The fold's raw windows, standardised per channel with Deep's `ChannelStandardizer`
  /// fitted on the training windows only.
  func signals() throws -> (train: SignalWindows, test: SignalWindows) {
    if let signalCache { return signalCache }
    let x = data.signals!
    let train = x.windows(fold.train), test = x.windows(fold.test)
    let standardizer = try ChannelStandardizer(fitting: train.values, channels: x.channels)
    func standardized(_ w: SignalWindows) throws -> SignalWindows {
      SignalWindows(count: w.count, timeSteps: w.timeSteps, channels: w.channels, values: try standardizer.transform(w.values))
    }
    let result = (try standardized(train), try standardized(test))
    signalCache = result
    return result
  }

}

/// The paths inside a run folder.
struct ResultFiles {
  let directory: URL
  var resultsCSV: URL { directory.appendingPathComponent("results.csv") }
  var runJSON: URL { directory.appendingPathComponent("run.json") }
  var cells: URL { directory.appendingPathComponent("cells") }
  var figures: URL { directory.appendingPathComponent("figures") }
  var readme: URL { directory.appendingPathComponent("README.md") }
  var resultsJSON: URL { directory.appendingPathComponent("results.json") }
  func cell(_ key: CellKey) -> URL { cells.appendingPathComponent(key.fileStem + ".json") }
}

extension Duration {
  var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

/// The results of a run, read back from its folder: the source of every report.
public struct ExperimentResults: Sendable {
  /// The folder the results were read from.
  public var directory: URL
  public var metadata: RunMetadata
  /// The finished cells of the plan in `run.json`, in report order (model, split,
  /// fold, seed); cells not finished are absent.
  public var cells: [CellRecord]

  /// Reads `run.json`, `results.csv` and the cell files of a run folder.
  /// - Throws: `CompareError.io` or `.malformedResults`.
  public static func load(from directory: URL) throws -> ExperimentResults {
    let files = ResultFiles(directory: directory)
    let metadata = try JSON.decode(RunMetadata.self, from: files.runJSON)
    let rows = FileIO.exists(files.resultsCSV) ? try ResultsTable.read(files.resultsCSV).rows : []
    let modelOrder = Dictionary(metadata.models.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    let splitOrder = Dictionary(metadata.splitKinds.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    var byKey: [CellKey: CellRecord] = [:]
    for row in rows {
      guard let mi = modelOrder[row.key.model], let si = splitOrder[row.key.split] else { continue }
      let isLeakage = si >= metadata.splits.count
      if isLeakage && !metadata.leakageModels.contains(row.key.model) { continue }
      let record = try JSON.decode(CellRecord.self, from: files.cell(row.key))
      let seeds = isLeakage ? metadata.leakageSeeds : (metadata.models[mi].isDeep ? metadata.deepSeeds : metadata.classicSeeds)
      if row.key.seed >= seeds { continue }
      byKey[row.key] = record
    }
    let cells = byKey.values.sorted {
      (modelOrder[$0.key.model]!, splitOrder[$0.key.split]!, $0.key.fold, $0.key.seed)
        < (modelOrder[$1.key.model]!, splitOrder[$1.key.split]!, $1.key.fold, $1.key.seed)
    }
    return ExperimentResults(directory: directory, metadata: metadata, cells: cells)
  }
}
