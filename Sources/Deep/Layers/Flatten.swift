// Flatten: (B, T, C) → (B, T·C). Row-major storage makes this a copy of the same bytes
// (kept as a copy so every layer owns its output buffer).

enum FlattenLayer<S: DeepScalar> {
  static func forward(output y: UnsafeMutablePointer<S>, input x: UnsafePointer<S>, count n: Int) {
    y.update(from: x, count: n)
  }

  static func backward(dInput dx: UnsafeMutablePointer<S>, dOutput dy: UnsafePointer<S>, count n: Int) {
    dx.update(from: dy, count: n)
  }
}
