// The one protocol Classic and Deep models implement to take part in a comparison.
//
// Decisions, in priority order:
// 1. The runner, not the model, prepares the inputs, so every model of a fold sees the
//    same numbers: features are min–max scaled to [-1, 1] (as the official UCI HAR
//    files are) and raw signals standardised per channel, both with statistics of the
//    fold's training rows only (validation rows included; test rows never). An adapter
//    therefore only fits, predicts and reports.
// 2. One call does one cell (model, split, fold, seed) from fit to test predictions;
//    the runner computes every metric from the predictions, so no model can compute
//    accuracy differently.
// 3. Timings come from the model (it knows where fitting ends), the seed from the
//    runner (derived from one master seed), and progress goes through a closure.

/// A model that can run one cell of a comparison.
///
/// An adapter for a Classic model fits on `task.trainFeatures`/`task.trainLabels`
/// (all training rows; it may ignore `validation`), predicts `task.testFeatures`, and
/// fills a `CellOutcome`. An adapter for a Deep model trains on the training rows that
/// are not in `task.validation`, early-stops on those that are, uses `task.seed` for
/// initialisation, shuffling and dropout, honours `task.epochs` when it is not nil,
/// reports each epoch through `progress` and returns the per-epoch history.
public protocol ComparableModel: Sendable {
  /// The command-line and report name, e.g. `"linear-svc"`, `"lstm"`: lower-case
  /// letters, digits and hyphens.
  var name: String { get }
  /// Which input the model reads.
  var input: ModelInput { get }
  /// Whether the model is a deep (stochastic, trained by epochs) one; deep models get
  /// `ExperimentConfiguration.deepSeeds` seeds, the others `classicSeeds`.
  var isDeep: Bool { get }
  /// A one-line description of the architecture or hyperparameters for reports, e.g.
  /// "LSTM 32 → dropout 0.5 → dense 6; Adam 1e-3, batch 64".
  var summary: String { get }
  /// Fits on the task's training part and predicts its test part.
  ///
  /// - Throws: any error; the runner stops and reports it with the cell's name (cells
  ///   finished before stay on disk).
  func run(_ task: CellTask, progress: @Sendable (CellProgress) -> Void) throws -> CellOutcome
  /// The model trained under `overrides` (a claim's protocol), called `name`; nil when
  /// the overrides change nothing for this model — its own settings already match them,
  /// or it has no such settings (a classical model reads features, not channels).
  ///
  /// - Throws: `CompareError.invalidOption` for overrides the model cannot take.
  func variant(named name: String, overrides: TrainingOverrides) throws -> (any ComparableModel)?
}

extension ComparableModel {
  public var summary: String { name }
  public func variant(named name: String, overrides: TrainingOverrides) throws -> (any ComparableModel)? { nil }
}
