// Selection (Statistics.orderSummary, orderStatistics) against the sort-based
// definitions: the same elements at the same ranks, so the values must be equal exactly.
import Features
import LinearAlgebra
import Testing
import _TestSupport

@Suite struct OrderStatisticsTests {
  /// Seeded inputs: continuous values, many ties, constants, sorted and reversed runs.
  static func inputs(_ n: Int, seed: UInt64) -> [[Double]] {
    var g = SeededGenerator(seed: seed)
    let continuous = (0..<n).map { _ in g.nextNormal() }
    let ties = (0..<n).map { _ in (g.nextNormal() * 2).rounded() / 2 }
    return [continuous, ties, [Double](repeating: -0.3, count: n), continuous.sorted(), continuous.sorted().reversed(),
            (0..<n).map { Double($0 % 3) }]
  }

  @Test(arguments: [1, 2, 3, 4, 5, 7, 8, 12, 13, 16, 17, 31, 63, 64, 65, 127, 128, 129, 1000])
  func summaryEqualsTheSortBasedStatistics(n: Int) {
    for (k, x) in Self.inputs(n, seed: UInt64(100 + n)).enumerated() {
      let s = Statistics.orderSummary(x)
      let sorted = x.sorted()
      #expect(s.minimum == sorted[0] && s.maximum == sorted[n - 1], "n \(n) input \(k)")
      #expect(s.median == Statistics.median(x), "n \(n) input \(k)")
      #expect(s.lowerQuartile == Statistics.quantile(x, 0.25), "n \(n) input \(k)")
      #expect(s.upperQuartile == Statistics.quantile(x, 0.75), "n \(n) input \(k)")
      #expect(s.interquartileRange == Statistics.interquartileRange(x), "n \(n) input \(k)")
      #expect(s.medianAbsoluteDeviation == Statistics.medianAbsoluteDeviation(x), "n \(n) input \(k)")
    }
  }

  @Test func anyRanksEqualTheSortedValues() {
    var g = SeededGenerator(seed: 11)
    for n in [1, 6, 50, 128, 300] {
      for x in Self.inputs(n, seed: UInt64(n)) {
        let ranks = (0..<7).map { _ in g.nextInt(below: n) } + [0, n - 1, n / 2]
        let sorted = x.sorted()
        #expect(Statistics.orderStatistics(x, ranks: ranks) == ranks.map { sorted[$0] }, "n \(n) ranks \(ranks)")
      }
    }
  }

  @Test func iqrOfOneToEightByMATLABsRule() {
    let s = Statistics.orderSummary((1...8).map(Double.init).reversed())
    #expect(s.lowerQuartile == 2.5 && s.upperQuartile == 6.5 && s.interquartileRange == 4 && s.median == 4.5)
  }
}
