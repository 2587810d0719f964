// The verdict rule, without hidden margins (docs/compare.md):
//
//   let [L, U] be our 95 % interval for the claim's metric under the claim's own protocol
//   claim inside [L, U]   → "consistent"
//   claim > U             → "higher than we reproduce"
//   claim < L             → "lower than we reproduce"
//   no result            → "not run"
//
// A claim whose architecture or protocol had to be partly guessed gets "architecture
// guessed" beside its verdict (`ClaimCheck.verdictText`), since the model we ran may not
// be the one that was measured. Differences no replica removes (the v2.1 data release,
// 2,996 vs 2,947 test windows) are listed in their own column, never folded into the rule.

/// The outcome of comparing a claim with our reproduction under its protocol.
public enum ClaimVerdict: String, Sendable, Codable {
  case consistent = "consistent"
  case higher = "higher than we reproduce"
  case lower = "lower than we reproduce"
  case notRun = "not run"

  /// Applies the rule to a claimed value and our interval (both in the same unit).
  public init(claim: Double, interval: ConfidenceInterval?) {
    guard let interval else { self = .notRun; return }
    if claim > interval.upper { self = .higher }
    else if claim < interval.lower { self = .lower }
    else { self = .consistent }
  }
}
