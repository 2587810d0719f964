// What to load: where, through which pipeline, which inputs, with how many threads.
import Features

/// What to load: where, through which pipeline, which inputs, with how many threads.
public struct DatasetRequest: Sendable, Equatable {
  /// The HAPT folder (holding RawData/); nil searches `$HAR_DATA`, ./data/HAPT and
  /// ../shared/data/HAPT (`DataLocation.resolve`).
  public var dataPath: String?
  /// Filters, windows and feature settings. `computeFeatures` is set from `inputs`.
  public var pipeline: PipelineOptions
  /// Which inputs the models of the run read; features are computed only if needed.
  public var inputs: Set<ModelInput>
  /// Threads for parsing, features and BLAS (`ExperimentConfiguration.threads`).
  public var threads: Int

  public init(dataPath: String? = nil, pipeline: PipelineOptions = PipelineOptions(),
              inputs: Set<ModelInput> = Set(ModelInput.allCases), threads: Int = ExperimentConfiguration.Defaults.threads) {
    self.dataPath = dataPath; self.pipeline = pipeline; self.inputs = inputs; self.threads = threads
  }

  /// The names `--pipeline` accepts, the default first: "current" (the 0.1 Hz gyroscope
  /// high-pass and windows one sample earlier, docs/features.md) and "2026-11" (the
  /// pipeline before those two changes, for comparison).
  public static let pipelineNames = [PipelineMethod.current.rawValue] + PipelineMethod.allCases.map(\.rawValue).filter { $0 != PipelineMethod.current.rawValue }

  /// The name of the pipeline's method, or "custom" when its options match no named one.
  public var pipelineName: String { pipeline.method?.rawValue ?? "custom" }

  /// Chooses a named feature pipeline, keeping the filtering and feature settings.
  ///
  /// - Throws: `CompareError.invalidOption(name: "pipeline", …)` for an unknown name.
  public mutating func selectPipeline(named name: String) throws {
    guard let method = PipelineMethod(rawValue: name) else {
      throw CompareError.invalidOption(name: "pipeline", expected: "one of \(Self.pipelineNames.joined(separator: ", "))", found: "'\(name)'")
    }
    let named = method.options
    pipeline.gyroHighPass = named.gyroHighPass
    pipeline.windowOffset = named.windowOffset
  }

  /// Filter forward and backward (zero phase) instead of causally.
  public var zeroPhaseFiltering: Bool {
    get { pipeline.filtering == .zeroPhase }
    set { pipeline.filtering = newValue ? .zeroPhase : PipelineOptions().filtering }
  }
}
