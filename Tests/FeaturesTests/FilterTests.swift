// Median and Butterworth filters: analytic properties and golden numbers from SciPy.
//
// Golden values: SciPy 1.17.1 (NumPy 2.4.6, Python 3), computed 2026-11-22 with
//   scripts/golden_butterworth.py
// which runs `scipy.signal.butter(3, fc, fs=50)` for fc = 20 and 0.3, and `lfilter` /
// `filtfilt` (default padding) on x[i] = sin(0.37 i) + 0.5 cos(1.9 i) + 0.01 i, i < 40.
import Features
import LinearAlgebra
import Foundation
import Testing
import _TestSupport

@Suite struct FilterTests {
  static let scipy20b = [0.5276243825019432, 1.5828731475058295, 1.5828731475058295, 0.5276243825019432]
  static let scipy20a = [1.0, 1.7600418803431688, 1.1828932620378303, 0.2780599176345463]
  static let scipy03b = [6.4518491290909294e-06, 1.9355547387272787e-05, 1.9355547387272787e-05, 6.4518491290909294e-06]
  static let scipy03a = [1.0, -2.9246062354506974, 2.852027818593894, -0.9273699683501638]

  static let input: [Double] = (0..<40).map { (i: Int) -> Double in
    let t = Double(i)
    let a: Double = sin(0.37 * t)
    let b: Double = 0.5 * cos(1.9 * t)
    return a + b + 0.01 * t
  }
  static let lfilter2Hz: [Double] = [
    0.0007835051752941342, 0.0046372142745523225, 0.013735092839578557, 0.03026290609494613, 0.05923088035412222,
    0.10532419772864046, 0.16778326630785895, 0.24291391032454412, 0.32568712671796024, 0.40636799602792106,
    0.47310000590377893, 0.5169786945461798, 0.5303093020863479, 0.5068370253257336, 0.44689796095664974,
    0.35623052899632446, 0.24239806291500465, 0.11737906092704715, -0.003057592565812028, -0.10534886496159546,
    -0.17821015594435255, -0.21130122439959556, -0.2002065068922394, -0.14763414208058268, -0.05920226813216696,
    0.05526571950070582, 0.18035477393628976, 0.3007463915596502, 0.4034707776506269, 0.47574894432759174,
    0.508898020254467, 0.5018624830275409, 0.4575351972430568, 0.3823864956047947, 0.28932963252091787,
    0.1934909144509214, 0.10800517390164502, 0.04611193240385073, 0.01902696348534519, 0.030789272974408113,
  ]
  static let filtfilt2Hz: [Double] = [
    0.40285964601320096, 0.37215018115788806, 0.3424846207582853, 0.3112366997628161, 0.2766704322352033,
    0.23819077801729782, 0.1964525266089878, 0.1532951292208323, 0.11150540129218955, 0.07442662054570108,
    0.04546289529385584, 0.02755468194245666, 0.02269665035053755, 0.03156279992438498, 0.05330278543444109,
    0.08554497895862041, 0.12460528834763862, 0.16588431709707957, 0.20441096840284054, 0.2354579505831016,
    0.25515089349481285, 0.26100078746641375, 0.25228686605429906, 0.2302355566322558, 0.19797913019000687,
    0.16029804765164896, 0.12317070066539977, 0.09318987207010256, 0.0769198880401435, 0.08026181412748093,
    0.10789838599855388, 0.16288361236979487, 0.24640825537601693, 0.3577493878240146, 0.49439940475771593,
    0.6523392960938017, 0.8264008596127452, 1.0106709675038577, 1.198894134086194, 1.3848340377077706,
  ]
  static let filtfilt20Hz: [Double] = [
    0.5014489183610564, 0.182519551119737, 0.33997151502832745, 1.3055533236059915, 1.1834213654701093,
    0.5061121289979675, 1.0530259295868538, 0.9661874882121614, -0.17817019632214184, -0.18051558420161057,
    0.05720350866224566, -0.9183236436687103, -1.184974108752706, -0.4162595921686504, -0.7003784207252569,
    -1.003087630905168, 0.06626820448776793, 0.4909660123587351, 0.08356054040834063, 0.8554346619020196,
    1.57194013920244, 0.9145240327193427, 0.8947752856683451, 1.4985101984932268, 0.7348800853324375,
    -0.03694416434013431, 0.3871560638638477, -0.012283890458475943, -1.009630322554735, -0.6150608670908067,
    -0.2476709799046164, -0.9293890815272039, -0.5638354571231838, 0.472570896923475, 0.25457443993018736,
    0.3000678909453989, 1.4117888538245138, 1.4665202268969466, 0.8740687428045135, 1.4869533838311568,
  ]

  @Test func butterworthCoefficientsMatchSciPy() {
    let f20 = IIRFilter.butterworthLowPass(order: 3, cornerFrequencyHz: 20, sampleRateHz: 50)
    expectClose(f20.b, Self.scipy20b, relative: 1e-12, absolute: 0, "b 20 Hz")
    expectClose(f20.a, Self.scipy20a, relative: 1e-12, absolute: 0, "a 20 Hz")
    let f03 = IIRFilter.butterworthLowPass(order: 3, cornerFrequencyHz: 0.3, sampleRateHz: 50)
    expectClose(f03.b, Self.scipy03b, relative: 1e-10, absolute: 0, "b 0.3 Hz")
    expectClose(f03.a, Self.scipy03a, relative: 1e-12, absolute: 0, "a 0.3 Hz")
  }

  @Test(arguments: [(3, 20.0), (3, 0.3), (3, 2.0), (4, 5.0), (1, 10.0), (2, 12.5)])
  func gainIsOneAtDCAndMinus3dBAtTheCorner(order: Int, cornerHz: Double) {
    let f = IIRFilter.butterworthLowPass(order: order, cornerFrequencyHz: cornerHz, sampleRateHz: 50)
    expectClose(f.gain(atFrequencyHz: 0, sampleRateHz: 50), 1, relative: 1e-12, "DC gain")
    expectClose(f.gain(atFrequencyHz: cornerHz, sampleRateHz: 50), 1 / 2.0.squareRoot(), relative: 1e-9, "corner gain")
    // Monotone roll-off: well above the corner the gain is small.
    #expect(f.gain(atFrequencyHz: min(24.9, cornerHz * 2), sampleRateHz: 50) < 1 / 2.0.squareRoot())
  }

  @Test func causalAndZeroPhaseOutputsMatchSciPy() {
    let f2 = IIRFilter.butterworthLowPass(order: 3, cornerFrequencyHz: 2, sampleRateHz: 50)
    expectClose(f2.applyCausal(Self.input), Self.lfilter2Hz, relative: 1e-10, absolute: 1e-13, "lfilter 2 Hz")
    expectClose(f2.applyZeroPhase(Self.input), Self.filtfilt2Hz, relative: 1e-9, absolute: 1e-12, "filtfilt 2 Hz")
    let f20 = IIRFilter.butterworthLowPass(order: 3, cornerFrequencyHz: 20, sampleRateHz: 50)
    expectClose(f20.applyZeroPhase(Self.input), Self.filtfilt20Hz, relative: 1e-9, absolute: 1e-12, "filtfilt 20 Hz")
  }

  @Test func aStepSettlesToOne() {
    let step = [Double](repeating: 1, count: 3000)
    let fast = IIRFilter.butterworthLowPass(order: 3, cornerFrequencyHz: 20, sampleRateHz: 50).applyCausal(step)
    // Its slowest poles have radius ≈ 0.74, so 200 samples bring the error below 1e-20.
    #expect(fast[0] > 0 && abs(fast[200] - 1) < 1e-12 && abs(fast[2999] - 1) < 1e-12)
    // 0.3 Hz: time constants of ~0.5 s; after 60 s (3000 samples) it has settled.
    let slow = IIRFilter.butterworthLowPass(order: 3, cornerFrequencyHz: 0.3, sampleRateHz: 50).applyCausal(step)
    #expect(abs(slow[2999] - 1) < 1e-9)
    #expect(slow[25] < 0.1)  // the start-up transient that the pipeline documents
    // Zero phase with steady-state initial conditions: a constant passes unchanged.
    let zp = IIRFilter.butterworthLowPass(order: 3, cornerFrequencyHz: 0.3, sampleRateHz: 50).applyZeroPhase(step)
    expectClose(zp, step, relative: 1e-9, absolute: 1e-9, "zero-phase constant")
  }

  @Test func zeroPhaseHalvesTheCornerAmplitude() {
    // |H|² = 1/2 at the corner; measured on a long 5 Hz sine away from the ends.
    let f = IIRFilter.butterworthLowPass(order: 3, cornerFrequencyHz: 5, sampleRateHz: 50)
    let x = (0..<2000).map { sin(2 * Double.pi * 5 * Double($0) / 50) }
    let y = f.applyZeroPhase(x)
    // RMS over 100 whole periods: amplitude = √(2·mean(y²)).
    let meanSquare = y[500..<1500].map { $0 * $0 }.reduce(0, +) / 1000
    expectClose((2 * meanSquare).squareRoot(), 0.5, relative: 1e-6, "zero-phase corner amplitude")
  }

  @Test func medianFilterOfThree() {
    #expect(MedianFilter.apply3([1, 5, 2, 8, 3]) == [1, 2, 5, 3, 3])
    #expect(MedianFilter.apply3([4]) == [4])
    #expect(MedianFilter.apply3([]) == [])
    // A spike is removed, a step kept.
    #expect(MedianFilter.apply3([0, 0, 9, 0, 0, 1, 1, 1]) == [0, 0, 0, 0, 0, 1, 1, 1])
    #expect(MedianFilter.apply3([1, .nan, 2])[1].isNaN)
  }

  /// The low-pass of the gyroscope high-pass (issue 11): 2nd-order Butterworth at 0.1 Hz,
  /// fs = 50 Hz, against the coefficients given in the issue (4 digits) and against the
  /// closed form of the bilinear-transformed 2nd-order Butterworth (K = tan(π fc/fs)):
  /// b = K²/D · (1, 2, 1), a = (1, 2(K² − 1)/D, (1 − √2 K + K²)/D), D = 1 + √2 K + K².
  @Test func gyroHighPassLowPassMatchesTheIssueAndTheClosedForm() {
    let f = IIRFilter.butterworthLowPass(
      order: PipelineOptions.gyroHighPassOrder, cornerFrequencyHz: PipelineOptions.gyroHighPassCornerFrequencyHz, sampleRateHz: 50)
    #expect(f.order == 2)
    let issueB = [3.913e-5, 7.826e-5, 3.913e-5], issueA = [1, -1.982229, 0.982385]
    for k in 0...2 {
      #expect(abs(f.b[k] - issueB[k]) <= 0.0005e-5 * (k == 1 ? 2 : 1), "b[\(k)] = \(f.b[k])")
      #expect(abs(f.a[k] - issueA[k]) <= 0.5e-6, "a[\(k)] = \(f.a[k])")
    }
    let k = tan(Double.pi * 0.1 / 50), d = 1 + 2.0.squareRoot() * k + k * k
    let closedB = [k * k / d, 2 * k * k / d, k * k / d], closedA = [1, 2 * (k * k - 1) / d, (1 - 2.0.squareRoot() * k + k * k) / d]
    for i in 0...2 {
      #expect(abs(f.b[i] - closedB[i]) <= 1e-12 * closedB[i], "b[\(i)]")
      #expect(abs(f.a[i] - closedA[i]) <= 1e-12, "a[\(i)]")
    }
    // −3 dB at the corner; so g − LP(g) removes a constant rotation and keeps motion.
    #expect(abs(f.gain(atFrequencyHz: 0.1, sampleRateHz: 50) - 1 / 2.0.squareRoot()) < 1e-9)
  }

  /// With the gyroscope high-pass on, a constant rotation (a turn at a steady rate)
  /// dies out and a 2 Hz rotation (walking) passes.
  @Test func gyroHighPassRemovesSteadyRotationAndKeepsMotion() {
    let n = 3000  // 60 s
    let steady = (0..<n).map { _ in 0.3 }, motion = (0..<n).map { 0.5 * sin(2 * Double.pi * 2 * Double($0) / 50) }
    let recording = Recording(
      experiment: 1, user: 1, acceleration: TriaxialSignal(x: steady, y: steady, z: steady),
      angularVelocity: TriaxialSignal(x: steady, y: motion, z: zip(steady, motion).map(+)))
    let on = FilteredRecording(filtering: recording), off = FilteredRecording(filtering: recording, options: .legacy2026_11)
    let last = (n - 500)..<n  // after 50 s (~30 time constants of a 0.1 Hz filter)
    #expect(off.angularVelocity.x[last].allSatisfy { abs($0 - 0.3) < 1e-9 })
    #expect(on.angularVelocity.x[last].allSatisfy { abs($0) < 1e-6 }, "steady rotation removed")
    // The 2 Hz motion keeps its amplitude: |1 − H(2 Hz)| ≈ 1 + (0.1/2)² for this low-pass.
    let amplitude = on.angularVelocity.y[last].map(abs).max()!, reference = off.angularVelocity.y[last].map(abs).max()!
    #expect(abs(amplitude / reference - 1) < 0.005, "\(amplitude) vs \(reference)")
    #expect(zip(on.angularVelocity.z[last], on.angularVelocity.y[last]).allSatisfy { abs($0 - $1) < 1e-6 })
    // Acceleration is untouched.
    #expect(on.totalAcceleration == off.totalAcceleration && on.gravity == off.gravity)
  }

  /// `FilteredRecording` filters all channels in one fused pass; it must give exactly the
  /// bits of the per-channel composition that defines it: median, 20 Hz low-pass,
  /// gravity = 0.3 Hz low-pass of that, body = total − gravity, and angular velocity
  /// g − LP₀.₁(g) with the gyroscope high-pass.
  @Test(arguments: [0, 1, 2, 3, 4, 130, 1000], [true, false])
  func fusedRecordingFilterEqualsTheChannelByChannelComposition(samples: Int, gyroHighPass: Bool) {
    var g = SeededGenerator(seed: UInt64(7 + samples))
    func channel() -> [Double] {
      (0..<samples).map { _ in
        // Ties (for the median's order of comparisons), signed zeros and the odd NaN.
        switch g.nextInt(below: 40) {
        case 0: 0.0
        case 1: -0.0
        case 2: 0.25
        case 3 where samples > 100: .nan
        default: g.nextNormal()
        }
      }
    }
    let recording = Recording(
      experiment: 1, user: 1, acceleration: TriaxialSignal(x: channel(), y: channel(), z: channel()),
      angularVelocity: TriaxialSignal(x: channel(), y: channel(), z: channel()))
    let noise = IIRFilter.butterworthLowPass(order: 3, cornerFrequencyHz: 20, sampleRateHz: 50)
    let gravity = IIRFilter.butterworthLowPass(order: 3, cornerFrequencyHz: 0.3, sampleRateHz: 50)
    func denoise(_ x: [Double]) -> [Double] { noise.applyCausal(MedianFilter.apply3(x)) }
    let acc = recording.acceleration, gyro = recording.angularVelocity
    let total = [denoise(acc.x), denoise(acc.y), denoise(acc.z)]
    let g3 = total.map { gravity.applyCausal($0) }
    let body = (0..<3).map { a in zip(total[a], g3[a]).map { $0 - $1 } }
    let slow = IIRFilter.butterworthLowPass(order: 2, cornerFrequencyHz: 0.1, sampleRateHz: 50)
    func highPass(_ x: [Double]) -> [Double] { gyroHighPass ? zip(x, slow.applyCausal(x)).map { $0 - $1 } : x }
    let expected = total + [highPass(denoise(gyro.x)), highPass(denoise(gyro.y)), highPass(denoise(gyro.z))] + g3 + body

    let f = FilteredRecording(filtering: recording, options: PipelineOptions(gyroHighPass: gyroHighPass))
    let fused = [f.totalAcceleration.x, f.totalAcceleration.y, f.totalAcceleration.z,
                 f.angularVelocity.x, f.angularVelocity.y, f.angularVelocity.z,
                 f.gravity.x, f.gravity.y, f.gravity.z,
                 f.bodyAcceleration.x, f.bodyAcceleration.y, f.bodyAcceleration.z]
    #expect(f.sampleCount == samples)
    for (k, (a, b)) in zip(fused, expected).enumerated() {
      let first = zip(a, b).enumerated().first { $0.element.0.bitPattern != $0.element.1.bitPattern }?.offset
      #expect(a.count == b.count && first == nil, "channel \(k) of \(samples) samples differs first at \(first ?? -1)")
    }
  }
}
