// Every statistic on an input whose answer is known independently.
import Features
import Foundation
import LinearAlgebra
import Testing
import _TestSupport

@Suite struct StatisticsTests {
  @Test func constantSignalHasNoSpread() {
    let c = [Double](repeating: 0.7, count: 128)
    #expect(Statistics.standardDeviation(c) == 0)
    #expect(Statistics.medianAbsoluteDeviation(c) == 0)
    #expect(Statistics.interquartileRange(c) == 0)
    // Entropy of the normalised signal: 128 equal parts, ln 128.
    expectClose(Statistics.entropy(c), log(128.0), relative: 1e-12)
    // An all-zero signal: entropy 0, skewness and kurtosis 0, not NaN.
    let z = [Double](repeating: 0, count: 128)
    #expect(Statistics.entropy(z) == 0)
    #expect(Statistics.skewness(c) == 0 && Statistics.kurtosis(c) == 0)
    #expect(Statistics.correlation(c, (0..<128).map(Double.init)) == 0)
  }

  @Test func quantilesFollowMATLAB() {
    // prctile([1…8], 25) = 2.5, prctile(…, 75) = 6.5 → iqr 4 (MATLAB's rule).
    let x = (1...8).map(Double.init)
    #expect(Statistics.quantile(x, 0.25) == 2.5)
    #expect(Statistics.quantile(x, 0.75) == 6.5)
    #expect(Statistics.interquartileRange(x) == 4)
    #expect(Statistics.interquartileRange([3, 1, 2]) == 1.5)  // 0.75 → position 2.75
    #expect(Statistics.median([5, 1, 3, 2]) == 2.5)
  }

  @Test func medianAbsoluteDeviationMatchesDefinition() {
    #expect(Statistics.medianAbsoluteDeviation([1, 1, 2, 2, 4, 6, 9]) == 1)  // Wikipedia's example
    var g = SeededGenerator(seed: 5)
    for n in [1, 2, 3, 8, 64, 127, 128] {
      let x = (0..<n).map { _ in (g.nextNormal() * 4).rounded() / 4 }  // with ties
      let m = Statistics.median(x)
      let expected = Statistics.median(x.map { abs($0 - m) })
      #expect(Statistics.medianAbsoluteDeviation(x) == expected, "n \(n)")
    }
  }

  @Test func sortMatchesTheStandardLibrary() {
    var g = SeededGenerator(seed: 6)
    for n in [0, 1, 2, 17, 64, 128, 1000] {
      var x = (0..<n).map { _ in (g.nextNormal() * 3).rounded() }
      let expected = x.sorted()
      x.withUnsafeMutableBufferPointer { Statistics.sortInPlace($0) }
      #expect(x == expected)
    }
  }

  @Test func sineSpectrumStatistics() {
    // 6.25 Hz sine, 128 samples at 50 Hz: all energy in bin 16 (|X16| = 64).
    let x = (0..<128).map { sin(2 * Double.pi * 6.25 * Double($0) / 50) }
    let spectrum = Array(FFTPlan(size: 128).amplitudeSpectrum(x)[1...64])  // bins 1…64
    #expect(Spectral.maxIndex(spectrum) == 16)
    expectClose(Spectral.meanFrequency(spectrum), 16, relative: 1e-12)
    expectClose(Statistics.energy(x), 0.5, relative: 1e-12)  // mean of sin² over whole periods
    expectClose(Spectral.bandEnergy(spectrum, firstBin: 9, lastBin: 16), 64 * 64 / 8, relative: 1e-12)
    expectClose(Spectral.bandEnergy(spectrum, firstBin: 1, lastBin: 16), 64 * 64 / 16, relative: 1e-12)
    expectClose(Spectral.bandEnergy(spectrum, firstBin: 1, lastBin: 24), 64 * 64 / 24, relative: 1e-12)
    #expect(Spectral.bandEnergy(spectrum, firstBin: 17, lastBin: 24) < 1e-20)
    #expect(Spectral.bandEnergy(spectrum, firstBin: 1, lastBin: 8) < 1e-20)
  }

  @Test func angleOfOrthogonalParallelAndOppositeVectors() {
    expectClose(Statistics.angle(SIMD3(1, 2, 0), SIMD3(-2, 1, 5)), Double.pi / 2, relative: 1e-15)
    expectClose(Statistics.angle(SIMD3(1, 2, 3), SIMD3(2, 4, 6)), 0, absolute: 1e-7)
    expectClose(Statistics.angle(SIMD3(1, 2, 3), SIMD3(-1, -2, -3)), Double.pi, relative: 1e-7)
    #expect(Statistics.angle(SIMD3(0, 0, 0), SIMD3(1, 0, 0)) == Double.pi / 2)  // zero vector: no NaN
  }

  /// Independent reimplementation: central moments via `pow`, two passes.
  static func referenceMoments(_ x: [Double]) -> (Double, Double) {
    let n = Double(x.count)
    let mu = x.reduce(0, +) / n
    let m2 = x.map { pow($0 - mu, 2) }.reduce(0, +) / n
    let m3 = x.map { pow($0 - mu, 3) }.reduce(0, +) / n
    let m4 = x.map { pow($0 - mu, 4) }.reduce(0, +) / n
    return (m3 / pow(m2, 1.5), m4 / pow(m2, 2))
  }

  @Test func skewnessAndKurtosisMatchAReference() {
    var g = SeededGenerator(seed: 9)
    for n in [4, 64, 128] {
      let x = (0..<n).map { _ in exp(g.nextNormal()) }  // skewed
      let (s, k) = Self.referenceMoments(x)
      expectClose(Statistics.skewness(x), s, relative: 1e-10)
      expectClose(Statistics.kurtosis(x), k, relative: 1e-10)
    }
    // Known values: a symmetric two-point sample has skewness 0 and kurtosis 1.
    expectClose(Statistics.skewness([-1, 1, -1, 1]), 0, absolute: 1e-15)
    expectClose(Statistics.kurtosis([-1, 1, -1, 1]), 1, relative: 1e-15)
  }

  @Test func standardDeviationAndCorrelation() {
    expectClose(Statistics.standardDeviation([2, 4, 4, 4, 5, 5, 7, 9]), (32.0 / 7).squareRoot(), relative: 1e-15)
    let x = (0..<50).map(Double.init)
    expectClose(Statistics.correlation(x, x.map { 3 * $0 + 1 }), 1, relative: 1e-15)
    expectClose(Statistics.correlation(x, x.map { -2 * $0 }), -1, relative: 1e-15)
    // Property: std(a·x + c) = |a|·std(x).
    var g = SeededGenerator(seed: 3)
    let y = (0..<128).map { _ in g.nextNormal() }
    expectClose(Statistics.standardDeviation(y.map { -2.5 * $0 + 7 }), 2.5 * Statistics.standardDeviation(y), relative: 1e-12)
    expectClose(Statistics.mean(y.map { $0 + 3 }), Statistics.mean(y) + 3, relative: 1e-12)
  }

  @Test func burgRecoversAnAR4Process() {
    // x[t] + a1 x[t−1] + … + a4 x[t−4] = e[t], poles 0.9·e^{±0.5i} and 0.7·e^{±1.8i}.
    let (r1, t1, r2, t2) = (0.9, 0.5, 0.7, 1.8)
    let p = [1, -2 * r1 * cos(t1), r1 * r1], q = [1, -2 * r2 * cos(t2), r2 * r2]
    var a = [Double](repeating: 0, count: 5)
    for i in 0..<3 { for j in 0..<3 { a[i + j] += p[i] * q[j] } }
    let n = 20_000, burnIn = 1000
    var g = SeededGenerator(seed: 42)
    var x = [Double](repeating: 0, count: n + burnIn)
    for t in 4..<x.count {
      x[t] = g.nextNormal() - a[1] * x[t - 1] - a[2] * x[t - 2] - a[3] * x[t - 3] - a[4] * x[t - 4]
    }
    let estimate = Statistics.burgAR(Array(x[burnIn...]), order: 4)
    // Tolerance: the asymptotic variance of each coefficient is [σ²Γ⁻¹]_kk / n, and by
    // the Gohberg–Semencul formula [σ²Γ⁻¹]_kk ≤ Σ_j a_j². Five standard deviations:
    let tolerance = 5 * (a.map { $0 * $0 }.reduce(0, +) / Double(n)).squareRoot()
    for k in 0..<4 {
      #expect(abs(estimate[k] - a[k + 1]) < tolerance, "a\(k + 1): \(estimate[k]) vs \(a[k + 1]), tolerance \(tolerance)")
    }
    // A constant-zero window gives zeros, not NaN.
    #expect(Statistics.burgAR([Double](repeating: 0, count: 128), order: 4) == [0, 0, 0, 0])
  }

  /// MATLAB's `arburg` transcribed literally (arrays, no fusion): the reference for the
  /// optimised recursion.
  static func referenceBurg(_ x: [Double], order: Int) -> [Double] {
    var ef = x, eb = x
    var a = [1.0]
    for _ in 1...order {
      let efp = Array(ef.dropFirst()), ebp = Array(eb.dropLast())
      let num = zip(ebp, efp).map { $0 * $1 }.reduce(0, +)
      let den = efp.map { $0 * $0 }.reduce(0, +) + ebp.map { $0 * $0 }.reduce(0, +)
      let k = -2 * num / den
      ef = zip(efp, ebp).map { $0 + k * $1 }
      eb = zip(ebp, efp).map { $0 + k * $1 }
      let padded = a + [0.0]
      let flipped = [0.0] + a.reversed()
      a = zip(padded, flipped).map { $0 + k * $1 }
    }
    return Array(a.dropFirst())
  }

  @Test func burgMatchesALiteralArburg() {
    var g = SeededGenerator(seed: 21)
    for n in [8, 64, 128] {
      var x = [Double](repeating: 0, count: n)
      for t in 1..<n { x[t] = 0.8 * x[t - 1] + g.nextNormal() }
      expectClose(Statistics.burgAR(x, order: 4), Self.referenceBurg(x, order: 4), relative: 1e-10, absolute: 1e-12, "n \(n)")
    }
  }
}
