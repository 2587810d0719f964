// The feature-family ablation of a report: each model on a part of its input beside the
// same model on all of it, on the official split, paired on the same test windows.
//
// Decisions, in priority order:
// 1. A row's difference is subset − full model with the paired subject bootstrap
//    (`SubjectBootstrap.pairedDifference`): the same test subjects resampled for both,
//    so a family's cost is measured against the model's own noise, not another model's.
// 2. One sentence per finding: per feature family (both feature models in one
//    sentence) and per channel subset, generated from the numbers; "separated" only when
//    the paired interval excludes 0, as in the comparison.

/// The ablation rows of a run.
public struct Ablation: Sendable {
  /// A model on a subset of its input, beside the full model.
  public struct Row: Sendable {
    public var subset: CellGroup.Subset
    public var summary: ModelSummary
    public var full: ModelSummary
    /// Subset − full model on the same test windows; nil when per-subject results are missing.
    public var difference: PairedDifference?
  }

  public var rows: [Row]
  /// The full models, in the order their rows first appear.
  public var fullModels: [ModelSummary]
  /// The feature count of the data (561) and the channel count, for "all 561" and "all 9".
  public var featureCount: Int?
  public var channelCount: Int?

  /// What a family's features are, for sentences: "time-domain", "gravity", ….
  static func familyDescription(_ name: String) -> String {
    switch name {
    case "time": "time-domain"
    case "frequency": "frequency-domain"
    case "body": "body-motion"
    default: name
    }
  }

  /// The ablation of a run; nil when it has no ablation rows with finished cells.
  init?(results: ExperimentResults, runSeed: UInt64) {
    let m = results.metadata
    let descriptions = Dictionary(m.models.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    func summary(_ model: String, _ split: String) -> ModelSummary? {
      let cells = results.cells.filter { $0.key.model == model && $0.key.split == split }
      guard let d = descriptions[model], !cells.isEmpty else { return nil }
      return ModelSummary(model: d, split: split, cells: cells, runSeed: runSeed)
    }
    var fulls: [String: ModelSummary] = [:]
    var order: [String] = []
    var rows: [Row] = []
    for g in m.plannedGroups where g.role == .ablation {
      guard let subset = g.subset, let s = summary(g.model, g.split) else { continue }
      if fulls[subset.baseModel] == nil {
        guard let f = summary(subset.baseModel, g.split) else { continue }
        fulls[subset.baseModel] = f
        order.append(subset.baseModel)
      }
      let full = fulls[subset.baseModel]!
      var difference: PairedDifference? = nil
      if let a = s.subjectTallies, let b = full.subjectTallies, s.subjects == full.subjects {
        difference = SubjectBootstrap.pairedDifference(a, b, seed: SeedTree.bootstrapSeed(run: runSeed, label: "ablation/\(g.model)/\(subset.baseModel)"))
      }
      rows.append(Row(subset: subset, summary: s, full: full, difference: difference))
    }
    guard !rows.isEmpty else { return nil }
    self.rows = rows
    fullModels = order.map { fulls[$0]! }
    featureCount = m.featureCount
    channelCount = m.signalShape.flatMap { $0.count == 2 ? $0[1] : nil }
  }

  /// "all 561 features" or "all 9 channels".
  func allInputs(_ unit: String) -> String {
    let n = unit == "features" ? featureCount : channelCount
    return n.map { "all \($0) \(unit)" } ?? "all \(unit)"
  }

  /// "−1.23 points below all 561 features (paired 95 % CI −2.00 to −0.40)".
  func differenceText(_ row: Row) -> String {
    let all = allInputs(row.subset.unit)
    guard let d = row.difference else {
      let x = row.summary.accuracy.mean - row.full.accuracy.mean
      return String(format: "%+.2f", 100 * x) + " points against \(all) (no paired interval: cells lack per-subject results)"
    }
    let ci = String(format: "paired 95 %% CI %+.2f to %+.2f", 100 * d.interval.lower, 100 * d.interval.upper)
    let size = String(format: "%.2f", abs(100 * d.difference))
    if !d.isSeparated { return "within noise of \(all): \(String(format: "%+.2f", 100 * d.difference)) points (\(ci), which includes 0)" }
    return "\(size) points \(d.difference < 0 ? "below" : "above") \(all) (\(ci))"
  }

  /// The generated sentences: one per feature family, one per channel subset.
  public var sentences: [String] {
    var out: [String] = []
    var seen: [String] = []
    for r in rows where !seen.contains(r.subset.name + "/" + r.subset.unit) {
      seen.append(r.subset.name + "/" + r.subset.unit)
      let same = rows.filter { $0.subset.name == r.subset.name && $0.subset.unit == r.subset.unit }
      if r.subset.unit == "features" {
        let parts = same.map { "\(pct($0.summary.accuracy.mean)) % with \($0.subset.baseModel), \(differenceText($0))" }
        let n = r.subset.size
        out.append("The \(n) \(Self.familyDescription(r.subset.name)) feature\(n == 1 ? " alone reaches" : "s alone reach") \(parts.joined(separator: "; and ")).")
      } else {
        for x in same {
          out.append("\(x.subset.baseModel) on \(x.subset.name) alone (\(x.subset.size) channels) reaches \(pct(x.summary.accuracy.mean)) %, \(differenceText(x)).")
        }
      }
    }
    return out
  }
}
