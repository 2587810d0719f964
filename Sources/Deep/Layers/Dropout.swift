// Inverted dropout, elementwise on any shape (n = B · values per example).
//
// Training: mask[i] = 1/(1 − rate) with probability 1 − rate, else 0; y = x · mask.
// Inference: y = x. The mask is drawn from the trainer's seeded generator, 16 bits per
// value (four values per 64-bit draw), so the same seed gives the same masks. A value is
// kept when its 16-bit uniform u satisfies u ≥ round(rate·2¹⁶): the keep probability is
// exactly 1 − rate for rates that are multiples of 2⁻¹⁶ (0.5, 0.25, …) and within 8e-6 of
// it otherwise.
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
    let threshold = UInt64((rate * 65_536).rounded())
    var local = generator  // a local copy stays in a register; stores to `m` cannot alias it
    var i = 0
    while i < n {
      var bits = local.next()
      for k in i..<min(i + 4, n) {
        m[k] = bits & 0xFFFF >= threshold ? scale : 0
        bits >>= 16
      }
      i += 4
    }
    generator = local
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
