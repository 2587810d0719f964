// Batch normalisation (Ioffe & Szegedy 2015) over the last axis.
//
// Shapes: x and y (N, C) where N = B·T rows for a sequence (B, T, C) and N = B for a vector
// (B, C). Parameters: gamma (C) then beta (C). State (not trained): running mean (C) then
// running variance (C), initialised to 0 and 1.
//
// Training:  mean, var over the N rows (biased variance, as Keras uses for both the
//            normalisation and the moving average; PyTorch keeps the unbiased one);
//            rstd = 1/√(var + ε) ("reciprocal standard deviation"); x̂ = (x − mean)·rstd;
//            y = gamma·x̂ + beta; running ← momentum·running + (1 − momentum)·batch statistic.
// Inference: y = gamma·(x − running mean)/√(running var + ε) + beta.
// Backward (training statistics):
//            dx = gamma·rstd/N · (N·dy − Σdy − x̂·Σ(dy·x̂)), dgamma = Σ dy·x̂, dbeta = Σ dy.

final class BatchNormLayer<S: DeepScalar> {
  /// C, the normalised axis.
  let channels: Int
  let momentum: S
  let epsilon: S
  /// Cache: x̂ of the last training forward pass, (N, C).
  let normalized = Buffer<S>()
  /// Cache: rstd of the last training forward pass, (C).
  let reciprocalStd = Buffer<S>()
  /// Workspace: per-channel sums, (2C).
  let sums = Buffer<S>()

  init(channels: Int, momentum: Double, epsilon: Double) {
    self.channels = channels
    self.momentum = S(momentum)
    self.epsilon = S(epsilon)
  }

  var parameterCount: Int { 2 * channels }
  var stateCount: Int { 2 * channels }

  func initialize(_ parameters: UnsafeMutablePointer<S>, state: UnsafeMutablePointer<S>) {
    parameters.update(repeating: 1, count: channels)
    (parameters + channels).update(repeating: 0, count: channels)
    state.update(repeating: 0, count: channels)
    (state + channels).update(repeating: 1, count: channels)
  }

  func forward(output y: UnsafeMutablePointer<S>, input x: UnsafePointer<S>, rows n: Int, parameters: UnsafePointer<S>,
               state: UnsafeMutablePointer<S>, training: Bool) {
    let C = channels
    let gamma = parameters, beta = parameters + C
    let runningMean = state, runningVar = state + C
    guard training else {
      // y = scale·x + shift with scale = gamma/√(var + ε), shift = beta − scale·mean, per channel.
      sums.resize(2 * C)
      let scale = sums.pointer, shift = sums.pointer + C
      for c in 0..<C {
        scale[c] = gamma[c] / (runningVar[c] + epsilon).squareRoot()
        shift[c] = beta[c] - scale[c] * runningMean[c]
      }
      for r in 0..<n {
        let xr = x + r * C, yr = y + r * C
        for c in 0..<C { yr[c] = scale[c] * xr[c] + shift[c] }
      }
      return
    }
    sums.resize(2 * C)
    reciprocalStd.resize(C)
    normalized.resize(n * C)
    let mean = sums.pointer, variance = sums.pointer + C
    let rstd = reciprocalStd.pointer, xhat = normalized.pointer
    sums.zero()
    for r in 0..<n { let xr = x + r * C; for c in 0..<C { mean[c] += xr[c] } }
    let invN = 1 / S(n)
    for c in 0..<C { mean[c] *= invN }
    for r in 0..<n {
      let xr = x + r * C
      for c in 0..<C { let d = xr[c] - mean[c]; variance[c] += d * d }
    }
    for c in 0..<C {
      variance[c] *= invN
      rstd[c] = 1 / (variance[c] + epsilon).squareRoot()
      runningMean[c] = momentum * runningMean[c] + (1 - momentum) * mean[c]
      runningVar[c] = momentum * runningVar[c] + (1 - momentum) * variance[c]
    }
    for r in 0..<n {
      let xr = x + r * C, yr = y + r * C, hr = xhat + r * C
      for c in 0..<C {
        let h = (xr[c] - mean[c]) * rstd[c]
        hr[c] = h
        yr[c] = gamma[c] * h + beta[c]
      }
    }
  }

  /// Adds dgamma, dbeta into `gradients`; writes dx (N, C). Needs a training forward pass.
  func backward(dInput dx: UnsafeMutablePointer<S>?, dOutput dy: UnsafePointer<S>, rows n: Int,
                parameters: UnsafePointer<S>, gradients: UnsafeMutablePointer<S>) {
    let C = channels
    let sumDy = sums.pointer, sumDyXhat = sums.pointer + C
    let rstd = reciprocalStd.pointer, xhat = normalized.pointer
    sums.zero()
    for r in 0..<n {
      let g = dy + r * C, h = xhat + r * C
      for c in 0..<C { sumDy[c] += g[c]; sumDyXhat[c] += g[c] * h[c] }
    }
    for c in 0..<C { gradients[c] += sumDyXhat[c]; gradients[C + c] += sumDy[c] }
    guard let dx else { return }
    let gamma = parameters
    let N = S(n), invN = 1 / S(n)
    for r in 0..<n {
      let g = dy + r * C, h = xhat + r * C, d = dx + r * C
      for c in 0..<C { d[c] = gamma[c] * rstd[c] * invN * (N * g[c] - sumDy[c] - h[c] * sumDyXhat[c]) }
    }
  }
}
