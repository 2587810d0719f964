// The package's one source of randomness. It lives in LinearAlgebra because that is the
// module every other module already imports; it has nothing to do with BLAS.
//
// Decisions:
// 1. SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators",
//    OOPSLA 2014): 64 bits of state, passes BigCrush, trivially seedable, and the same
//    on every platform, so a seed written in a report reproduces the report.
// 2. Library code never calls `.random(in:)` without passing one of these.
// 3. Child seeds come from `derive(_:)`, so one master seed fans out to many
//    independent streams (one per model, fold and seed index) without coordination.

/// A seeded, deterministic 64-bit generator (SplitMix64).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  /// The full internal state; equal states give equal streams.
  public var state: UInt64

  /// A generator whose stream is fully determined by `seed`.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  @inlinable public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform double in [0, 1) with 53 random bits.
  @inlinable public mutating func nextUnitDouble() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A standard normal draw (Box–Muller; uses two uniforms, discards the second normal
  /// so that the stream position does not depend on call history).
  public mutating func nextNormal() -> Double {
    var u1 = nextUnitDouble()
    while u1 <= 0 { u1 = nextUnitDouble() }
    let u2 = nextUnitDouble()
    return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
  }

  /// A uniform integer in `0..<upperBound` without modulo bias (Lemire's method via the
  /// standard library).
  public mutating func nextInt(below upperBound: Int) -> Int {
    precondition(upperBound > 0, "nextInt(below:) needs a positive bound, got \(upperBound)")
    return Int.random(in: 0..<upperBound, using: &self)
  }

  /// A seed for an independent child stream, determined by this seed and `label`.
  /// `SeededGenerator.derive(seed: 42, 3)` is the same on every run and platform.
  public static func derive(seed: UInt64, _ label: UInt64) -> UInt64 {
    var g = SeededGenerator(seed: seed ^ (label &* 0xD1B5_4A32_D192_ED03))
    _ = g.next()
    return g.next()
  }
}

extension Array {
  /// Fisher–Yates shuffle driven by a seeded generator (deterministic for a given state).
  public mutating func seededShuffle(using generator: inout SeededGenerator) {
    guard count > 1 else { return }
    for i in stride(from: count - 1, to: 0, by: -1) {
      let j = generator.nextInt(below: i + 1)
      if i != j { swapAt(i, j) }
    }
  }
}

// Glibc's log/cos without importing Foundation into every client.
#if canImport(Glibc)
import Glibc
@usableFromInline func _log(_ x: Double) -> Double { Glibc.log(x) }
@usableFromInline func _cos(_ x: Double) -> Double { Glibc.cos(x) }
#else
import Darwin
@usableFromInline func _log(_ x: Double) -> Double { Darwin.log(x) }
@usableFromInline func _cos(_ x: Double) -> Double { Darwin.cos(x) }
#endif
