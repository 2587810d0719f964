// Rectified linear unit, y = max(0, x), elementwise on any shape (n = B · values per example).
// The derivative at exactly 0 is taken as 0 (as PyTorch and TensorFlow do).

enum ReLULayer<S: DeepScalar> {
  static func forward(output y: UnsafeMutablePointer<S>, input x: UnsafePointer<S>, count n: Int) {
    for i in 0..<n {
      let v = x[i]
      y[i] = v > 0 ? v : 0
    }
  }

  /// dx = dy · [x > 0].
  static func backward(dInput dx: UnsafeMutablePointer<S>, dOutput dy: UnsafePointer<S>, input x: UnsafePointer<S>, count n: Int) {
    // Both loads are unconditional so the select vectorises (a load under the condition would not).
    for i in 0..<n {
      let g = dy[i]
      dx[i] = x[i] > 0 ? g : 0
    }
  }
}
