// Scaling fitted on training rows only, applied to training and test rows alike.
//
// Features: min–max to [-1, 1] per column with `Features.FeatureScaler` (the UCI step),
// with statistics of the fold's training rows only. Raw signals: per-channel standardisation
// (mean 0, sd 1 over all training windows and time steps), as issue 5 asks. A constant
// column or channel maps to 0. Test values may fall outside [-1, 1]; they are not
// clipped, because clipping would hide how far out of range the test subjects are.
import LinearAlgebra

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
