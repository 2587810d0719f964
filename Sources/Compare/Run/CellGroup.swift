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
  }

  public var role: Role
  public var model: String
  /// The split's name (`SplitKind.name`).
  public var split: String
  /// Seeds per fold.
  public var seeds: Int

  public init(role: Role, model: String, split: String, seeds: Int) {
    self.role = role; self.model = model; self.split = split; self.seeds = seeds
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
