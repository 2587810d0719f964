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

  /// Filter forward and backward (zero phase) instead of causally.
  public var zeroPhaseFiltering: Bool {
    get { pipeline.filtering == .zeroPhase }
    set { pipeline.filtering = newValue ? .zeroPhase : PipelineOptions().filtering }
  }
}
