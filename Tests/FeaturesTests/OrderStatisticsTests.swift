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

/// The sorting network (LaneSortingNetwork) and the order statistics read off sorted
/// values, against Swift's sort and the selection form.
@Suite struct SortedOrderStatisticsTests {
  @Test func comparatorCountsAreBatchersPublishedOnes() {
    // (t² − t + 4)·2^(t−2) − 1 comparators for 2^t values (Knuth, TAOCP 3, §5.3.4).
    for t in 1...7 {
      let n = 1 << t
      let expected = (t * t - t + 4) * (1 << t) / 4 - 1
      #expect(LaneSortingNetwork(size: n).comparatorCount == expected, "n = \(n)")
    }
  }

  @Test func sortsEveryZeroOneInputOfSixteen() {
    // The zero–one principle: a comparator network that sorts all 2^n inputs of zeros
    // and ones sorts every input. 2^16 inputs, four per call (one per lane).
    let network = LaneSortingNetwork(size: 16)
    var failures = 0
    for first in stride(from: 0, to: 1 << 16, by: 4) {
      let signals = (0..<4).map { lane in (0..<16).map { Double(((first + lane) >> $0) & 1) } }
      let sorted = network.sort(signals)
      for lane in 0..<4 where sorted[lane] != signals[lane].sorted() { failures += 1 }
    }
    #expect(failures == 0)
  }

  @Test(arguments: [2, 4, 8, 32, 64, 128, 256])
  func sortsLikeSwiftsSort(n: Int) {
    let network = LaneSortingNetwork(size: n)
    for seed in 0..<3 {
      let inputs = OrderStatisticsTests.inputs(n, seed: UInt64(1000 + 10 * n + seed))
      for start in stride(from: 0, to: inputs.count, by: 4) {
        let four = (0..<4).map { inputs[(start + $0) % inputs.count] }
        let sorted = network.sort(four)
        for lane in 0..<4 { #expect(sorted[lane] == four[lane].sorted(), "n \(n) seed \(seed) input \(start + lane)") }
      }
    }
  }

  @Test(arguments: [1, 2, 3, 4, 5, 7, 8, 13, 16, 31, 63, 64, 65, 127, 128, 129, 1000])
  func summaryOfSortedValuesEqualsTheOtherForms(n: Int) {
    for (k, x) in OrderStatisticsTests.inputs(n, seed: UInt64(200 + n)).enumerated() {
      let sorted = x.sorted()
      // Stride 3: the values interleaved with two others, as lanes are.
      var strided = [Double](repeating: .nan, count: 3 * n)
      for i in 0..<n { strided[3 * i] = sorted[i] }
      let s = strided.withUnsafeBufferPointer { Statistics.orderSummary(sorted: $0.baseAddress!, count: n, stride: 3) }
      let reference = Statistics.orderSummary(x)
      #expect(s == reference, "n \(n) input \(k)")
      #expect(s.medianAbsoluteDeviation == Statistics.medianAbsoluteDeviation(x), "n \(n) input \(k)")
      #expect(s.interquartileRange == Statistics.interquartileRange(x), "n \(n) input \(k)")
    }
  }

  @Test func madOfSkewedAndTiedValues() {
    // Hand-checked: median 2.5, deviations 1.5 1.5 0.5 0.5 6.5 97.5, sorted
    // 0.5 0.5 1.5 1.5 6.5 97.5 → mad = (1.5 + 1.5)/2.
    let x: [Double] = [1, 1, 2, 3, 9, 100]
    let median = 0.5 * (2 + 3), deviations = x.map { abs($0 - median) }.sorted()
    let expected = 0.5 * (deviations[2] + deviations[3])
    let s = x.withUnsafeBufferPointer { Statistics.orderSummary(sorted: $0.baseAddress!, count: 6) }
    #expect(s.median == 2.5 && s.medianAbsoluteDeviation == expected && expected == 1.5)
  }
}
