// Optimizers: Adam and plain SGD (with optional classical momentum), each one per-element
// update over the model's flat parameter buffer.
//
// Adam (Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1),
// with the step counter t starting at 1:
//     m ← β1·m + (1 − β1)·g
//     v ← β2·v + (1 − β2)·g²
//     θ ← θ − lr · m̂ / (√v̂ + ε),   m̂ = m / (1 − β1ᵗ),  v̂ = v / (1 − β2ᵗ)
// Defaults lr 1e-3, β1 0.9, β2 0.999, ε 1e-8: the paper's and PyTorch's. Keras's default
// is ε = 1e-7; we keep the paper's value because our accuracy targets were measured with
// PyTorch. Pass `.adam(epsilon: 1e-7)` for Keras's.
//
// SGD: θ ← θ − lr·g, or with momentum μ > 0: u ← μ·u + g, θ ← θ − lr·u (PyTorch's form).

/// Which update rule to use, with its hyperparameters (the learning rate is separate).
public enum OptimizerKind: Hashable, Sendable, Codable, CustomStringConvertible {
  /// Adam; defaults β1 0.9, β2 0.999, ε 1e-8 (Kingma & Ba 2015).
  case adam(beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8)
  /// Stochastic gradient descent; momentum 0 is plain SGD.
  case sgd(momentum: Double = 0)

  /// Adam with its defaults.
  public static var adam: OptimizerKind { .adam() }
  /// Plain SGD.
  public static var sgd: OptimizerKind { .sgd() }

  public var description: String {
    switch self {
    case let .adam(b1, b2, e): "Adam(β1 \(b1), β2 \(b2), ε \(e))"
    case let .sgd(m): m == 0 ? "SGD" : "SGD(momentum \(m))"
    }
  }

  func validate() throws {
    switch self {
    case let .adam(b1, b2, e):
      guard b1 >= 0 && b1 < 1 else { throw TrainingError.invalidConfiguration("adam beta1 must be in [0, 1), got \(b1)") }
      guard b2 >= 0 && b2 < 1 else { throw TrainingError.invalidConfiguration("adam beta2 must be in [0, 1), got \(b2)") }
      guard e > 0 else { throw TrainingError.invalidConfiguration("adam epsilon must be > 0, got \(e)") }
    case let .sgd(m):
      guard m >= 0 && m < 1 else { throw TrainingError.invalidConfiguration("sgd momentum must be in [0, 1), got \(m)") }
    }
  }
}

/// An optimizer's mutable state: everything a checkpoint must keep to resume bit for bit.
struct OptimizerState: Equatable {
  /// t, the number of updates made so far.
  var step: Int = 0
  /// Adam's m, or SGD's momentum buffer u, (P).
  var firstMoment: [Float]
  /// Adam's v, (P); empty for SGD.
  var secondMoment: [Float]

  init(kind: OptimizerKind, parameterCount: Int) {
    firstMoment = [Float](repeating: 0, count: parameterCount)
    if case .adam = kind {
      secondMoment = [Float](repeating: 0, count: parameterCount)
    } else {
      secondMoment = []
    }
  }

  init(step: Int, firstMoment: [Float], secondMoment: [Float]) {
    self.step = step
    self.firstMoment = firstMoment
    self.secondMoment = secondMoment
  }

  /// One update of `parameters` (P) from `gradients` (P).
  mutating func update(kind: OptimizerKind, learningRate: Float, parameters: UnsafeMutablePointer<Float>,
                       gradients: UnsafePointer<Float>, count n: Int) {
    step += 1
    switch kind {
    case let .adam(beta1, beta2, epsilon):
      let b1 = Float(beta1), b2 = Float(beta2), eps = Float(epsilon)
      // Bias corrections in Double: β2ᵗ underflows Float's precision late in training.
      let c1 = Float(1 / (1 - pow(beta1, step))), c2 = Float(1 / (1 - pow(beta2, step)))
      // Three passes with one store stream each, so that each loop vectorises (a fused loop
      // writing m, v and θ through pointers that might alias stays scalar). Same arithmetic.
      firstMoment.withUnsafeMutableBufferPointer { mb in
        secondMoment.withUnsafeMutableBufferPointer { vb in
          let m = mb.baseAddress!, v = vb.baseAddress!
          for i in 0..<n { m[i] = b1 * m[i] + (1 - b1) * gradients[i] }
          for i in 0..<n { let g = gradients[i]; v[i] = b2 * v[i] + (1 - b2) * g * g }
          for i in 0..<n { parameters[i] -= learningRate * (m[i] * c1) / ((v[i] * c2).squareRoot() + eps) }
        }
      }
    case let .sgd(momentum):
      if momentum == 0 {
        for i in 0..<n { parameters[i] -= learningRate * gradients[i] }
      } else {
        let mu = Float(momentum)
        firstMoment.withUnsafeMutableBufferPointer { u in
          for i in 0..<n {
            u[i] = mu * u[i] + gradients[i]
            parameters[i] -= learningRate * u[i]
          }
        }
      }
    }
  }
}

/// βᵗ by repeated squaring, exact for the integers t we use (no Foundation needed).
private func pow(_ base: Double, _ exponent: Int) -> Double {
  var result = 1.0, b = base, e = exponent
  while e > 0 {
    if e & 1 == 1 { result *= b }
    b *= b
    e >>= 1
  }
  return result
}
