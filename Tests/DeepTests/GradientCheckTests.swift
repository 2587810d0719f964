// Gradient checks: every layer, the loss and a full small model, analytic gradients against
// central finite differences computed in Double (h = 1e-5), on tiny random shapes
// (B = 3, T = 4, C = 3, H = 5). Relative error ‖g − ĝ‖ / (‖g‖ + ‖ĝ‖) must be below 1e-6 in
// Double (issue 5 asks for 1e-3); one Float check uses h = 1e-2 and 1e-2, as STYLE.md §7 says.
import Deep
import LinearAlgebra
import Testing
import _TestSupport

/// ‖a − b‖ / (‖a‖ + ‖b‖), 0 when both are 0.
func relativeError<T: BinaryFloatingPoint>(_ a: [T], _ b: [T]) -> Double {
  var d = 0.0, na = 0.0, nb = 0.0
  for i in a.indices {
    d += Double((a[i] - b[i]) * (a[i] - b[i]))
    na += Double(a[i] * a[i])
    nb += Double(b[i] * b[i])
  }
  let denominator = na.squareRoot() + nb.squareRoot()
  return denominator == 0 ? 0 : d.squareRoot() / denominator
}

struct GradientCheck {
  var parameterError: Double
  var inputError: Double
  var gradientNorm: Double
}

/// Compares `lossAndGradients` with central differences of the loss for every parameter and
/// every input value. The dropout masks are the same in every evaluation (same generator seed).
func gradientCheck<T: DeepScalar>(
  _ type: T.Type, input: FeatureShape, layers: [LayerSpec], batch: Int = 3, classes: Int = 3, step h: T = 1e-5,
  seed: UInt64 = 11
) throws -> GradientCheck {
  let model = try Sequential<T>(input: input, layers: layers, seed: seed)
  #expect(model.classCount == classes)
  var g = SeededGenerator(seed: seed &+ 1)
  let x = (0..<(batch * input.elementCount)).map { _ in T(g.nextNormal()) }
  let y = (0..<batch).map { _ in g.nextInt(below: classes) }
  // Spread the biases away from zero so that ReLU and max-pooling see no ties.
  var theta = model.parameters
  for i in theta.indices where theta[i] == 0 { theta[i] = T(0.1 * g.nextNormal()) }
  model.parameters = theta
  let state = model.state

  func loss(_ p: [T], _ inputs: [T]) -> T {
    model.parameters = p
    model.state = state
    var dropout = SeededGenerator(seed: 99)
    return model.lossAndGradients(inputs: inputs, labels: y, generator: &dropout).loss
  }
  model.state = state
  var dropout = SeededGenerator(seed: 99)
  let analytic = model.lossAndGradients(inputs: x, labels: y, generator: &dropout)

  var numericParameters = [T](repeating: 0, count: theta.count)
  for i in theta.indices {
    var plus = theta, minus = theta
    plus[i] += h
    minus[i] -= h
    numericParameters[i] = (loss(plus, x) - loss(minus, x)) / (2 * h)
  }
  var numericInputs = [T](repeating: 0, count: x.count)
  for i in x.indices {
    var plus = x, minus = x
    plus[i] += h
    minus[i] -= h
    numericInputs[i] = (loss(theta, plus) - loss(theta, minus)) / (2 * h)
  }
  let norm = analytic.gradients.reduce(0.0) { $0 + Double($1 * $1) }.squareRoot()
  return GradientCheck(parameterError: relativeError(analytic.gradients, numericParameters),
                       inputError: relativeError(analytic.inputGradients, numericInputs), gradientNorm: norm)
}

struct LayerGradientCase: CustomTestStringConvertible, Sendable {
  var name: String
  var input: FeatureShape
  var layers: [LayerSpec]
  var batch = 3
  var testDescription: String { name }
}

let seq43 = FeatureShape.sequence(time: 4, channels: 3)

let layerCases: [LayerGradientCase] = [
  .init(name: "Dense (and its input gradient through a second Dense)", input: .flat(features: 4),
        layers: [.dense(units: 5), .dense(units: 3)]),
  .init(name: "Conv1D valid", input: seq43, layers: [.conv1D(filters: 4, kernelSize: 3), .flatten, .dense(units: 3)]),
  .init(name: "Conv1D same, odd kernel", input: seq43,
        layers: [.conv1D(filters: 4, kernelSize: 3, padding: .same), .flatten, .dense(units: 3)]),
  .init(name: "Conv1D same, even kernel", input: .sequence(time: 5, channels: 2),
        layers: [.conv1D(filters: 3, kernelSize: 4, padding: .same), .flatten, .dense(units: 3)]),
  .init(name: "MaxPool1D (with a dropped trailing step)", input: .sequence(time: 5, channels: 2),
        layers: [.conv1D(filters: 3, kernelSize: 2, padding: .same), .maxPool1D(poolSize: 2), .flatten, .dense(units: 3)]),
  .init(name: "ReLU", input: .flat(features: 4), layers: [.dense(units: 6), .relu, .dense(units: 3)]),
  .init(name: "Dropout (fixed mask)", input: .flat(features: 4), layers: [.dense(units: 6), .dropout(rate: 0.5), .dense(units: 3)]),
  .init(name: "Flatten", input: seq43, layers: [.flatten, .dense(units: 3)]),
  .init(name: "BatchNorm on a sequence, training mode", input: seq43,
        layers: [.conv1D(filters: 3, kernelSize: 2), .batchNorm(), .flatten, .dense(units: 3)]),
  .init(name: "BatchNorm on a vector, training mode", input: .flat(features: 4),
        layers: [.dense(units: 5), .batchNorm(momentum: 0.9, epsilon: 1e-3), .dense(units: 3)], batch: 5),
  .init(name: "LSTM, last state, 4 steps", input: seq43, layers: [.lstm(units: 5), .dense(units: 3)]),
  .init(name: "LSTM, whole sequence, 4 steps", input: seq43,
        layers: [.lstm(units: 5, returnSequences: true), .flatten, .dense(units: 3)]),
  .init(name: "Stacked LSTM, 6 steps", input: .sequence(time: 6, channels: 2),
        layers: [.lstm(units: 4, returnSequences: true), .lstm(units: 5), .dense(units: 3)]),
  .init(name: "Full model: conv, ReLU, pool, batch norm, two LSTMs, dropout, dense", input: .sequence(time: 8, channels: 3),
        layers: [.conv1D(filters: 4, kernelSize: 2, padding: .same), .relu, .maxPool1D(poolSize: 2), .batchNorm(),
                 .lstm(units: 5, returnSequences: true), .dropout(rate: 0.3), .lstm(units: 4), .dense(units: 6), .relu,
                 .dense(units: 3)], batch: 4),
]

@Suite("Gradient checks")
struct GradientCheckTests {
  @Test("Each layer in Double: analytic = central differences", arguments: layerCases)
  func layerInDouble(_ c: LayerGradientCase) throws {
    let r = try gradientCheck(Double.self, input: c.input, layers: c.layers, batch: c.batch)
    #expect(r.gradientNorm > 1e-3, "gradient is trivially small, the check would prove nothing")
    #expect(r.parameterError < 1e-6, "parameters: relative error \(r.parameterError)")
    #expect(r.inputError < 1e-6, "inputs: relative error \(r.inputError)")
  }

  @Test("The Float model agrees with central differences (h = 1e-2)")
  func lstmInFloat() throws {
    let r = try gradientCheck(Float.self, input: seq43, layers: [.lstm(units: 5, returnSequences: true), .flatten, .dense(units: 3)],
                              step: 1e-2)
    #expect(r.parameterError < 1e-2, "parameters: relative error \(r.parameterError)")
    #expect(r.inputError < 1e-2, "inputs: relative error \(r.inputError)")
  }

  @Test("Softmax cross-entropy: fused gradient (p − onehot)/B = central differences")
  func loss() {
    var g = SeededGenerator(seed: 5)
    let (B, K) = (4, 5)
    let z = (0..<(B * K)).map { _ in 3 * g.nextNormal() }
    let y = (0..<B).map { _ in g.nextInt(below: K) }
    let r = SoftmaxCrossEntropy.lossAndGradient(logits: z, labels: y, classes: K)
    let h = 1e-5
    let numeric = z.indices.map { i -> Double in
      var plus = z, minus = z
      plus[i] += h
      minus[i] -= h
      return (SoftmaxCrossEntropy.lossAndGradient(logits: plus, labels: y, classes: K).loss
        - SoftmaxCrossEntropy.lossAndGradient(logits: minus, labels: y, classes: K).loss) / (2 * h)
    }
    #expect(relativeError(r.dLogits, numeric) < 1e-8)
    for b in 0..<B {
      expectClose(r.probabilities[(b * K)..<((b + 1) * K)].reduce(0, +), 1, relative: 1e-12, "row \(b) sums to 1")
    }
    // Shift invariance and no overflow for huge logits.
    let shifted = SoftmaxCrossEntropy.lossAndGradient(logits: z.map { $0 + 1000 }, labels: y, classes: K)
    expectClose(shifted.loss, r.loss, relative: 1e-9)
    // Uniform logits: loss = log K.
    let uniform = SoftmaxCrossEntropy.lossAndGradient(logits: [Double](repeating: 0.3, count: K), labels: [2], classes: K)
    expectClose(uniform.loss, 1.6094379124341003, relative: 1e-12)
  }
}
