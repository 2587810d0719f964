// Summaries over seeds and folds, and 95 % confidence intervals.
//
// Decisions:
// 1. Over several runs (seeds, folds): mean ± sample standard deviation (n − 1), and
//    a Student t interval mean ± t(0.975, n − 1) · sd / √n. Runs are treated as
//    independent draws; folds of one dataset are not quite, so for k-fold the interval
//    is approximate (said in the report).
// 2. For a single run: a Wilson score interval on accuracy over the test windows
//    (Wilson 1927), which stays inside [0, 1] and behaves near 0 and 1, unlike the
//    normal approximation. It treats windows as independent, which overlapping windows
//    of one person are not, so it is optimistic; it is the best a single run allows.
// 3. The t quantile comes from a table for 1…30 degrees of freedom (exact to 3
//    decimals, as printed in statistics tables) and a Cornish–Fisher expansion above
//    (error < 1e-4 for ν > 30).

/// The 0.975 quantile of the standard normal distribution.
public let standardNormalQuantile975 = 1.959963984540054

/// A closed interval [lower, upper].
public struct ConfidenceInterval: Sendable, Equatable, Codable {
  public var lower: Double
  public var upper: Double
  /// How it was computed: "t" (Student t over runs) or "wilson" (one run, over windows).
  public var method: String

  public init(lower: Double, upper: Double, method: String) {
    self.lower = lower; self.upper = upper; self.method = method
  }

  /// Whether `x` lies in the interval (ends included).
  public func contains(_ x: Double) -> Bool { x >= lower && x <= upper }
  /// Whether the two intervals share at least one point.
  public func overlaps(_ other: ConfidenceInterval) -> Bool { lower <= other.upper && other.lower <= upper }
  /// Half the width.
  public var halfWidth: Double { (upper - lower) / 2 }
}

/// Student's t distribution.
public enum StudentT {
  /// t(0.975, ν) for ν = 1…30.
  static let table975: [Double] = [
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
  ]

  /// The 0.975 quantile of Student's t with `degreesOfFreedom` ν, for two-sided 95 %
  /// intervals.
  /// - Precondition: ν ≥ 1.
  public static func quantile975(degreesOfFreedom nu: Int) -> Double {
    precondition(nu >= 1, "Student t needs at least 1 degree of freedom, got \(nu)")
    if nu <= table975.count { return table975[nu - 1] }
    // Cornish–Fisher expansion of the t quantile around the normal one
    // (Abramowitz & Stegun 26.7.5).
    let z = standardNormalQuantile975, v = Double(nu)
    let z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z
    return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
      + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v)
  }
}

/// Mean, spread and 95 % interval of one metric over runs.
public struct RunSummary: Sendable, Equatable, Codable {
  /// Number of runs.
  public var count: Int
  public var mean: Double
  /// Sample standard deviation (n − 1); nil for a single run.
  public var standardDeviation: Double?
  /// Student t 95 % interval; nil for a single run.
  public var interval: ConfidenceInterval?

  /// Summarises `values` (n ≥ 1).
  /// - Precondition: `values` is not empty.
  public init(_ values: [Double]) {
    precondition(!values.isEmpty, "RunSummary needs at least one value")
    count = values.count
    mean = values.reduce(0, +) / Double(values.count)
    if values.count >= 2 {
      let m = mean
      let sd = (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot()
      standardDeviation = sd
      let h = StudentT.quantile975(degreesOfFreedom: values.count - 1) * sd / Double(values.count).squareRoot()
      interval = ConfidenceInterval(lower: m - h, upper: m + h, method: "t")
    } else {
      standardDeviation = nil
      interval = nil
    }
  }
}

/// The Wilson score 95 % interval for a proportion of `successes` out of `trials`.
///
/// ```
/// center = (p̂ + z²/2n) / (1 + z²/n)
/// half   = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²)
/// ```
/// - Precondition: 0 ≤ successes ≤ trials, trials ≥ 1.
public func wilsonInterval(successes: Int, trials: Int, z: Double = standardNormalQuantile975) -> ConfidenceInterval {
  precondition(trials >= 1 && successes >= 0 && successes <= trials, "Wilson interval needs 0 ≤ \(successes) ≤ \(trials), trials ≥ 1")
  let n = Double(trials), p = Double(successes) / n, z2 = z * z
  let denominator = 1 + z2 / n
  let center = (p + z2 / (2 * n)) / denominator
  let half = z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
  return ConfidenceInterval(lower: max(0, center - half), upper: min(1, center + half), method: "wilson")
}
