// Windows one sample earlier (issue 11): the window indices on hand-made segments, the
// jerk that does not move, and the named methods.
import Features
import LinearAlgebra
import Testing
import _TestSupport

@Suite struct WindowOffsetTests {
  /// The rule: for a label [s, e] (1-based, both ends included), window k covers
  /// the 0-based samples [s − 2 + 64k, s − 2 + 64k + 128) and ends inside the label read
  /// one smaller; offset 0 covers [s − 1 + 64k, …) and ends inside the label.
  @Test func windowIndicesOnHandMadeSegments() {
    // Labels 201…600 and 201…456 (1-based) of experiment 3: 0-based 200..<600, 200..<456.
    let long = LabelledSegment(experiment: 3, user: 7, activity: .walking, start: 200, end: 600)
    let exact = LabelledSegment(experiment: 3, user: 7, activity: .sitting, start: 200, end: 456)
    let legacy = cutWindows([long, exact], offset: 0).windows.map(\.start)
    let moved = cutWindows([long, exact], offset: -1).windows.map(\.start)
    #expect(legacy == [200, 264, 328, 392, 456] + [200, 264, 328])
    #expect(moved == [199, 263, 327, 391, 455] + [199, 263, 327])
    // The formula, s = 201, e = 600 (1-based): windows while s − 2 + 64k + 128 ≤ e − 1.
    let s = 201, e = 600
    let formula = (0...).lazy.map { s - 2 + 64 * $0 }.prefix { $0 + 128 <= e - 1 }
    #expect(Array(formula) == Array(moved.prefix(5)))
    // Subjects, activities and counts do not change.
    let a = cutWindows([long, exact], offset: 0).windows, b = cutWindows([long, exact], offset: -1).windows
    #expect(a.map(\.activity) == b.map(\.activity) && a.map(\.subject) == b.map(\.subject))
    // A segment at sample 0 cannot move before it: it starts at 0 and ends one earlier,
    // so 0..<256 gives 2 windows instead of 3 (HAPT has no such label).
    let atZero = LabelledSegment(experiment: 1, user: 1, activity: .laying, start: 0, end: 256)
    #expect(cutWindows([atZero], offset: 0).windows.map(\.start) == [0, 64, 128])
    #expect(cutWindows([atZero], offset: -1).windows.map(\.start) == [0, 64])
  }

  /// The jerk windows do not move: with windows one sample earlier and the forward
  /// difference, every feature of the acceleration jerk and the gyroscope jerk is the
  /// same as with offset 0, bit for bit; the features of the moved signals are not.
  @Test func jerkFeaturesDoNotMove() throws {
    let data = PipelineTests.twoSubjects()
    // Segments that start at sample 0 lose a window (see above): take those that don't.
    var moved = data
    moved.segments = data.segments.filter { $0.start > 0 }
    let legacy = try FeaturePipeline.run(moved, options: PipelineOptions(gyroHighPass: false, windowOffset: 0))
    let shifted = try FeaturePipeline.run(moved, options: PipelineOptions(gyroHighPass: false, windowOffset: -1))
    #expect(legacy.count == shifted.count && legacy.count > 5)
    #expect(zip(legacy.windows, shifted.windows).allSatisfy { $0.start - 1 == $1.start })
    let names = FeatureCatalog.names
    // Jerk features, except the two angles, which also use gravityMean.
    let jerk = names.indices.filter { names[$0].contains("Jerk") && !names[$0].hasPrefix("angle") }
    #expect(jerk.count == 2 * 40 + 2 * 13 + 79 + 2 * 13)
    for k in 0..<legacy.count {
      #expect(jerk.allSatisfy { legacy.features[k, $0] == shifted.features[k, $0] }, "window \(k)")
    }
    let bodyMean = FeatureCatalog.index(of: "tBodyAcc-mean()-X")!, gyroMean = FeatureCatalog.index(of: "tBodyGyro-mean()-Z")!
    #expect((0..<legacy.count).contains { legacy.features[$0, bodyMean] != shifted.features[$0, bodyMean] })
    #expect((0..<legacy.count).contains { legacy.features[$0, gyroMean] != shifted.features[$0, gyroMean] })
  }

  /// The extractor's forward jerk with the sample after the window equals its backward
  /// jerk with the sample before, on the same 129 samples read one later.
  @Test func forwardJerkOfTheEarlierWindowEqualsBackwardJerk() {
    var g = SeededGenerator(seed: 11)
    let samples = (0..<3).map { _ in (0..<130).map { _ in g.nextNormal() } }
    func window(_ from: Int) -> TriaxialSignal {
      TriaxialSignal(x: Array(samples[0][from..<(from + 128)]), y: Array(samples[1][from..<(from + 128)]),
                     z: Array(samples[2][from..<(from + 128)]))
    }
    func at(_ i: Int) -> SIMD3<Double> { SIMD3(samples[0][i], samples[1][i], samples[2][i]) }
    let gravity = TriaxialSignal(x: [Double](repeating: 1, count: 128), y: [Double](repeating: 0, count: 128),
                                 z: [Double](repeating: 0, count: 128))
    let extractor = FeatureExtractor()
    // Backward: window samples 1…128, x[−1] = sample 0. Forward: samples 0…127, x[128] = sample 128.
    let backward = extractor.features(WindowSignals(
      bodyAcceleration: window(1), gravity: gravity, angularVelocity: window(1),
      bodyAccelerationBefore: at(0), angularVelocityBefore: at(0)))
    let forward = extractor.features(WindowSignals(
      bodyAcceleration: window(0), gravity: gravity, angularVelocity: window(0),
      bodyAccelerationAfter: at(128), angularVelocityAfter: at(128)))
    let names = FeatureCatalog.names
    let jerk = names.indices.filter { names[$0].contains("Jerk") && !names[$0].hasPrefix("angle") }
    #expect(jerk.allSatisfy { backward[$0] == forward[$0] })
    #expect(backward[FeatureCatalog.index(of: "tBodyAcc-mean()-X")!] != forward[FeatureCatalog.index(of: "tBodyAcc-mean()-X")!])
  }

  @Test func namedMethodsAndTheirValidation() throws {
    #expect(PipelineOptions() == PipelineOptions.current)
    #expect(PipelineOptions.current.gyroHighPass && PipelineOptions.current.windowOffset == -1)
    #expect(!PipelineOptions.legacy2026_11.gyroHighPass && PipelineOptions.legacy2026_11.windowOffset == 0)
    #expect(PipelineMethod(rawValue: "2026-11") == .legacy2026_11 && PipelineMethod(rawValue: "current") == .current)
    for method in PipelineMethod.allCases { #expect(method.options.method == method) }
    #expect(PipelineOptions(gyroHighPass: false, windowOffset: -1).method == nil)
    for offset in [1, -2] {
      #expect(throws: FeatureError.invalidOption(name: "windowOffset", value: "\(offset)", expected: "0 or -1")) {
        try FeaturePipeline.run(PipelineTests.twoSubjects(), options: PipelineOptions(windowOffset: offset))
      }
    }
  }
}
