// Raw recordings → filtered signals → windows → the 561 features: the one entry point
// the rest of the project uses (`FeaturePipeline.run`).
//
// Decisions, in priority order:
// 1. The UCI HAR v1.0 processing (features_info.txt, issue 3): per recording, median
//    filter (3) then 3rd-order Butterworth low-pass 20 Hz on all six raw channels;
//    gravity = 3rd-order Butterworth low-pass 0.3 Hz of the filtered acceleration;
//    body = filtered − gravity. Causal, zero initial state at each recording's start
//    (the official features were made that way); zero-phase on request.
// 2. Windows come from `cutWindows`; their signals are read from the continuous
//    filtered recording, so the jerk of a window's first sample uses the sample before.
// 3. Deterministic and parallel: recordings, then windows, are spread over threads;
//    the result does not depend on the thread count. An error names the first bad
//    window in window order.
import LinearAlgebra

/// How to filter.
public enum Filtering: String, Sendable, CaseIterable {
  /// Causal (one forward pass, zero initial state): what reproduces the official features.
  case causal
  /// Forward-backward (zero phase, squared magnitude response, SciPy `filtfilt` style).
  case zeroPhase
}

/// Options of the feature pipeline; the defaults are UCI HAR v1.0's.
public struct PipelineOptions: Sendable, Equatable {
  /// Causal (default, as the official data) or zero-phase filtering.
  public var filtering: Filtering
  /// Window length, step and activities. Default: 128 samples, step 64, activities 1–6.
  public var windowing: WindowingOptions
  /// Noise low-pass corner, Hz. Default 20.
  public var noiseCornerFrequencyHz: Double
  /// Gravity low-pass corner, Hz. Default 0.3.
  public var gravityCornerFrequencyHz: Double
  /// Butterworth order of both low-pass filters. Default 3.
  public var filterOrder: Int
  /// Whether to compute the 561 features (needs 128-sample windows). Default true; turn
  /// off to get only the windows' signals (e.g. for other window lengths).
  public var computeFeatures: Bool

  public init(
    filtering: Filtering = .causal, windowing: WindowingOptions = .init(), noiseCornerFrequencyHz: Double = 20,
    gravityCornerFrequencyHz: Double = 0.3, filterOrder: Int = 3, computeFeatures: Bool = true
  ) {
    self.filtering = filtering; self.windowing = windowing
    self.noiseCornerFrequencyHz = noiseCornerFrequencyHz; self.gravityCornerFrequencyHz = gravityCornerFrequencyHz
    self.filterOrder = filterOrder; self.computeFeatures = computeFeatures
  }

  /// Checks every option.
  /// - Throws: `FeatureError.invalidOption` naming the option and its value.
  public func validate(sampleRateHz fs: Double = Recording.sampleRateHz) throws {
    if windowing.length < 2 { throw FeatureError.invalidOption(name: "windowing.length", value: "\(windowing.length)", expected: "≥ 2") }
    if windowing.step < 1 { throw FeatureError.invalidOption(name: "windowing.step", value: "\(windowing.step)", expected: "≥ 1") }
    if computeFeatures && windowing.length != 128 {
      throw FeatureError.invalidOption(
        name: "windowing.length", value: "\(windowing.length)", expected: "128 when computing the 561 features (or computeFeatures = false)")
    }
    if !(noiseCornerFrequencyHz > 0 && noiseCornerFrequencyHz < fs / 2) {
      throw FeatureError.invalidOption(name: "noiseCornerFrequencyHz", value: "\(noiseCornerFrequencyHz)", expected: "in (0, \(fs / 2))")
    }
    if !(gravityCornerFrequencyHz > 0 && gravityCornerFrequencyHz < fs / 2) {
      throw FeatureError.invalidOption(name: "gravityCornerFrequencyHz", value: "\(gravityCornerFrequencyHz)", expected: "in (0, \(fs / 2))")
    }
    if !(1...8).contains(filterOrder) {
      throw FeatureError.invalidOption(name: "filterOrder", value: "\(filterOrder)", expected: "in 1…8")
    }
  }
}

/// Errors of the feature pipeline. Each names what is wrong and where.
public enum FeatureError: Error, CustomStringConvertible, Equatable, Sendable {
  /// An option out of range.
  case invalidOption(name: String, value: String, expected: String)
  /// A segment refers to an experiment that has no recording.
  case missingRecording(experiment: Int)
  /// A window's signal has NaN or ±Inf (0-based window number, its place, the channel
  /// and the sample offset inside the window).
  case nonFiniteSignal(window: Int, at: WindowIndex, channel: String, sample: Int)
  /// A computed feature is NaN or ±Inf (1-based feature index as in features.txt).
  case nonFiniteFeature(window: Int, at: WindowIndex, featureIndex: Int, featureName: String, value: Double)
  /// No window could be cut (every segment too short or no selected activity).
  case noWindows(segments: Int, skippedShortSegments: Int)

  public var description: String {
    switch self {
    case let .invalidOption(name, value, expected): "option \(name): expected \(expected), found \(value)"
    case let .missingRecording(experiment): "segment of experiment \(experiment): expected its recording in RawData/, found none"
    case let .nonFiniteSignal(window, at, channel, sample):
      "window \(window) (experiment \(at.experiment), subject \(at.subject), \(at.activity.name), samples \(at.start)…): expected finite signals, found a non-finite value in \(channel) at offset \(sample)"
    case let .nonFiniteFeature(window, at, index, name, value):
      "window \(window) (experiment \(at.experiment), subject \(at.subject), \(at.activity.name), samples \(at.start)…): expected finite features, found \(value) in feature \(index) \(name)"
    case let .noWindows(segments, skipped):
      "expected at least one window, found none (\(segments) segments, \(skipped) of the selected activities shorter than one window)"
    }
  }
}

/// One recording after filtering: all signals (samples) long, in g and rad/s.
public struct FilteredRecording: Sendable {
  public var experiment: Int
  public var user: Int
  /// Median + 20 Hz low-pass acceleration, gravity included (UCI's `total_acc`).
  public var totalAcceleration: TriaxialSignal
  /// 0.3 Hz low-pass of `totalAcceleration` (tGravityAcc).
  public var gravity: TriaxialSignal
  /// `totalAcceleration − gravity` (tBodyAcc, UCI's `body_acc`).
  public var bodyAcceleration: TriaxialSignal
  /// Median + 20 Hz low-pass angular velocity (tBodyGyro, UCI's `body_gyro`).
  public var angularVelocity: TriaxialSignal

  /// Filters one recording as `options` says (see `FeaturePipeline`).
  public init(filtering recording: Recording, options: PipelineOptions = .init()) {
    let fs = Recording.sampleRateHz
    let noise = IIRFilter.butterworthLowPass(order: options.filterOrder, cornerFrequencyHz: options.noiseCornerFrequencyHz, sampleRateHz: fs)
    let gravityFilter = IIRFilter.butterworthLowPass(
      order: options.filterOrder, cornerFrequencyHz: options.gravityCornerFrequencyHz, sampleRateHz: fs)
    func run(_ f: IIRFilter, _ x: [Double]) -> [Double] {
      options.filtering == .causal ? f.applyCausal(x) : f.applyZeroPhase(x)
    }
    func denoise(_ x: [Double]) -> [Double] { run(noise, MedianFilter.apply3(x)) }
    let acc = recording.acceleration, gyro = recording.angularVelocity
    let total = TriaxialSignal(x: denoise(acc.x), y: denoise(acc.y), z: denoise(acc.z))
    let g = TriaxialSignal(x: run(gravityFilter, total.x), y: run(gravityFilter, total.y), z: run(gravityFilter, total.z))
    func minus(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map { $0 - $1 } }
    experiment = recording.experiment
    user = recording.user
    totalAcceleration = total
    gravity = g
    bodyAcceleration = TriaxialSignal(x: minus(total.x, g.x), y: minus(total.y, g.y), z: minus(total.z, g.z))
    angularVelocity = TriaxialSignal(x: denoise(gyro.x), y: denoise(gyro.y), z: denoise(gyro.z))
  }

  /// The number of samples.
  public var sampleCount: Int { totalAcceleration.count }
}

/// The windows of a dataset with their signals and features.
public struct HARWindows: Sendable {
  /// (N): where each window lies, with its subject and activity, in `cutWindows` order.
  public var windows: [WindowIndex]
  /// (N, 561), unscaled, in `featureNames` order; (N, 0) when features were not computed.
  public var features: Matrix<Double>
  /// (N, T, 9) row-major [window][time][channel], channels in `InertialChannel` order:
  /// body_acc xyz (g), body_gyro xyz (rad/s), total_acc xyz (g). T = `windowLength`.
  public var signals: [Float]
  /// Samples per window T (128 by default).
  public var windowLength: Int
  /// The 561 names of `features.txt` (empty when features were not computed).
  public var featureNames: [String]
  /// Segments of a selected activity shorter than one window (skipped, not an error).
  public var skippedShortSegments: Int
  /// Experiments whose whole recording is shorter than one window (they give no windows).
  public var shortRecordings: [Int]
  /// The options the windows were made with.
  public var options: PipelineOptions

  public init(
    windows: [WindowIndex], features: Matrix<Double>, signals: [Float], windowLength: Int, featureNames: [String],
    skippedShortSegments: Int, shortRecordings: [Int], options: PipelineOptions
  ) {
    precondition(signals.count == windows.count * windowLength * 9,
                 "signals hold \(signals.count) values, expected \(windows.count) × \(windowLength) × 9")
    precondition(features.columns == 0 || features.rows == windows.count,
                 "features have \(features.rows) rows for \(windows.count) windows")
    self.windows = windows; self.features = features; self.signals = signals; self.windowLength = windowLength
    self.featureNames = featureNames; self.skippedShortSegments = skippedShortSegments
    self.shortRecordings = shortRecordings; self.options = options
  }

  /// The number of windows N.
  public var count: Int { windows.count }
  /// (N) subject of each window.
  public var subjects: [Int] { windows.map(\.subject) }
  /// (N) activity of each window.
  public var activities: [Activity] { windows.map(\.activity) }

  /// One channel of every window as a (N, T) matrix (for export, as UCI's
  /// `Inertial Signals/<stem>_<part>.txt`).
  public func channel(_ c: InertialChannel) -> Matrix<Double> {
    let t = windowLength
    var m = Matrix<Double>(rows: count, columns: t)
    signals.withUnsafeBufferPointer { s in
      m.elements.withUnsafeMutableBufferPointer { out in
        for w in 0..<count { for i in 0..<t { out[w * t + i] = Double(s[(w * t + i) * 9 + c.rawValue]) } }
      }
    }
    return m
  }

  /// Window numbers of the train and test parts: test = windows of `testSubjects`
  /// (default: the official UCI HAR v1.0 test subjects), train = the rest; both in order.
  public func split(testSubjects: Set<Int> = UCIHARDataset.officialTestSubjects) -> (train: [Int], test: [Int]) {
    var train: [Int] = [], test: [Int] = []
    for (i, w) in windows.enumerated() {
      if testSubjects.contains(w.subject) { test.append(i) } else { train.append(i) }
    }
    return (train, test)
  }
}

/// The pipeline from raw recordings to windows and features.
public enum FeaturePipeline {
  /// Filters every recording, cuts the windows and computes their features.
  ///
  /// - Parameters:
  ///   - data: the raw recordings and labelled segments (validated by its loader).
  ///   - options: filtering, windowing and filter parameters (UCI HAR v1.0 defaults).
  ///   - threads: worker threads for filtering and feature extraction.
  /// - Returns: N windows with their (N, 128, 9) signals and (N, 561) unscaled features.
  /// - Throws: `FeatureError` for an invalid option, a segment without recording, no
  ///   window at all, a window whose signals are not finite, or a non-finite feature
  ///   (with the window, the 1-based feature index and its name).
  public static func run(_ data: RawDataset, options: PipelineOptions = .init(), threads: Int = 2) throws -> HARWindows {
    try options.validate()
    let recordings = data.recordings
    let filtered = parallelMap(count: recordings.count, threads: threads) { FilteredRecording(filtering: recordings[$0], options: options) }
    return try extract(filtered: filtered, segments: data.segments, options: options, threads: threads)
  }

  /// The second half of `run`: cuts windows from already filtered recordings and
  /// computes their signals and features (for benchmarks, and for users who filter
  /// their own recordings).
  /// - Parameter filtered: the recordings after `FilteredRecording(filtering:options:)`.
  /// - Throws: as `run`.
  public static func extract(
    filtered: [FilteredRecording], segments: [LabelledSegment], options: PipelineOptions = .init(), threads: Int = 2
  ) throws -> HARWindows {
    try options.validate()
    let length = options.windowing.length
    let cut = cutWindows(segments, options: options.windowing)
    var positions: [Int: Int] = [:]
    for (i, r) in filtered.enumerated() { positions[r.experiment] = i }
    let position = positions
    for s in segments where options.windowing.activities.contains(s.activity) {
      guard let p = position[s.experiment] else { throw FeatureError.missingRecording(experiment: s.experiment) }
      precondition(s.end <= filtered[p].sampleCount, "segment past the end of its recording (the loader checks this)")
    }
    if cut.windows.isEmpty {
      throw FeatureError.noWindows(segments: segments.count, skippedShortSegments: cut.skippedShortSegments)
    }
    let windows = cut.windows
    let n = windows.count
    let featureCount = options.computeFeatures ? FeatureCatalog.count : 0
    var features = [Double](repeating: 0, count: n * featureCount)
    var signals = [Float](repeating: 0, count: n * length * 9)
    let firstError: FeatureError? = features.withUnsafeMutableBufferPointer { featureBuffer in
      signals.withUnsafeMutableBufferPointer { signalBuffer in
        nonisolated(unsafe) let featureOut = featureBuffer
        nonisolated(unsafe) let signalOut = signalBuffer
        // Contiguous chunks (several per thread, for balance); each writes only its rows.
        let chunks = min(n, max(1, threads) * 8)
        let errors = parallelMap(count: chunks, threads: threads) { chunk -> FeatureError? in
          let lower = chunk * n / chunks, upper = (chunk + 1) * n / chunks
          let extractor = options.computeFeatures ? FeatureExtractor(windowLength: length) : nil
          return extractWindows(
            lower..<upper, windows: windows, filtered: filtered, position: position, length: length,
            extractor: extractor, features: featureOut, signals: signalOut)
        }
        return errors.lazy.compactMap { $0 }.first
      }
    }
    if let firstError { throw firstError }
    return HARWindows(
      windows: windows, features: Matrix(rows: n, columns: featureCount, elements: features), signals: signals,
      windowLength: length, featureNames: options.computeFeatures ? FeatureCatalog.names : [],
      skippedShortSegments: cut.skippedShortSegments,
      shortRecordings: filtered.filter { $0.sampleCount < length }.map(\.experiment), options: options)
  }

  /// Signals and features of windows `range`; returns the first error in the range.
  static func extractWindows(
    _ range: Range<Int>, windows: [WindowIndex], filtered: [FilteredRecording], position: [Int: Int], length: Int,
    extractor: FeatureExtractor?, features: UnsafeMutableBufferPointer<Double>, signals: UnsafeMutableBufferPointer<Float>
  ) -> FeatureError? {
    // 12 pointers to sample 0: body acc xyz, gravity xyz, angular velocity xyz, total acc xyz.
    let pointers = UnsafeMutableBufferPointer<UnsafePointer<Double>>.allocate(capacity: 12)
    let windowPointers = UnsafeMutableBufferPointer<UnsafePointer<Double>>.allocate(capacity: 9)
    defer { pointers.deallocate(); windowPointers.deallocate() }
    var w = range.lowerBound
    while w < range.upperBound {
      // A run of windows of one recording shares one set of pointers.
      let experiment = windows[w].experiment
      var end = w + 1
      while end < range.upperBound && windows[end].experiment == experiment { end += 1 }
      let r = filtered[position[experiment]!]
      let sources = [r.bodyAcceleration.x, r.bodyAcceleration.y, r.bodyAcceleration.z,
                     r.gravity.x, r.gravity.y, r.gravity.z,
                     r.angularVelocity.x, r.angularVelocity.y, r.angularVelocity.z,
                     r.totalAcceleration.x, r.totalAcceleration.y, r.totalAcceleration.z]
      var error: FeatureError? = nil
      withPointers(sources, start: 0, into: pointers) {
        // InertialChannel order of `signals`: body acc (0–2), gyro (6–8), total acc (9–11).
        let channelSource = (0, 1, 2, 6, 7, 8, 9, 10, 11)
        for k in w..<end {
          let window = windows[k]
          let base = k * length * 9
          for c in 0..<9 {
            let source = withUnsafeBytes(of: channelSource) { $0.load(fromByteOffset: c * MemoryLayout<Int>.stride, as: Int.self) }
            let values = pointers[source] + window.start
            for i in 0..<length {
              let v = values[i]
              if !v.isFinite {
                error = .nonFiniteSignal(window: k, at: window, channel: InertialChannel(rawValue: c)!.fileStem, sample: i)
                return
              }
              signals[base + i * 9 + c] = Float(v)
            }
          }
          guard let extractor else { continue }
          for c in 0..<9 { windowPointers[c] = pointers[c] + window.start }
          let out = features.baseAddress! + k * FeatureCatalog.count
          // Half-window steps in one recording let the extractor reuse work of the
          // previous window (the one it computed last, k − 1, in this chunk).
          let continues = k > range.lowerBound && windows[k - 1].experiment == experiment
            && windows[k - 1].start + length / 2 == window.start
          extractor.load(UnsafeBufferPointer(windowPointers), hasSampleBefore: window.start > 0, continuesPrevious: continues)
          extractor.computeLoaded(into: out)
          for f in 0..<FeatureCatalog.count where !out[f].isFinite {
            error = .nonFiniteFeature(window: k, at: window, featureIndex: f + 1, featureName: FeatureCatalog.names[f], value: out[f])
            return
          }
        }
      }
      if let error { return error }
      w = end
    }
    return nil
  }

  /// Calls `body` with `pointers[c]` at sample `start` of `sources[c]`, keeping all nine
  /// arrays alive.
  static func withPointers(
    _ sources: [[Double]], start: Int, into pointers: UnsafeMutableBufferPointer<UnsafePointer<Double>>, _ body: () -> Void
  ) {
    func nest(_ c: Int) {
      if c == sources.count { body(); return }
      sources[c].withUnsafeBufferPointer { p in
        pointers[c] = p.baseAddress! + start
        nest(c + 1)
      }
    }
    nest(0)
  }
}
