// One recording after the UCI HAR noise and gravity filtering (the first stage of
// `FeaturePipeline`).
//
// Decisions, in priority order:
// 1. The UCI HAR v1.0 processing (features_info.txt, issue 3): median filter (3) then
//    3rd-order Butterworth low-pass 20 Hz on all six raw channels; gravity = 3rd-order
//    Butterworth low-pass 0.3 Hz of the filtered acceleration; body = filtered − gravity.
//    By default (issue 11, found by measurement against official values) the filtered
//    angular velocity g then loses its slow rotation: g − LP(g), LP a 2nd-order
//    Butterworth low-pass at 0.1 Hz over the whole recording. HAPT's stair segments
//    each carry a U-turn (±150–220° of yaw) that the official gyro means do not show.
// 2. Bit for bit the composition of `MedianFilter.apply3` and `IIRFilter` channel by
//    channel (a test checks it, NaN and signed zeros included): the fast kernel below
//    does the same IEEE operations in the same order on every channel; it only runs the
//    channels side by side.
// 3. Fast for the default (causal, order 3): one pass over the samples produces all 12
//    outputs. The nine filter recurrences (noise on six raw channels, gravity on three)
//    run in the same loop body, so the CPU overlaps their latencies instead of paying
//    them nine times over (twelve with the gyroscope high-pass); the outputs are
//    written straight into their (uninitialised) arrays, without temporaries. The
//    median skips MedianFilter's NaN test (branches the data would mispredict) and the
//    pass is redone with it if an input was NaN.
//    Zero-phase filtering and other orders use the per-channel functions.

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
  /// Median + 20 Hz low-pass angular velocity, minus its 0.1 Hz low-pass when
  /// `PipelineOptions.gyroHighPass` (tBodyGyro, UCI's `body_gyro`).
  public var angularVelocity: TriaxialSignal

  /// The noise and gravity low-pass filters of `options`, the 0.1 Hz low-pass whose
  /// output the gyroscope loses (nil without `gyroHighPass`), and whether the one-pass
  /// kernel `causalOrder3` applies (causal filtering of order 3, file header decision 3).
  static func filters(_ options: PipelineOptions) -> (noise: IIRFilter, gravity: IIRFilter, gyroLowPass: IIRFilter?, fused: Bool) {
    let fs = Recording.sampleRateHz
    let noise = IIRFilter.butterworthLowPass(order: options.filterOrder, cornerFrequencyHz: options.noiseCornerFrequencyHz, sampleRateHz: fs)
    let gravity = IIRFilter.butterworthLowPass(
      order: options.filterOrder, cornerFrequencyHz: options.gravityCornerFrequencyHz, sampleRateHz: fs)
    let gyroLowPass = options.gyroHighPass ? IIRFilter.butterworthLowPass(
      order: PipelineOptions.gyroHighPassOrder, cornerFrequencyHz: PipelineOptions.gyroHighPassCornerFrequencyHz, sampleRateHz: fs) : nil
    return (noise, gravity, gyroLowPass, options.filtering == .causal && options.filterOrder == 3)
  }

  /// Filters one recording as `options` says (see `FeaturePipeline`).
  public init(filtering recording: Recording, options: PipelineOptions = .init()) {
    let (noise, gravityFilter, gyroLowPass, fused) = Self.filters(options)
    experiment = recording.experiment
    user = recording.user
    if fused {
      let n = recording.sampleCount
      let c = uninitializedArrays(count: 12, capacity: n) { out in
        Self.causalOrder3(recording, noise: noise, gravity: gravityFilter, gyroLowPass: gyroLowPass, into: out)
        return n
      }
      // The channel order of `channels`: body acc, gravity, angular velocity, total acc.
      bodyAcceleration = TriaxialSignal(x: c[0], y: c[1], z: c[2])
      gravity = TriaxialSignal(x: c[3], y: c[4], z: c[5])
      angularVelocity = TriaxialSignal(x: c[6], y: c[7], z: c[8])
      totalAcceleration = TriaxialSignal(x: c[9], y: c[10], z: c[11])
      return
    }
    func run(_ f: IIRFilter, _ x: [Double]) -> [Double] {
      options.filtering == .causal ? f.applyCausal(x) : f.applyZeroPhase(x)
    }
    func denoise(_ x: [Double]) -> [Double] { run(noise, MedianFilter.apply3(x)) }
    let acc = recording.acceleration, gyro = recording.angularVelocity
    let total = TriaxialSignal(x: denoise(acc.x), y: denoise(acc.y), z: denoise(acc.z))
    let g = TriaxialSignal(x: run(gravityFilter, total.x), y: run(gravityFilter, total.y), z: run(gravityFilter, total.z))
    func minus(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map { $0 - $1 } }
    totalAcceleration = total
    gravity = g
    bodyAcceleration = TriaxialSignal(x: minus(total.x, g.x), y: minus(total.y, g.y), z: minus(total.z, g.z))
    // g − LP(g), sample by sample (the fused kernel's operation).
    func withoutSlowRotation(_ g: [Double]) -> [Double] {
      guard let gyroLowPass else { return g }
      return minus(g, run(gyroLowPass, g))
    }
    angularVelocity = TriaxialSignal(
      x: withoutSlowRotation(denoise(gyro.x)), y: withoutSlowRotation(denoise(gyro.y)), z: withoutSlowRotation(denoise(gyro.z)))
  }

  /// The number of samples.
  public var sampleCount: Int { totalAcceleration.count }

  /// The 12 filtered channels in the order the pipeline reads them (its channel order):
  /// body acc xyz, gravity xyz, angular velocity xyz, total acc xyz.
  var channels: [[Double]] {
    [bodyAcceleration.x, bodyAcceleration.y, bodyAcceleration.z, gravity.x, gravity.y, gravity.z,
     angularVelocity.x, angularVelocity.y, angularVelocity.z, totalAcceleration.x, totalAcceleration.y, totalAcceleration.z]
  }

  /// Calls `body` with pointers to sample 0 of the 12 channels in the order of `channels`.
  func withChannels<R>(_ body: (UnsafeBufferPointer<UnsafePointer<Double>>) throws -> R) rethrows -> R {
    let arrays = channels
    let pointers = UnsafeMutableBufferPointer<UnsafePointer<Double>>.allocate(capacity: 12)
    defer { pointers.deallocate() }
    // Nested accessors keep all 12 arrays' storage pinned while `body` runs.
    func nest(_ c: Int) throws -> R {
      if c == 12 { return try body(UnsafeBufferPointer(pointers)) }
      return try arrays[c].withUnsafeBufferPointer { p in
        pointers[c] = p.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Double>.alignment)!
        return try nest(c + 1)
      }
    }
    return try nest(0)
  }

  /// The causal order-3 filtering of all channels in one pass (file header, decision 3),
  /// writing (samples) values to each of the 12 outputs in the order of `channels`: body
  /// acc xyz, gravity xyz, angular velocity xyz, total acc xyz.
  /// - Parameter gyroLowPass: the order-2 low-pass whose output the angular velocity
  ///   loses, or nil to keep it as filtered.
  static func causalOrder3(
    _ r: Recording, noise: IIRFilter, gravity: IIRFilter, gyroLowPass: IIRFilter?,
    into out: UnsafeBufferPointer<UnsafeMutablePointer<Double>>
  ) {
    precondition(noise.order == 3 && gravity.order == 3, "the fused kernel is for order-3 filters")
    precondition(out.count == 12, "12 output channels, got \(out.count)")
    if let gyroLowPass {
      let c = Order2Coefficients(gyroLowPass)
      causalOrder3(r, noise: noise, gravity: gravity, into: out) { SlowRotationRemoval(c) }
    } else {
      causalOrder3(r, noise: noise, gravity: gravity, into: out) { KeepAngularVelocity() }
    }
  }

  /// `causalOrder3` with the angular-velocity stage made by `stage` (one per axis).
  static func causalOrder3<G: AngularVelocityStage>(
    _ r: Recording, noise: IIRFilter, gravity: IIRFilter, into out: UnsafeBufferPointer<UnsafeMutablePointer<Double>>,
    stage: () -> G
  ) {
    // Real recordings hold no NaN (the loader refuses them): take the branch-free median
    // and, should the pass meet a NaN after all, redo it with the NaN-propagating one.
    if causalOrder3Pass(r, noise: noise, gravity: gravity, into: out, median: OrderedMedian.self, stage: stage) {
      _ = causalOrder3Pass(r, noise: noise, gravity: gravity, into: out, median: NaNPropagatingMedian.self, stage: stage)
    }
  }

  /// One pass of `causalOrder3` with median `M` and angular-velocity stage `G`; returns
  /// whether an input was NaN.
  static func causalOrder3Pass<M: MedianOfThree, G: AngularVelocityStage>(
    _ r: Recording, noise: IIRFilter, gravity: IIRFilter, into out: UnsafeBufferPointer<UnsafeMutablePointer<Double>>,
    median: M.Type, stage: () -> G
  ) -> Bool {
    let n = r.sampleCount
    if n == 0 { return false }
    let a = r.acceleration, w = r.angularVelocity
    return a.x.withUnsafeBufferPointer { ax in a.y.withUnsafeBufferPointer { ay in a.z.withUnsafeBufferPointer { az in
      w.x.withUnsafeBufferPointer { wx in w.y.withUnsafeBufferPointer { wy in w.z.withUnsafeBufferPointer { wz in
        let (bx, by, bz, gx, gy, gz) = (out[0], out[1], out[2], out[3], out[4], out[5])
        let (vx, vy, vz, tx, ty, tz) = (out[6], out[7], out[8], out[9], out[10], out[11])
        // Nine independent recurrences in one loop body: the CPU overlaps their latencies.
        var noiseX = Order3State(), noiseY = Order3State(), noiseZ = Order3State()
        var noiseGX = Order3State(), noiseGY = Order3State(), noiseGZ = Order3State()
        var gravityX = Order3State(), gravityY = Order3State(), gravityZ = Order3State()
        var stageX = stage(), stageY = stage(), stageZ = stage()
        let nc = Order3Coefficients(noise), gc = Order3Coefficients(gravity)
        var unordered: UInt8 = 0  // becomes 1 when an input sample is NaN
        // Sample t's outputs from the six median-filtered inputs at t.
        @inline(__always) func emit(_ t: Int, _ mx: Double, _ my: Double, _ mz: Double, _ mgx: Double, _ mgy: Double, _ mgz: Double) {
          let x = noiseX.step(mx, nc), y = noiseY.step(my, nc), z = noiseZ.step(mz, nc)
          vx[t] = stageX.step(noiseGX.step(mgx, nc)); vy[t] = stageY.step(noiseGY.step(mgy, nc))
          vz[t] = stageZ.step(noiseGZ.step(mgz, nc))
          let grx = gravityX.step(x, gc), gry = gravityY.step(y, gc), grz = gravityZ.step(z, gc)
          tx[t] = x; ty[t] = y; tz[t] = z
          gx[t] = grx; gy[t] = gry; gz[t] = grz
          bx[t] = x - grx; by[t] = y - gry; bz[t] = z - grz
        }
        @inline(__always) func check(_ v: Double) { unordered |= v != v ? 1 : 0 }
        // The median's ends pass through unchanged (MedianFilter's edge rule).
        @inline(__always) func end(_ t: Int) {
          check(ax[t]); check(ay[t]); check(az[t]); check(wx[t]); check(wy[t]); check(wz[t])
          emit(t, ax[t], ay[t], az[t], wx[t], wy[t], wz[t])
        }
        end(0)
        if n == 1 { return unordered != 0 }
        var t = 1
        while t < n - 1 {
          @inline(__always) func m(_ p: UnsafeBufferPointer<Double>) -> Double {
            check(p[t])
            return M.median(p[t - 1], p[t], p[t + 1])
          }
          emit(t, m(ax), m(ay), m(az), m(wx), m(wy), m(wz))
          t += 1
        }
        end(n - 1)
        return unordered != 0
      } } }
    } } }
  }
}

/// A median of three values, as a type so that the filter pass is specialised for it.
protocol MedianOfThree { static func median(_ a: Double, _ b: Double, _ c: Double) -> Double }

/// `MedianFilter.median3` itself: NaN when any of the three is NaN.
enum NaNPropagatingMedian: MedianOfThree {
  @inline(__always) static func median(_ a: Double, _ b: Double, _ c: Double) -> Double { MedianFilter.median3(a, b, c) }
}

/// `MedianFilter.median3` for non-NaN values: the same `min`/`max` (so the same result,
/// signed zeros included) without the NaN test, which compiles to minsd/maxsd instead
/// of branches that the data would mispredict.
enum OrderedMedian: MedianOfThree {
  @inline(__always) static func median(_ a: Double, _ b: Double, _ c: Double) -> Double {
    Swift.max(Swift.min(a, b), Swift.min(Swift.max(a, b), c))
  }
}

/// What the fused kernel does to the filtered angular velocity, one sample at a time
/// (a type, so that the pass is specialised for it).
protocol AngularVelocityStage { mutating func step(_ v: Double) -> Double }

/// Keeps the filtered angular velocity (`PipelineMethod.legacy2026_11`).
struct KeepAngularVelocity: AngularVelocityStage {
  @inline(__always) func step(_ v: Double) -> Double { v }
}

/// v − LP(v) with an order-2 low-pass from zero state: exactly `IIRFilter.applyCausal`'s
/// operations followed by the subtraction, so the same bits as the per-channel path.
struct SlowRotationRemoval: AngularVelocityStage {
  let c: Order2Coefficients
  var z0 = 0.0, z1 = 0.0
  init(_ c: Order2Coefficients) { self.c = c }

  @inline(__always) mutating func step(_ v: Double) -> Double {
    let y = c.b0 * v + z0
    z0 = c.b1 * v - c.a1 * y + z1
    z1 = c.b2 * v - c.a2 * y
    return v - y
  }
}

/// The coefficients of an order-2 `IIRFilter` (a0 = 1).
struct Order2Coefficients {
  let b0, b1, b2, a1, a2: Double
  init(_ f: IIRFilter) {
    precondition(f.order == 2, "order-2 coefficients of an order-\(f.order) filter")
    (b0, b1, b2) = (f.b[0], f.b[1], f.b[2])
    (a1, a2) = (f.a[1], f.a[2])
  }
}

/// The coefficients of an order-3 `IIRFilter` (a0 = 1).
struct Order3Coefficients {
  let b0, b1, b2, b3, a1, a2, a3: Double
  init(_ f: IIRFilter) {
    (b0, b1, b2, b3) = (f.b[0], f.b[1], f.b[2], f.b[3])
    (a1, a2, a3) = (f.a[1], f.a[2], f.a[3])
  }
}

/// One channel of the order-3 transposed direct form II of `IIRFilter.applyCausal`,
/// from zero state: exactly the scalar kernel's operations, in its order.
struct Order3State {
  var z0 = 0.0, z1 = 0.0, z2 = 0.0

  @inline(__always) mutating func step(_ x: Double, _ c: Order3Coefficients) -> Double {
    let y = c.b0 * x + z0
    z0 = c.b1 * x - c.a1 * y + z1
    z1 = c.b2 * x - c.a2 * y + z2
    z2 = c.b3 * x - c.a3 * y
    return y
  }
}
