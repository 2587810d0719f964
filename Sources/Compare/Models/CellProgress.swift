// One progress report from inside a cell.

/// One progress report from inside a cell (typically once per epoch).
public struct CellProgress: Sendable, Equatable {
  /// 1-based epoch just finished (or 0 for a non-epoch stage).
  public var epoch: Int
  /// Planned epochs (0 when unknown).
  public var epochs: Int
  /// Free text, e.g. "train loss 0.412, val acc 0.873".
  public var message: String

  public init(epoch: Int, epochs: Int, message: String) {
    self.epoch = epoch; self.epochs = epochs; self.message = message
  }
}
