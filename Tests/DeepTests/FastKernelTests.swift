// The faster layer kernels against the plain loops they replaced: dropout masks bit for
// bit against one-value-at-a-time drawing, max pooling's gradient routing (ties to the
// earliest step, trailing steps zero) against a hand-worked case, the LSTM with its bias
// added in the gate pass against a hand-computed step with a nonzero recurrent state.
// The gradient checks (GradientCheckTests) cover every fused kernel's backward pass.
import Deep
import Foundation
import LinearAlgebra
import Testing
import _TestSupport

@Suite("Fast layer kernels")
struct FastKernelTests {
  /// The dropout output of `x` (n values) in training mode, read through an identity dense layer.
  private func dropoutOutput(_ x: [Double], rate: Double, seed: UInt64) throws -> [Double] {
    let n = x.count
    let model = try Sequential<Double>(input: .flat(features: n), layers: [.dropout(rate: rate), .dense(units: n)], seed: 1)
    model.parameters = (0..<(n * n)).map { $0 / n == $0 % n ? 1 : 0 } + [Double](repeating: 0, count: n)
    var g = SeededGenerator(seed: seed)
    return model.logits(x, mode: .training, generator: &g)
  }

  @Test("Dropout masks equal one-value-at-a-time drawing, 16 bits per value, for any count",
        arguments: [(2, 0.5), (7, 0.25), (10, 0.3), (64, 0.5), (131, 0.9)])
  func dropoutMaskIsTheNaiveOne(count n: Int, rate: Double) throws {
    let x = (0..<n).map { Double($0 % 5) + 1.5 }
    let actual = try dropoutOutput(x, rate: rate, seed: 42)
    // The reference: four values per 64-bit draw, low 16 bits first.
    var g = SeededGenerator(seed: 42)
    let threshold = UInt64((rate * 65_536).rounded())
    var expected: [Double] = []
    var bits: UInt64 = 0
    for k in 0..<n {
      if k % 4 == 0 { bits = g.next() }
      expected.append(bits & 0xFFFF >= threshold ? x[k] * (1 / (1 - rate)) : 0)
      bits >>= 16
    }
    #expect(actual == expected)
  }

  @Test("MaxPool1D backward: gradient to the earliest maximum of each window, zero elsewhere and on trailing steps")
  func maxPoolRouting() throws {
    // T = 7, C = 2, p = 3: windows steps 0–2 and 3–5, step 6 dropped.
    let model = try Sequential<Double>(input: .sequence(time: 7, channels: 2),
                                       layers: [.maxPool1D(poolSize: 3), .flatten, .dense(units: 2)], seed: 1)
    // Dense (4, 2): logit 0 = 1·y[0,c0] + 2·y[0,c1] + 3·y[1,c0] + 4·y[1,c1]; logit 1 = 0.
    model.parameters = [1, 0, 2, 0, 3, 0, 4, 0] + [0, 0]
    //                       c0  c1
    let x: [Double] = [2, 1,      // t0: c0 ties with t2 → t0 wins (earliest)
                       0, 5,      // t1: c1 max
                       2, 3,      // t2
                       -1, -4,    // t3
                       -1, -2,    // t4: c0 ties with t3 → t3; c1 max
                       -3, -9,    // t5
                       9, 9]      // t6: dropped
    var g = SeededGenerator(seed: 0)
    // Softmax over (s, 0) with label 1: dL/ds = σ(s), dL/dy = σ(s)·w.
    let result = model.lossAndGradients(inputs: x, labels: [1], generator: &g)
    let s: Double = 1  // 1·2 + 2·5 + 3·(−1) + 4·(−2)
    let d: Double = 1 / (1 + Foundation.exp(-s))
    let expected: [Double] = [d, 0, 0, 2 * d, 0, 0, 3 * d, 0, 0, 4 * d, 0, 0, 0, 0]
    expectClose(result.inputGradients, expected)
  }

  @Test("LSTM, two steps, nonzero bias and recurrent state: the hand-computed recurrence")
  func lstmTwoSteps() throws {
    let model = try Sequential<Double>(input: .sequence(time: 2, channels: 1), layers: [.lstm(units: 1), .dense(units: 2)], seed: 1)
    let wx = [0.3, -0.7, 0.9, 0.4], wh = [0.6, -0.2, 0.5, 0.8], b = [0.05, 1, -0.1, 0.2]
    model.parameters = wx + wh + b + [1, 0] + [0, 0]
    func sigmoid(_ v: Double) -> Double { 1 / (1 + exp(-v)) }
    var (h, c) = (0.0, 0.0)
    for x in [0.5, -1.25] {
      let z: [Double] = (0..<4).map { k in x * wx[k] + h * wh[k] + b[k] }
      let (i, f, gate, o) = (sigmoid(z[0]), sigmoid(z[1]), tanh(z[2]), sigmoid(z[3]))
      c = f * c + i * gate
      h = o * tanh(c)
    }
    var g = SeededGenerator(seed: 0)
    expectClose(model.logits([0.5, -1.25], generator: &g), [h, 0], relative: 1e-12)
  }
}
