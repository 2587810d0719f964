// `har compare`: every model on identical subject splits, results written cell by cell,
// and a report in reports/<name>/. Parse → Compare → print.
import Compare
import Foundation

private typealias Defaults = ExperimentConfiguration.Defaults
private typealias Limits = ExperimentConfiguration.Limits

let compareCommand = Command(
  words: ["compare"],
  summary: "Run classic and deep models on identical subject splits and write a report (reports/<name>/README.md).",
  details: """
    Models: \(ModelRegistry.names.joined(separator: ", ")).
    Without --all or --models, every model runs. Each finished cell (model, split, fold,
    seed) is written to results.csv at once; --resume skips the cells already there.
    Profiles: --quick (\(Defaults.quickEpochs) epochs, \(Defaults.quickSeeds) seed; a smoke test) and the default full run.
    Besides the models' own cells, a run adds the leakage check (matched leaky splits) and
    each published claim's replica under the claim's own protocol (docs/compare.md).
    \(teachingDetails)
    """,
  options: [
    .flag("all", "Run every model (the default when --models is not given)."),
    .value("models", "A,B", "Run only these models (comma-separated)."),
    .value("split", "KIND", "official | kfold | loso | random (random mixes one person's windows into train and test: for the leakage demonstration only).", default: "official"),
    .value("folds", "N", "Folds for --split kfold (subjects per fold balanced; \(CommonOptions.range(Limits.folds))).", default: "\(Defaults.folds)"),
    .flag("loso", "Leave one subject out (same as --split loso)."),
    .value("seeds", "N", "Seeds per model (\(CommonOptions.range(Limits.seeds))).", default: "\(Defaults.deepSeeds) (quick: \(Defaults.quickSeeds))"),
    .value("seed", "S", "Run seed; every split and cell seed is derived from it (docs/compare.md, Seeds).", default: "\(Defaults.masterSeed)"),
    .value("epochs", "N", "Override every deep preset's epochs (\(CommonOptions.range(Limits.epochs))).", default: "the preset's (quick: \(Defaults.quickEpochs))"),
    .flag("quick", "Quick profile: few epochs, one seed (under 3 minutes)."),
    .flag("resume", "Keep finished cells of an earlier run in the same folder; compute the rest."),
    .flag("overwrite", "Delete an earlier run in the same folder first."),
    .value("patience", "N", "Early stopping for deep models: stop after N epochs without a lower validation loss and restore the best weights (\(CommonOptions.range(Limits.patience))).", default: "none: the papers' epochs, final weights"),
    .value("validation-fraction", "F", "Training subjects held out from every model's training (deep models draw validation curves on them and early-stop with --patience); 0 trains every model on all of them.", default: "\(Defaults.validationFraction.shortDescription)"),
    .value("name", "NAME", "Report folder name (one folder, no '/'). Without it each run writes a new dated folder, so a committed report such as reports/full is never in the way; --resume without --name continues the newest dated one.", default: "full-YYYY-MM-DD[-N] (quick-… with --quick)"),
    .value("out", "DIR", "Parent folder of reports.", default: ComparisonRequest.defaultReportParent),
    .value("leakage-models", "A,B", "The models of the leakage check, or 'all' (every model run but the majority baseline; with --all each deep preset adds 6 cells: 3 seeds on each leaky split).", default: "every classical model, lstm and cnn"),
    .repeated("model-file", "[NAME=]PATH", "A Keras Sequential model JSON (model.to_json()) compared after the built-in models, on the primary split; its name is NAME, else the file's model name or stem, and may not be a built-in model's (docs/your-model.md)."),
    CommonOptions.channels, CommonOptions.batchSize, CommonOptions.learningRate,
    .repeated("claims", "PATH", "A claims file {\"claims\": [...]} (docs/claims.schema.json), checked beside the built-in claims."),
    CommonOptions.summary,
    CommonOptions.data, CommonOptions.pipeline, CommonOptions.threads, CommonOptions.verbose, CommonOptions.nativeBLAS,
  ] + teachingOptions + ComparePlanMode.options,
  run: { options in try runCompare(options) })

/// A comparison built from the options: the library objects every mode needs.
struct BuiltComparison {
  var request: ComparisonRequest
  var configuration: ExperimentConfiguration
  var models: [any ComparableModel]
  var dataset: DatasetRequest
  var existing: ExistingResults
  var verbose: Bool
  /// The built-in claims and those of `--claims` files.
  var claims: [PublishedClaim]
}

/// Parses and checks the comparison options (no data is read); nil when the options
/// asked only for `--summary` (printed here).
func buildComparison(_ options: ParsedOptions) throws -> BuiltComparison? {
  let command = options.command
  if options.has("all") && options.string("models") != nil {
    throw UsageError(message: "--all and --models exclude each other", command: command)
  }
  if options.has("resume") && options.has("overwrite") {
    throw UsageError(message: "--resume and --overwrite exclude each other", command: command)
  }
  var request = ComparisonRequest(
    models: options.list("models").map { .named($0) } ?? .all, split: options.string("split"), folds: try options.int("folds"),
    leaveOneSubjectOut: options.has("loso"), quick: options.has("quick"), deepSeeds: try options.int("seeds"),
    masterSeed: try options.seed("seed"), epochs: try options.int("epochs"), patience: try options.int("patience"),
    validationFraction: try options.double("validation-fraction"), threads: try options.int("threads"),
    reportName: options.string("name"), reportParent: options.string("out"), modelFiles: options.all("model-file"),
    channels: options.list("channels"), batchSize: try options.int("batch-size"), learningRate: try options.double("learning-rate"),
    claimsFiles: options.all("claims"))
  request.leakageModels = options.list("leakage-models")
  applyTeachingOptions(options, to: &request)
  if options.has("summary") {
    guard !request.modelFiles.isEmpty else { throw UsageError(message: "--summary applies to --model-file", command: command) }
    try CommonOptions.printModelFileSummaries(request)
    return nil
  }
  let existing: ExistingResults = options.has("resume") ? .resume : (options.has("overwrite") ? .overwrite : .fail)
  let verbose = options.has("verbose")
  var solverProgress: (@Sendable (String) -> Void)? = nil
  if verbose { solverProgress = { line in printError("  " + line + "\n") } }
  let configuration = try OptionTable.checking(command) { try request.configuration() }
  let registry = ModelRegistry.all(configuration: configuration, solverProgress: solverProgress)
  let fileModels = try OptionTable.checking(command) {
    try request.fileModels(configuration: configuration, reservedNames: registry.map(\.name))
  }
  let models = try OptionTable.checking(command) { try request.selectedModels(from: registry) } + fileModels
  if let leakage = request.leakageModels, leakage != [ExperimentConfiguration.allLeakageModels] {
    let run = models.map(\.name)
    if leakage.isEmpty {
      throw UsageError(message: "--leakage-models: expected 'all' or a comma-separated list of models, found nothing", command: command)
    }
    if let unknown = leakage.first(where: { !run.contains($0) }) {
      throw UsageError(message: "--leakage-models: expected 'all' or models of this run (\(run.joined(separator: ", "))), found '\(unknown)'", command: command)
    }
  }
  let claims = try request.claims(knownModels: registry.map(\.name) + fileModels.map(\.name), fileModels: fileModels)
  let dataset = try CommonOptions.datasetRequest(options, inputs: Set(ModelInput.allCases), threads: configuration.threads)
  return BuiltComparison(request: request, configuration: configuration, models: models, dataset: dataset,
                         existing: existing, verbose: verbose, claims: claims)
}

/// The comparison of `built` on `loaded`, with its claims.
func makeExperiment(_ built: BuiltComparison, loaded: LoadedDataset, command: String) throws -> Experiment {
  try KerasFileModel.checkInputs(of: built.models, data: loaded.data)
  return try OptionTable.checking(command) {
    try Experiment(data: loaded.data, models: built.models, configuration: built.configuration, claims: built.claims)
  }
}

func runCompare(_ options: ParsedOptions) throws {
  if try ComparePlanMode.runIfAsked(options) { return }
  let command = options.command
  guard let built = try buildComparison(options) else { return }
  let existing = built.existing, verbose = built.verbose
  let reportFolder = try OptionTable.checking(command) { try built.request.reportDirectory(existing: existing) }
  printError("compare: report folder \(reportFolder.directory.path)\(reportFolder.automatic ? " (a new dated folder; --name NAME chooses another)" : "")\n")

  let started = Date()
  let loaded = try DatasetLoader.load(built.dataset)
  printError(String(format: "compare: %d windows from %@, %d features, raw signals (%d, %d, %d) in %.1f s\n",
                    loaded.count, loaded.directory, loaded.featureCount, loaded.count, loaded.timeSteps, loaded.channels, loaded.seconds))
  let experiment = try makeExperiment(built, loaded: loaded, command: command)
  let commandLine = (["har"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
  let environment = try RunEnvironment.current(command: commandLine, dataDirectory: URL(fileURLWithPath: loaded.directory))
  let results = try experiment.run(in: reportFolder.directory, environment: environment, existing: existing) { event in
    if case .cellProgress = event, !verbose { return }
    printError("\(event)\n")
  }
  let readme = try ReportWriter.write(results)
  printError(String(format: "compare: done in %.1f min\n", Date().timeIntervalSince(started) / 60))
  print(readme.path)
}

// MARK: - The teaching studies (docs/teaching.md)

private typealias Teaching = ExperimentConfiguration.Teaching

private let teachingEstimate = Teaching.estimatedRunTime

private let teachingDetails = """
  Teaching (docs/teaching.md): --teaching runs \(Teaching.models.joined(separator: ", ")) on the official split
  (\(Teaching.seeds) seeds) with the learning curve and the ablation, without the leakage check and the claims
  (\(teachingEstimate)); with --quick: 1 seed, 1 draw per size, \(Defaults.quickEpochs) epochs (a smoke test of the sections).
  """

private let teachingOptions: [OptionSpec] = [
  .flag("learning-curve", "Add the learning curve: \(Teaching.learningCurveModels.joined(separator: ", ")) (those run) on \(Teaching.learningCurveSizes.map(String.init).joined(separator: ", ")) of the official training subjects, \(Defaults.learningCurveDraws) random draws per size (1 with --quick), tested on the official test subjects."),
  .flag("ablation", "Add the feature-family ablation: \(Teaching.ablationFeatureModels.joined(separator: ", ")) on each feature family's columns, \(Teaching.ablationRawModel) on channel subsets (\(Teaching.channelSubsets.map { $0.channels.joined(separator: "+") }.joined(separator: ", "))), on the official split."),
  .flag("teaching", "Teaching profile: \(Teaching.models.joined(separator: ", ")), \(Teaching.seeds) seeds, --learning-curve and --ablation, no leakage check or claims (\(teachingEstimate)); report folder teaching-YYYY-MM-DD unless --name."),
]

private func applyTeachingOptions(_ options: ParsedOptions, to request: inout ComparisonRequest) {
  request.learningCurve = options.has("learning-curve")
  request.ablation = options.has("ablation")
  request.teaching = options.has("teaching")
}
