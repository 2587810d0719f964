// Raw recordings → filtered signals → windows → the 561 features: the one entry point
// the rest of the project uses (`FeaturePipeline.run`).
//
// Decisions, in priority order:
// 1. The UCI HAR v1.0 processing (features_info.txt, issue 3): per recording, median
//    filter (3) then 3rd-order Butterworth low-pass 20 Hz on all six raw channels;
//    gravity = 3rd-order Butterworth low-pass 0.3 Hz of the filtered acceleration;
//    body = filtered − gravity. Causal, zero initial state at each recording's start
//    (the official features were made that way); zero-phase on request.
//    Two changes found by measuring against official values (issue 11), both the
//    default and both off in `PipelineMethod.legacy2026_11`: the gyroscope's slow
//    rotation removed by a 0.1 Hz high-pass, and windows one sample earlier.
// 2. Windows come from `cutWindows`; their signals are read from the continuous
//    filtered recording, so the jerk needs no window edge: offset 0 uses the sample
//    before the window (backward difference), offset −1 the sample after (forward).
// 3. Deterministic and parallel: one recording per work item (those with the most
//    windows first), taken by whichever thread is free (`parallelMap`); an item writes
//    only its own windows' rows, so the result does not depend on the thread count or
//    the schedule. An error names the first bad window in window order.
// 4. No pass or allocation that is not needed: `run` filters a recording inside its
//    work item (the fused kernel of `FilteredRecording`, into the worker's reused
//    scratch buffer) and cuts its windows at once, so the filtered recordings are never
//    stored; the (N, 561) and (N, 128, 9) results are written once, by the workers,
//    into uninitialised storage.
import LinearAlgebra

/// How to filter.
public enum Filtering: String, Sendable, CaseIterable {
  /// Causal (one forward pass, zero initial state): what reproduces the official features.
  case causal
  /// Forward-backward (zero phase, squared magnitude response, SciPy `filtfilt` style).
  case zeroPhase
}

/// The named versions of the feature method, so that results can say which one made
/// them and older numbers can be reproduced (docs/features.md, "Method versions").
public enum PipelineMethod: String, Sendable, CaseIterable {
  /// The default since issue 11: gyroscope slow rotation removed (0.1 Hz high-pass) and
  /// body, gravity and gyroscope windows one sample earlier.
  case current
  /// The pipeline up to issue 11 (November 2026): no gyroscope high-pass, windows at
  /// the labelled start. Reproduces that version's numbers bit for bit.
  case legacy2026_11 = "2026-11"

  /// The options of this method (every other option at its default).
  public var options: PipelineOptions {
    switch self {
    case .current: PipelineOptions()
    case .legacy2026_11: PipelineOptions(gyroHighPass: false, windowOffset: 0)
    }
  }
}

/// Options of the feature pipeline; the defaults are UCI HAR v1.0's as we measured them
/// (`PipelineMethod.current`).
public struct PipelineOptions: Sendable, Equatable {
  /// The default method (issue 11).
  public static let current = PipelineMethod.current.options
  /// The method up to issue 11, for comparison.
  public static let legacy2026_11 = PipelineMethod.legacy2026_11.options
  /// Corner frequency of the low-pass whose output the gyroscope high-pass removes, Hz.
  public static let gyroHighPassCornerFrequencyHz = 0.1
  /// Butterworth order of that low-pass.
  public static let gyroHighPassOrder = 2

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
  /// Whether the gyroscope's slow rotation is removed: angular velocity g becomes
  /// g − LP(g), LP a 2nd-order Butterworth low-pass at 0.1 Hz run over the whole
  /// recording (causal, zero initial state; forward-backward with `.zeroPhase`). Every
  /// gyroscope feature and the body_gyro signals use it. Default true (issue 11).
  public var gyroHighPass: Bool
  /// Samples by which body, gravity and gyroscope windows are moved from the labelled
  /// segment: 0 (the labels as they are) or −1 (one sample earlier, the default, issue
  /// 11). The jerk keeps the samples of offset 0: with −1 it is the forward difference
  /// (x[t+1] − x[t]) · 50 over the window, which is the same 128 values.
  public var windowOffset: Int

  public init(
    filtering: Filtering = .causal, windowing: WindowingOptions = .init(), noiseCornerFrequencyHz: Double = 20,
    gravityCornerFrequencyHz: Double = 0.3, filterOrder: Int = 3, computeFeatures: Bool = true,
    gyroHighPass: Bool = true, windowOffset: Int = -1
  ) {
    self.filtering = filtering; self.windowing = windowing
    self.noiseCornerFrequencyHz = noiseCornerFrequencyHz; self.gravityCornerFrequencyHz = gravityCornerFrequencyHz
    self.filterOrder = filterOrder; self.computeFeatures = computeFeatures
    self.gyroHighPass = gyroHighPass; self.windowOffset = windowOffset
  }

  /// The named method whose gyroscope high-pass and window offset these options use
  /// (the other options may differ from its defaults), or nil for another combination.
  public var method: PipelineMethod? {
    PipelineMethod.allCases.first { $0.options.gyroHighPass == gyroHighPass && $0.options.windowOffset == windowOffset }
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
    if !(-1...0).contains(windowOffset) {
      throw FeatureError.invalidOption(name: "windowOffset", value: "\(windowOffset)", expected: "0 or -1")
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
    let (noise, gravity, gyroLowPass, fused) = FilteredRecording.filters(options)
    return try windowsAndFeatures(
      experiments: recordings.map(\.experiment), sampleCounts: recordings.map(\.sampleCount), segments: data.segments,
      options: options, threads: threads
    ) { r, scratch, body in
      guard fused else { return FilteredRecording(filtering: recordings[r], options: options).withChannels(body) }
      // Filtered into the worker's reused buffer: no (N, 12) arrays per recording, no
      // fresh pages to fault in; the same kernel as `FilteredRecording`.
      let out = scratch.channels(samples: recordings[r].sampleCount)
      FilteredRecording.causalOrder3(recordings[r], noise: noise, gravity: gravity, gyroLowPass: gyroLowPass, into: out)
      return out.withMemoryRebound(to: UnsafePointer<Double>.self) { body($0) }
    }
  }

  /// The second half of `run`: cuts windows from already filtered recordings and
  /// computes their signals and features (for benchmarks, and for users who filter
  /// their own recordings). The result equals `run`'s on the same recordings.
  /// - Parameter filtered: the recordings after `FilteredRecording(filtering:options:)`.
  /// - Throws: as `run`.
  public static func extract(
    filtered: [FilteredRecording], segments: [LabelledSegment], options: PipelineOptions = .init(), threads: Int = 2
  ) throws -> HARWindows {
    try options.validate()
    return try windowsAndFeatures(
      experiments: filtered.map(\.experiment), sampleCounts: filtered.map(\.sampleCount), segments: segments,
      options: options, threads: threads
    ) { r, _, body in filtered[r].withChannels(body) }
  }

  /// The common part of `run` and `extract`: cuts the windows, then, one recording per
  /// work item, gets its 12 filtered channels from `channels` and writes the signals and
  /// features of its windows into their rows.
  /// - Parameters:
  ///   - experiments, sampleCounts: (recordings) id and length of each recording.
  ///   - channels: calls its body with pointers to sample 0 of recording r's 12 filtered
  ///     channels in the order of `FilteredRecording.channels`; may use the worker's scratch.
  static func windowsAndFeatures(
    experiments: [Int], sampleCounts: [Int], segments: [LabelledSegment], options: PipelineOptions, threads: Int,
    channels: @Sendable (_ recording: Int, _ scratch: WorkerScratch, _ body: (UnsafeBufferPointer<UnsafePointer<Double>>) -> Void) -> Void
  ) throws -> HARWindows {
    let length = options.windowing.length
    let cut = cutWindows(segments, options: options.windowing, offset: options.windowOffset)
    var positions: [Int: Int] = [:]
    for (i, e) in experiments.enumerated() { positions[e] = i }
    for s in segments where options.windowing.activities.contains(s.activity) {
      guard let p = positions[s.experiment] else { throw FeatureError.missingRecording(experiment: s.experiment) }
      precondition(s.end <= sampleCounts[p], "segment past the end of its recording (the loader checks this)")
    }
    if cut.windows.isEmpty {
      throw FeatureError.noWindows(segments: segments.count, skippedShortSegments: cut.skippedShortSegments)
    }
    let windows = cut.windows
    let n = windows.count
    // The windows of each recording, in window order; the recordings with the most
    // windows go first, so that the last items, which decide when the workers finish,
    // are small.
    var windowsOf = [[Int]](repeating: [], count: experiments.count)
    for (k, w) in windows.enumerated() { windowsOf[positions[w.experiment]!].append(k) }
    let byRecording = windowsOf
    let items = byRecording.indices.filter { !byRecording[$0].isEmpty }
      .sorted { (byRecording[$0].count, $1) > (byRecording[$1].count, $0) }
    let featureCount = options.computeFeatures ? FeatureCatalog.count : 0
    // Every window writes all its 9 × length signal values and 561 features, so the
    // result arrays start uninitialised: zero-filling ~95 MB on this thread first would
    // cost more than the parallel part saves, and the workers now take the page faults
    // of their own rows.
    let featureTotal = n * featureCount, signalTotal = n * length * 9
    var firstError: FeatureError? = nil
    var signals: [Float] = []
    let features = [Double](unsafeUninitializedCapacity: featureTotal) { featureBuffer, featuresWritten in
      signals = [Float](unsafeUninitializedCapacity: signalTotal) { signalBuffer, signalsWritten in
        nonisolated(unsafe) let featureOut = featureBuffer
        nonisolated(unsafe) let signalOut = signalBuffer
        let pool = ScratchPool()
        let errors = parallelMap(count: items.count, threads: threads) { item -> (window: Int, error: FeatureError)? in
          let r = items[item]
          let scratch = pool.take()
          defer { pool.give(back: scratch) }
          let extractor = options.computeFeatures ? scratch.extractor(windowLength: length) : nil
          var error: (window: Int, error: FeatureError)? = nil
          channels(r, scratch) { sources in
            error = extractWindows(
              byRecording[r], windows: windows, sources: sources, length: length, extractor: extractor,
              forwardJerk: options.windowOffset == -1, features: featureOut, signals: signalOut)
          }
          return error
        }
        // The first bad window in window order, whichever worker found it.
        firstError = errors.compactMap { $0 }.min { $0.window < $1.window }?.error
        signalsWritten = firstError == nil ? signalTotal : 0
      }
      featuresWritten = firstError == nil ? featureTotal : 0
    }
    if let firstError { throw firstError }
    return HARWindows(
      windows: windows, features: Matrix(rows: n, columns: featureCount, elements: features), signals: signals,
      windowLength: length, featureNames: options.computeFeatures ? FeatureCatalog.names : [],
      skippedShortSegments: cut.skippedShortSegments,
      shortRecordings: experiments.indices.filter { sampleCounts[$0] < length }.map { experiments[$0] }, options: options)
  }

  /// Signals and features of the windows `indices` (in window order), all of the one
  /// recording whose 12 channels start at `sources` (order of `FilteredRecording.channels`);
  /// returns the first error with its window.
  /// - Parameter forwardJerk: jerk as the forward difference, with the sample after the
  ///   window (window offset −1), instead of the backward one with the sample before.
  static func extractWindows(
    _ indices: [Int], windows: [WindowIndex], sources: UnsafeBufferPointer<UnsafePointer<Double>>, length: Int,
    extractor: FeatureExtractor?, forwardJerk: Bool, features: UnsafeMutableBufferPointer<Double>,
    signals: UnsafeMutableBufferPointer<Float>
  ) -> (window: Int, error: FeatureError)? {
    let windowPointers = UnsafeMutableBufferPointer<UnsafePointer<Double>>.allocate(capacity: 9)
    defer { windowPointers.deallocate() }
    // InertialChannel order of `signals`: body acc (0–2), gyro (6–8), total acc (9–11).
    let channelSource = (0, 1, 2, 6, 7, 8, 9, 10, 11)
    for (j, k) in indices.enumerated() {
      let window = windows[k]
      let signalRows = signals.baseAddress! + k * length * 9  // (length, 9) of this window
      for c in 0..<9 {
        let source = withUnsafeBytes(of: channelSource) { $0.load(fromByteOffset: c * MemoryLayout<Int>.stride, as: Int.self) }
        let values = sources[source] + window.start
        // Branch-free finiteness test: the exponent field plus one carries into the sign
        // bit exactly when it is all ones (±Inf, NaN).
        var nonFinite: UInt64 = 0
        for i in 0..<length {
          let v = values[i]
          nonFinite |= (v.bitPattern & 0x7FF0_0000_0000_0000) &+ 0x0010_0000_0000_0000
          signalRows[i * 9 + c] = Float(v)
        }
        if nonFinite >> 63 != 0, let i = (0..<length).first(where: { !values[$0].isFinite }) {
          return (k, .nonFiniteSignal(window: k, at: window, channel: InertialChannel(rawValue: c)!.fileStem, sample: i))
        }
      }
      guard let extractor else { continue }
      for c in 0..<9 { windowPointers[c] = sources[c] + window.start }
      let out = features.baseAddress! + k * FeatureCatalog.count
      // A window half a window after the previous one (computed last by this extractor,
      // in the same recording) lets the extractor reuse that window's work.
      let continues = j > 0 && windows[indices[j - 1]].start + length / 2 == window.start
      // The sample after a window always exists: with offset −1 a window ends at least
      // one sample before its segment's end.
      extractor.load(UnsafeBufferPointer(windowPointers), jerk: forwardJerk ? .forward : .backward(hasSampleBefore: window.start > 0),
                     continuesPrevious: continues)
      extractor.computeLoaded(into: out)
      for f in 0..<FeatureCatalog.count where !out[f].isFinite {
        return (k, .nonFiniteFeature(window: k, at: window, featureIndex: f + 1, featureName: FeatureCatalog.names[f], value: out[f]))
      }
    }
    return nil
  }
}
