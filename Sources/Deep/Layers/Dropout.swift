// Inverted dropout, elementwise on any shape (n = B · values per example).
//
// Training: mask[i] = 1/(1 − rate) with probability 1 − rate, else 0; y = x · mask.
// Inference: y = x. The mask is drawn from the trainer's seeded generator, 16 bits per
// value (four values per 64-bit draw), so the same seed gives the same masks. A value is
// kept when its 16-bit uniform u satisfies u ≥ round(rate·2¹⁶): the keep probability is
// exactly 1 − rate for rates that are multiples of 2⁻¹⁶ (0.5, 0.25, …) and within 8e-6 of
// it otherwise.
//
// Speed: the mask is drawn in two vectorisable passes instead of one value at a time:
// first the ⌈n/4⌉ 64-bit draws into a scratch buffer (stored little-endian), then one
// compare-and-select per value over that buffer read as 16-bit lanes, value k taking
// bits 16·(k mod 4) … of draw ⌊k/4⌋, exactly as the one-at-a-time loop did; the masks
// are the same bit for bit.
import LinearAlgebra

final class DropoutLayer<S: DeepScalar> {
  let rate: Double
  /// Cache: the mask of the last training forward pass, (n).
  let mask = Buffer<S>()
  /// Workspace: the generator's draws for one mask, (⌈n/4⌉), little-endian.
  let draws = Buffer<UInt64>()

  init(rate: Double) { self.rate = rate }

  func forward(output y: UnsafeMutablePointer<S>, input x: UnsafePointer<S>, count n: Int, training: Bool,
               generator: inout SeededGenerator) {
    guard training && rate > 0 else {
      y.update(from: x, count: n)
      return
    }
    mask.resize(n)
    let drawCount = (n + 3) / 4
    draws.resize(drawCount)
    let m = mask.pointer, d = draws.pointer
    let scale = S(1 / (1 - rate))
    let threshold = UInt32((rate * 65_536).rounded())  // 65,536 (rate ≈ 1) keeps nothing
    var local = generator  // a local copy stays in a register; stores to `d` cannot alias it
    for k in 0..<drawCount { d[k] = local.next().littleEndian }
    generator = local
    UnsafeRawPointer(d).withMemoryRebound(to: UInt16.self, capacity: 4 * drawCount) { lanes in
      for k in 0..<n { m[k] = UInt32(UInt16(littleEndian: lanes[k])) >= threshold ? scale : 0 }
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
