// Min–max scaling to [-1, 1] per feature, as the official UCI HAR features are scaled.
// A separate, explicit step: fit on training rows only, then transform any rows (test
// rows may fall outside [-1, 1]; they are not clipped).
//
// A constant feature follows scikit-learn's `MinMaxScaler` (and Classic's
// `ColumnScaler`): its range is taken as 1, so its training value maps to the lower
// bound −1, and other values move by 2 per unit. One convention in the package, so a
// feature scaled here and a column scaled by Classic agree.
import LinearAlgebra

/// Per-feature min–max scaling to [-1, 1]: `x' = 2(x − min)/(max − min) − 1`.
/// A feature that is constant on the fitting rows uses max − min = 1 (scikit-learn's
/// convention), so its fitting value maps to −1 and nothing divides by zero.
public struct FeatureScaler: Sendable, Equatable, Codable {
  /// (d) minimum of each feature over the fitting rows.
  public var minimum: [Double]
  /// (d) maximum of each feature over the fitting rows.
  public var maximum: [Double]

  public init(minimum: [Double], maximum: [Double]) {
    precondition(minimum.count == maximum.count, "scaler: \(minimum.count) minima, \(maximum.count) maxima")
    self.minimum = minimum; self.maximum = maximum
  }

  /// Fits on `rows` of `x` (default: all rows).
  /// - Parameters:
  ///   - x: (n, d) features.
  ///   - rows: the training rows, e.g. `HARWindows.split().train`.
  /// - Precondition: at least one row, every value finite.
  public static func fit(_ x: Matrix<Double>, rows: [Int]? = nil) -> FeatureScaler {
    let selected = rows ?? Array(0..<x.rows)
    precondition(!selected.isEmpty, "cannot fit a scaler on zero rows")
    let d = x.columns
    var lo = [Double](repeating: .infinity, count: d), hi = [Double](repeating: -.infinity, count: d)
    x.elements.withUnsafeBufferPointer { e in
      for r in selected {
        for c in 0..<d {
          let v = e[r * d + c]
          precondition(v.isFinite, "scaler: row \(r), feature \(c + 1) is \(v)")
          if v < lo[c] { lo[c] = v }
          if v > hi[c] { hi[c] = v }
        }
      }
    }
    return FeatureScaler(minimum: lo, maximum: hi)
  }

  /// The scaled copy of `x` (n, d).
  /// - Precondition: `x.columns == minimum.count`.
  public func transform(_ x: Matrix<Double>) -> Matrix<Double> {
    precondition(x.columns == minimum.count, "scaler fitted on \(minimum.count) features, given \(x.columns)")
    var out = x
    let d = x.columns
    out.elements.withUnsafeMutableBufferPointer { e in
      for c in 0..<d {
        let range = maximum[c] - minimum[c]
        let scale = 2 / (range > 0 ? range : 1)
        var i = c
        while i < e.count {
          e[i] = (e[i] - minimum[c]) * scale - 1
          i += d
        }
      }
    }
    return out
  }
}
