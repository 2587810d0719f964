import Compare
import Foundation

/// Options shared by several commands. Defaults are printed from the library's constants.
enum CommonOptions {
  static let data = OptionSpec.value(
    "data", "PATH", "The HAPT folder (holding RawData/). Else $HAR_DATA, ./data/HAPT, ../shared/data/HAPT.")
  static let threads = OptionSpec.value(
    "threads", "N", "Threads for parsing, features and BLAS (\(range(ExperimentConfiguration.Limits.threads))).",
    default: "\(ExperimentConfiguration.Defaults.threads)")
  static let verbose = OptionSpec.flag("verbose", "Print solver and training progress to stderr.")
  static let nativeBLAS = OptionSpec.flag(
    "native-blas",
    "Let OpenBLAS use the fastest kernels for this CPU instead of the Haswell kernels pinned by default; faster on AVX-512 machines, but the last digits of deep results then differ between machines (docs/deep.md).")
  static let pipeline = OptionSpec.value(
    "pipeline", "NAME",
    "Feature pipeline: \(DatasetRequest.pipelineNames.joined(separator: " | ")). 2026-11 is the method before the 0.1 Hz gyroscope high-pass and the one-sample window shift (docs/features.md), for comparison.",
    default: DatasetRequest.pipelineNames[0])

  // Model files (docs/your-model.md). Defaults come from `KerasFileModel.defaultTraining`.
  static let channels = OptionSpec.value(
    "channels", "A,B",
    "Channels the model files read, in order: groups \(ChannelSelection.groups.joined(separator: ", ")) or axes such as body_acc_x.",
    default: "all \(ChannelSelection.channelNames.count)")
  static let batchSize = OptionSpec.value(
    "batch-size", "N", "Batch size of the model files.", default: "\(KerasFileModel.defaultTraining.batchSize)")
  static let learningRate = OptionSpec.value(
    "learning-rate", "R", "Learning rate of the model files.",
    default: "the file's compile_config, else \(KerasFileModel.defaultTraining.learningRate)")
  static let summary = OptionSpec.flag(
    "summary", "Print the model's layer summary and exit; with --model-file, Keras-style from the file alone (no data needed).")

  /// Prints the Keras-style summary of every model file of `request`.
  static func printModelFileSummaries(_ request: ComparisonRequest) throws {
    print(try request.modelFileSummaries().joined(separator: "\n\n"))
  }

  /// The dataset request of `--data` and `--threads`, the threads checked by the
  /// configuration's one range check.
  static func datasetRequest(_ options: ParsedOptions, inputs: Set<ModelInput> = Set(ModelInput.allCases)) throws -> DatasetRequest {
    var configuration = ExperimentConfiguration.full
    if let threads = try options.int("threads") { configuration.threads = threads }
    try OptionTable.checking(options.command) { try configuration.validate() }
    return try datasetRequest(options, inputs: inputs, threads: configuration.threads)
  }

  /// The dataset request of `--data`, `--pipeline` and already checked `threads`.
  static func datasetRequest(_ options: ParsedOptions, inputs: Set<ModelInput>, threads: Int) throws -> DatasetRequest {
    var request = DatasetRequest(dataPath: options.string("data"), inputs: inputs, threads: threads)
    if let name = options.string("pipeline") {
      try OptionTable.checking(options.command) { try request.selectPipeline(named: name) }
    }
    return request
  }

  /// "1…100" for help texts.
  static func range(_ r: ClosedRange<Int>) -> String { "\(r.lowerBound)…\(r.upperBound)" }
}

extension FileHandle {
  func write(_ string: String) { write(string.data(using: .utf8)!) }
}

/// Writes to stderr (diagnostics and progress; results go to stdout or files).
func printError(_ s: String) { FileHandle.standardError.write(s) }
