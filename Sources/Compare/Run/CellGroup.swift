// The plan of a run in groups: one model on one split with its seeds, and why it runs
// (the comparison itself, the leakage check, or a claim's replica). Stored in run.json,
// so a report and a resumed run know every planned cell and its role from the files.

/// One model on one split, with its seeds and its role in the report.
public struct CellGroup: Sendable, Equatable, Hashable, Codable {
  public enum Role: String, Sendable, Codable {
    /// The main comparison (tables, intervals, the paired comparison).
    case comparison
    /// The leakage check: a leaky split beside the subject split.
    case leakage
    /// A claim's replica under the claim's own protocol.
    case claimReplica = "claim-replica"
    /// A point of the learning curve: a model on `SplitKind.officialSubset` (the curve's
    /// last point is the model's cells on the official split, whatever their role).
    case learningCurve = "learning-curve"
    /// The feature-family ablation: a model on a subset of its input (`subset`), or the
    /// full model it is compared with, on the official split.
    case ablation
  }

  /// What an ablation model reads, and the full model it is compared with.
  public struct Subset: Sendable, Equatable, Hashable, Codable {
    /// The model on all of its input, e.g. `linear-svc`.
    public var baseModel: String
    /// The subset's name: a `FeatureFamily` raw value (`time`, `gravity`, …) or channel
    /// groups joined by " + " (`body_acc + total_acc`).
    public var name: String
    /// Columns or channels read.
    public var size: Int
    /// `features` or `channels`.
    public var unit: String

    public init(baseModel: String, name: String, size: Int, unit: String) {
      self.baseModel = baseModel; self.name = name; self.size = size; self.unit = unit
    }
  }

  public var role: Role
  public var model: String
  /// The split's name (`SplitKind.name`).
  public var split: String
  /// Seeds per fold.
  public var seeds: Int
  /// For an ablation model on part of its input: which part; nil otherwise (absent from
  /// run.json files written before the ablation existed).
  public var subset: Subset?

  public init(role: Role, model: String, split: String, seeds: Int, subset: Subset? = nil) {
    self.role = role; self.model = model; self.split = split; self.seeds = seeds; self.subset = subset
  }
}

extension RunMetadata {
  /// The planned groups: `groups`, or for a run.json written before groups were
  /// recorded, the plan its fields describe (every model on the configured splits with
  /// the deep or classic seeds, the leakage models on the last split).
  public var plannedGroups: [CellGroup] {
    if let groups { return groups }
    var out: [CellGroup] = []
    for model in models {
      for (si, kind) in splitKinds.enumerated() {
        let isLeakage = si >= splits.count
        if isLeakage && !leakageModels.contains(model.name) { continue }
        out.append(CellGroup(role: isLeakage ? .leakage : .comparison, model: model.name, split: kind.name,
                             seeds: isLeakage ? leakageSeeds : (model.isDeep ? deepSeeds : classicSeeds)))
      }
    }
    return out
  }

  /// Planned cells of every group: seeds × folds.
  public var plannedCellCount: Int {
    let kinds = Dictionary(splitKinds.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    return plannedGroups.reduce(0) { sum, g in sum + g.seeds * (kinds[g.split]?.foldCount(subjects: subjects.count) ?? 1) }
  }
}
