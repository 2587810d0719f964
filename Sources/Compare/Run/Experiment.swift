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
// 3. Seeds come from `SeedTree` only: a cell's seeds depend on (run seed, model,
//    split, fold, seed index), never on which other models or splits run.
// 3a. One function, `compute(_:inputs:files:progress:)`, turns a planned cell into its
//    record; `run(in:)` saves what it returns, `runCell(_:)` (`har train`) hands it
//    back. So a single cell and the same cell of a comparison are bit-identical.
// 4. Cells run one after another (split, then fold, then model, then seed), so each
//    fold's inputs are prepared once and each model may use every core for BLAS.
// 5. The report is always built from the files (`ExperimentResults.load`), so a fresh
//    run and a resumed one produce their reports the same way.
import Deep
import Features
import Foundation
import LinearAlgebra

/// A comparison run: data, models, splits, seeds.
///
/// ```swift
/// let configuration = try request.configuration()
/// let models = try request.selectedModels(from: ModelRegistry.all(configuration: configuration))
/// let experiment = try Experiment(data: loaded.data, models: models, configuration: configuration)
/// let existing: ExistingResults = .fail
/// let results = try experiment.run(in: request.reportDirectory(existing: existing).directory,
///                                  environment: environment, existing: existing) { event in
///   FileHandle.standardError.write(Data((event.description + "\n").utf8))
/// }
/// try ReportWriter.write(results, to: results.directory)
/// ```
public struct Experiment: Sendable {
  public let data: ComparisonData
  /// The models, in report order: those asked for, then claim replicas' variants.
  public let models: [any ComparableModel]
  public let configuration: ExperimentConfiguration
  /// Every split a cell runs on: `configuration.splits`, then the leakage check's
  /// splits, then the claim replicas' (each once, by name).
  public let splits: [SubjectSplit]
  /// The models of the leakage check (empty when it does not run).
  public let leakageModels: [String]
  /// The claims the report checks (their replicas are planned here).
  public let claims: [PublishedClaim]
  /// The plan in groups: (role, model, split, seeds).
  public let groups: [CellGroup]
  /// Every cell, in report order (group, fold, seed).
  public let cells: [PlannedCell]

  /// Plans a run.
  ///
  /// - Parameters:
  ///   - claims: the claims to check; each claim whose model is among `models` gets
  ///     its replica planned when `configuration.claimReplicas` (claims of other models
  ///     are reported as not run).
  /// - Throws: `CompareError.invalidModelName` for a duplicate or unusable name,
  ///   `.missingInput` when a model's input is absent from `data`, `.unknownModel` for a
  ///   leakage model not among `models`, `.invalidOption` for a claim protocol a model
  ///   cannot take, and the errors of `SubjectSplit` (a split naming a missing subject,
  ///   more folds than subjects).
  ///   - featureNames: the names of the feature columns, in order; the ablation takes
  ///     each `FeatureFamily`'s columns from them. Default: the 561 of features.txt.
  public init(data: ComparisonData, models asked: [any ComparableModel], configuration: ExperimentConfiguration,
              claims: [PublishedClaim] = [], featureNames: [String] = FeatureCatalog.names) throws {
    try configuration.validate()
    try Self.validateNames(asked)
    guard !asked.isEmpty else { throw CompareError.invalidOption(name: "models", expected: "at least one model", found: "none") }
    try Self.validateClaimIDs(claims)
    var kinds = configuration.splits
    func addSplit(_ kind: SplitKind) { if !kinds.contains(where: { $0.name == kind.name }) { kinds.append(kind) } }
    var groups: [CellGroup] = []
    for m in asked {
      for kind in configuration.splits {
        groups.append(CellGroup(role: .comparison, model: m.name, split: kind.name,
                                seeds: m.isDeep ? configuration.deepSeeds : configuration.classicSeeds))
      }
    }
    // The leakage check: the primary split's sizes on two leaky splits.
    var leakage: [String] = []
    if configuration.leakageCheck && configuration.primarySplit.isBySubject {
      if configuration.leakageModels == [ExperimentConfiguration.allLeakageModels] {
        leakage = asked.filter { !($0 is MajorityClassModel) }.map(\.name)
      } else if let named = configuration.leakageModels {
        for n in named where !asked.contains(where: { $0.name == n }) {
          throw CompareError.unknownModel(name: n, valid: asked.map(\.name))
        }
        leakage = named
      } else {
        let classic = asked.filter { !$0.isDeep && !($0 is MajorityClassModel) }.map(\.name)
        var deep = asked.filter { $0.isDeep && ["lstm", "cnn"].contains($0.name) }.map(\.name)
        if deep.isEmpty, let first = asked.first(where: \.isDeep) { deep = [first.name] }
        leakage = classic + deep
      }
      for kind in [SplitKind.matchedRandomWindows, .matchedRandomRecordings] where !leakage.isEmpty {
        addSplit(kind)
        for n in leakage { groups.append(CellGroup(role: .leakage, model: n, split: kind.name, seeds: configuration.leakageSeeds)) }
      }
    }
    // Claim replicas: each claim's model under the claim's protocol, once per (model, split).
    var models = asked
    if configuration.claimReplicas {
      for claim in claims {
        guard let base = asked.first(where: { $0.name == claim.model }) else { continue }
        let replica = try ClaimReplica.plan(claim, base: base)
        if let variant = replica.variant, !models.contains(where: { $0.name == variant.name }) { models.append(variant) }
        guard !groups.contains(where: { $0.model == replica.model && $0.split == replica.split.name }) else { continue }
        addSplit(replica.split)
        let folds = replica.split.foldCount(subjects: data.subjects.count)
        groups.append(CellGroup(role: .claimReplica, model: replica.model, split: replica.split.name,
                                seeds: folds > 1 ? 1 : configuration.claimSeeds))
      }
    }
    // The teaching studies (Experiment+Teaching.swift).
    try Self.planLearningCurve(configuration, data: data, asked: asked, groups: &groups, kinds: &kinds)
    try Self.planAblation(configuration, data: data, asked: asked, featureNames: featureNames, models: &models,
                          groups: &groups, kinds: &kinds)
    try Self.validateNames(models)
    for m in models {
      if m.input == .features && data.features == nil { throw CompareError.missingInput(model: m.name, input: "feature") }
      if m.input == .raw && data.signals == nil { throw CompareError.missingInput(model: m.name, input: "raw signal") }
    }
    // The splits; matched ones take the primary split's first fold sizes.
    var splits: [SubjectSplit] = []
    for kind in kinds {
      var matching: (train: Int, test: Int)? = nil
      if kind.isMatched, let primary = splits.first, let fold = primary.folds.first {
        matching = (fold.train.count - fold.validation.count, fold.test.count)
      }
      splits.append(try SubjectSplit(kind, windows: data.windows, runSeed: configuration.masterSeed,
                                     validationFraction: configuration.validationFraction, matching: matching))
    }
    // Cells in report order: models, then each model's groups in plan order.
    var cells: [PlannedCell] = []
    for (mi, m) in models.enumerated() {
      for g in groups where g.model == m.name {
        let si = splits.firstIndex { $0.kind.name == g.split }!
        for fold in splits[si].folds.indices {
          for seed in 0..<g.seeds {
            cells.append(PlannedCell(key: CellKey(model: m.name, split: g.split, fold: fold, seedIndex: seed), modelIndex: mi, splitIndex: si))
          }
        }
      }
    }
    self.data = data
    self.models = models
    self.configuration = configuration
    self.splits = splits
    self.leakageModels = leakage
    self.claims = claims
    self.groups = groups
    self.cells = cells
  }

  /// Checks that claim ids are unique and usable: `[a-z0-9][a-z0-9-]*`.
  static func validateClaimIDs(_ claims: [PublishedClaim]) throws {
    var seen = Set<String>()
    for c in claims {
      let ok = !c.id.isEmpty && c.id.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 } && c.id.first != "-"
      guard ok else { throw CompareError.invalidOption(name: "claim id", expected: "lower-case letters, digits and hyphens", found: "'\(c.id)'") }
      guard seen.insert(c.id).inserted else { throw CompareError.invalidOption(name: "claim id", expected: "each id once", found: "'\(c.id)' twice") }
      let protocolName = c.setup.name
      let nameOK = !protocolName.isEmpty && protocolName.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
      guard nameOK else {
        throw CompareError.invalidOption(name: "claim \(c.id) protocol name", expected: "lower-case letters, digits and hyphens", found: "'\(protocolName)'")
      }
    }
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
    // One run per folder: a second one fails here, before it reads or writes anything.
    let lock = try ReportLock(folder: directory)
    defer { lock.release() }
    let files = ResultFiles(directory: directory)
    let hasResults = ReportLocation.holdsResults(directory)
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

    // Finished cells: rows of results.csv whose cell file reads back, with the same key,
    // and passes `CellRecord.validate`; plus valid cell files of planned cells that have
    // no row (a kill between the cell file and its row, or an emptied results.csv). A
    // bad cell is recomputed with a warning, never trusted.
    var done = Set<CellKey>()
    if existing == .resume {
      let contents = FileIO.exists(files.resultsCSV) ? try ResultsTable.read(files.resultsCSV)
        : ResultsTable.Contents(rows: [], warnings: [], hadTornLine: false)
      contents.warnings.forEach { progress(.warning($0)) }
      var kept: [ResultsTable.Row] = []
      func reusable(_ key: CellKey, warnIfMissing: Bool) -> CellRecord? {
        let url = files.cell(key)
        guard FileIO.exists(url) else {
          if warnIfMissing { progress(.warning("\(url.path): missing; cell \(key) will be recomputed")) }
          return nil
        }
        do {
          let record = try JSON.decode(CellRecord.self, from: url)
          guard record.key == key else {
            throw CompareError.invalidCell(file: url.path, expected: "cell \(key)", found: "cell \(record.key)")
          }
          try record.validate(file: url.path)
          guard record.format == CellRecord.currentFormat else {
            throw CompareError.invalidCell(file: url.path, expected: "format \(CellRecord.currentFormat) (with per-subject tallies)", found: "format \(record.format)")
          }
          return record
        } catch {
          progress(.warning("\(error); cell \(key) will be recomputed"))
          return nil
        }
      }
      for row in contents.rows where !done.contains(row.key) {
        if reusable(row.key, warnIfMissing: true) != nil { done.insert(row.key); kept.append(row) }
      }
      for cell in cells where !done.contains(cell.key) {
        if let record = reusable(cell.key, warnIfMissing: false) {
          progress(.warning("\(files.cell(cell.key).path): finished cell without a row in results.csv; reused"))
          done.insert(cell.key)
          kept.append(ResultsTable.Row(record))
        }
      }
      // Rewritten whole (atomically) on every resume: drops torn, duplicated and bad
      // lines and restores a missing header, so appends always extend a valid table.
      try FileIO.writeAtomically(ResultsTable.header + kept.map(\.line).joined(), to: files.resultsCSV)
    }
    if !FileIO.exists(files.resultsCSV) { try FileIO.writeAtomically(ResultsTable.header, to: files.resultsCSV) }

    let planned = Set(cells.map(\.key))
    let reused = done.intersection(planned).count
    // Execution order: split, fold, model, seed, so each fold is prepared once.
    let pending = cells.filter { !done.contains($0.key) }.sorted {
      ($0.splitIndex, $0.key.fold, $0.modelIndex, $0.key.seedIndex) < ($1.splitIndex, $1.key.fold, $1.modelIndex, $1.key.seedIndex)
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
      progress(.cellStarted(cell.key, index: index, of: pending.count,
                            etaSeconds: Self.eta(remaining: pending[i...], models: models, secondsByModel: secondsByModel)))
      let cellStart = clock.now
      if prepared == nil || prepared!.split != cell.splitIndex || prepared!.fold != cell.key.fold {
        prepared = (cell.splitIndex, cell.key.fold, PreparedFold(data: data, fold: splits[cell.splitIndex].folds[cell.key.fold]))
      }
      var record = try compute(cell, inputs: prepared!.inputs) { p in
        progress(.cellProgress(cell.key, index: index, of: pending.count, p))
      }
      let wall = (clock.now - cellStart).seconds
      record.wallSeconds = wall
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

  /// Computes one cell of the plan without writing anything: exactly the record
  /// `run(in:)` saves for it (`wallSeconds` aside, which measures this call).
  ///
  /// - Parameters:
  ///   - key: a cell whose model and split are planned; any fold of the split and any
  ///     seed index ≥ 0 (a single training run may ask for a seed beyond the plan's).
  ///   - files: checkpoint and history files for a deep model; nil writes none.
  ///   - progress: receives the model's progress (one line per epoch).
  /// - Throws: `CompareError.invalidOption` for a cell outside the plan or files for a
  ///   model that is not deep, and the errors of `run(in:)` for the cell itself.
  public func runCell(_ key: CellKey, files: TrainingFiles? = nil,
                      progress: @Sendable (CellProgress) -> Void = { _ in }) throws -> CellRecord {
    try key.validate()
    guard let modelIndex = models.firstIndex(where: { $0.name == key.model }) else {
      throw CompareError.unknownModel(name: key.model, valid: models.map(\.name))
    }
    guard let splitIndex = splits.firstIndex(where: { $0.kind.name == key.split }) else {
      throw CompareError.invalidOption(name: "split", expected: "one of \(splits.map(\.kind.name).joined(separator: ", "))", found: key.split)
    }
    guard key.fold < splits[splitIndex].folds.count else {
      throw CompareError.invalidOption(name: "fold", expected: "a fold in 0..<\(splits[splitIndex].folds.count)", found: "\(key.fold)")
    }
    if let files, !files.isEmpty, !models[modelIndex].isDeep {
      throw CompareError.invalidOption(name: "trainingFiles", expected: "a deep model (checkpoints and histories are per epoch)", found: key.model)
    }
    let clock = ContinuousClock()
    let start = clock.now
    let cell = PlannedCell(key: key, modelIndex: modelIndex, splitIndex: splitIndex)
    var record = try compute(cell, inputs: PreparedFold(data: data, fold: splits[splitIndex].folds[key.fold]), files: files, progress: progress)
    record.wallSeconds = (clock.now - start).seconds
    return record
  }

  /// The one path from a planned cell to its record: the task (inputs of the fold,
  /// seeds from `SeedTree`, the epoch override), the model's run, the checks of its
  /// outcome, and the metrics. `wallSeconds` is left 0 for the caller to fill.
  func compute(_ cell: PlannedCell, inputs: PreparedFold, files: TrainingFiles? = nil,
               progress: @Sendable (CellProgress) -> Void) throws -> CellRecord {
    let model = models[cell.modelIndex]
    let fold = inputs.fold
    let run = configuration.masterSeed
    let task = CellTask(
      key: cell.key, seed: SeedTree.seed(run: run, cell: cell.key, purpose: .cell),
      weightsSeed: SeedTree.seed(run: run, cell: cell.key, purpose: .weights),
      shuffleSeed: SeedTree.seed(run: run, cell: cell.key, purpose: .shuffleAndDropout),
      input: model.input, classCount: data.classCount, classNames: data.classNames,
      trainFeatures: model.input == .features ? inputs.features().train : nil,
      testFeatures: model.input == .features ? inputs.features().test : nil,
      trainSignals: model.input == .raw ? try inputs.signals().train : nil,
      testSignals: model.input == .raw ? try inputs.signals().test : nil,
      trainLabels: inputs.trainLabels, validation: fold.validation,
      epochs: model.isDeep ? configuration.epochs : nil, files: files)
    let outcome: CellOutcome
    do {
      outcome = try model.run(task, progress: progress)
    } catch {
      throw CompareError.cellFailed(cell: cell.key.description, reason: "\(error)")
    }
    try Self.validate(outcome, task: task)
    let confusion = ConfusionMatrix(truth: inputs.testLabels, predicted: outcome.predictions, classCount: data.classCount)
    // Per test subject: the confusion matrix (what the subject bootstrap resamples) and,
    // with probabilities, the outputs agreeing with the one-hot truth (binary accuracy).
    let K = data.classCount
    var bySubject: [Int: [[Int]]] = [:]
    var binaryBySubject: [Int: (agree: Int, outputs: Int)] = [:]
    for (i, row) in fold.test.enumerated() {
      let subject = data.windows[row].subject
      bySubject[subject, default: [[Int]](repeating: [Int](repeating: 0, count: K), count: K)][inputs.testLabels[i]][outcome.predictions[i]] += 1
      if let p = outcome.testProbabilities {
        var agree = 0
        for k in 0..<K where (p[i * K + k] > 0.5) == (k == inputs.testLabels[i]) { agree += 1 }
        binaryBySubject[subject, default: (0, 0)].agree += agree
        binaryBySubject[subject]!.outputs += K
      }
    }
    let fitted = task.fitRows
    let trainSubjects = Set(fitted.map { data.windows[fold.train[$0]].subject }).sorted()
    let binaryAccuracy = outcome.testProbabilities.map {
      kerasBinaryAccuracy(probabilities: $0.map(Double.init), labels: inputs.testLabels, classCount: data.classCount)
    }
    var record = CellRecord(
      format: CellRecord.currentFormat, key: cell.key, input: model.input, isDeep: model.isDeep, cellSeed: "\(task.seed)",
      classNames: data.classNames, trainWindows: fitted.count - outcome.keptOutOfTraining,
      validationWindows: fold.validation.count + outcome.keptOutOfTraining,
      testWindows: fold.test.count, testSubjects: fold.testSubjects, validationSubjects: fold.validationSubjects,
      metrics: confusion.metrics, confusion: (0..<data.classCount).map { t in (0..<data.classCount).map { confusion[t, $0] } },
      trainingAccuracy: outcome.trainingAccuracy, fitSeconds: outcome.fitSeconds, predictSeconds: outcome.predictSeconds,
      wallSeconds: 0, parameters: outcome.parameterCount, epochs: outcome.epochs, epochsOverride: task.epochs,
      history: outcome.history, notes: outcome.notes)
    record.trainSubjects = trainSubjects
    record.subjectConfusions = bySubject.keys.sorted().map { SubjectConfusion(subject: $0, confusion: bySubject[$0]!) }
    record.testBinaryAccuracy = binaryAccuracy
    if outcome.testProbabilities != nil {
      record.subjectBinaryTallies = binaryBySubject.keys.sorted().map {
        SubjectTally(subject: $0, correct: binaryBySubject[$0]!.agree, total: binaryBySubject[$0]!.outputs)
      }
    }
    return record
  }

  func checkResumable(_ m: RunMetadata, environment: RunEnvironment) throws {
    func check(_ field: String, _ stored: String, _ given: String) throws {
      if stored != given { throw CompareError.resumeMismatch(field: field, stored: stored, given: given) }
    }
    try check("the run seed", m.masterSeed, "\(configuration.masterSeed)")
    try check("the epoch override", m.epochs.map { "\($0)" } ?? "each model's own", configuration.epochs.map { "\($0)" } ?? "each model's own")
    try check("the validation fraction", "\(m.validationFraction)", "\(configuration.validationFraction)")
    try check("the number of windows", "\(m.windowCount)", "\(data.count)")
    try check("the classes", m.classNames.joined(separator: ","), data.classNames.joined(separator: ","))
    // Runs written before the pipeline was recorded used the "2026-11" pipeline.
    try check("the feature pipeline", m.featurePipeline ?? "2026-11", data.featurePipeline)
    // A model's summary states its hyperparameters (e.g. early-stopping patience), so a
    // change would mix two protocols in one report.
    let storedSummaries = Dictionary(m.models.map { ($0.name, $0.summary) }, uniquingKeysWith: { a, _ in a })
    for model in models {
      if let stored = storedSummaries[model.name] { try check("the settings of \(model.name)", stored, model.summary) }
    }
    if let a = m.environment.dataChecksum, let b = environment.dataChecksum {
      try check("the data checksum", a.summary, b.summary)
    }
    // The BLAS kernels change the last digits of the deep models (docs/deep.md).
    if let a = m.environment.blasKernel, let b = environment.blasKernel { try check("the OpenBLAS kernels", a, b) }
  }

  func makeMetadata(environment: RunEnvironment, stored: RunMetadata?) -> RunMetadata {
    var splitSeeds: [String: String] = [:]
    for s in splits { splitSeeds[s.kind.name] = "\(s.seed)" }
    return RunMetadata(
      format: 2, environment: stored?.environment ?? environment, started: stored?.started ?? isoNow(),
      masterSeed: "\(configuration.masterSeed)", profile: configuration.profile,
      splits: configuration.splits.map(\.name), splitKinds: splits.map(\.kind), splitSeeds: splitSeeds,
      deepSeeds: configuration.deepSeeds, classicSeeds: configuration.classicSeeds, epochs: configuration.epochs,
      validationFraction: configuration.validationFraction, leakageModels: leakageModels,
      leakageSeeds: configuration.leakageSeeds,
      models: models.map { ModelDescription(name: $0.name, input: $0.input, isDeep: $0.isDeep, summary: $0.summary) },
      classNames: data.classNames, windowCount: data.count, featureCount: data.features?.columns,
      signalShape: data.signals.map { [$0.timeSteps, $0.channels] }, subjects: data.subjects,
      featurePipeline: data.featurePipeline, sessions: stored?.sessions ?? [], groups: groups, claims: claims,
      blasKernel: environment.blasKernel)
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
    if let p = o.testProbabilities {
      guard p.count == task.testCount * task.classCount, p.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= 1 }) else {
        throw fail("\(task.testCount) × \(task.classCount) test probabilities in [0, 1], found \(p.count) values")
      }
    }
    guard o.keptOutOfTraining >= 0 && o.keptOutOfTraining < max(1, task.fitRows.count) else {
      throw fail("0 ≤ rows kept out of training < \(task.fitRows.count), found \(o.keptOutOfTraining)")
    }
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
