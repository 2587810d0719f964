// Models that can read a subset of the feature columns: the feature-family ablation
// ("what do the frequency-domain features alone buy?") fits the same model on the
// columns of one family.

/// A features model that can be restricted to some of the columns of X.
public protocol FeatureColumnSubsetting: ComparableModel {
  /// The same model reading only `columns` of the (scaled) features, called `name`.
  ///
  /// - Parameters:
  ///   - columns: 0-based column indices of X, ascending, at least one.
  ///   - name: the new model's name (`[a-z0-9-]`), e.g. `linear-svc-time`.
  /// - Throws: `CompareError.invalidOption` (property `columns`) for an empty or
  ///   unsorted list or a repeated column.
  func selectingColumns(_ columns: [Int], named name: String) throws -> any ComparableModel
}
