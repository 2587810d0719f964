// Four signals in SIMD lanes against the one-signal functions: the same operations in
// the same order per lane, so the values must be equal exactly.
import Features
import Foundation
import LinearAlgebra
import Testing
import _TestSupport

@Suite struct LaneStatisticsTests {
  /// Four seeded signals of n samples: smooth plus noise, one with zeros and ties, one
  /// constant, one all zero (entropy 0, std 0).
  static func signals(_ n: Int, seed: UInt64) -> [[Double]] {
    var g = SeededGenerator(seed: seed)
    let smooth = (0..<n).map { sin(Double($0) * 0.3) + 0.1 * g.nextNormal() }
    let ties = (0..<n).map { _ in (g.nextNormal() * 2).rounded() }
    return [smooth, ties, [Double](repeating: 0.7, count: n), [Double](repeating: 0, count: n)]
  }

  @Test(arguments: [1, 2, 5, 64, 128])
  func momentsEqualTheOneSignalFunctions(n: Int) {
    for seed in [1, 2] as [UInt64] {
      var s = Self.signals(n, seed: seed)
      if seed == 2 { s.reverse() }
      let m = Statistics.laneMoments(s)
      for lane in 0..<4 {
        #expect(m.mean[lane] == Statistics.mean(s[lane]), "n \(n) lane \(lane)")
        #expect(m.standardDeviation[lane] == Statistics.standardDeviation(s[lane]), "n \(n) lane \(lane)")
        #expect(m.energy[lane] == Statistics.energy(s[lane]), "n \(n) lane \(lane)")
        #expect(m.entropy[lane] == Statistics.entropy(s[lane]), "n \(n) lane \(lane)")
      }
    }
  }

  @Test(arguments: [5, 64, 128])
  func burgEqualsTheOneSignalRecursion(n: Int) {
    var s = Self.signals(n, seed: 3)
    s[3] = s[3].indices.map { s[0][$0] * 1e-3 + Double($0 % 7) }
    let lanes = Statistics.laneBurgAR(s)
    for lane in 0..<4 { #expect(lanes[lane] == Statistics.burgAR(s[lane], order: 4), "n \(n) lane \(lane)") }
  }

  @Test func absoluteSumsAndFusedCorrelationsEqualTheOneSignalForms() {
    let s = Self.signals(128, seed: 4)
    let sums = s[0].withUnsafeBufferPointer { a in s[1].withUnsafeBufferPointer { b in s[2].withUnsafeBufferPointer { c in
      s[3].withUnsafeBufferPointer { d in Statistics.laneAbsoluteSums(a.baseAddress!, b.baseAddress!, c.baseAddress!, d.baseAddress!, count: 128) }
    } } }
    for lane in 0..<4 {
      var expected = 0.0
      for v in s[lane] { expected += abs(v) }
      #expect(sums[lane] == expected, "lane \(lane)")
    }
    var g = SeededGenerator(seed: 9)
    let z = s[0].map { $0 * 0.5 + g.nextNormal() }
    for (x, y) in [(s[0], s[1]), (s[0], s[2]), (s[1], z)] {
      let means = SIMD3(Statistics.mean(x), Statistics.mean(y), Statistics.mean(z))
      let r = x.withUnsafeBufferPointer { a in y.withUnsafeBufferPointer { b in z.withUnsafeBufferPointer { c in
        Statistics.correlations(a, b, c, means: means)
      } } }
      #expect(r == SIMD3(Statistics.correlation(x, y), Statistics.correlation(x, z), Statistics.correlation(y, z)))
      let m = x.withUnsafeBufferPointer { Statistics.moments($0, mean: means.x) }
      #expect(m.skewness == Statistics.skewness(x) && m.kurtosis == Statistics.kurtosis(x))
    }
  }
}
