// One training/test partition of the windows, with its validation rows.

/// One training/test partition of the windows.
public struct Fold: Sendable, Equatable, Codable {
  /// 0-based fold number within its split.
  public let index: Int
  /// Sorted window indices (rows of the data) to train on, validation included.
  public let train: [Int]
  /// Sorted window indices to test on.
  public let test: [Int]
  /// Sorted positions inside `train` (0..<train.count) held out for early stopping.
  public let validation: [Int]
  /// The subjects of `test`, sorted (empty meaning is "mixed" for the random split).
  public let testSubjects: [Int]
  /// The subjects whose windows form `validation`, sorted (empty for the random split).
  public let validationSubjects: [Int]
}
