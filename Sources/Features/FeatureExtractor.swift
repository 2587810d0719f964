// The 561 UCI HAR features of one window (`features_info.txt`, `features.txt`).
//
// Decisions, in priority order:
// 1. The official definitions where they are known (issue 3, measured against the
//    official features): jerk = first difference × 50 Hz on the continuous signal (the
//    sample before the window is used, so every window has 128 jerk values; or, for
//    windows one sample earlier (issue 11), the forward difference with the sample
//    after the window, which gives the same 128 values as before the move); frequency
//    features use the amplitude spectrum |FFT| of the 128-sample window, one-sided bins
//    1…64 (DC dropped, Nyquist kept), for every frequency-domain statistic.
// 2. Where features_info.txt is silent, the choices listed in Statistics.swift and in the
//    table of docs/features.md.
// 3. Speed: one extractor per thread owns every scratch buffer; a window costs no heap
//    allocation. The sums (mean, std, energy, entropy), Burg and 12 of the 13 spectra
//    run on four signals at once in SIMD lanes, and median, mad, iqr, min, max are
//    read off four signals sorted at once by a sorting network; all give the same bits
//    as the one-signal definitions (their tests check). A window that continues the
//    previous one by half a window reuses its entropy logarithms.
//
// Layout of the vector (the same as FeatureCatalog.names, which the tests check):
//   time, 3-axial (40 each): tBodyAcc, tGravityAcc, tBodyAccJerk, tBodyGyro, tBodyGyroJerk
//   time, magnitude (13 each): tBodyAccMag, tGravityAccMag, tBodyAccJerkMag,
//     tBodyGyroMag, tBodyGyroJerkMag
//   frequency, 3-axial (79 each): fBodyAcc, fBodyAccJerk, fBodyGyro
//   frequency, magnitude (13 each): fBodyAccMag, fBodyBodyAccJerkMag, fBodyBodyGyroMag,
//     fBodyBodyGyroJerkMag
//   angle (7)

/// The base signals of one window, from which all 561 features are computed.
public struct WindowSignals: Sendable {
  /// Body acceleration in g, each axis (windowLength).
  public var bodyAcceleration: TriaxialSignal
  /// Gravity acceleration in g, each axis (windowLength).
  public var gravity: TriaxialSignal
  /// Filtered angular velocity in rad/s, each axis (windowLength).
  public var angularVelocity: TriaxialSignal
  /// Body acceleration at the sample just before the window (for the first jerk
  /// value), or nil when the window starts a recording (the first jerk value is then 0).
  public var bodyAccelerationBefore: SIMD3<Double>?
  /// Angular velocity at the sample just before the window, or nil (see above).
  public var angularVelocityBefore: SIMD3<Double>?
  /// Body acceleration at the sample just after the window. When set, the jerk is the
  /// forward difference (x[i+1] − x[i]) · 50 with this as x[128], as for windows moved
  /// one sample earlier (`PipelineOptions.windowOffset` −1), and `…Before` is not used.
  public var bodyAccelerationAfter: SIMD3<Double>?
  /// Angular velocity at the sample just after the window, or nil (see above).
  public var angularVelocityAfter: SIMD3<Double>?

  public init(
    bodyAcceleration: TriaxialSignal, gravity: TriaxialSignal, angularVelocity: TriaxialSignal,
    bodyAccelerationBefore: SIMD3<Double>? = nil, angularVelocityBefore: SIMD3<Double>? = nil,
    bodyAccelerationAfter: SIMD3<Double>? = nil, angularVelocityAfter: SIMD3<Double>? = nil
  ) {
    self.bodyAcceleration = bodyAcceleration; self.gravity = gravity; self.angularVelocity = angularVelocity
    self.bodyAccelerationBefore = bodyAccelerationBefore; self.angularVelocityBefore = angularVelocityBefore
    self.bodyAccelerationAfter = bodyAccelerationAfter; self.angularVelocityAfter = angularVelocityAfter
  }
}

/// Computes the 561 features of windows of 128 samples at 50 Hz. Holds its scratch
/// buffers, so make one per thread and reuse it; it is not thread-safe.
public final class FeatureExtractor {
  /// Samples per window (128).
  public let windowLength: Int
  /// Jerk scale: the sample rate in Hz (first difference × 50).
  public let sampleRateHz: Double
  let bins: Int  // one-sided bins used by frequency features: 1…windowLength/2
  let plan: FFTPlan
  var work: FFTWork
  /// 20 time signals of windowLength (see `T` below), then 13 spectra of `bins`.
  let time: UnsafeMutablePointer<Double>
  let spectra: UnsafeMutablePointer<Double>
  /// Sorting networks for the time signals (windowLength) and the spectra (bins), and
  /// their output: (windowLength, 4) interleaved, four sorted signals (one per lane).
  let timeSorter: LaneSortingNetwork, spectrumSorter: LaneSortingNetwork
  let sorted: UnsafeMutablePointer<Double>
  let burgScratch: UnsafeMutablePointer<SIMD4<Double>>
  /// Per-signal statistics of the loaded window: time slots (T.count), then spectrum
  /// slots (F.paddedCount).
  let stats: UnsafeMutablePointer<Basic>
  /// Burg a1…a4 of the time slots, four slots per lane batch: `ar[4·batch + i][lane]`.
  let ar: UnsafeMutablePointer<SIMD4<Double>>
  /// sma() of the 17 signals and 3-axial groups (see `signalMagnitudeAreas`).
  let sma: UnsafeMutablePointer<Double>
  let spectrum: UnsafeMutableBufferPointer<Double>
  /// Four spectra of bins + 1 values, `laneSpectra[k][lane]`, and their scratch (windowLength).
  let laneSpectra: UnsafeMutablePointer<SIMD4<Double>>
  let laneFFTScratch: UnsafeMutablePointer<SIMD4<Double>>
  /// [bodyAcc xyz, gyro xyz] at the window edge the jerk needs: the sample before the
  /// window (backward difference) or after it (forward difference, `forwardJerk`).
  let edge: UnsafeMutablePointer<Double>
  var hasEdge = (acc: false, gyro: false)
  var forwardJerk = (acc: false, gyro: false)
  /// ln|x| of the time signals, four per lane batch: `logarithms[batch · n + t][lane]`,
  /// (T.count / 4 · windowLength); kept for the next window (see `continuesPrevious`).
  let logarithms: UnsafeMutablePointer<SIMD4<Double>>
  /// ln|x| of one lane batch of spectra, (bins); not kept between windows.
  let spectrumLogarithms: UnsafeMutablePointer<SIMD4<Double>>
  /// Whether the loaded window starts half a window after the previous one computed
  /// here, in the same recording (so its first half is that window's second half).
  var continuesPrevious = false

  /// Time-signal slots.
  enum T {
    static let bodyAcc = 0, gravity = 3, accJerk = 6, gyro = 9, gyroJerk = 12
    static let bodyAccMag = 15, gravityMag = 16, accJerkMag = 17, gyroMag = 18, gyroJerkMag = 19
    static let count = 20
  }
  /// Spectrum slots.
  enum F {
    static let bodyAcc = 0, accJerk = 3, gyro = 6, bodyAccMag = 9, accJerkMag = 10, gyroMag = 11, gyroJerkMag = 12
    static let count = 13
    /// Rounded up to whole lane batches of 4 (slots 13–15 stay zero).
    static let paddedCount = 16
  }

  /// An extractor for windows of `windowLength` samples.
  /// - Precondition: `windowLength == 128` (the feature names fix 64 one-sided bins).
  public init(windowLength: Int = 128, sampleRateHz: Double = 50) {
    precondition(windowLength == 128, "the 561 UCI HAR features are defined for 128-sample windows, got \(windowLength)")
    self.windowLength = windowLength
    self.sampleRateHz = sampleRateHz
    bins = windowLength / 2
    plan = FFTPlan(size: windowLength)
    work = FFTWork(size: windowLength)
    time = .allocate(capacity: T.count * windowLength)
    time.initialize(repeating: 0, count: T.count * windowLength)
    spectra = .allocate(capacity: F.paddedCount * bins)
    spectra.initialize(repeating: 0, count: F.paddedCount * bins)
    timeSorter = LaneSortingNetwork(size: windowLength)
    spectrumSorter = LaneSortingNetwork(size: bins)
    sorted = .allocate(capacity: 4 * windowLength)
    sorted.initialize(repeating: 0, count: 4 * windowLength)
    burgScratch = .allocate(capacity: 2 * windowLength)
    burgScratch.initialize(repeating: .zero, count: 2 * windowLength)
    stats = .allocate(capacity: T.count + F.paddedCount)
    stats.initialize(repeating: Basic(), count: T.count + F.paddedCount)
    ar = .allocate(capacity: T.count)
    ar.initialize(repeating: .zero, count: T.count)
    sma = .allocate(capacity: 17)
    sma.initialize(repeating: 0, count: 17)
    spectrum = .allocate(capacity: bins + 1)
    spectrum.initialize(repeating: 0)
    logarithms = .allocate(capacity: T.count / 4 * windowLength)
    logarithms.initialize(repeating: .zero, count: T.count / 4 * windowLength)
    spectrumLogarithms = .allocate(capacity: bins)
    spectrumLogarithms.initialize(repeating: .zero, count: bins)
    laneSpectra = .allocate(capacity: bins + 1)
    laneSpectra.initialize(repeating: .zero, count: bins + 1)
    laneFFTScratch = .allocate(capacity: windowLength)
    laneFFTScratch.initialize(repeating: .zero, count: windowLength)
    edge = .allocate(capacity: 6)
    edge.initialize(repeating: 0, count: 6)
  }

  deinit {
    time.deallocate(); spectra.deallocate(); sorted.deallocate()
    burgScratch.deallocate(); spectrum.deallocate(); edge.deallocate(); logarithms.deallocate(); spectrumLogarithms.deallocate()
    stats.deallocate(); ar.deallocate(); sma.deallocate()
    laneSpectra.deallocate(); laneFFTScratch.deallocate()
  }

  /// The 561 features of one window, in `FeatureCatalog.names` order (unscaled).
  /// - Precondition: every signal has `windowLength` samples.
  public func features(_ w: WindowSignals) -> [Double] {
    let n = windowLength
    for s in [w.bodyAcceleration, w.gravity, w.angularVelocity] {
      precondition(s.count == n, "window signals need \(n) samples, got \(s.count)")
    }
    func load(_ slot: Int, _ values: [Double]) { for i in 0..<n { time[slot * n + i] = values[i] } }
    load(T.bodyAcc, w.bodyAcceleration.x); load(T.bodyAcc + 1, w.bodyAcceleration.y); load(T.bodyAcc + 2, w.bodyAcceleration.z)
    load(T.gravity, w.gravity.x); load(T.gravity + 1, w.gravity.y); load(T.gravity + 2, w.gravity.z)
    load(T.gyro, w.angularVelocity.x); load(T.gyro + 1, w.angularVelocity.y); load(T.gyro + 2, w.angularVelocity.z)
    let accEdge = w.bodyAccelerationAfter ?? w.bodyAccelerationBefore, gyroEdge = w.angularVelocityAfter ?? w.angularVelocityBefore
    hasEdge = (accEdge != nil, gyroEdge != nil)
    forwardJerk = (w.bodyAccelerationAfter != nil, w.angularVelocityAfter != nil)
    continuesPrevious = false
    if let p = accEdge { edge[0] = p.x; edge[1] = p.y; edge[2] = p.z }
    if let p = gyroEdge { edge[3] = p.x; edge[4] = p.y; edge[5] = p.z }
    var out = [Double](repeating: 0, count: FeatureCatalog.count)
    out.withUnsafeMutableBufferPointer { computeLoaded(into: $0.baseAddress!) }
    return out
  }

  /// Which difference the jerk of a loaded window is, and the edge sample it reads.
  enum JerkDifference {
    /// (x[i] − x[i−1]) · fs; x[−1] is read when `hasSampleBefore`, else j[0] = 0.
    case backward(hasSampleBefore: Bool)
    /// (x[i+1] − x[i]) · fs; x[windowLength], the sample after the window, is read.
    case forward
  }

  /// Loads one window from continuous signals. `channels` are 9 pointers to the
  /// window's first sample of: body acc x y z, gravity x y z, angular velocity x y z;
  /// `jerk` says which neighbour sample (`pointer[-1]` or `pointer[windowLength]`)
  /// exists and is used. `continuesPrevious`: the window starts windowLength/2 samples
  /// after the previous window this extractor computed, in the same continuous signals
  /// with the same `jerk` (the caller guarantees it; cached work of that window is
  /// reused, with the same results).
  func load(_ channels: UnsafeBufferPointer<UnsafePointer<Double>>, jerk: JerkDifference, continuesPrevious: Bool = false) {
    let n = windowLength
    for c in 0..<9 {
      let slot = c < 3 ? T.bodyAcc + c : (c < 6 ? T.gravity + c - 3 : T.gyro + c - 6)
      (time + slot * n).update(from: channels[c], count: n)
    }
    let edgeOffset: Int?
    switch jerk {
    case let .backward(hasSampleBefore): edgeOffset = hasSampleBefore ? -1 : nil; forwardJerk = (false, false)
    case .forward: edgeOffset = n; forwardJerk = (true, true)
    }
    self.continuesPrevious = continuesPrevious && edgeOffset != nil
    hasEdge = (edgeOffset != nil, edgeOffset != nil)
    if let e = edgeOffset {
      for c in 0..<3 { edge[c] = channels[c][e]; edge[3 + c] = channels[6 + c][e] }
    }
  }

  /// Computes the features of the loaded window into `out` (561 values).
  func computeLoaded(into out: UnsafeMutablePointer<Double>) {
    let n = windowLength
    let time = self.time, spectra = self.spectra, bins = self.bins
    // Jerk: (x[i] − x[i−1]) · fs on the continuous signal, 0 at a recording's start;
    // or (x[i+1] − x[i]) · fs with the sample after the window.
    for axis in 0..<3 {
      jerk(time + (T.bodyAcc + axis) * n, into: time + (T.accJerk + axis) * n,
           edge: hasEdge.acc ? edge[axis] : nil, forward: forwardJerk.acc)
      jerk(time + (T.gyro + axis) * n, into: time + (T.gyroJerk + axis) * n,
           edge: hasEdge.gyro ? edge[3 + axis] : nil, forward: forwardJerk.gyro)
    }
    // Euclidean magnitudes: slot k of the five 3-axial signals → magnitude slot 15 + k.
    for k in 0..<5 {
      let x = time + 3 * k * n, y = x + n, z = y + n, m = time + (T.bodyAccMag + k) * n
      for i in 0..<n { m[i] = (x[i] * x[i] + y[i] * y[i] + z[i] * z[i]).squareRoot() }
    }
    // Amplitude spectra, bins 1…64, four per lane batch (LaneFFT.swift): body acc (time
    // slots 0–2 → spectra 0–2), acc jerk (6–8 → 3–5), gyro (9–11 → 6–8), and the
    // magnitudes other than gravity's (15, 17–19 → 9–12). The 13th spectrum takes the
    // one-signal transform: a lane batch costs ~1.8 of those, so padding loses.
    @inline(__always) func source(_ k: Int) -> UnsafePointer<Double> {
      let slot: Int
      switch k {
      case 0..<3: slot = T.bodyAcc + k
      case 3..<6: slot = T.accJerk + k - 3
      case 6..<9: slot = T.gyro + k - 6
      case 9: slot = T.bodyAccMag
      default: slot = T.accJerkMag + k - 10
      }
      return UnsafePointer(time + slot * n)
    }
    for batch in 0..<(F.count / 4) {
      let k = 4 * batch
      plan.laneAmplitudeSpectra(source(k), source(k + 1), source(k + 2), source(k + 3),
                                into: laneSpectra, scratch: laneFFTScratch)
      for lane in 0..<4 {
        let s = spectra + (k + lane) * bins
        for bin in 1...bins { s[bin - 1] = laneSpectra[bin][lane] }
      }
    }
    for k in (F.count / 4 * 4)..<F.count {
      plan.amplitudeSpectrum(UnsafeBufferPointer(start: source(k), count: n), into: spectrum, work: &work)
      (spectra + k * bins).update(from: spectrum.baseAddress! + 1, count: bins)
    }

    // Per-signal statistics: sums four signals at a time (LaneStatistics.swift), order
    // statistics by selection (OrderStatistics.swift), Burg four time signals at a time.
    // Logarithms for the entropy: a window that continues the previous one by half a
    // window shares its first half with that window's second half, so their logarithms
    // are moved down and only the second half's are computed.
    if continuesPrevious {
      for batch in 0..<(T.count / 4) {
        let cache = logarithms + batch * n
        cache.update(from: cache + n / 2, count: n / 2)
      }
    }
    for batch in 0..<(T.count / 4) {
      let first = time + 4 * batch * n
      laneBasic(first, n, into: stats + 4 * batch, logarithms: logarithms + batch * n, known: continuesPrevious ? n / 2 : 0)
      Statistics.laneBurgAR(first, first + n, first + 2 * n, first + 3 * n, count: n, into: ar + 4 * batch, scratch: burgScratch)
    }
    for batch in 0..<(F.paddedCount / 4) {
      laneBasic(spectra + 4 * batch * bins, bins, into: stats + T.count + 4 * batch, logarithms: spectrumLogarithms, known: 0)
    }
    // Order statistics: four signals sorted at once by a sorting network
    // (LaneSortingNetwork.swift), then read off the sorted lanes.
    for batch in 0..<(T.count / 4) {
      let first = time + 4 * batch * n
      timeSorter.sort(first, first + n, first + 2 * n, first + 3 * n, into: sorted)
      for lane in 0..<4 { order(sortedLane: lane, n, into: stats + 4 * batch + lane) }
    }
    signalMagnitudeAreas()
    for batch in 0..<(F.paddedCount / 4) {
      let first = spectra + 4 * batch * bins
      spectrumSorter.sort(first, first + bins, first + 2 * bins, first + 3 * bins, into: sorted)
      for lane in 0..<4 where 4 * batch + lane < F.count { order(sortedLane: lane, bins, into: stats + T.count + 4 * batch + lane) }
    }

    var o = out
    for k in 0..<5 { o = timeTriaxial(slot: 3 * k, into: o) }
    for k in 0..<5 { o = timeMagnitude(slot: T.bodyAccMag + k, into: o) }
    for k in 0..<3 { o = frequencyTriaxial(slot: 3 * k, into: o) }
    for k in 9..<13 { o = frequencyMagnitude(slot: k, into: o) }

    // angle(): window means of the 3-axial time signals (features 1–3, 41–43, 81–83,
    // 121–123, 161–163) against gravityMean.
    func meanVector(_ first: Int) -> SIMD3<Double> { SIMD3(out[first], out[first + 1], out[first + 2]) }
    let gravityMean = meanVector(40)
    o[0] = Statistics.angle(meanVector(0), gravityMean)
    o[1] = Statistics.angle(meanVector(80), gravityMean)
    o[2] = Statistics.angle(meanVector(120), gravityMean)
    o[3] = Statistics.angle(meanVector(160), gravityMean)
    o[4] = Statistics.angle(SIMD3(1, 0, 0), gravityMean)
    o[5] = Statistics.angle(SIMD3(0, 1, 0), gravityMean)
    o[6] = Statistics.angle(SIMD3(0, 0, 1), gravityMean)
    precondition(o + 7 == out + FeatureCatalog.count, "feature layout wrote \(o + 7 - out) values, expected 561")
  }

  /// Backward: `j[i] = (x[i] − x[i−1]) · fs`, with x[−1] = `edge`, or j[0] = 0 without it.
  /// Forward: `j[i] = (x[i+1] − x[i]) · fs`, with x[n] = `edge`, or j[n−1] = 0 without it.
  @inline(__always)
  func jerk(_ x: UnsafeMutablePointer<Double>, into j: UnsafeMutablePointer<Double>, edge: Double?, forward: Bool) {
    let n = windowLength
    if forward {
      for i in 0..<(n - 1) { j[i] = (x[i + 1] - x[i]) * sampleRateHz }
      j[n - 1] = edge.map { ($0 - x[n - 1]) * sampleRateHz } ?? 0
    } else {
      j[0] = edge.map { (x[0] - $0) * sampleRateHz } ?? 0
      for i in 1..<n { j[i] = (x[i] - x[i - 1]) * sampleRateHz }
    }
  }

  /// The statistics shared by time and frequency signals.
  struct Basic {
    var mean = 0.0, std = 0.0, mad = 0.0, max = 0.0, min = 0.0, energy = 0.0, iqr = 0.0, entropy = 0.0
  }

  /// mean, std, energy, entropy of the four signals at `first`, `first + n`, … into
  /// `stats[0…3]`; `logarithms` (n) and `known` as in `Statistics.laneMoments`.
  @inline(__always)
  func laneBasic(
    _ first: UnsafePointer<Double>, _ n: Int, into stats: UnsafeMutablePointer<Basic>,
    logarithms: UnsafeMutablePointer<SIMD4<Double>>, known: Int
  ) {
    let m = Statistics.laneMoments(first, first + n, first + 2 * n, first + 3 * n, count: n, logarithms: logarithms, known: known)
    for lane in 0..<4 {
      stats[lane].mean = m.mean[lane]; stats[lane].std = m.standardDeviation[lane]
      stats[lane].energy = m.energy[lane]; stats[lane].entropy = m.entropy[lane]
    }
  }

  /// mad, max, min, iqr of lane `lane` of `sorted` (n values, sorted) into `stats`.
  @inline(__always)
  func order(sortedLane lane: Int, _ n: Int, into stats: UnsafeMutablePointer<Basic>) {
    let summary = Statistics.orderSummary(sorted: sorted + lane, count: n, stride: 4)
    stats.pointee.mad = summary.medianAbsoluteDeviation
    stats.pointee.max = summary.maximum
    stats.pointee.min = summary.minimum
    stats.pointee.iqr = summary.interquartileRange
  }

  /// Writes one axis's basic statistics into the shared 3-axial layout: mean, std, mad,
  /// max, min at 0…14 (XYZ each), energy, iqr, entropy at 16…24 (15 is sma).
  @inline(__always)
  func writeBasic(_ b: Basic, at o: UnsafeMutablePointer<Double>, axis a: Int) {
    o[a] = b.mean; o[3 + a] = b.std; o[6 + a] = b.mad; o[9 + a] = b.max; o[12 + a] = b.min
    o[16 + a] = b.energy; o[19 + a] = b.iqr; o[22 + a] = b.entropy
  }

  /// 40 values: mean, std, mad, max, min (XYZ each), sma, energy, iqr, entropy (XYZ),
  /// arCoeff (X 1–4, Y 1–4, Z 1–4), correlation (XY, XZ, YZ).
  func timeTriaxial(slot: Int, into o: UnsafeMutablePointer<Double>) -> UnsafeMutablePointer<Double> {
    let n = windowLength
    let x = UnsafePointer(time + slot * n), y = x + n, z = y + n
    for axis in 0..<3 { writeBasic(stats[slot + axis], at: o, axis: axis) }
    o[15] = sma[slot / 3]
    var o = o + 25
    for axis in 0..<3 {
      let coefficients = ar + 4 * ((slot + axis) / 4), lane = (slot + axis) % 4
      for i in 0..<4 { o[i] = coefficients[i][lane] }
      o += 4
    }
    let bx = UnsafeBufferPointer(start: x, count: n), by = UnsafeBufferPointer(start: y, count: n)
    let bz = UnsafeBufferPointer(start: z, count: n)
    let r = Statistics.correlations(bx, by, bz, means: SIMD3(stats[slot].mean, stats[slot + 1].mean, stats[slot + 2].mean))
    o[0] = r.x; o[1] = r.y; o[2] = r.z
    return o + 3
  }

  /// 13 values: mean, std, mad, max, min, sma, energy, iqr, entropy, arCoeff 1–4.
  func timeMagnitude(slot: Int, into o: UnsafeMutablePointer<Double>) -> UnsafeMutablePointer<Double> {
    let b = stats[slot]
    o[0] = b.mean; o[1] = b.std; o[2] = b.mad; o[3] = b.max; o[4] = b.min
    o[5] = sma[5 + slot - T.bodyAccMag]
    o[6] = b.energy; o[7] = b.iqr; o[8] = b.entropy
    let coefficients = ar + 4 * (slot / 4), lane = slot % 4
    for i in 0..<4 { o[9 + i] = coefficients[i][lane] }
    return o + 13
  }

  /// 79 values: mean, std, mad, max, min (XYZ), sma, energy, iqr, entropy, maxInds,
  /// meanFreq (XYZ), skewness/kurtosis per axis, bandsEnergy (14 bands × XYZ).
  func frequencyTriaxial(slot: Int, into o: UnsafeMutablePointer<Double>) -> UnsafeMutablePointer<Double> {
    let n = bins
    let x = UnsafePointer(spectra + slot * n), y = x + n, z = y + n
    for axis in 0..<3 { writeBasic(stats[T.count + slot + axis], at: o, axis: axis) }
    o[15] = sma[10 + slot / 3]
    for a in 0..<3 {
      let spectrum = UnsafeBufferPointer(start: a == 0 ? x : (a == 1 ? y : z), count: n)
      o[25 + a] = Double(Spectral.maxIndex(spectrum))
      o[28 + a] = Spectral.meanFrequency(spectrum)
      let (skew, kurt) = Statistics.moments(spectrum, mean: stats[T.count + slot + a].mean)
      o[31 + 2 * a] = skew; o[32 + 2 * a] = kurt
    }
    var o = o + 37
    for a in 0..<3 {
      let spectrum = UnsafeBufferPointer(start: a == 0 ? x : (a == 1 ? y : z), count: n)
      // 8 bands of 8, 4 of 16, 2 of 24 (FeatureCatalog.bands), from the 8-bin sums.
      var eighths = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
      withUnsafeMutableBytes(of: &eighths) { raw in
        let e = raw.bindMemory(to: Double.self)
        for b in 0..<8 { e[b] = Spectral.bandEnergy(spectrum, firstBin: 8 * b + 1, lastBin: 8 * b + 8) * 8 }
        for b in 0..<8 { o[b] = e[b] / 8 }
        for b in 0..<4 { o[8 + b] = (e[2 * b] + e[2 * b + 1]) / 16 }
        o[12] = (e[0] + e[1] + e[2]) / 24
        o[13] = (e[3] + e[4] + e[5]) / 24
      }
      o += 14
    }
    return o
  }

  /// 13 values: mean, std, mad, max, min, sma, energy, iqr, entropy, maxInds, meanFreq,
  /// skewness, kurtosis.
  func frequencyMagnitude(slot: Int, into o: UnsafeMutablePointer<Double>) -> UnsafeMutablePointer<Double> {
    let n = bins
    let m = UnsafePointer(spectra + slot * n)
    let b = stats[T.count + slot]
    let spectrum = UnsafeBufferPointer(start: m, count: n)
    o[0] = b.mean; o[1] = b.std; o[2] = b.mad; o[3] = b.max; o[4] = b.min
    o[5] = sma[13 + slot - 9]
    o[6] = b.energy; o[7] = b.iqr; o[8] = b.entropy
    o[9] = Double(Spectral.maxIndex(spectrum))
    o[10] = Spectral.meanFrequency(spectrum)
    let (skew, kurt) = Statistics.moments(spectrum, mean: b.mean)
    o[11] = skew; o[12] = kurt
    return o + 13
  }

  /// sma() of every signal into `sma`: time 3-axial groups 0–4, time magnitudes 5–9,
  /// frequency 3-axial groups 10–12, frequency magnitudes 13–16. sma = Σ(|x| + |y| + |z|)/n
  /// with the sum running over x, then y, then z (consecutive slots), n samples per axis;
  /// for a magnitude Σ|m|/n. Four sums at a time in SIMD lanes (LaneStatistics.swift);
  /// unused lanes repeat a real signal.
  func signalMagnitudeAreas() {
    let n = windowLength, bins = self.bins, time = UnsafePointer(self.time), spectra = UnsafePointer(self.spectra)
    @inline(__always) func four(_ p: (UnsafePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>),
                                 count: Int, perAxis: Int, into first: Int, lanes: Int) {
      let sums = Statistics.laneAbsoluteSums(p.0, p.1, p.2, p.3, count: count)
      for lane in 0..<lanes { sma[first + lane] = sums[lane] / Double(perAxis) }
    }
    let g = { (k: Int) in time + 3 * k * n }, m = { (k: Int) in time + (T.bodyAccMag + k) * n }
    four((g(0), g(1), g(2), g(3)), count: 3 * n, perAxis: n, into: 0, lanes: 4)
    four((g(4), m(0), m(0), m(0)), count: 3 * n, perAxis: n, into: 4, lanes: 1)
    four((m(0), m(1), m(2), m(3)), count: n, perAxis: n, into: 5, lanes: 4)
    four((m(4), m(4), m(4), m(4)), count: n, perAxis: n, into: 9, lanes: 1)
    let f = { (k: Int) in spectra + k * bins }
    four((f(0), f(3), f(6), f(6)), count: 3 * bins, perAxis: bins, into: 10, lanes: 3)
    four((f(9), f(10), f(11), f(12)), count: bins, perAxis: bins, into: 13, lanes: 4)
  }
}
