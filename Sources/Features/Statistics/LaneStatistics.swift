// Four signals at once, one per SIMD lane: mean, std, energy, entropy and Burg's AR
// coefficients of four equally long signals in one pass over time.
//
// Decisions, in priority order:
// 1. Bit-identical to the one-signal functions in Statistics.swift and Burg.swift. Each
//    lane performs exactly the scalar operations in the scalar order (a sum still runs
//    from t = 0 to n − 1; only independent sums of different signals share an
//    instruction), so no summation order changes. The tests compare with `==`.
// 2. Why lanes: every one of these statistics is a chain of dependent additions
//    (s += …), so a single signal waits on the adder's latency at each sample while
//    the other execution units idle. Four independent chains fill that latency; Burg
//    was ~9 % and the sums together ~10 % of the feature extraction before (issue 3).
// 3. `log` stays the scalar libm call (a vector log would round differently).
import Foundation

extension Statistics {
  /// mean, std (n − 1), energy (Σx²/n) and entropy of four signals, one per lane; each
  /// lane equals `mean(_:)`, `standardDeviation(_:)`, `energy(_:)`, `entropy(_:)`.
  public struct LaneMoments: Sendable, Equatable {
    public var mean: SIMD4<Double>, standardDeviation: SIMD4<Double>, energy: SIMD4<Double>, entropy: SIMD4<Double>
  }

  /// Array form of `laneMoments`: `signals` are 4 signals of n ≥ 1 samples each.
  public static func laneMoments(_ signals: [[Double]]) -> LaneMoments {
    precondition(signals.count == 4 && signals.allSatisfy { $0.count == signals[0].count && !$0.isEmpty },
                 "laneMoments needs 4 equally long signals")
    return signals[0].withUnsafeBufferPointer { a in
      signals[1].withUnsafeBufferPointer { b in
        signals[2].withUnsafeBufferPointer { c in
          signals[3].withUnsafeBufferPointer { d in
            laneMoments(a.baseAddress!, b.baseAddress!, c.baseAddress!, d.baseAddress!, count: a.count)
          }
        }
      }
    }
  }

  /// mean, std, energy, entropy of the four signals `s0…s3`, each (count), count ≥ 1.
  public static func laneMoments(
    _ s0: UnsafePointer<Double>, _ s1: UnsafePointer<Double>, _ s2: UnsafePointer<Double>, _ s3: UnsafePointer<Double>,
    count n: Int
  ) -> LaneMoments {
    withUnsafeTemporaryAllocation(of: SIMD4<Double>.self, capacity: n) { logarithms in
      laneMoments(s0, s1, s2, s3, count: n, logarithms: logarithms.baseAddress!, known: 0)
    }
  }

  /// `laneMoments` with the logarithms the entropy needs in a buffer the caller keeps,
  /// for signals that overlap the previous call's: `logarithms[t][lane]` = ln|s_lane[t]|
  /// (0 where s_lane[t] = 0). Entries `0..<known` are given (the caller copied them from
  /// the previous window's later samples, which are these samples); the rest are
  /// computed and stored. The same bits whatever `known` is: only where ln comes from
  /// changes. `logarithms`: (count).
  static func laneMoments(
    _ s0: UnsafePointer<Double>, _ s1: UnsafePointer<Double>, _ s2: UnsafePointer<Double>, _ s3: UnsafePointer<Double>,
    count n: Int, logarithms: UnsafeMutablePointer<SIMD4<Double>>, known: Int
  ) -> LaneMoments {
    precondition(known >= 0 && known <= n, "laneMoments: \(known) known logarithms of \(n)")
    @inline(__always) func load(_ t: Int) -> SIMD4<Double> { SIMD4(s0[t], s1[t], s2[t], s3[t]) }
    @inline(__always) func ln(_ x: Double) -> Double { let a = abs(x); return a > 0 ? log(a) : 0 }
    for t in known..<n {
      let v = load(t)
      logarithms[t] = SIMD4(ln(v[0]), ln(v[1]), ln(v[2]), ln(v[3]))
    }
    // Pass 1: Σx, Σx², and the entropy sums Σ|x| and Σ|x|·ln|x| over |x| > 0.
    var sum = SIMD4<Double>(), squares = SIMD4<Double>()
    var absolute = (0.0, 0.0, 0.0, 0.0), weighted = (0.0, 0.0, 0.0, 0.0)
    @inline(__always) func entropyTerm(_ v: Double, _ logarithm: Double, _ total: inout Double, _ weighted: inout Double) {
      let a = abs(v)
      if a > 0 { total += a; weighted += a * logarithm }
    }
    for t in 0..<n {
      let v = load(t), l = logarithms[t]
      sum += v
      squares += v * v
      entropyTerm(v[0], l[0], &absolute.0, &weighted.0); entropyTerm(v[1], l[1], &absolute.1, &weighted.1)
      entropyTerm(v[2], l[2], &absolute.2, &weighted.2); entropyTerm(v[3], l[3], &absolute.3, &weighted.3)
    }
    let count = SIMD4<Double>(repeating: Double(n))
    let mean = sum / count
    // Pass 2: the corrected two-pass standard deviation, as standardDeviation(_:).
    var std = SIMD4<Double>()
    if n >= 2 {
      var deviationSquares = SIMD4<Double>(), deviationSum = SIMD4<Double>()
      let first = load(0)
      var constant = SIMDMask<SIMD4<Int64>>(repeating: true)
      for t in 0..<n {
        let v = load(t)
        let d = v - mean
        deviationSquares += d * d
        deviationSum += d
        constant .&= v .== first
      }
      var variance = (deviationSquares - deviationSum * deviationSum / count) / (count - 1)
      variance.replace(with: 0, where: variance .< 0)  // Swift.max(0, v) for non-NaN v
      std = variance.squareRoot()
      std.replace(with: 0, where: constant)
    }
    @inline(__always) func entropy(_ total: Double, _ weighted: Double) -> Double {
      if total == 0 || !total.isFinite { return total == 0 ? 0 : .nan }
      return Swift.max(0, log(total) - weighted / total)
    }
    return LaneMoments(
      mean: mean, standardDeviation: std, energy: squares / count,
      entropy: SIMD4(entropy(absolute.0, weighted.0), entropy(absolute.1, weighted.1),
                     entropy(absolute.2, weighted.2), entropy(absolute.3, weighted.3)))
  }

  /// Σ|x| over `count` values of each of the four arrays `s0…s3`, in order (one lane
  /// each): the sum `signalMagnitudeArea` accumulates, where a 3-axial signal's x, y, z
  /// are consecutive and summed as one array of 3n values.
  public static func laneAbsoluteSums(
    _ s0: UnsafePointer<Double>, _ s1: UnsafePointer<Double>, _ s2: UnsafePointer<Double>, _ s3: UnsafePointer<Double>,
    count n: Int
  ) -> SIMD4<Double> {
    var sum = SIMD4<Double>()
    for t in 0..<n {
      let v = SIMD4(s0[t], s1[t], s2[t], s3[t])
      sum += v.replacing(with: -v, where: v .< 0)  // |v|; −0 stays −0, which adds nothing
    }
    return sum
  }

  /// Array form of `laneBurgAR`: Burg AR(4) coefficients of 4 signals, (4, 4).
  public static func laneBurgAR(_ signals: [[Double]]) -> [[Double]] {
    precondition(signals.count == 4 && signals.allSatisfy { $0.count == signals[0].count && $0.count > 4 },
                 "laneBurgAR needs 4 equally long signals of more than 4 samples")
    let n = signals[0].count
    let scratch = UnsafeMutableBufferPointer<SIMD4<Double>>.allocate(capacity: 2 * n)
    defer { scratch.deallocate() }
    var out = [SIMD4<Double>](repeating: .zero, count: 4)
    signals[0].withUnsafeBufferPointer { a in
      signals[1].withUnsafeBufferPointer { b in
        signals[2].withUnsafeBufferPointer { c in
          signals[3].withUnsafeBufferPointer { d in
            out.withUnsafeMutableBufferPointer { o in
              laneBurgAR(a.baseAddress!, b.baseAddress!, c.baseAddress!, d.baseAddress!, count: n, into: o.baseAddress!,
                         scratch: scratch.baseAddress!)
            }
          }
        }
      }
    }
    return (0..<4).map { lane in out.map { $0[lane] } }
  }

  /// Burg AR(4) coefficients a1…a4 of the four signals `s0…s3` (each (count), count > 4)
  /// into `output[i][lane]` = a_{i+1} of signal `lane`; the same operations per lane as
  /// `burgAR(_:order:into:scratch:)` with order 4. `scratch`: (2·count).
  public static func laneBurgAR(
    _ s0: UnsafePointer<Double>, _ s1: UnsafePointer<Double>, _ s2: UnsafePointer<Double>, _ s3: UnsafePointer<Double>,
    count n: Int, into output: UnsafeMutablePointer<SIMD4<Double>>, scratch: UnsafeMutablePointer<SIMD4<Double>>
  ) {
    let order = 4
    precondition(n > order, "Burg needs more samples (\(n)) than the order (\(order))")
    let forward = scratch, backward = scratch + n
    for t in 0..<n {
      let v = SIMD4(s0[t], s1[t], s2[t], s3[t])
      forward[t] = v; backward[t] = v
    }
    // a[0…4] of each lane; see burgAR for the recursion and its references.
    var a = (SIMD4<Double>(repeating: 1), SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>())
    var numerator = SIMD4<Double>(), denominator = SIMD4<Double>()
    for t in 1..<n {
      let f = forward[t], b = backward[t - 1]
      numerator += f * b
      denominator += f * f + b * b
    }
    withUnsafeMutableBytes(of: &a) { raw in
      let a = raw.bindMemory(to: SIMD4<Double>.self).baseAddress!
      var previous = (SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>())
      withUnsafeMutableBytes(of: &previous) { rawPrevious in
        let previous = rawPrevious.bindMemory(to: SIMD4<Double>.self).baseAddress!
        for m in 1...order {
          var k = -2 * numerator / denominator
          k.replace(with: 0, where: .!(denominator .> 0))
          numerator = .zero; denominator = .zero
          var later = SIMD4<Double>()
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
          for i in 0...m { previous[i] = a[i] }
          for i in 1...m { a[i] = previous[i] + k * previous[m - i] }
        }
        for i in 0..<order { output[i] = a[i + 1] }
      }
    }
  }
}
