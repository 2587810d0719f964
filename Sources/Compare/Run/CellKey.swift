// Identifies one cell of a comparison, the unit of work: (model, split, fold, seed index).
// Its seeds are derived from it by `SeedTree`.

/// Identifies one cell of a comparison: (model, split, fold, seed index).
public struct CellKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  /// The model's name.
  public var model: String
  /// The split's name (`SplitKind.name`), e.g. `official`, `kfold5`.
  public var split: String
  /// 0-based fold.
  public var fold: Int
  /// 0-based seed index; the seeds themselves come from `SeedTree`.
  public var seedIndex: Int

  public init(model: String, split: String, fold: Int, seedIndex: Int) {
    self.model = model; self.split = split; self.fold = fold; self.seedIndex = seedIndex
  }

  // Stored as "seed" in cell files and results.csv written before the rename.
  enum CodingKeys: String, CodingKey { case model, split, fold, seedIndex = "seed" }

  /// `model_split_fold_seed`, e.g. `lstm_official_0_2`: the cell file's stem.
  public var fileStem: String { "\(model)_\(split)_\(fold)_\(seedIndex)" }
  public var description: String { "\(model) \(split) fold \(fold) seed \(seedIndex)" }

  /// Checks the indices: fold and seed index ≥ 0 (whether the fold exists depends on
  /// the split, and is checked by `Experiment.runCell`).
  /// - Throws: `CompareError.invalidOption` naming `fold` or `seedIndex`.
  public func validate() throws {
    guard fold >= 0 else { throw CompareError.invalidOption(name: "fold", expected: "an integer ≥ 0", found: "\(fold)") }
    guard seedIndex >= 0 else { throw CompareError.invalidOption(name: "seedIndex", expected: "an integer ≥ 0", found: "\(seedIndex)") }
  }

  public static func < (a: CellKey, b: CellKey) -> Bool {
    (a.model, a.split, a.fold, a.seedIndex) < (b.model, b.split, b.fold, b.seedIndex)
  }
}
