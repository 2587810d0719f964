// Synthetic sequence-classification data for tests: class k is a sinusoid of its own
// frequency in every channel, with a random phase per example (shared by its channels,
// each channel shifted by a fixed 0.3 rad more than the previous) and channel-dependent
// amplitude, plus Gaussian noise.
import Deep
import LinearAlgebra

/// N examples of (T, C), K classes, balanced (example i has class i mod K before shuffling).
func sinusoids(count: Int, timeSteps T: Int, channels C: Int = 9, classes K: Int = 6, noise: Double = 0.2,
               seed: UInt64) throws -> SequenceDataset {
  var g = SeededGenerator(seed: seed)
  var inputs: [Float] = []
  inputs.reserveCapacity(count * T * C)
  var labels: [Int] = []
  for i in 0..<count {
    let k = i % K
    let frequency = 0.03 + 0.05 * Double(k)  // cycles per step: 0.03 … 0.28
    let phase = 2 * Double.pi * g.nextUnitDouble()
    let phases = (0..<C).map { phase + 0.3 * Double($0) }
    for t in 0..<T {
      for c in 0..<C {
        let amplitude = 0.5 + 0.1 * Double(c)
        let v = amplitude * sine(2 * Double.pi * frequency * Double(t) + phases[c]) + noise * g.nextNormal()
        inputs.append(Float(v))
      }
    }
    labels.append(k)
  }
  return try SequenceDataset(inputs: inputs, labels: labels, timeSteps: T, channels: C)
}

/// sin(x) by range reduction to [−π, π] and a Taylor series (tests avoid Foundation).
func sine(_ x: Double) -> Double {
  var r = x.truncatingRemainder(dividingBy: 2 * Double.pi)
  if r > Double.pi { r -= 2 * Double.pi }
  if r < -Double.pi { r += 2 * Double.pi }
  var term = r, sum = 0.0
  for n in 1..<15 {
    sum += term
    term *= -r * r / Double((2 * n) * (2 * n + 1))
  }
  return sum
}

/// Random inputs and labels (for shape, determinism and error tests).
func noise(count: Int, timeSteps T: Int, channels C: Int, classes K: Int, seed: UInt64) throws -> SequenceDataset {
  var g = SeededGenerator(seed: seed)
  let x = (0..<(count * T * C)).map { _ in Float(g.nextNormal()) }
  let y = (0..<count).map { _ in g.nextInt(below: K) }
  return try SequenceDataset(inputs: x, labels: y, timeSteps: T, channels: C)
}
