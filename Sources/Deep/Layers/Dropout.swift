// Inverted dropout, elementwise on any shape (n = B · values per example).
//
// Training: mask[i] = 1/(1 − rate) with probability 1 − rate, else 0; y = x · mask.
// Inference: y = x. The mask is drawn from the trainer's seeded generator, 32 bits per
// value (two values per 64-bit draw), so the same seed gives the same masks.
import LinearAlgebra

final class DropoutLayer<S: DeepScalar> {
  let rate: Double
  /// Cache: the mask of the last training forward pass, (n).
  let mask = Buffer<S>()

  init(rate: Double) { self.rate = rate }

  func forward(output y: UnsafeMutablePointer<S>, input x: UnsafePointer<S>, count n: Int, training: Bool,
               generator: inout SeededGenerator) {
    guard training && rate > 0 else {
      y.update(from: x, count: n)
      return
    }
    mask.resize(n)
    let m = mask.pointer
    let scale = S(1 / (1 - rate))
    // Keep when the 32-bit uniform u satisfies u ≥ rate·2³².
    let threshold = UInt64((rate * 4_294_967_296).rounded(.up))
    var i = 0
    while i < n {
      let bits = generator.next()
      m[i] = (bits & 0xFFFF_FFFF) >= threshold ? scale : 0
      if i + 1 < n { m[i + 1] = (bits >> 32) >= threshold ? scale : 0 }
      i += 2
    }
    for j in 0..<n { y[j] = x[j] * m[j] }
  }

  /// dx = dy · mask (training), dy (inference or rate 0).
  func backward(dInput dx: UnsafeMutablePointer<S>, dOutput dy: UnsafePointer<S>, count n: Int, training: Bool) {
    guard training && rate > 0 else {
      dx.update(from: dy, count: n)
      return
    }
    let m = mask.pointer
    for j in 0..<n { dx[j] = dy[j] * m[j] }
  }
}
