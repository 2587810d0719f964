// Autoregressive coefficients by Burg's method (`features_info.txt`: "arCoeff():
// Autorregresion coefficients with Burg order equal to 4").
//
// Convention: MATLAB's `arburg`, which the original feature code used: the model is
//   x[t] + a1·x[t−1] + … + ap·x[t−p] = e[t],
// and the features are a1…ap (so an AR process x[t] = φ1·x[t−1] + … + e[t] gives
// aₖ = −φₖ). Like `arburg`, the signal's mean is not removed. A reflection coefficient
// whose denominator is 0 (e.g. a constant-zero signal) is taken as 0, so the
// coefficients stay finite.
//
// Reference: J. P. Burg, "Maximum entropy spectral analysis", 1967; the recursion as in
// Kay, "Modern Spectral Estimation", 1988, §7.4.

extension Statistics {
  /// Burg AR coefficients a1…a_order (MATLAB `arburg` convention, see file header).
  /// - Parameters:
  ///   - x: (n), n > order.
  ///   - order: p ≥ 1.
  /// - Returns: (order).
  public static func burgAR(_ x: [Double], order: Int) -> [Double] {
    precondition(order >= 1 && x.count > order, "Burg needs order ≥ 1 and more samples (\(x.count)) than the order (\(order))")
    var out = [Double](repeating: 0, count: order)
    var scratch = [Double](repeating: 0, count: 2 * x.count + 2 * (order + 1))
    x.withUnsafeBufferPointer { src in
      out.withUnsafeMutableBufferPointer { dst in
        scratch.withUnsafeMutableBufferPointer { s in burgAR(src, order: order, into: dst, scratch: s) }
      }
    }
    return out
  }

  /// Allocation-free Burg: writes a1…a_order into `output`.
  /// - Precondition: `output.count == order`, `scratch.count ≥ 2n + 2(order + 1)`.
  public static func burgAR(
    _ x: UnsafeBufferPointer<Double>, order: Int, into output: UnsafeMutableBufferPointer<Double>,
    scratch: UnsafeMutableBufferPointer<Double>
  ) {
    let n = x.count
    precondition(output.count == order && scratch.count >= 2 * n + 2 * (order + 1), "Burg: buffers too small")
    let s = scratch.baseAddress!
    let forward = s, backward = s + n  // prediction errors
    let a = s + 2 * n, previous = a + order + 1
    for i in 0..<n { forward[i] = x[i]; backward[i] = x[i] }
    a[0] = 1
    for i in 1...order { a[i] = 0 }
    // Sums for order 1: Σ f[t]·b[t−1] and Σ f[t]² + b[t−1]² over t = 1…n−1.
    var numerator = 0.0, denominator = 0.0
    for t in 1..<n {
      let f = forward[t], b = backward[t - 1]
      numerator += f * b
      denominator += f * f + b * b
    }
    for m in 1...order {
      let k = denominator > 0 ? -2 * numerator / denominator : 0
      // Update the errors from the end so b[t−1] is still the old value when read, and
      // accumulate the next order's sums on the way (pairs f'[t]·b'[t−1], t ≥ m + 1).
      numerator = 0; denominator = 0
      var later = 0.0  // f'[t+1], waiting for b'[t]
      for t in stride(from: n - 1, through: m, by: -1) {
        let f = forward[t], b = backward[t - 1]
        let fNew = f + k * b, bNew = b + k * f
        forward[t] = fNew
        backward[t] = bNew
        if t < n - 1 {
          numerator += later * bNew
          denominator += later * later + bNew * bNew
        }
        later = fNew
      }
      // Levinson update of the polynomial: a_i ← a_i + k·a_{m−i}.
      for i in 0...m { previous[i] = a[i] }
      for i in 1...m { a[i] = previous[i] + k * previous[m - i] }
    }
    for i in 0..<order { output[i] = a[i + 1] }
  }
}
