// `har compare`: every model on identical subject splits, results written cell by cell,
// and a report in reports/<name>/.
import Compare
import Features
import Foundation
import LinearAlgebra

let compareCommand = Command(
  words: ["compare"],
  summary: "Run classic and deep models on identical subject splits and write a report (reports/<name>/README.md).",
  details: """
    Models: \(ModelRegistry.names.joined(separator: ", ")).
    Without --all or --models, every model runs. Each finished cell (model, split, fold,
    seed) is written to results.csv at once; --resume skips the cells already there.
    Profiles: --quick (few epochs, one seed; a smoke test) and the default full run.
    """,
  options: [
    .flag("all", "Run every model (the default when --models is not given)."),
    .value("models", "A,B", "Run only these models (comma-separated)."),
    .value("split", "KIND", "official | kfold | loso | random (random mixes one person's windows into train and test: for the leakage demonstration only).", default: "official"),
    .value("folds", "N", "Folds for --split kfold (subjects per fold balanced).", default: "5"),
    .flag("loso", "Leave one subject out (same as --split loso)."),
    .value("seeds", "N", "Seeds per deep model.", default: "3 (quick: 1)"),
    .value("seed", "S", "Master seed; every cell's seed is derived from it.", default: "2024"),
    .value("epochs", "N", "Override every deep preset's epochs.", default: "the preset's (quick: 2)"),
    .flag("quick", "Quick profile: few epochs, one seed (under 3 minutes)."),
    .flag("resume", "Keep finished cells of an earlier run in the same folder; compute the rest."),
    .flag("overwrite", "Delete an earlier run in the same folder first."),
    .value("patience", "N", "Early stopping for deep models: stop after N epochs without a lower validation loss and restore the best weights.", default: "none: the papers' epochs, final weights"),
    .value("validation-fraction", "F", "Training subjects held out from deep training, for validation curves and --patience; 0 trains on all of them (the PyTorch protocol of issue 5).", default: "0.15"),
    .value("name", "NAME", "Report folder name (one folder, no '/'). Without it each run writes a new dated folder, so a committed report such as reports/full is never in the way; --resume without --name continues the newest dated one.", default: "full-YYYY-MM-DD[-N] (quick-… with --quick)"),
    .value("out", "DIR", "Parent folder of reports.", default: "reports"),
    CommonOptions.data, CommonOptions.threads, CommonOptions.verbose,
  ],
  run: { options in try runCompare(options) })

func runCompare(_ options: ParsedOptions) throws {
    let models: ModelSelection = options.list("models").map { .named($0) } ?? .all
    if options.has("all") && options.string("models") != nil {
      throw UsageError(message: "--all and --models exclude each other", command: "har compare")
    }
    if options.has("resume") && options.has("overwrite") {
      throw UsageError(message: "--resume and --overwrite exclude each other", command: "har compare")
    }
    var seed: UInt64? = nil
    if let s = options.string("seed") {
      guard let v = UInt64(s) else { throw UsageError(message: "--seed expects a non-negative integer, got '\(s)'", command: "har compare") }
      seed = v
    }
    let folds: Int? = try options.optionalInt("folds", range: 2...1000)
    let seeds: Int? = try options.optionalInt("seeds", range: 1...100)
    let epochs: Int? = try options.optionalInt("epochs", range: 1...10_000)
    let patience: Int? = try options.optionalInt("patience", range: 1...10_000)
    var validationFraction: Double? = nil
    if let f = options.string("validation-fraction") {
      guard let v = Double(f), v >= 0, v < 1 else {
        throw UsageError(message: "--validation-fraction expects a number in [0, 1), got '\(f)'", command: "har compare")
      }
      validationFraction = v
    }
    if patience != nil && validationFraction == 0 {
      throw UsageError(message: "--patience needs held-out validation subjects, but --validation-fraction is 0", command: "har compare")
    }
    let compareOptions = CompareOptions(
      models: models, split: options.string("split"), folds: folds, leaveOneSubjectOut: options.has("loso"),
      seeds: seeds, seed: seed, epochs: epochs, quick: options.has("quick"), resume: options.has("resume"), name: options.string("name"), out: options.string("out"),
      validationFraction: validationFraction)
    let verbose = options.has("verbose")
    var solverProgress: (@Sendable (String) -> Void)? = nil
    if verbose { solverProgress = { line in printError("  " + line + "\n") } }
    let (selected, configuration): ([any ComparableModel], ExperimentConfiguration)
    do {
      (selected, configuration) = try compareOptions.resolve(available: ModelRegistry.all(solverProgress: solverProgress, deepPatience: patience))
    } catch let e as CompareError {
      throw UsageError(message: "\(e)", command: "har compare")
    }
    let existing: ExistingResults = options.has("resume") ? .resume : (options.has("overwrite") ? .overwrite : .fail)
    let reportFolder: (directory: URL, automatic: Bool)
    do {
      reportFolder = try compareOptions.reportDirectory(existing: existing)
    } catch let e as CompareError {
      throw UsageError(message: "\(e)", command: "har compare")
    }
    let threads = try CommonOptions.threadCount(options)
    let location = try resolveData(options)
    printError("compare: report folder \(reportFolder.directory.path)\(reportFolder.automatic ? " (a new dated folder; --name NAME chooses another)" : "")\n")

    let started = Date()
    printError("compare: loading \(location.haptDirectory)\n")
    let raw = try RawDataset.load(haptDirectory: location.haptDirectory, threads: threads)
    let windows = try FeaturePipeline.run(raw, threads: threads)
    printError(String(format: "compare: %d windows, %d features, raw signals (%d, %d, 9) in %.1f s\n",
                      windows.count, windows.features.columns, windows.count, windows.windowLength,
                      Date().timeIntervalSince(started)))
    let data = try ComparisonData(
      windows: windows.windows, features: windows.features,
      signals: SignalWindows(count: windows.count, timeSteps: windows.windowLength, channels: 9, values: windows.signals))
    let experiment = try Experiment(data: data, models: selected, configuration: configuration)
    let command = (["har"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
    let environment = try RunEnvironment.current(command: command, dataDirectory: URL(fileURLWithPath: location.haptDirectory))
    let directory = reportFolder.directory
    let results = try experiment.run(in: directory, environment: environment, existing: existing) { event in
      if case .cellProgress = event, !verbose { return }
      printError("\(event)\n")
    }
    let readme = try ReportWriter.write(results)
    printError(String(format: "compare: done in %.1f min\n", Date().timeIntervalSince(started) / 60))
    print(readme.path)
}
