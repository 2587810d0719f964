// Per-column affine scaling of a feature matrix, fitted on training rows only and then
// applied unchanged to any other rows (validation, test), so no test statistic leaks
// into training.
//
// Decisions, in priority order:
// 1. Both methods are the per-column map x′ = x · scale + offset, so one fitted type
//    serves both, and applying it is one pass.
// 2. Follow scikit-learn (`MinMaxScaler`, `StandardScaler`) for the edge cases: a
//    constant column gets a range (or standard deviation) of 1, so it never divides by
//    zero and maps to the lower bound (min–max) or 0 (standardization); values outside
//    the training range are not clipped. Features' `FeatureScaler` and Deep's
//    `ChannelStandardizer` follow the same convention.
// 3. Min–max to [-1, 1] is the default because the official UCI HAR feature files are
//    "normalized and bounded within [-1,1]" (UCI HAR README).
import LinearAlgebra

/// How to scale each column.
public enum ScalingMethod: Sendable, Equatable, Codable {
  /// Maps the training minimum of each column to `lower` and its maximum to `upper`:
  /// ```
  /// x′ = lower + (x − min) · (upper − lower) / (max − min)
  /// ```
  /// A constant column (max = min) uses a range of 1, so its training values map to `lower`.
  case minMax(lower: Double, upper: Double)
  /// Subtracts the training mean and divides by the population standard deviation
  /// (divisor n, as scikit-learn's `StandardScaler`):
  /// ```
  /// x′ = (x − mean) / std
  /// ```
  /// A constant column (std = 0) uses std = 1, so its training values map to 0.
  case standardization

  /// Min–max to [-1, 1], the range of the official UCI HAR feature files.
  public static let minMaxSymmetric = ScalingMethod.minMax(lower: -1, upper: 1)
}

/// A fitted per-column scaling: `x′[i, j] = x[i, j] · scale[j] + offset[j]`.
///
/// ```swift
/// let scaler = try ColumnScaler(fitting: xTrain)          // min–max to [-1, 1]
/// let xTrainScaled = try scaler.transform(xTrain)
/// let xTestScaled = try scaler.transform(xTest)            // training statistics
/// ```
public struct ColumnScaler: Sendable, Equatable, Codable {
  /// The method this scaler was fitted with.
  public let method: ScalingMethod
  /// (d): the multiplier of each column.
  public let scale: [Double]
  /// (d): the constant added to each column after multiplying.
  public let offset: [Double]

  /// d: the number of columns `transform` expects.
  public var featureCount: Int { scale.count }

  /// Fits the scaling to the rows of `x`.
  ///
  /// - Parameters:
  ///   - x: (n, d) training rows, finite, n ≥ 1.
  ///   - method: default min–max to [-1, 1].
  /// - Throws: `ClassicError.emptyInput`, `.nonFiniteValue`, or `.invalidParameter` when
  ///   `lower >= upper` or a bound is not finite.
  public init(fitting x: Matrix<Double>, method: ScalingMethod = .minMaxSymmetric) throws {
    if x.rows == 0 || x.columns == 0 { throw ClassicError.emptyInput(rows: x.rows, columns: x.columns) }
    try checkFinite(x)
    let (n, d) = (x.rows, x.columns)
    var scale = [Double](repeating: 1, count: d)
    var offset = [Double](repeating: 0, count: d)
    switch method {
    case let .minMax(lower, upper):
      try require(lower.isFinite && upper.isFinite && lower < upper, "range lower..upper",
                  "finite with lower < upper", "\(lower)...\(upper)")
      var lo = Array(x.row(0)), hi = Array(x.row(0))
      for r in 1..<max(n, 1) {
        for (j, v) in x.row(r).enumerated() {
          if v < lo[j] { lo[j] = v }
          if v > hi[j] { hi[j] = v }
        }
      }
      for j in 0..<d {
        let range = hi[j] - lo[j]
        scale[j] = (upper - lower) / (range > 0 ? range : 1)
        offset[j] = lower - lo[j] * scale[j]
      }
    case .standardization:
      // Two passes (mean, then centred squares) for accuracy.
      var mean = [Double](repeating: 0, count: d)
      for r in 0..<n { for (j, v) in x.row(r).enumerated() { mean[j] += v } }
      for j in 0..<d { mean[j] /= Double(n) }
      var sumSquares = [Double](repeating: 0, count: d)
      for r in 0..<n {
        for (j, v) in x.row(r).enumerated() {
          let c = v - mean[j]
          sumSquares[j] += c * c
        }
      }
      for j in 0..<d {
        let std = (sumSquares[j] / Double(n)).squareRoot()
        scale[j] = std > 0 ? 1 / std : 1
        offset[j] = -mean[j] * scale[j]
      }
    }
    self.method = method
    self.scale = scale
    self.offset = offset
  }

  /// Applies the fitted scaling.
  ///
  /// - Parameter x: (m, d), finite; m may be 0.
  /// - Returns: (m, d).
  /// - Throws: `ClassicError.featureCountMismatch` or `.nonFiniteValue`.
  public func transform(_ x: Matrix<Double>) throws -> Matrix<Double> {
    try checkPredictionInput(x, featureCount: featureCount)
    var out = x
    let d = featureCount
    out.elements.withUnsafeMutableBufferPointer { p in
      for r in 0..<x.rows {
        for j in 0..<d { p[r * d + j] = p[r * d + j] * scale[j] + offset[j] }
      }
    }
    return out
  }
}
