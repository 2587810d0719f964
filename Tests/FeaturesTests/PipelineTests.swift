// The pipeline on small synthetic recordings (bad input, windows, scaling, export
// round trip) and, when the data is present, on the real HAPT recordings.
import Features
import Foundation
import LinearAlgebra
import Testing
import _TestSupport

/// A synthetic recording: a 1 g gravity tilt plus a 2 Hz body motion, gyro at 1 Hz.
func syntheticRecording(experiment: Int, user: Int, samples: Int, seed: UInt64 = 1) -> Recording {
  var g = SeededGenerator(seed: seed)
  func axis(_ bias: Double, _ hz: Double, _ amplitude: Double) -> [Double] {
    (0..<samples).map { bias + amplitude * sin(2 * Double.pi * hz * Double($0) / 50) + 0.01 * g.nextNormal() }
  }
  return Recording(
    experiment: experiment, user: user,
    acceleration: TriaxialSignal(x: axis(0.98, 2, 0.3), y: axis(-0.1, 2.5, 0.2), z: axis(0.15, 1.5, 0.1)),
    angularVelocity: TriaxialSignal(x: axis(0, 1, 0.5), y: axis(0, 1.2, 0.3), z: axis(0, 0.8, 0.2)))
}

func syntheticDataset(_ recordings: [Recording], _ segments: [LabelledSegment]) -> RawDataset {
  RawDataset(directory: "synthetic", recordings: recordings, segments: segments)
}

@Suite struct PipelineTests {
  /// Two subjects: 1 (train) and 2 (an official test subject).
  static func twoSubjects() -> RawDataset {
    syntheticDataset(
      [syntheticRecording(experiment: 1, user: 1, samples: 1200), syntheticRecording(experiment: 2, user: 2, samples: 900, seed: 2)],
      [LabelledSegment(experiment: 1, user: 1, activity: .walking, start: 0, end: 700),
       LabelledSegment(experiment: 1, user: 1, activity: .sitting, start: 700, end: 1200),
       LabelledSegment(experiment: 2, user: 2, activity: .laying, start: 100, end: 900)])
  }

  @Test func windowsSignalsAndFeaturesHaveTheirShapes() throws {
    let w = try FeaturePipeline.run(Self.twoSubjects(), threads: 2)
    // (700−128)/64+1 = 9, (500−128)/64+1 = 6, (800−128)/64+1 = 11.
    #expect(w.count == 26)
    #expect(w.features.rows == 26 && w.features.columns == 561)
    #expect(w.signals.count == 26 * 128 * 9)
    #expect(w.featureNames == FeatureCatalog.names)
    #expect(w.features.isFinite)
    // The same result on one thread.
    let one = try FeaturePipeline.run(Self.twoSubjects(), threads: 1)
    #expect(one.features == w.features && one.signals == w.signals)
    // Channels: total acc = body acc + gravity; the window starts where its index says.
    let data = Self.twoSubjects()
    let filtered = FilteredRecording(filtering: data.recordings[0])
    let k = 3, start = w.windows[k].start
    for i in 0..<128 {
      #expect(w.signals[(k * 128 + i) * 9 + InertialChannel.totalAccY.rawValue] == Float(filtered.totalAcceleration.y[start + i]))
      #expect(w.signals[(k * 128 + i) * 9 + InertialChannel.bodyGyroZ.rawValue] == Float(filtered.angularVelocity.z[start + i]))
    }
    let bodyX = w.channel(.bodyAccX)
    #expect(bodyX.rows == 26 && bodyX.columns == 128 && bodyX[k, 5] == Double(Float(filtered.bodyAcceleration.x[start + 5])))
    let split = w.split()
    #expect(split.test.count == 11 && split.train.count == 15)
  }

  /// The pipeline reuses work between windows that overlap by half (and between none
  /// other); every row must still equal the extractor on that window alone.
  @Test(arguments: [1, 2], PipelineMethod.allCases)
  func everyRowEqualsTheExtractorOnItsWindowAlone(threads: Int, method: PipelineMethod) throws {
    let data = Self.twoSubjects()
    let w = try FeaturePipeline.run(data, options: method.options, threads: threads)
    let filtered = data.recordings.map { FilteredRecording(filtering: $0, options: method.options) }
    let extractor = FeatureExtractor()
    for k in 0..<w.count {
      let window = w.windows[k]
      let r = filtered.first { $0.experiment == window.experiment }!
      let range = window.start..<(window.start + 128)
      func slice(_ s: TriaxialSignal) -> TriaxialSignal { TriaxialSignal(x: Array(s.x[range]), y: Array(s.y[range]), z: Array(s.z[range])) }
      // Offset 0: the jerk uses the sample before the window; −1: the sample after it.
      let forward = method.options.windowOffset == -1
      func before(_ s: TriaxialSignal) -> SIMD3<Double>? {
        !forward && window.start > 0 ? SIMD3(s.x[window.start - 1], s.y[window.start - 1], s.z[window.start - 1]) : nil
      }
      func after(_ s: TriaxialSignal) -> SIMD3<Double>? {
        let i = window.start + 128
        return forward ? SIMD3(s.x[i], s.y[i], s.z[i]) : nil
      }
      let alone = extractor.features(WindowSignals(
        bodyAcceleration: slice(r.bodyAcceleration), gravity: slice(r.gravity), angularVelocity: slice(r.angularVelocity),
        bodyAccelerationBefore: before(r.bodyAcceleration), angularVelocityBefore: before(r.angularVelocity),
        bodyAccelerationAfter: after(r.bodyAcceleration), angularVelocityAfter: after(r.angularVelocity)))
      #expect((0..<561).allSatisfy { w.features[k, $0] == alone[$0] }, "window \(k) (start \(window.start))")
    }
  }

  @Test func zeroPhaseOptionRunsAndDiffers() throws {
    let causal = try FeaturePipeline.run(Self.twoSubjects())
    let zero = try FeaturePipeline.run(Self.twoSubjects(), options: PipelineOptions(filtering: .zeroPhase))
    #expect(zero.features.isFinite && zero.features != causal.features)
  }

  @Test func aNaNNamesItsWindow() throws {
    var data = Self.twoSubjects()
    data.recordings[0].acceleration.y[600] = .nan  // inside the walking segment
    do {
      _ = try FeaturePipeline.run(data)
      Issue.record("expected an error")
    } catch let error as FeatureError {
      guard case let .nonFiniteSignal(window, at, _, _) = error else { Issue.record("wrong error \(error)"); return }
      // Causal filters carry the NaN forward only: windows 0…8 start at 0, 64, …, 512;
      // the first that holds sample 600 (or 599, through the median) starts at 512.
      #expect(window == 8 && at.start == 512 && at.experiment == 1)
      #expect(error.description.contains("window 8"))
    }
  }

  /// Three recordings of different lengths whose segments are listed out of experiment
  /// order, so that window order, recording order and the order in which the pipeline
  /// schedules recordings (most windows first) all differ.
  static func threeInterleaved() -> RawDataset {
    syntheticDataset(
      [syntheticRecording(experiment: 1, user: 1, samples: 1500), syntheticRecording(experiment: 2, user: 2, samples: 500, seed: 2),
       syntheticRecording(experiment: 3, user: 3, samples: 1100, seed: 3)],
      [LabelledSegment(experiment: 2, user: 2, activity: .walking, start: 10, end: 400),
       LabelledSegment(experiment: 1, user: 1, activity: .sitting, start: 0, end: 700),
       LabelledSegment(experiment: 3, user: 3, activity: .laying, start: 50, end: 1100),
       LabelledSegment(experiment: 1, user: 1, activity: .standing, start: 700, end: 1500)])
  }

  /// `run` filters each recording into a worker's scratch buffer and extracts its windows
  /// at once; it must give exactly what filtering every recording first and then calling
  /// `extract` gives, for any thread count, filtering and filter order.
  @Test(arguments: PipelineMethod.allCases.flatMap { m in [(Filtering.causal, 3, m), (.zeroPhase, 3, m), (.causal, 2, m)] })
  func runEqualsFilteringThenExtracting(filtering: Filtering, order: Int, method: PipelineMethod) throws {
    let data = Self.threeInterleaved()
    for computeFeatures in [true, false] {
      var options = method.options
      options.filtering = filtering; options.filterOrder = order; options.computeFeatures = computeFeatures
      let filtered = data.recordings.map { FilteredRecording(filtering: $0, options: options) }
      let reference = try FeaturePipeline.extract(filtered: filtered, segments: data.segments, options: options, threads: 1)
      #expect(reference.count == 5 + 9 + 15 + 11)
      for threads in [1, 2, 3] {
        let w = try FeaturePipeline.run(data, options: options, threads: threads)
        #expect(w.windows == reference.windows, "\(threads) threads")
        #expect(w.features == reference.features && w.signals == reference.signals, "\(threads) threads, \(options)")
        let again = try FeaturePipeline.extract(filtered: filtered, segments: data.segments, options: options, threads: threads)
        #expect(again.features == reference.features && again.signals == reference.signals, "\(threads) threads")
      }
    }
  }

  /// Errors name the first bad window in window order, whichever recording the workers
  /// happen to finish first.
  @Test(arguments: [1, 2, 4])
  func theFirstBadWindowInWindowOrderIsReported(threads: Int) throws {
    var data = Self.threeInterleaved()
    // Experiment 2 has the fewest windows (scheduled last) but comes first in window
    // order; a NaN in each of experiments 1 and 2.
    data.recordings[1].angularVelocity.z[300] = .nan
    data.recordings[0].acceleration.x[20] = .nan
    do {
      _ = try FeaturePipeline.run(data, threads: threads)
      Issue.record("expected an error")
    } catch let error as FeatureError {
      guard case let .nonFiniteSignal(window, at, channel, _) = error else { Issue.record("wrong error \(error)"); return }
      // Experiment 2's windows start at 10, 74, 138, 202, 266: window 3 (202…329) is the
      // first to hold sample 299, which the median carries the NaN to.
      #expect(window == 3 && at.experiment == 2 && channel == "body_gyro_z", "\(error)")
    }
  }

  @Test func shortRecordingsAndSegmentsAreSkippedAndCounted() throws {
    let data = syntheticDataset(
      [syntheticRecording(experiment: 1, user: 1, samples: 600), syntheticRecording(experiment: 2, user: 3, samples: 100)],
      [LabelledSegment(experiment: 1, user: 1, activity: .standing, start: 0, end: 300),
       LabelledSegment(experiment: 1, user: 1, activity: .walking, start: 300, end: 400),  // 100 < 128
       LabelledSegment(experiment: 2, user: 3, activity: .walking, start: 0, end: 100)])  // whole short recording
    let w = try FeaturePipeline.run(data)
    #expect(w.count == 3)  // (300 − 128)/64 + 1
    #expect(w.skippedShortSegments == 2)
    #expect(w.shortRecordings == [2])
    #expect(w.features.isFinite)
    // Only short pieces: a clear error, not an empty result.
    let none = syntheticDataset([syntheticRecording(experiment: 2, user: 3, samples: 100)],
                                [LabelledSegment(experiment: 2, user: 3, activity: .walking, start: 0, end: 100)])
    #expect(throws: FeatureError.noWindows(segments: 1, skippedShortSegments: 1)) { try FeaturePipeline.run(none) }
  }

  @Test func constantRecordingGivesFiniteFeatures() throws {
    let n = 800
    let still = Recording(
      experiment: 1, user: 1,
      acceleration: TriaxialSignal(x: [Double](repeating: 0, count: n), y: [Double](repeating: 0, count: n),
                                   z: [Double](repeating: 1, count: n)),
      angularVelocity: TriaxialSignal(x: [Double](repeating: 0, count: n), y: [Double](repeating: 0, count: n),
                                      z: [Double](repeating: 0, count: n)))
    let data = syntheticDataset([still], [LabelledSegment(experiment: 1, user: 1, activity: .laying, start: 0, end: n)])
    for filtering in Filtering.allCases {
      let w = try FeaturePipeline.run(data, options: PipelineOptions(filtering: filtering))
      #expect(w.features.isFinite, "\(filtering)")
      // Zero gyro everywhere: its features are exactly 0 where defined so.
      #expect(w.features[0, FeatureCatalog.index(of: "tBodyGyro-std()-X")!] == 0)
    }
  }

  @Test func invalidOptionsAndMissingRecordingsThrow() {
    var options = PipelineOptions()
    options.windowing.length = 64
    #expect(throws: FeatureError.self) { try FeaturePipeline.run(Self.twoSubjects(), options: options) }
    options.computeFeatures = false
    #expect(throws: Never.self) { _ = try FeaturePipeline.run(Self.twoSubjects(), options: options) }
    let orphan = syntheticDataset([syntheticRecording(experiment: 1, user: 1, samples: 300)],
                                  [LabelledSegment(experiment: 5, user: 1, activity: .walking, start: 0, end: 200)])
    #expect(throws: FeatureError.missingRecording(experiment: 5)) { try FeaturePipeline.run(orphan) }
  }

  @Test func scalerMapsTrainRangeToMinusOneOne() {
    let x = Matrix<Double>([[1, 5, 3], [3, 5, -1], [2, 5, 1], [10, 7, 0]])
    let scaler = FeatureScaler.fit(x, rows: [0, 1, 2])
    let y = scaler.transform(x)
    #expect(y.column(0).prefix(3) == [-1, 1, 0])
    // Constant on the fitting rows: range 1 (scikit-learn's MinMaxScaler), so the fitting
    // value maps to the lower bound −1, no NaN; the test row's 7 is 2(7 − 5) − 1 = 3.
    #expect(y.column(1) == [-1, -1, -1, 3])
    #expect(y.column(2).prefix(3) == [1, -1, 0])
    #expect(y[3, 0] == 8)  // test rows are not clipped: 2(10 − 1)/2 − 1
  }

  @Test func writerRoundTripsThroughTheUCIReader() throws {
    let w = try FeaturePipeline.run(Self.twoSubjects())
    let dir = try RealData.temporaryDirectory("features-writer")
    defer { try? FileManager.default.removeItem(at: dir) }
    let split = try UCIHARWriter.write(w, to: dir.path, scaling: .none)
    let back = try UCIHARDataset.load(directory: dir.path)
    #expect(back.featureNames == FeatureCatalog.names)
    for (part, rows) in [(back.train, split.train), (back.test, split.test)] {
      #expect(part.subjects == rows.map { w.windows[$0].subject })
      #expect(part.activities == rows.map { w.windows[$0].activity })
      #expect(part.features == w.features.rows(rows), "\(part.name): features must round-trip exactly")
      let signals = try #require(part.inertialSignals)
      for channel in InertialChannel.allCases {
        // Signals are Float: the shortest Float text reads back to the same Float.
        let readBack = signals[channel.rawValue].elements.map { Float($0) }
        let written = w.channel(channel).rows(rows).elements.map { Float($0) }
        #expect(readBack == written, "\(part.name) \(channel.fileStem)")
      }
    }
    // The default writes features scaled on the train part: train within [-1, 1].
    try UCIHARWriter.write(w, to: dir.path)
    let scaled = try UCIHARDataset.load(directory: dir.path)
    let train = try #require(scaled.train.features)
    #expect(train.elements.allSatisfy { $0 >= -1 && $0 <= 1 })
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("activity_labels.txt").path))
    let leftovers = try FileManager.default.subpathsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }
    #expect(leftovers.isEmpty)
  }

  @Test(.enabled(if: RealData.isAvailableWithUCIHAR, RealData.skipReason))  // needs the real recordings and UCI-HAR
  func realDataWindowCountsMatchTheOfficialSplit() throws {
    let hapt = try #require(RealData.haptDirectory), uci = try #require(RealData.uciHARDirectory)
    let data = try RawDataset.load(haptDirectory: hapt.path, threads: 2)
    let official = try UCIHARDataset.load(directory: uci.path)
    let w = try FeaturePipeline.run(data, threads: 2)
    #expect(w.features.isFinite)
    struct Key: Hashable { var subject: Int, activity: Activity }
    var ours: [Key: Int] = [:], theirs: [Key: Int] = [:]
    for x in w.windows { ours[Key(subject: x.subject, activity: x.activity), default: 0] += 1 }
    for part in [official.train, official.test] {
      for (s, a) in zip(part.subjects, part.activities) { theirs[Key(subject: s, activity: a), default: 0] += 1 }
    }
    let keys = Set(ours.keys).union(theirs.keys)
    let difference = keys.map { abs(ours[$0, default: 0] - theirs[$0, default: 0]) }.reduce(0, +)
    let total = official.train.count + official.test.count
    print("window counts: ours \(w.count), official \(total), Σ|difference| per (subject, activity) \(difference) = \(Double(difference) / Double(total) * 100) %")
    #expect(total == 10_299)
    #expect(Double(difference) <= 0.02 * Double(total))
    // Subjects of the official split.
    #expect(Set(w.subjects) == Set(official.train.subjects + official.test.subjects))
  }
}
