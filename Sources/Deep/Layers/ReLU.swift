// Rectified linear unit, y = max(0, x), elementwise on any shape (n = B · values per example).
// The derivative at exactly 0 is taken as 0 (as PyTorch and TensorFlow do).

enum ReLULayer<S: DeepScalar> {
  static func forward(output y: UnsafeMutablePointer<S>, input x: UnsafePointer<S>, count n: Int) {
    for i in 0..<n { y[i] = x[i] > 0 ? x[i] : 0 }
  }

  /// dx = dy · [x > 0].
  static func backward(dInput dx: UnsafeMutablePointer<S>, dOutput dy: UnsafePointer<S>, input x: UnsafePointer<S>, count n: Int) {
    for i in 0..<n { dx[i] = x[i] > 0 ? dy[i] : 0 }
  }
}
