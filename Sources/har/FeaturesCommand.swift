// `har features --out DIR`: the 561 features and the raw windows in the UCI HAR v1.0
// text layout and/or as NumPy files, so any other tool can consume what we compute.
// Parse → Compare → print.
import Compare
import Foundation

let featuresCommand = Command(
  words: ["features"],
  summary: "Compute windows and the 561 UCI HAR features from the raw recordings and write them in the UCI HAR v1.0 layout or as NumPy files.",
  details: """
    Writes DIR/features.txt, DIR/activity_labels.txt and, split by the official test
    subjects (2, 4, 9, 10, 12, 13, 18, 20, 24), for each part P in train, test:
      text: DIR/P/X_P.txt, y_P.txt, subject_P.txt and Inertial Signals/*.txt;
      npy:  DIR/P/X_P.npy (N, 561), y_P.npy (N,) int32 activity ids as in y_P.txt,
            subject_P.npy (N,) int32, windows_P.npy (N, 128, 9), and DIR/channels.txt
            naming the 9 channels (body_acc x y z, body_gyro x y z, total_acc x y z).
    numpy.load(path, allow_pickle=False) reads the .npy files. Features are min–max
    scaled to [-1, 1] with the train part's statistics, as the official files are,
    unless --unscaled. Without --dtype, X is float64 and the windows float32 (each its
    own precision); --dtype sets both.
    """,
  options: [
    .value("out", "DIR", "Where to write (created if missing)."),
    .flag("zero-phase", "Filter forward and backward (zero phase) instead of causally."),
    .flag("unscaled", "Write the features unscaled."),
    .value("format", "FORMAT", "What to write: \(FeatureExport.Format.allCases.map(\.rawValue).joined(separator: " | ")).",
           default: FeatureExport.Format.text.rawValue),
    .value("dtype", "TYPE", "Element type of X and the windows in the .npy files: \(FeatureExport.Precision.allCases.map(\.rawValue).joined(separator: " | ")). Default: X float64, windows float32."),
    CommonOptions.data, CommonOptions.pipeline, CommonOptions.threads,
  ],
  run: { options in
    guard let out = options.string("out") else {
      throw UsageError(message: "--out DIR is required", command: options.command)
    }
    guard !out.isEmpty else { throw UsageError(message: "--out expects a folder path, found an empty string", command: options.command) }
    let format = try choice(FeatureExport.Format.self, "format", options) ?? .text
    let precision = try choice(FeatureExport.Precision.self, "dtype", options)
    if precision != nil && format == .text {
      throw UsageError(message: "--dtype sets the element type of the .npy files; add --format npy or --format both", command: options.command)
    }
    var request = try CommonOptions.datasetRequest(options)
    request.zeroPhaseFiltering = options.has("zero-phase")
    let started = Date()
    let loaded = try DatasetLoader.load(request)
    let computed = Date()
    let written = try FeatureExport.write(loaded, to: out, scaled: !options.has("unscaled"), format: format, precision: precision)
    let finished = Date()
    printError(String(format: "features: %d windows (%d train, %d test) × %d features in %.2f s (loading and features %.2f s, writing \(format.rawValue) %.2f s)\n",
                      loaded.count, written.trainWindows, written.testWindows, loaded.featureCount, finished.timeIntervalSince(started),
                      computed.timeIntervalSince(started), finished.timeIntervalSince(computed)))
    if loaded.skippedShortSegments > 0 {
      printError("features: \(loaded.skippedShortSegments) segment(s) shorter than one window were skipped\n")
    }
    print(out)
  })

/// The value of option `name` as one of `T`'s cases, or nil when absent.
/// - Throws: `UsageError` naming the valid values when it is none of them.
private func choice<T: RawRepresentable & CaseIterable>(_: T.Type, _ name: String, _ options: ParsedOptions) throws -> T?
where T.RawValue == String {
  guard let s = options.string(name) else { return nil }
  guard let value = T(rawValue: s) else {
    let valid = T.allCases.map(\.rawValue).joined(separator: ", ")
    throw UsageError(message: "--\(name): expected one of \(valid), found '\(s)'", command: options.command)
  }
  return value
}
