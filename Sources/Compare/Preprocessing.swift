// Scaling fitted on training rows only, applied to training and test rows alike.
//
// Features: min–max to [-1, 1] per column, as the official UCI HAR feature files are
// ("Features are normalized and bounded within [-1,1]", features_info.txt), but with
// statistics of the fold's training rows only. Raw signals: per-channel standardisation
// (mean 0, sd 1 over all training windows and time steps), as issue 5 asks. A constant
// column or channel maps to 0. Test values may fall outside [-1, 1]; they are not
// clipped, because clipping would hide how far out of range the test subjects are.
import LinearAlgebra

/// Per-column min–max scaling to [-1, 1].
public struct MinMaxScaling: Sendable, Equatable {
  /// (d) column minima of the training rows.
  public let minimum: [Double]
  /// (d) column maxima of the training rows.
  public let maximum: [Double]

  /// Fits on the given rows of `x` (n, d).
  /// - Precondition: `rows` is not empty.
  public init(fitting x: Matrix<Double>, rows: [Int]) {
    precondition(!rows.isEmpty, "MinMaxScaling needs at least one row")
    var lo = Array(x.row(rows[0])), hi = lo
    for r in rows.dropFirst() {
      for (c, v) in x.row(r).enumerated() {
        if v < lo[c] { lo[c] = v }
        if v > hi[c] { hi[c] = v }
      }
    }
    minimum = lo; maximum = hi
  }

  /// The given rows of `x`, scaled: `2 (v − min) / (max − min) − 1`, 0 for constant columns.
  public func transform(_ x: Matrix<Double>, rows: [Int]) -> Matrix<Double> {
    precondition(x.columns == minimum.count, "MinMaxScaling fitted on \(minimum.count) columns, given \(x.columns)")
    var out = x.rows(rows)
    let d = x.columns
    let scale = (0..<d).map { maximum[$0] > minimum[$0] ? 2 / (maximum[$0] - minimum[$0]) : 0 }
    out.elements.withUnsafeMutableBufferPointer { e in
      for i in 0..<rows.count {
        for c in 0..<d { e[i * d + c] = (e[i * d + c] - minimum[c]) * scale[c] - (scale[c] == 0 ? 0 : 1) }
      }
    }
    return out
  }
}

/// Per-channel standardisation of signal windows.
public struct ChannelStandardization: Sendable, Equatable {
  /// (C) channel means over the training windows and time steps.
  public let mean: [Double]
  /// (C) channel population standard deviations; 0 becomes 1 in `transform`.
  public let standardDeviation: [Double]

  /// Fits on the given windows of `x`.
  /// - Precondition: `windows` is not empty.
  public init(fitting x: SignalWindows, windows: [Int]) {
    precondition(!windows.isEmpty, "ChannelStandardization needs at least one window")
    let c = x.channels, t = x.timeSteps
    var sum = [Double](repeating: 0, count: c), sumSquares = sum
    // Two passes (mean, then squared deviations) for accuracy in Double.
    x.values.withUnsafeBufferPointer { v in
      for w in windows { for s in 0..<t { for k in 0..<c { sum[k] += Double(v[(w * t + s) * c + k]) } } }
    }
    let n = Double(windows.count * t)
    let m = sum.map { $0 / n }
    x.values.withUnsafeBufferPointer { v in
      for w in windows {
        for s in 0..<t { for k in 0..<c { let d = Double(v[(w * t + s) * c + k]) - m[k]; sumSquares[k] += d * d } }
      }
    }
    mean = m
    standardDeviation = sumSquares.map { ($0 / n).squareRoot() }
  }

  /// The given windows of `x`, standardised: `(v − mean) / sd`.
  public func transform(_ x: SignalWindows, windows: [Int]) -> SignalWindows {
    precondition(x.channels == mean.count, "ChannelStandardization fitted on \(mean.count) channels, given \(x.channels)")
    var out = x.windows(windows)
    let c = x.channels
    let m = mean.map(Float.init)
    let inv = standardDeviation.map { $0 > 0 ? Float(1 / $0) : 1 }
    out.values.withUnsafeMutableBufferPointer { v in
      for i in 0..<v.count { let k = i % c; v[i] = (v[i] - m[k]) * inv[k] }
    }
    return out
  }
}
