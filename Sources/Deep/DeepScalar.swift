// The element types Deep computes in, and the few elementary functions its layers need.
//
// Decisions, in priority order:
// 1. Training runs in `Float` (sgemm); every layer is generic over `DeepScalar` so the
//    gradient checks can run the very same code in `Double` (DESIGN.md: Deep trains in Float).
// 2. `Float`'s sigmoid and tanh use a branch-free Cephes-style `exp` written in Swift so
//    that the LSTM's gate loop vectorises; libm's `expf` is a call per element and would
//    cost as much as the whole recurrence. Relative error of `fastExp` is below 2 ulp on
//    [-87, 88]; tanh computed as 2σ(2x) − 1 has absolute error ≈ 1e-7 near 0.
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
  @inline(__always) public static func _sigmoid(_ x: Float) -> Float { 1 / (1 + fastExp(-x)) }
  @inline(__always) public static func _tanh(_ x: Float) -> Float { 2 / (1 + fastExp(-2 * x)) - 1 }
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
