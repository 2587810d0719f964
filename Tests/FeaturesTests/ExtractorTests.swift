// The 561-feature vector: names row for row against features.txt, and every family on
// analytic windows through the extractor (which also checks the layout).
import Features
import Foundation
import LinearAlgebra
import Testing
import _TestSupport

/// A window of `n` samples per axis.
func triaxial(_ x: [Double], _ y: [Double]? = nil, _ z: [Double]? = nil) -> TriaxialSignal {
  TriaxialSignal(x: x, y: y ?? [Double](repeating: 0, count: x.count), z: z ?? [Double](repeating: 0, count: x.count))
}

func feature(_ values: [Double], _ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> Double {
  guard let i = FeatureCatalog.index(of: name) else {
    Issue.record("no feature \(name)", sourceLocation: sourceLocation)
    return .nan
  }
  return values[i]
}

@Suite struct CatalogTests {
  @Test func catalogueHas561NamesWith477Distinct() {
    #expect(FeatureCatalog.names.count == 561)
    #expect(Set(FeatureCatalog.names).count == 477)
    #expect(FeatureCatalog.names.first == "tBodyAcc-mean()-X")
    #expect(FeatureCatalog.names.last == "angle(Z,gravityMean)")
  }

  @Test(.enabled(if: RealData.isAvailableWithUCIHAR, RealData.skipReason))  // needs UCI-HAR's features.txt
  func catalogueMatchesFeaturesTxtRowForRow() throws {
    let dir = try #require(RealData.uciHARDirectory)
    let official = try FeatureNames.load(path: dir.appendingPathComponent("features.txt").path)
    #expect(official.count == 561)
    for (i, (ours, theirs)) in zip(FeatureCatalog.names, official).enumerated() {
      #expect(ours == theirs, "row \(i + 1)")
    }
  }
}

@Suite struct ExtractorTests {
  static let n = 128
  static let zeros = [Double](repeating: 0, count: n)
  static let gravity = triaxial([Double](repeating: 1, count: n))  // 1 g along x

  @Test func linearRampHasConstantJerk() {
    // Body acc x = 0.01·t g: jerk = 0.01 × 50 = 0.5 g/s at every sample when the
    // sample before the window is given, and 0 at a recording's first sample otherwise.
    let ramp = (0..<Self.n).map { 0.01 * Double($0) }
    let extractor = FeatureExtractor()
    var w = WindowSignals(bodyAcceleration: triaxial(ramp), gravity: Self.gravity, angularVelocity: triaxial(ramp),
                          bodyAccelerationBefore: SIMD3(-0.01, 0, 0), angularVelocityBefore: SIMD3(-0.01, 0, 0))
    var f = extractor.features(w)
    expectClose(feature(f, "tBodyAccJerk-mean()-X"), 0.5, relative: 1e-12)
    expectClose(feature(f, "tBodyAccJerk-std()-X"), 0, absolute: 1e-12)
    expectClose(feature(f, "tBodyAccJerk-max()-X"), 0.5, relative: 1e-12)
    expectClose(feature(f, "tBodyGyroJerk-mean()-X"), 0.5, relative: 1e-12)
    expectClose(feature(f, "tBodyAccJerkMag-mean()"), 0.5, relative: 1e-12)
    expectClose(feature(f, "tBodyAccJerk-mean()-Y"), 0, absolute: 0)
    w.bodyAccelerationBefore = nil
    f = extractor.features(w)
    expectClose(feature(f, "tBodyAccJerk-mean()-X"), 0.5 * 127 / 128, relative: 1e-12)
    #expect(feature(f, "tBodyAccJerk-min()-X") == 0)
    // The ramp's own mean, max and sma.
    expectClose(feature(f, "tBodyAcc-mean()-X"), 0.01 * 127 / 2, relative: 1e-12)
    expectClose(feature(f, "tBodyAcc-max()-X"), 1.27, relative: 1e-12)
    expectClose(feature(f, "tBodyAcc-sma()"), 0.01 * 127 / 2, relative: 1e-12)
  }

  @Test func sineWindowFrequencyFeatures() {
    // 6.25 Hz, amplitude 1 on body acc X: bin 16 (|X16| = 64) and nothing else.
    let sine = (0..<Self.n).map { sin(2 * Double.pi * 6.25 * Double($0) / 50) }
    let f = FeatureExtractor().features(
      WindowSignals(bodyAcceleration: triaxial(sine), gravity: Self.gravity, angularVelocity: triaxial(Self.zeros)))
    #expect(feature(f, "fBodyAcc-maxInds-X") == 16)
    expectClose(feature(f, "fBodyAcc-meanFreq()-X"), 16, relative: 1e-10)
    expectClose(feature(f, "tBodyAcc-energy()-X"), 0.5, relative: 1e-12)
    expectClose(feature(f, "fBodyAcc-mean()-X"), 64.0 / 64, relative: 1e-10)  // one bin of 64 over 64 bins
    expectClose(feature(f, "fBodyAcc-max()-X"), 64, relative: 1e-12)
    expectClose(feature(f, "fBodyAcc-energy()-X"), 64.0 * 64 / 64, relative: 1e-10)
    // bandsEnergy of X: the first occurrence of each name is the X axis.
    expectClose(feature(f, "fBodyAcc-bandsEnergy()-9,16"), 512, relative: 1e-10)
    expectClose(feature(f, "fBodyAcc-bandsEnergy()-1,16"), 256, relative: 1e-10)
    #expect(feature(f, "fBodyAcc-bandsEnergy()-17,24") < 1e-20)
    // Y's bands are all empty (indices 303…316 are X, 317…330 Y).
    #expect(f[316] < 1e-20 && f[317] < 1e-20)
    // The spectrum is one spike in 64 bins: skewness and kurtosis of that sample.
    let spike = [64.0] + [Double](repeating: 0, count: 63)
    expectClose(feature(f, "fBodyAcc-skewness()-X"), Statistics.skewness(spike), relative: 1e-6)
    expectClose(feature(f, "fBodyAcc-kurtosis()-X"), Statistics.kurtosis(spike), relative: 1e-6)
  }

  @Test func anglesAgainstGravity() {
    // Gravity along +y; body acc mean along +x (orthogonal), gyro mean along −y.
    let ones = [Double](repeating: 1, count: Self.n)
    let f = FeatureExtractor().features(WindowSignals(
      bodyAcceleration: triaxial(ones), gravity: triaxial(Self.zeros, ones),
      angularVelocity: triaxial(Self.zeros, ones.map { -$0 })))
    expectClose(feature(f, "angle(tBodyAccMean,gravity)"), Double.pi / 2, relative: 1e-15)
    expectClose(feature(f, "angle(tBodyGyroMean,gravityMean)"), Double.pi, relative: 1e-7)
    expectClose(feature(f, "angle(X,gravityMean)"), Double.pi / 2, relative: 1e-15)
    expectClose(feature(f, "angle(Y,gravityMean)"), 0, absolute: 1e-7)
    // Jerk of a constant (sample before not given) is zero: the angle is defined, π/2.
    expectClose(feature(f, "angle(tBodyAccJerkMean),gravityMean)"), Double.pi / 2, relative: 1e-15)
    // tGravityAccMag is computed honestly: |g| = 1 (the official v1.0 copies tBodyAccMag).
    expectClose(feature(f, "tGravityAccMag-mean()"), 1, relative: 1e-15)
    expectClose(feature(f, "tBodyAccMag-mean()"), 1, relative: 1e-15)
    #expect(feature(f, "tGravityAcc-correlation()-X,Y") == 0)
  }

  @Test func constantWindowsGiveFiniteFeatures() {
    let extractor = FeatureExtractor()
    for value in [0.0, 1.0, -0.3] {
      let c = [Double](repeating: value, count: Self.n)
      let f = extractor.features(WindowSignals(
        bodyAcceleration: triaxial(c, c, c), gravity: triaxial(c, c, c), angularVelocity: triaxial(c, c, c)))
      #expect(f.count == 561)
      let bad = f.indices.filter { !f[$0].isFinite }
      #expect(bad.isEmpty, "value \(value): non-finite \(bad.map { FeatureCatalog.names[$0] })")
      #expect(feature(f, "tBodyAcc-std()-X") == 0)
      #expect(feature(f, "tBodyAcc-mad()-X") == 0)
      #expect(feature(f, "tBodyAcc-iqr()-X") == 0)
      expectClose(feature(f, "tBodyAcc-entropy()-X"), value == 0 ? 0 : log(128.0), relative: 1e-12)
    }
  }

  @Test func timeFeaturesAgreeWithTheStatisticsFunctions() {
    // Layout check on random data: each family lands at its name.
    var g = SeededGenerator(seed: 77)
    let r = { (0..<Self.n).map { _ in g.nextNormal() } }
    let (bx, by, bz) = (r(), r(), r())
    let gz = r()
    let f = FeatureExtractor().features(WindowSignals(
      bodyAcceleration: TriaxialSignal(x: bx, y: by, z: bz), gravity: TriaxialSignal(x: r(), y: r(), z: r()),
      angularVelocity: TriaxialSignal(x: r(), y: r(), z: gz)))
    expectClose(feature(f, "tBodyAcc-mean()-Y"), Statistics.mean(by), relative: 1e-12)
    expectClose(feature(f, "tBodyAcc-std()-Z"), Statistics.standardDeviation(bz), relative: 1e-12)
    expectClose(feature(f, "tBodyAcc-mad()-X"), Statistics.medianAbsoluteDeviation(bx), relative: 1e-12)
    expectClose(feature(f, "tBodyAcc-iqr()-Y"), Statistics.interquartileRange(by), relative: 1e-12)
    expectClose(feature(f, "tBodyAcc-entropy()-Z"), Statistics.entropy(bz), relative: 1e-12)
    expectClose(feature(f, "tBodyAcc-correlation()-X,Z"), Statistics.correlation(bx, bz), relative: 1e-12)
    let ar = Statistics.burgAR(by, order: 4)
    for k in 1...4 { expectClose(feature(f, "tBodyAcc-arCoeff()-Y,\(k)"), ar[k - 1], relative: 1e-12) }
    let spectrum = Array(FFTPlan(size: 128).amplitudeSpectrum(bz)[1...64])
    expectClose(feature(f, "fBodyAcc-mean()-Z"), Statistics.mean(spectrum), relative: 1e-12)
    expectClose(feature(f, "fBodyAcc-std()-Z"), Statistics.standardDeviation(spectrum), relative: 1e-12)
    expectClose(feature(f, "fBodyAcc-meanFreq()-Z"), Spectral.meanFrequency(spectrum), relative: 1e-12)
    #expect(feature(f, "fBodyAcc-maxInds-Z") == Double(Spectral.maxIndex(spectrum)))
    // Every spectrum comes from its own time signal (jerk with the sample before = 0).
    let jerkY: [Double] = (0..<Self.n).map { (i: Int) -> Double in (by[i] - (i == 0 ? by[0] : by[i - 1])) * 50 }
    let jerkSpectrum = Array(FFTPlan(size: 128).amplitudeSpectrum(jerkY)[1...64])
    expectClose(feature(f, "fBodyAccJerk-mean()-Y"), Statistics.mean(jerkSpectrum), relative: 1e-12)
    expectClose(feature(f, "fBodyAccJerk-skewness()-Y"), Statistics.skewness(jerkSpectrum), relative: 1e-10)
    expectClose(feature(f, "tBodyAccJerk-std()-Y"), Statistics.standardDeviation(jerkY), relative: 1e-12)
    let gyroSpectrum = Array(FFTPlan(size: 128).amplitudeSpectrum(gz)[1...64])
    expectClose(feature(f, "fBodyGyro-max()-Z"), gyroSpectrum.max()!, relative: 1e-12)
    let magnitude: [Double] = (0..<Self.n).map { (i: Int) -> Double in
      let s: Double = bx[i] * bx[i] + by[i] * by[i] + bz[i] * bz[i]
      return s.squareRoot()
    }
    expectClose(feature(f, "tBodyAccMag-mean()"), Statistics.mean(magnitude), relative: 1e-12)
    let magnitudeSpectrum = Array(FFTPlan(size: 128).amplitudeSpectrum(magnitude)[1...64])
    expectClose(feature(f, "fBodyAccMag-kurtosis()"), Statistics.kurtosis(magnitudeSpectrum), relative: 1e-10)
  }
}
