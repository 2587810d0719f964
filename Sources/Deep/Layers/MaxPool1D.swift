// Max pooling over time with non-overlapping windows (Keras `MaxPooling1D` defaults:
// strides = poolSize, valid padding).
//
// Shapes: x (B, T, C), y (B, ⌊T/p⌋, C). Trailing steps that do not fill a window are
// dropped and get zero gradient. Ties go to the earliest step (gradient flows to it only).

final class MaxPool1DLayer<S: DeepScalar> {
  let timeSteps: Int, channels: Int, poolSize: Int, outputSteps: Int
  /// Cache: for each output value, the offset 0..<p of the winning step, (B, T_out, C).
  let argmax = Buffer<Int32>()

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
        for c in 0..<C { a[c] = lastStep[c] == out[c] ? Int32(p - 1) : 0 }  // 0 if nothing matches (NaN)
        for q in stride(from: p - 2, through: 0, by: -1) {
          let step = window + q * C
          for c in 0..<C { a[c] = step[c] == out[c] ? Int32(q) : a[c] }
        }
      }
    }
  }

  /// dx (B, T, C): dy routed to each window's winning step, zero elsewhere.
  func backward(dInput dx: UnsafeMutablePointer<S>, dOutput dy: UnsafePointer<S>, batch: Int) {
    let (T, C, p, To) = (timeSteps, channels, poolSize, outputSteps)
    dx.update(repeating: 0, count: batch * T * C)
    let arg = argmax.pointer
    for b in 0..<batch {
      for t in 0..<To {
        let g = dy + (b * To + t) * C
        let a = arg + (b * To + t) * C
        let window = dx + (b * T + t * p) * C
        for c in 0..<C { window[Int(a[c]) * C + c] = g[c] }
      }
    }
  }
}
