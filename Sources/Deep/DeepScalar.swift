// The element types Deep computes in, and the few elementary functions its layers need.
//
// Decisions, in priority order:
// 1. Training runs in `Float` (sgemm); every layer is generic over `DeepScalar` so the
//    gradient checks can run the very same code in `Double` (DESIGN.md: Deep trains in Float).
// 2. `Float`'s tanh is `fastTanh`, a branch-free rational function (no exp, one division)
//    written in Swift so that the LSTM's gate loops vectorise; libm's `tanhf` is a call
//    per element and would cost as much as the whole recurrence. Sigmoid is
//    σ(x) = ½ + ½·tanh(x/2), the same kernel. Absolute errors (tested): tanh < 4e-7,
//    sigmoid < 3e-7. It replaced 1/(1 + fastExp(−x)), about a third more operations per
//    element (the gate math is ~40 % of an LSTM epoch at H = 32). `fastExp` stays for
//    callers that need e^x itself.
// 3. `Double` uses libm everywhere: it only runs in tests, where accuracy is the point.
import Foundation
import LinearAlgebra

/// A floating-point type Deep can train or check gradients in: `Float` or `Double`.
public protocol DeepScalar: BLASScalar {
  /// The logistic function 1 / (1 + e^(−x)).
  static func _sigmoid(_ x: Self) -> Self
  /// The hyperbolic tangent.
  static func _tanh(_ x: Self) -> Self
  /// e^x, accurate (used by softmax).
  static func _exp(_ x: Self) -> Self
  /// Natural logarithm (used by cross-entropy).
  static func _log(_ x: Self) -> Self
}

extension Float: DeepScalar {
  @inline(__always) public static func _sigmoid(_ x: Float) -> Float { 0.5 + 0.5 * fastTanh(0.5 * x) }
  @inline(__always) public static func _tanh(_ x: Float) -> Float { fastTanh(x) }
  @inline(__always) public static func _exp(_ x: Float) -> Float { Foundation.exp(x) }
  @inline(__always) public static func _log(_ x: Float) -> Float { Foundation.log(x) }
}

extension Double: DeepScalar {
  @inline(__always) public static func _sigmoid(_ x: Double) -> Double { 1 / (1 + Foundation.exp(-x)) }
  @inline(__always) public static func _tanh(_ x: Double) -> Double { Foundation.tanh(x) }
  @inline(__always) public static func _exp(_ x: Double) -> Double { Foundation.exp(x) }
  @inline(__always) public static func _log(_ x: Double) -> Double { Foundation.log(x) }
}

/// e^x for Float without branches or calls, so loops over it vectorise.
///
/// Range reduction x = n·ln2 + r with |r| ≤ ln2/2 (ln2 split in two parts, Cody–Waite),
/// then Cephes `expf`'s degree-6 polynomial for e^r, then scaling by 2^n built from bits.
/// The input is clamped to [-87.3, 88.3], so the result is finite and normal: e^(−87.3)
/// ≈ 1.2e-38 instead of a denormal, and e^88.3 ≈ 2.2e38 instead of +inf. Rounding n uses the
/// 1.5·2²³ trick so no checked Float→Int conversion (a trap, i.e. a branch) is needed.
@inline(__always) public func fastExp(_ x: Float) -> Float {
  let x = Swift.min(Swift.max(x, -87.3), 88.3)
  let shifted = x * 1.442_695_04 + 12_582_912  // 1.5·2²³: the low mantissa bits now hold round(x·log2 e)
  let n = shifted - 12_582_912
  let r = x - n * 0.693_359_375 + n * 2.121_944_4e-4
  var p: Float = 1.987_569_15e-4
  p = p * r + 1.398_199_950_7e-3
  p = p * r + 8.333_451_907_3e-3
  p = p * r + 4.166_579_589_4e-2
  p = p * r + 1.666_666_545_9e-1
  p = p * r + 5.000_000_120_1e-1
  let y = p * r * r + r + 1
  let k = Int32(bitPattern: shifted.bitPattern) &- 0x4B40_0000  // round(x·log2 e) as an integer
  return y * Float(bitPattern: UInt32(bitPattern: (k &+ 127) &<< 23))
}

/// tanh(x) for Float without branches or calls, so loops over it vectorise.
///
/// The rational approximation of Eigen's `generic_fast_tanh_float` (an odd degree-13
/// numerator over an even degree-6 denominator, minimax on the clamped range): the input
/// is clamped to ±7.9053111, where tanh is 1 to within 3e-7, then tanh(x) ≈ p(x)/q(x²).
/// Absolute error below 4e-7 on the whole line, and |result| ≤ 1 (tested).
@inline(__always) public func fastTanh(_ x: Float) -> Float {
  let x = Swift.min(Swift.max(x, -7.905_311_1), 7.905_311_1)
  let x2 = x * x
  var p: Float = -2.760_768_477_423_55e-16
  p = p * x2 + 2.000_187_904_824_77e-13
  p = p * x2 - 8.604_671_522_137_35e-11
  p = p * x2 + 5.122_297_090_371_14e-8
  p = p * x2 + 1.485_722_357_179_79e-5
  p = p * x2 + 6.372_619_288_754_36e-4
  p = p * x2 + 4.893_524_558_917_86e-3
  var q: Float = 1.198_258_394_667_02e-6
  q = q * x2 + 1.185_347_056_866_54e-4
  q = q * x2 + 2.268_434_632_439_00e-3
  q = q * x2 + 4.893_525_185_543_85e-3
  return x * p / q
}
