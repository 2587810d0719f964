// The radix-2 FFT against a naive DFT, an analytic sine, and shift invariance; the
// four-lane spectra against the one-signal spectrum, bit for bit.
import Features
import Foundation
import LinearAlgebra
import Testing
import _TestSupport

@Suite struct FFTTests {
  @Test(arguments: [4, 8, 64, 128, 256])
  func amplitudeSpectrumMatchesNaiveDFT(size: Int) {
    var g = SeededGenerator(seed: 11)
    let x = (0..<size).map { _ in g.nextNormal() }
    let (re, im) = naiveDFT(x)
    let expected = (0...(size / 2)).map { (re[$0] * re[$0] + im[$0] * im[$0]).squareRoot() }
    expectClose(FFTPlan(size: size).amplitudeSpectrum(x), expected, relative: 1e-11, absolute: 1e-11, "size \(size)")
  }

  @Test func complexTransformMatchesNaiveDFT() {
    var g = SeededGenerator(seed: 12)
    let x = (0..<128).map { _ in g.nextNormal() }
    var re = x, im = [Double](repeating: 0, count: 128)
    FFTPlan(size: 128).complexTransform(re: &re, im: &im)
    let (nre, nim) = naiveDFT(x)
    expectClose(re, nre, relative: 1e-11, absolute: 1e-11, "re")
    expectClose(im, nim, relative: 1e-11, absolute: 1e-11, "im")
  }

  @Test func sineOf6_25HzIsAllInBin16() {
    // 6.25 Hz at 50 Hz over 128 samples is exactly 16 periods: bin 16 (50/128 Hz wide).
    let x = (0..<128).map { sin(2 * Double.pi * 6.25 * Double($0) / 50) }
    let s = FFTPlan(size: 128).amplitudeSpectrum(x)
    expectClose(s[16], 64, relative: 1e-12, "bin 16 holds n/2")
    for k in 0...64 where k != 16 { #expect(s[k] < 1e-12, "bin \(k) = \(s[k])") }
    // Parseval: Σ|X|² over all 128 bins = n Σx².
    let energy = x.map { $0 * $0 }.reduce(0, +)
    expectClose(2 * s[16] * s[16], 128 * energy, relative: 1e-12, "Parseval")
  }

  @Test func amplitudeIsInvariantUnderCircularShift() {
    let seed: UInt64 = 2024
    var g = SeededGenerator(seed: seed)
    let plan = FFTPlan(size: 128)
    for trial in 0..<20 {
      let x = (0..<128).map { _ in g.nextNormal() }
      let shift = g.nextInt(below: 128)
      let shifted = (0..<128).map { x[($0 + shift) % 128] }
      expectClose(plan.amplitudeSpectrum(shifted), plan.amplitudeSpectrum(x), relative: 1e-10, absolute: 1e-10,
                  "seed \(seed), trial \(trial), shift \(shift)")
    }
  }

  /// Each lane equals the one-signal spectrum exactly (`==`), lane by lane.
  func expectLanesEqualScalar(_ signals: [[Double]], _ label: String) {
    let plan = FFTPlan(size: signals[0].count)
    let lanes = plan.laneAmplitudeSpectra(signals)
    for lane in 0..<4 {
      let scalar = plan.amplitudeSpectrum(signals[lane])
      #expect(lanes[lane] == scalar, "\(label), lane \(lane)")
    }
  }

  @Test(arguments: [4, 8, 128, 256])
  func laneSpectraEqualTheOneSignalSpectrumForRandomSignals(size: Int) {
    for seed in [21, 22] as [UInt64] {
      var g = SeededGenerator(seed: seed)
      let signals = (0..<4).map { lane in (0..<size).map { _ in g.nextNormal() * Double(lane + 1) } }
      expectLanesEqualScalar(signals, "size \(size), seed \(seed)")
    }
  }

  @Test func laneSpectraEqualTheOneSignalSpectrumForEdgeCases() {
    let n = 128
    let constant = [Double](repeating: 0.7, count: n), zero = [Double](repeating: 0, count: n)
    let alternating = (0..<n).map { $0 % 2 == 0 ? 1.0 : -1.0 }
    let impulse = (0..<n).map { $0 == 5 ? 1.0 : 0.0 }
    let edges = [constant, zero, alternating, impulse]
    expectLanesEqualScalar(edges, "edge cases")
    expectLanesEqualScalar(edges.reversed(), "edge cases reversed")
    // Each edge case next to random signals, in every lane position.
    var g = SeededGenerator(seed: 23)
    for (e, edge) in edges.enumerated() {
      var signals = (0..<4).map { _ in (0..<n).map { _ in g.nextNormal() } }
      signals[e] = edge
      expectLanesEqualScalar(signals, "edge case \(e) in lane \(e)")
    }
  }

  @Test func laneSpectraMatchNaiveDFT() {
    var g = SeededGenerator(seed: 24)
    let signals = (0..<4).map { _ in (0..<128).map { _ in g.nextNormal() } }
    let lanes = FFTPlan(size: 128).laneAmplitudeSpectra(signals)
    for lane in 0..<4 {
      let (re, im) = naiveDFT(signals[lane])
      let expected = (0...64).map { (re[$0] * re[$0] + im[$0] * im[$0]).squareRoot() }
      expectClose(lanes[lane], expected, relative: 1e-11, absolute: 1e-11, "lane \(lane)")
    }
  }
}
