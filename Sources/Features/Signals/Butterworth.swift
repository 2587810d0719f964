// Butterworth low-pass design and direct-form IIR filtering.
//
// Decisions, in priority order:
// 1. Designed here, not copied: analog prototype poles on the unit circle, scaled to the
//    pre-warped corner Ωc = 2·fs·tan(π·fc/fs), mapped by the bilinear transform
//    z = (2fs + s)/(2fs − s); the N zeros at s = ∞ map to z = −1. The gain makes the DC
//    gain exactly Σb/Σa = 1. This is the construction of SciPy's `butter`, and the tests
//    compare against SciPy's numbers.
// 2. Causal by default (transposed direct form II, zero initial state at the start of
//    each recording): measured against the official UCI HAR features, causal filtering
//    reproduces them and forward-backward filtering does not (issue 3).
// 3. Zero-phase (forward-backward) as an option, with SciPy `filtfilt`'s defaults: odd
//    extension of 3·(order + 1) samples at both ends and steady-state initial
//    conditions scaled by the first sample of each pass.

import Foundation

/// A digital IIR filter `H(z) = (b0 + b1 z⁻¹ + … + bN z⁻ᴺ) / (1 + a1 z⁻¹ + … + aN z⁻ᴺ)`.
public struct IIRFilter: Sendable, Equatable {
  /// Numerator coefficients b0…bN, (order + 1).
  public var b: [Double]
  /// Denominator coefficients a0…aN with a0 = 1, (order + 1).
  public var a: [Double]

  /// A filter from its coefficients; they are normalised so that a0 = 1.
  /// - Precondition: equal, non-zero counts and a0 ≠ 0.
  public init(b: [Double], a: [Double]) {
    precondition(!a.isEmpty && a.count == b.count, "IIRFilter: b has \(b.count) coefficients, a has \(a.count)")
    precondition(a[0] != 0, "IIRFilter: a0 must be non-zero")
    self.b = b.map { $0 / a[0] }
    self.a = a.map { $0 / a[0] }
  }

  /// The filter order N.
  public var order: Int { a.count - 1 }

  /// A Butterworth low-pass filter.
  ///
  /// - Parameters:
  ///   - order: N ≥ 1 (UCI HAR uses 3).
  ///   - cornerFrequencyHz: the −3 dB frequency fc, 0 < fc < fs/2.
  ///   - sampleRateHz: fs (50 for HAPT).
  /// - Precondition: the parameters are in range (they are our constants, not input).
  public static func butterworthLowPass(order: Int, cornerFrequencyHz fc: Double, sampleRateHz fs: Double) -> IIRFilter {
    precondition(order >= 1, "Butterworth order must be ≥ 1, got \(order)")
    precondition(fc > 0 && fc < fs / 2, "corner frequency must be in (0, fs/2) = (0, \(fs / 2)), got \(fc)")
    let n = order
    let warped = 2 * fs * tan(Double.pi * fc / fs)  // pre-warped analog corner, rad/s
    var poles: [Complex] = []
    for k in 1...n {
      // Left-half-plane poles of the normalised prototype, scaled to the warped corner.
      let theta = Double.pi * Double(2 * k + n - 1) / Double(2 * n)
      let s = Complex(warped * cos(theta), warped * sin(theta))
      // Bilinear transform.
      let twoFs = Complex(2 * fs, 0)
      poles.append((twoFs + s) / (twoFs - s))
    }
    let zeros = [Complex](repeating: Complex(-1, 0), count: n)
    var b = polynomial(roots: zeros).map(\.re)
    let a = polynomial(roots: poles).map(\.re)
    let gain = a.reduce(0, +) / b.reduce(0, +)  // DC gain H(1) = Σb/Σa := 1
    b = b.map { $0 * gain }
    return IIRFilter(b: b, a: a)
  }

  /// The complex frequency response H(e^{jω}) at `frequencyHz`; its magnitude is the gain.
  public func gain(atFrequencyHz f: Double, sampleRateHz fs: Double) -> Double {
    let w = 2 * Double.pi * f / fs
    var num = Complex(0, 0), den = Complex(0, 0)
    for k in 0...order {
      let e = Complex(cos(-w * Double(k)), sin(-w * Double(k)))
      num = num + e * Complex(b[k], 0)
      den = den + e * Complex(a[k], 0)
    }
    return (num / den).magnitude
  }

  /// Steady-state internal state of the transposed direct form II for a constant unit
  /// input (SciPy's `lfilter_zi`): `zi[k] = Σ_{j>k} (b_j − a_j·G)`, G = Σb/Σa.
  public var steadyStateForUnitInput: [Double] {
    let dcGain = b.reduce(0, +) / a.reduce(0, +)
    var zi = [Double](repeating: 0, count: order)
    var acc = 0.0
    for k in stride(from: order, through: 1, by: -1) {
      acc += b[k] - a[k] * dcGain
      zi[k - 1] = acc
    }
    return zi
  }

  /// Filters `x` causally (transposed direct form II) from zero initial state.
  /// - Parameter x: (samples). Returns (samples).
  public func applyCausal(_ x: [Double]) -> [Double] {
    var y = [Double](repeating: 0, count: x.count)
    x.withUnsafeBufferPointer { src in
      y.withUnsafeMutableBufferPointer { dst in applyCausal(src, into: dst, initialState: nil) }
    }
    return y
  }

  /// Filters forward then backward (zero phase, squared magnitude response), with
  /// SciPy `filtfilt`'s default padding and initial conditions (see file header).
  /// - Parameter x: (samples). Returns (samples).
  public func applyZeroPhase(_ x: [Double]) -> [Double] {
    let n = x.count
    if n == 0 { return [] }
    let pad = min(3 * (order + 1), n - 1)
    // Odd extension: 2·x0 − x[pad…1], x, 2·x[n−1] − x[n−2…n−1−pad].
    var ext = [Double](repeating: 0, count: n + 2 * pad)
    for i in 0..<pad { ext[i] = 2 * x[0] - x[pad - i] }
    for i in 0..<n { ext[pad + i] = x[i] }
    for i in 0..<pad { ext[pad + n + i] = 2 * x[n - 1] - x[n - 2 - i] }
    let zi = steadyStateForUnitInput
    var forward = [Double](repeating: 0, count: ext.count)
    ext.withUnsafeBufferPointer { src in
      forward.withUnsafeMutableBufferPointer { dst in
        applyCausal(src, into: dst, initialState: zi.map { $0 * ext[0] })
      }
    }
    forward.reverse()
    var backward = [Double](repeating: 0, count: ext.count)
    let first = forward[0]
    forward.withUnsafeBufferPointer { src in
      backward.withUnsafeMutableBufferPointer { dst in
        applyCausal(src, into: dst, initialState: zi.map { $0 * first })
      }
    }
    backward.reverse()
    return Array(backward[pad..<(pad + n)])
  }

  /// The filtering kernel: transposed direct form II,
  /// `y[t] = b0 x[t] + z0; z_k = b_{k+1} x[t] − a_{k+1} y[t] + z_{k+1}`.
  /// - Parameters:
  ///   - initialState: (order) values, or nil for zeros.
  /// - Precondition: `output.count == input.count`; `output` does not alias `input`.
  public func applyCausal(
    _ input: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>, initialState: [Double]?
  ) {
    precondition(output.count == input.count, "IIR filter: output has \(output.count) samples, input \(input.count)")
    if let s = initialState { precondition(s.count == order, "initial state needs \(order) values, got \(s.count)") }
    let n = input.count
    if order == 3 {
      // The UCI HAR case, unrolled: the state lives in registers.
      let b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], a1 = a[1], a2 = a[2], a3 = a[3]
      var z0 = initialState?[0] ?? 0, z1 = initialState?[1] ?? 0, z2 = initialState?[2] ?? 0
      for t in 0..<n {
        let xt = input[t]
        let yt = b0 * xt + z0
        z0 = b1 * xt - a1 * yt + z1
        z1 = b2 * xt - a2 * yt + z2
        z2 = b3 * xt - a3 * yt
        output[t] = yt
      }
      return
    }
    var z = initialState ?? [Double](repeating: 0, count: order)
    for t in 0..<n {
      let xt = input[t]
      let yt = b[0] * xt + (order > 0 ? z[0] : 0)
      if order > 0 {
        for k in 0..<(order - 1) { z[k] = b[k + 1] * xt - a[k + 1] * yt + z[k + 1] }
        z[order - 1] = b[order] * xt - a[order] * yt
      }
      output[t] = yt
    }
  }
}

/// The coefficients of Π (z − r_k), highest power first: (roots.count + 1).
func polynomial(roots: [Complex]) -> [Complex] {
  var c = [Complex(1, 0)]
  for r in roots {
    var next = c + [Complex(0, 0)]
    for i in 0..<c.count { next[i + 1] = next[i + 1] - r * c[i] }
    c = next
  }
  return c
}

/// The few complex operations the filter design needs (no dependency on swift-numerics).
struct Complex: Sendable, Equatable {
  var re: Double, im: Double
  init(_ re: Double, _ im: Double) { self.re = re; self.im = im }
  static func + (l: Complex, r: Complex) -> Complex { Complex(l.re + r.re, l.im + r.im) }
  static func - (l: Complex, r: Complex) -> Complex { Complex(l.re - r.re, l.im - r.im) }
  static func * (l: Complex, r: Complex) -> Complex { Complex(l.re * r.re - l.im * r.im, l.re * r.im + l.im * r.re) }
  static func / (l: Complex, r: Complex) -> Complex {
    let d = r.re * r.re + r.im * r.im
    return Complex((l.re * r.re + l.im * r.im) / d, (l.im * r.re - l.re * r.im) / d)
  }
  var magnitude: Double { (re * re + im * im).squareRoot() }
}
