// One cell of a run's plan, with the indices of its model and split.

/// One cell of the plan.
public struct PlannedCell: Sendable, Equatable {
  public var key: CellKey
  /// Index into `Experiment.models`.
  public var modelIndex: Int
  /// Index into `Experiment.splits`.
  public var splitIndex: Int
}
