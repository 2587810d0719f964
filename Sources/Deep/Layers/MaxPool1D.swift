// Max pooling over time with non-overlapping windows (Keras `MaxPooling1D` defaults:
// strides = poolSize, valid padding).
//
// Shapes: x (B, T, C), y (B, ⌊T/p⌋, C). Trailing steps that do not fill a window are
// dropped and get zero gradient. Ties go to the earliest step (gradient flows to it only).
//
// Speed: every loop runs over the C channels of one step with a single store stream, no
// integer conversions and no load under a condition, so each one vectorises; the winner is cached as a scalar of the
// layer's own type (an Int32 cache made LLVM emit scalar loops with a range check per value:
// 4.6 % of a cnn-lstm epoch, perf).

final class MaxPool1DLayer<S: DeepScalar> {
  let timeSteps: Int, channels: Int, poolSize: Int, outputSteps: Int
  /// Cache: for each output value, the offset 0..<p of the winning step as an `S`, (B, T_out, C).
  let argmax = Buffer<S>()

  init(timeSteps: Int, channels: Int, poolSize: Int) {
    self.timeSteps = timeSteps
    self.channels = channels
    self.poolSize = poolSize
    outputSteps = timeSteps / poolSize
  }

  func forward(output y: UnsafeMutablePointer<S>, input x: UnsafePointer<S>, batch: Int) {
    let (T, C, p, To) = (timeSteps, channels, poolSize, outputSteps)
    argmax.resize(batch * To * C)
    let arg = argmax.pointer
    for b in 0..<batch {
      for t in 0..<To {
        let out = y + (b * To + t) * C
        let a = arg + (b * To + t) * C
        let window = x + (b * T + t * p) * C
        // Two passes, one store stream each, so both vectorise: the maxima, then the
        // earliest step that attains each maximum (scanning backwards, the last hit is the earliest).
        for c in 0..<C { out[c] = window[c] }
        for q in 1..<max(p, 1) {
          let step = window + q * C
          for c in 0..<C {
            let v = step[c], m = out[c]
            out[c] = v > m ? v : m
          }
        }
        let lastStep = window + (p - 1) * C
        let last = S(p - 1)
        for c in 0..<C { a[c] = lastStep[c] == out[c] ? last : 0 }  // 0 if nothing matches (NaN)
        for q in stride(from: p - 2, through: 0, by: -1) {
          let step = window + q * C
          let offset = S(q)
          for c in 0..<C {
            let winner = a[c]  // loaded unconditionally: a load inside the select would keep it scalar
            a[c] = step[c] == out[c] ? offset : winner
          }
        }
      }
    }
  }

  /// dx (B, T, C): dy routed to each window's winning step, zero elsewhere.
  func backward(dInput dx: UnsafeMutablePointer<S>, dOutput dy: UnsafePointer<S>, batch: Int) {
    let (T, C, p, To) = (timeSteps, channels, poolSize, outputSteps)
    let arg = argmax.pointer
    for b in 0..<batch {
      for t in 0..<To {
        let g = dy + (b * To + t) * C
        let a = arg + (b * To + t) * C
        let window = dx + (b * T + t * p) * C
        // One pass per step of the window, each a single vectorisable select.
        for q in 0..<p {
          let step = window + q * C
          let offset = S(q)
          for c in 0..<C {
            let gradient = g[c]  // loaded unconditionally, so the select vectorises
            step[c] = a[c] == offset ? gradient : 0
          }
        }
      }
      // Trailing steps that fill no window get zero gradient.
      (dx + (b * T + To * p) * C).update(repeating: 0, count: (T - To * p) * C)
    }
  }
}
