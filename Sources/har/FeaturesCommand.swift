// `har features --out DIR`: the 561 features and the raw windows in the UCI HAR v1.0
// text layout, so any other tool can consume what we compute.
import Features
import Foundation

let featuresCommand = Command(
  words: ["features"],
  summary: "Compute windows and the 561 UCI HAR features from the raw recordings and write them in the UCI HAR v1.0 layout.",
  details: """
    Writes DIR/features.txt, DIR/activity_labels.txt, DIR/{train,test}/X_*.txt, y_*.txt,
    subject_*.txt and Inertial Signals/*.txt, split by the official test subjects
    (2, 4, 9, 10, 12, 13, 18, 20, 24). Features are min–max scaled to [-1, 1] with the
    train part's statistics, as the official files are, unless --unscaled.
    """,
  options: [
    .value("out", "DIR", "Where to write (created if missing)."),
    .flag("zero-phase", "Filter forward and backward (zero phase) instead of causally."),
    .flag("unscaled", "Write the features unscaled."),
    CommonOptions.data, CommonOptions.threads,
  ],
  run: { options in
    guard let out = options.string("out") else {
      throw UsageError(message: "--out DIR is required", command: "har features")
    }
    let threads = try CommonOptions.threadCount(options)
    let location = try resolveData(options)
    let started = Date()
    let raw = try RawDataset.load(haptDirectory: location.haptDirectory, threads: threads)
    var pipeline = PipelineOptions()
    if options.has("zero-phase") { pipeline.filtering = .zeroPhase }
    let windows = try FeaturePipeline.run(raw, options: pipeline, threads: threads)
    _ = try UCIHARWriter.write(windows, to: out, scaling: options.has("unscaled") ? .none : .minMaxFittedOnTrain)
    let (train, test) = windows.split()
    printError(String(format: "features: %d windows (%d train, %d test) × %d features in %.2f s\n",
                      windows.count, train.count, test.count, windows.features.columns, Date().timeIntervalSince(started)))
    if windows.skippedShortSegments > 0 {
      printError("features: \(windows.skippedShortSegments) segment(s) shorter than one window were skipped\n")
    }
    print(out)
  })
