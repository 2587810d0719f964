// The one entry point every command loads data through: find the raw recordings,
// parse them, cut windows and compute the features a run needs, and hand back the
// `ComparisonData` the runner and every model read.
//
//   DataLocation.resolve → RawDataset.load → FeaturePipeline.run → ComparisonData
//
// Decisions:
// 1. One request type carries everything that changes the windows (`pipeline`) or the
//    work (`inputs`, `threads`), so an option added to the pipeline (e.g. another filter
//    method) is one new field of `PipelineOptions`, threaded through unchanged.
// 2. The channel count comes from the pipeline (`InertialChannel.allCases`), never a
//    literal 9.
// 3. Features are computed only when a model reads them (`inputs`), since they are most
//    of the loading time; raw signals are always cut (they are the windows).
import Features
import Foundation
import LinearAlgebra

/// Loads datasets for every command.
public enum DatasetLoader {
  /// Channels per sample: body_acc xyz (g), body_gyro xyz (rad/s), total_acc xyz (g).
  public static let channels = InertialChannel.allCases.count

  /// Finds, reads, windows and (if asked) computes features; sets the BLAS threads.
  ///
  /// - Throws: `DataNotFound` (with where it looked and how to download), the reader's
  ///   `InputError` (`path:line: expected …, found …`), `FeatureError`, and
  ///   `CompareError.invalidData` / `.invalidOption` for bad threads.
  public static func load(_ request: DatasetRequest) throws -> LoadedDataset {
    let started = Date()
    let (raw, location) = try recordings(request)
    var pipeline = request.pipeline
    pipeline.computeFeatures = request.inputs.contains(.features)
    let windows = try FeaturePipeline.run(raw, options: pipeline, threads: request.threads)
    let data = try ComparisonData(
      windows: windows.windows, features: pipeline.computeFeatures ? windows.features : nil,
      signals: request.inputs.contains(.raw)
        ? SignalWindows(count: windows.count, timeSteps: windows.windowLength, channels: channels, values: windows.signals) : nil,
      featurePipeline: request.pipelineName)
    return LoadedDataset(
      directory: location.haptDirectory, source: location.source, uciHARDirectory: location.uciHARDirectory,
      windows: windows, data: data, seconds: Date().timeIntervalSince(started))
  }

  /// The first half of `load`: finds and parses the recordings (for `DatasetInfo`,
  /// which summarises them without cutting windows); sets the BLAS threads.
  static func recordings(_ request: DatasetRequest) throws -> (RawDataset, DataLocation) {
    try check(threads: request.threads)
    BLASThreads.set(request.threads)
    let location = try DataLocation.resolve(explicit: request.dataPath)
    return (try RawDataset.load(haptDirectory: location.haptDirectory, threads: request.threads), location)
  }

  /// The threads range lives in `ExperimentConfiguration.validate()`; check it there.
  static func check(threads: Int) throws {
    var configuration = ExperimentConfiguration.full
    configuration.threads = threads
    try configuration.validate()
  }
}
