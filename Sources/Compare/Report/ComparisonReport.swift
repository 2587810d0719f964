// The numbers of a report, computed from the cell records: summaries per model and
// split (ModelSummary.swift), the paired comparisons, claim checks (ClaimCheck.swift),
// the leakage check and the findings paragraph. Rendering lives in MarkdownReport.swift
// and SVG*.swift; this file decides what is said.
import LinearAlgebra

/// A model on its subject split beside the leaky splits of the leakage check.
public struct LeakageCheck: Sendable {
  public struct Leaky: Sendable {
    public var split: SplitKind
    public var summary: ModelSummary
    /// Leaky minus subject-split accuracy (fractions), and its interval: each side's
    /// subjects and seeds resampled independently (the two test sets share no windows).
    public var inflation: Double
    public var interval: ConfidenceInterval?
  }
  public var subject: ModelSummary
  public var leaky: [Leaky]
  /// The first leaky split's inflation in percentage points.
  public var inflationPoints: Double { 100 * (leaky.first?.inflation ?? 0) }
}

/// Model A − model B on the same test windows of the primary split.
public struct PairedComparison: Sendable {
  public var a: ModelSummary
  public var b: ModelSummary
  public var result: PairedDifference
}

/// Everything a report says, computed from an `ExperimentResults`.
public struct ComparisonReport: Sendable {
  public var results: ExperimentResults
  /// The primary split's name (the tables use it).
  public var primarySplit: String
  public var primarySplitKind: SplitKind
  /// One summary per comparison model with cells on the primary split, in model order.
  public var summaries: [ModelSummary]
  /// Comparison models with no finished cell on the primary split.
  public var missingModels: [String]
  /// Summaries on the other configured subject splits, by split name.
  public var otherSplits: [(split: String, summaries: [ModelSummary])]
  public var leakage: [LeakageCheck]
  public var claims: [ClaimCheck]
  /// The best features model against the best raw-signal model (nil without both).
  public var featuresVersusRaw: PairedComparison?
  /// Every other comparison model against the most accurate model.
  public var pairedWithBest: [PairedComparison]
  /// Claim replicas: summaries of the replica groups (model, split), in plan order.
  public var replicas: [ModelSummary]
  /// Planned cells that have no result yet (an interrupted run).
  public var missingCellCount: Int
  /// The learning curve (LearningCurve.swift); nil when the run has none.
  public var learningCurve: LearningCurve?
  /// The feature-family ablation (Ablation.swift); nil when the run has none.
  public var ablation: Ablation?

  /// Computes the report's numbers.
  /// - Parameter claims: the claims to check; nil = those recorded in run.json (or the
  ///   built-in ones for a run.json without claims).
  public init(results: ExperimentResults, claims: [PublishedClaim]? = nil) {
    self.results = results
    let m = results.metadata
    let runSeed = UInt64(m.masterSeed) ?? 0
    let primarySplit = m.splits[0]
    self.primarySplit = primarySplit
    primarySplitKind = m.splitKinds[0]
    let groups = m.plannedGroups
    let descriptions = Dictionary(m.models.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    var cache: [String: ModelSummary] = [:]
    func summary(_ model: String, _ split: String) -> ModelSummary? {
      let key = "\(model)/\(split)"
      if let s = cache[key] { return s }
      guard let d = descriptions[model] else { return nil }
      let cells = results.cells.filter { $0.key.model == model && $0.key.split == split }
      guard !cells.isEmpty else { return nil }
      let s = ModelSummary(model: d, split: split, cells: cells, runSeed: runSeed)
      cache[key] = s
      return s
    }
    let comparisonModels = m.models.map(\.name).filter { n in groups.contains { $0.role == .comparison && $0.model == n } }
    let primary = comparisonModels.compactMap { summary($0, primarySplit) }
    summaries = primary
    missingModels = comparisonModels.filter { n in !primary.contains { $0.model.name == n } }
    otherSplits = m.splits.dropFirst().map { split in (split, comparisonModels.compactMap { summary($0, split) }) }
    // Leakage: each leakage model's leaky splits beside its primary-split summary.
    let kinds = Dictionary(m.splitKinds.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    leakage = primary.compactMap { s in
      let leaky: [LeakageCheck.Leaky] = groups.filter { $0.role == .leakage && $0.model == s.model.name }.compactMap { g in
        guard let r = summary(g.model, g.split), let kind = kinds[g.split] else { return nil }
        if let a = r.subjectTallies, let b = s.subjectTallies {
          let d = SubjectBootstrap.independentDifference(a, b, seed: SeedTree.bootstrapSeed(run: runSeed, label: "leakage/\(g.model)/\(g.split)"))
          return .init(split: kind, summary: r, inflation: d.difference, interval: d.interval)
        }
        return .init(split: kind, summary: r, inflation: r.accuracy.mean - s.accuracy.mean, interval: nil)
      }
      return leaky.isEmpty ? nil : LeakageCheck(subject: s, leaky: leaky)
    }
    // Paired comparisons on the primary split.
    func paired(_ a: ModelSummary, _ b: ModelSummary) -> PairedComparison? {
      guard let ta = a.subjectTallies, let tb = b.subjectTallies, a.subjects == b.subjects else { return nil }
      return PairedComparison(a: a, b: b, result: SubjectBootstrap.pairedDifference(
        ta, tb, seed: SeedTree.bootstrapSeed(run: runSeed, label: "paired/\(a.model.name)/\(b.model.name)/\(a.split)")))
    }
    let learned = primary.filter { $0.model.name != "majority-class" }
    let bestFeatures = learned.filter { $0.model.input == .features }.max { $0.accuracy.mean < $1.accuracy.mean }
    let bestRaw = learned.filter { $0.model.input == .raw }.max { $0.accuracy.mean < $1.accuracy.mean }
    featuresVersusRaw = bestFeatures.flatMap { f in bestRaw.flatMap { paired(f, $0) } }
    if let best = learned.max(by: { $0.accuracy.mean < $1.accuracy.mean }) {
      pairedWithBest = primary.filter { $0.model.name != best.model.name }.compactMap { paired(best, $0) }
    } else {
      pairedWithBest = []
    }
    // Claims: honest = the claim's model on the primary split; replica = the group of
    // its protocol (the honest cells when the protocol is the honest one).
    let claimList = claims ?? m.claims ?? BuiltInClaims.all
    replicas = groups.filter { $0.role == .claimReplica }.compactMap { summary($0.model, $0.split) }
    self.claims = claimList.map { claim in
      let honest = summary(claim.model, primarySplit)
      let variantName = "\(claim.model)-\(claim.setup.name)"
      let replicaModel = descriptions[variantName] != nil ? variantName : claim.model
      let replicaSplit = claim.setup.split.splitKind.name
      let replica = summary(replicaModel, replicaSplit)
      let differs = replicaModel != claim.model || replicaSplit != primarySplit
      return ClaimCheck(claim: claim, honest: honest, replica: replica, replicaDiffers: differs)
    }
    missingCellCount = max(0, m.plannedCellCount - results.cells.count)
    learningCurve = LearningCurve(results: results, runSeed: runSeed)
    ablation = Ablation(results: results, runSeed: runSeed)
  }

  /// The classical (non-deep, features) summaries on the primary split, baseline included.
  public var classical: [ModelSummary] { summaries.filter { !$0.model.isDeep } }
  /// The deep summaries on the primary split.
  public var deep: [ModelSummary] { summaries.filter { $0.model.isDeep } }

  /// The paragraph under "Features vs. featureless", computed from the numbers.
  public var findings: String {
    guard let best = summaries.max(by: { $0.accuracy.mean < $1.accuracy.mean }) else {
      return "No model has finished on the \(primarySplit) split yet."
    }
    var s: [String] = []
    s.append("On the \(primarySplitKind.summary), the most accurate model is **\(best.model.name)** (\(best.model.input == .features ? "handcrafted features" : "raw signals")) with \(pct(best.accuracy.mean)) % accuracy (95 % CI \(interval(best.accuracyInterval)), \(runs(best.accuracy.count))).")
    if let p = featuresVersusRaw {
      let r = p.result
      let leader = r.difference >= 0 ? "handcrafted features" : "raw signals"
      s.append("The best model on handcrafted features, \(p.a.model.name), reaches \(pct(p.a.accuracy.mean)) %; the best on raw signals, \(p.b.model.name), reaches \(pct(p.b.accuracy.mean)) %: a difference of \(String(format: "%+.2f", 100 * r.difference)) points (paired 95 % CI \(String(format: "%+.2f", 100 * r.interval.lower)) to \(String(format: "%+.2f", 100 * r.interval.upper)), resampling the same test subjects for both) in favour of \(leader).")
      let n = r.subjectWins + r.subjectLosses + r.subjectTies
      s.append("\(p.a.model.name) beats \(p.b.model.name) on \(r.subjectWins) of \(n) test subjects\(r.subjectTies > 0 ? " (\(r.subjectTies) tied)" : "").")
      s.append(r.isSeparated
        ? "The interval of the difference excludes 0, so this run separates them."
        : "The interval of the difference includes 0, so this run does not separate them.")
    } else if !summaries.contains(where: { $0.model.input == .features && $0.model.name != "majority-class" }) {
      s.append("No model on handcrafted features was run, so features and raw signals cannot be compared here.")
    } else if !summaries.contains(where: { $0.model.input == .raw }) {
      s.append("No model on raw signals was run, so features and raw signals cannot be compared here.")
    } else {
      s.append("The cells lack per-subject results (written by an older version), so no paired comparison is made.")
    }
    if let baseline = summaries.first(where: { $0.model.name == "majority-class" }) {
      s.append("Always predicting the most frequent activity scores \(pct(baseline.accuracy.mean)) % (balanced accuracy \(pct(baseline.balancedAccuracy.mean)) %): the floor every model must clear.")
    }
    // The most frequent confusion, over the pooled matrices of all models.
    let total = summaries.dropFirst().reduce(summaries[0].confusion) { $0 + $1.confusion }
    if let pair = total.mostConfusedPair {
      let names = results.metadata.classNames
      let support = total.support[pair.truth]
      s.append("The activities confused most, over all models, are \(names[pair.truth]) windows predicted as \(names[pair.predicted]) (\(pct(Double(pair.count) / Double(support))) % of \(names[pair.truth]) test windows, summed over models and runs)\(secondPair(total, after: pair)).")
    } else {
      s.append("No test window was misclassified by any model.")
    }
    return s.joined(separator: " ")
  }

  private func secondPair(_ m: ConfusionMatrix, after first: (truth: Int, predicted: Int, count: Int)) -> String {
    var best: (Int, Int, Int)? = nil
    for t in 0..<m.classCount {
      for p in 0..<m.classCount where p != t && !(t == first.truth && p == first.predicted) && m[t, p] > 0 {
        if best == nil || m[t, p] > best!.2 { best = (t, p, m[t, p]) }
      }
    }
    guard let (t, p, c) = best else { return "" }
    let names = results.metadata.classNames
    return ", followed by \(names[t]) predicted as \(names[p]) (\(pct(Double(c) / Double(m.support[t]))) %)"
  }
}

/// A fraction as a percentage with two decimals, "95.79".
func pct(_ x: Double) -> String { String(format: "%.2f", 100 * x) }
/// An interval in percent, "94.10–96.30 %".
func interval(_ ci: ConfidenceInterval) -> String { "\(pct(ci.lower))–\(pct(ci.upper)) %" }
func runs(_ n: Int) -> String { n == 1 ? "1 run" : "\(n) runs" }
