// Sorting four signals at once, one per SIMD lane, with a sorting network.
//
// Decisions, in priority order:
// 1. Exact. A sorting network only exchanges values (min and max of two), so each lane
//    ends as a permutation of its input in ascending order: the very values a sort
//    gives, bit for bit. (Equal values keep their places; the two zeros −0 and +0
//    compare equal, so, as with any unstable sort, which of them comes first is
//    unspecified.)
// 2. Speed (issue 3: order statistics were ~40 % of the feature extraction). The
//    comparisons of a network do not depend on the data, so there is no branch to
//    mispredict, and four independent signals share every instruction. Batcher's
//    odd–even merge sort needs 543 comparators for 64 values (a bitonic network 672).
// 3. Simple data layout: the four signals are interleaved, row i = (s0[i], s1[i], s2[i],
//    s3[i]), so each comparator is one pointwise min and max of two rows; readers take
//    lane l of the result with stride 4 (`v[4·i + l]`).
// Values must not be NaN (the pipeline rejects non-finite windows before extraction).

/// Batcher's odd–even merge sort network for a power-of-two number of values, applied
/// to four signals at once.
public struct LaneSortingNetwork: Sendable {
  /// Values per signal (a power of two ≥ 2).
  public let size: Int
  /// Comparator k exchanges positions `pairs[2k]` < `pairs[2k + 1]` into order.
  let pairs: [Int32]

  /// The network for `size` values.
  /// - Precondition: `size` is a power of two ≥ 2.
  public init(size: Int) {
    precondition(size >= 2 && size & (size - 1) == 0, "sorting network size must be a power of two ≥ 2, got \(size)")
    self.size = size
    // Knuth, TAOCP vol. 3, §5.3.4, exercise 32 (the iterative form of Batcher 1968):
    // merge sorted runs of p = 1, 2, 4, … with comparators at distance k = p, p/2, …, 1.
    var pairs: [Int32] = []
    var p = 1
    while p < size {
      var k = p
      while k >= 1 {
        var j = k % p
        while j <= size - 1 - k {
          for i in 0...Swift.min(k - 1, size - j - k - 1) where (i + j) / (2 * p) == (i + j + k) / (2 * p) {
            pairs.append(Int32(i + j)); pairs.append(Int32(i + j + k))
          }
          j += 2 * k
        }
        k /= 2
      }
      p *= 2
    }
    self.pairs = pairs
  }

  /// The number of comparators (543 for 64 values).
  public var comparatorCount: Int { pairs.count / 2 }

  /// Sorts each lane ascending, in place. `v`: (size, 4) interleaved, row i holding
  /// sample i of the four signals (lane = column).
  public func sort(_ v: UnsafeMutablePointer<Double>) {
    let raw = UnsafeMutableRawPointer(v), row = 4 * MemoryLayout<Double>.stride
    pairs.withUnsafeBufferPointer { p in
      var k = 0
      let end = p.count
      while k < end {
        let a = Int(p[k]) * row, b = Int(p[k + 1]) * row
        let x = raw.loadUnaligned(fromByteOffset: a, as: SIMD4<Double>.self)
        let y = raw.loadUnaligned(fromByteOffset: b, as: SIMD4<Double>.self)
        // Per lane: the smaller to a, the larger to b (ties leave both in place).
        let swap = y .< x
        raw.storeBytes(of: x.replacing(with: y, where: swap), toByteOffset: a, as: SIMD4<Double>.self)
        raw.storeBytes(of: y.replacing(with: x, where: swap), toByteOffset: b, as: SIMD4<Double>.self)
        k += 2
      }
    }
  }

  /// Interleaves `size` values from each of four signals into `v` and sorts them: lane
  /// l of `v` (`v[4·i + l]`) is `s_l` sorted. `s0…s3`: (size) each; `v`: (size, 4).
  public func sort(
    _ s0: UnsafePointer<Double>, _ s1: UnsafePointer<Double>, _ s2: UnsafePointer<Double>, _ s3: UnsafePointer<Double>,
    into v: UnsafeMutablePointer<Double>
  ) {
    for i in 0..<size { v[4 * i] = s0[i]; v[4 * i + 1] = s1[i]; v[4 * i + 2] = s2[i]; v[4 * i + 3] = s3[i] }
    sort(v)
  }

  /// Array form: four signals of `size` values, each returned sorted.
  public func sort(_ signals: [[Double]]) -> [[Double]] {
    precondition(signals.count == 4 && signals.allSatisfy { $0.count == size }, "sort needs 4 signals of \(size) values")
    var v = [Double](repeating: 0, count: 4 * size)
    v.withUnsafeMutableBufferPointer { b in
      signals[0].withUnsafeBufferPointer { s0 in
        signals[1].withUnsafeBufferPointer { s1 in
          signals[2].withUnsafeBufferPointer { s2 in
            signals[3].withUnsafeBufferPointer { s3 in
              sort(s0.baseAddress!, s1.baseAddress!, s2.baseAddress!, s3.baseAddress!, into: b.baseAddress!)
            }
          }
        }
      }
    }
    return (0..<4).map { l in (0..<size).map { v[4 * $0 + l] } }
  }
}
