// `har features --out DIR`: the 561 features and the raw windows in the UCI HAR v1.0
// text layout, so any other tool can consume what we compute. Parse → Compare → print.
import Compare
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
    CommonOptions.data, CommonOptions.pipeline, CommonOptions.threads,
  ],
  run: { options in
    guard let out = options.string("out") else {
      throw UsageError(message: "--out DIR is required", command: options.command)
    }
    guard !out.isEmpty else { throw UsageError(message: "--out expects a folder path, found an empty string", command: options.command) }
    var request = try CommonOptions.datasetRequest(options)
    request.zeroPhaseFiltering = options.has("zero-phase")
    let started = Date()
    let loaded = try DatasetLoader.load(request)
    let written = try FeatureExport.write(loaded, to: out, scaled: !options.has("unscaled"))
    printError(String(format: "features: %d windows (%d train, %d test) × %d features in %.2f s\n",
                      loaded.count, written.trainWindows, written.testWindows, loaded.featureCount, Date().timeIntervalSince(started)))
    if loaded.skippedShortSegments > 0 {
      printError("features: \(loaded.skippedShortSegments) segment(s) shorter than one window were skipped\n")
    }
    print(out)
  })
