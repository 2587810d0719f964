// Files a deep model's training may write while it runs one cell: a checkpoint after
// every epoch (to continue an interrupted run with the numbers of an uninterrupted one)
// and the per-epoch history as CSV. Classic models write none.

/// Where a deep cell writes its checkpoint and history.
public struct TrainingFiles: Sendable, Equatable {
  /// Written after every epoch (weights and optimizer state); nil = none.
  public var checkpointPath: String?
  /// Continue from `checkpointPath` instead of starting afresh.
  public var resume: Bool
  /// The per-epoch history as CSV, written when training ends; nil = none.
  public var historyPath: String?

  public init(checkpointPath: String? = nil, resume: Bool = false, historyPath: String? = nil) {
    self.checkpointPath = checkpointPath; self.resume = resume; self.historyPath = historyPath
  }

  /// Whether nothing is asked for.
  public var isEmpty: Bool { checkpointPath == nil && !resume && historyPath == nil }

  /// - Throws: `CompareError.conflictingOptions` for resuming without a checkpoint.
  public func validate() throws {
    if resume && checkpointPath == nil {
      throw CompareError.conflictingOptions("resume", "no checkpointPath", reason: "resuming needs the checkpoint to continue from")
    }
  }
}
