// Shared test helpers: approximate comparison with relative and absolute parts, and a
// report that names the index, the expected and actual values and the largest
// difference (cf. llm.c's check_tensor), attributed to the caller's source location.
import Testing

/// Whether `a` and `b` agree: `|a − b| ≤ max(absolute, relative · max(|a|, |b|))`.
///
/// Defaults: `relative = 1e-9`, `absolute = 1e-12` (for Double work). NaN never agrees
/// with anything; equal infinities agree.
public func isClose<T: BinaryFloatingPoint>(_ a: T, _ b: T, relative: T = 1e-9, absolute: T = 1e-12) -> Bool {
  if a == b { return true }
  if !a.isFinite || !b.isFinite { return false }
  return abs(a - b) <= max(absolute, relative * max(abs(a), abs(b)))
}

/// Records one test issue if any element of `actual` differs from `expected` beyond the
/// tolerance. The message gives the first bad index, both values, the count of bad
/// elements and the largest absolute difference.
public func expectClose<T: BinaryFloatingPoint>(
  _ actual: [T], _ expected: [T], relative: T = 1e-9, absolute: T = 1e-12,
  _ comment: String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
  guard actual.count == expected.count else {
    Issue.record("\(comment) count mismatch: actual \(actual.count), expected \(expected.count)", sourceLocation: sourceLocation)
    return
  }
  var firstBad: Int? = nil
  var badCount = 0
  var largest: T = 0
  for i in actual.indices {
    let d = abs(actual[i] - expected[i])
    if d > largest || d.isNaN { largest = d }
    if !isClose(actual[i], expected[i], relative: relative, absolute: absolute) {
      badCount += 1
      if firstBad == nil { firstBad = i }
    }
  }
  if let i = firstBad {
    Issue.record(
      "\(comment) \(badCount) of \(actual.count) elements differ; first at [\(i)]: actual \(actual[i]), expected \(expected[i]); largest |diff| \(largest)",
      sourceLocation: sourceLocation)
  }
}

/// Scalar form of `expectClose`.
public func expectClose<T: BinaryFloatingPoint>(
  _ actual: T, _ expected: T, relative: T = 1e-9, absolute: T = 1e-12,
  _ comment: String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
  if !isClose(actual, expected, relative: relative, absolute: absolute) {
    Issue.record("\(comment) actual \(actual), expected \(expected), |diff| \(abs(actual - expected))", sourceLocation: sourceLocation)
  }
}
