// One cell of a comparison, run alone (`har train`): the same data preparation, seed
// tree, adapter and record as the cell (model, split, fold, seed index) of a full
// comparison with the same configuration, so the two give bit-identical numbers.
//
// The plan is the comparison's with only this model and no leakage check: neither
// changes a cell's numbers, since seeds depend only on the cell (`SeedTree`) and folds
// only on the split and the run seed.
import Foundation

/// Runs one cell of a comparison.
public enum SingleCell {
  /// Runs `key` on `data` under `configuration`, writing no result files.
  ///
  /// - Parameters:
  ///   - model: the model of `key`, built for `configuration` (`ModelRegistry.model`).
  ///   - key: the cell; its split must be `configuration.primarySplit`.
  ///   - files: checkpoint and history files (deep models only).
  ///   - progress: one line per epoch (deep) or solver stage (classic).
  /// - Returns: the record `Experiment.run(in:)` would save for this cell.
  /// - Throws: `CompareError` for a cell outside the plan, and the cell's own errors.
  public static func run(_ model: any ComparableModel, key: CellKey, data: ComparisonData,
                         configuration: ExperimentConfiguration, files: TrainingFiles? = nil,
                         progress: @Sendable (CellProgress) -> Void = { _ in }) throws -> CellRecord {
    guard key.model == model.name else {
      throw CompareError.invalidOption(name: "models", expected: key.model, found: model.name)
    }
    var plan = configuration
    plan.leakageCheck = false
    let experiment = try Experiment(data: data, models: [model], configuration: plan)
    return try experiment.runCell(key, files: files, progress: progress)
  }
}
