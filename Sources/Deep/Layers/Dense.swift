// Fully connected layer, y = x·W + b.
//
// Shapes: x (B, I), W (I, O) as Keras stores it, b (O), y (B, O).
// Parameter layout in the model's flat buffer: W, then b.
// Applied per time step (`LayerSpec.timeDistributedDense`, Keras's `Dense` on a sequence),
// x is (B, T, I) and y (B, T, O): row-major, that is the same product on B·T rows, so the
// layer only multiplies the batch by `rowsPerExample` = T; W and b are shared by all steps
// and their gradients sum over them.
import LinearAlgebra

final class DenseLayer<S: DeepScalar> {
  /// I, inputs per example.
  let inputFeatures: Int
  /// O, outputs per row.
  let units: Int
  /// Rows of I inputs per example: 1 for a flat input, T when applied to every time step.
  let rowsPerExample: Int

  init(inputFeatures: Int, units: Int, rowsPerExample: Int = 1) {
    self.inputFeatures = inputFeatures
    self.units = units
    self.rowsPerExample = rowsPerExample
  }

  var parameterCount: Int { inputFeatures * units + units }

  /// Glorot-uniform kernel (fan in I, fan out O), zero bias: Keras's `Dense` defaults.
  func initialize(_ parameters: UnsafeMutablePointer<S>, generator: inout SeededGenerator) {
    glorotUniform(parameters, count: inputFeatures * units, fanIn: inputFeatures, fanOut: units, generator: &generator)
    (parameters + inputFeatures * units).update(repeating: 0, count: units)
  }

  /// y (B·rowsPerExample, O) = x (B·rowsPerExample, I) · W (I, O) + b; the sgemm split over
  /// `threads` (Sequential+Threads.swift).
  func forward(output y: UnsafeMutablePointer<S>, input x: UnsafePointer<S>, batch examples: Int, parameters: UnsafePointer<S>,
               threads: Int = 1) {
    let (I, O) = (inputFeatures, units)
    let batch = examples * rowsPerExample
    let bias = parameters + I * O
    for r in 0..<batch { (y + r * O).update(from: bias, count: O) }
    S._parallelGemm(threads: threads, transposeA: false, transposeB: false, m: batch, n: O, k: I, alpha: 1, a: x, lda: I,
                    b: parameters, ldb: O, beta: 1, c: y, ldc: O)
  }

  /// Adds dW = xᵀ·dy and db = Σ_rows dy into `gradients`; writes dx = dy·Wᵀ (B·rowsPerExample, I) when asked.
  func backward(dInput dx: UnsafeMutablePointer<S>?, dOutput dy: UnsafePointer<S>, input x: UnsafePointer<S>,
                batch examples: Int, parameters: UnsafePointer<S>, gradients: UnsafeMutablePointer<S>, threads: Int = 1) {
    let (I, O) = (inputFeatures, units)
    let batch = examples * rowsPerExample
    S._parallelGemm(threads: threads, transposeA: true, transposeB: false, m: I, n: O, k: batch, alpha: 1, a: x, lda: I,
                    b: dy, ldb: O, beta: 1, c: gradients, ldc: O)
    addColumnSums(dy, rows: batch, columns: O, into: gradients + I * O)
    if let dx {
      S._parallelGemm(threads: threads, transposeA: false, transposeB: true, m: batch, n: I, k: O, alpha: 1, a: dy, lda: O,
                      b: parameters, ldb: O, beta: 0, c: dx, ldc: I)
    }
  }
}

/// into[c] += Σ_r x[r, c] for a row-major (rows, columns) matrix.
@inline(__always) func addColumnSums<S: DeepScalar>(
  _ x: UnsafePointer<S>, rows: Int, columns: Int, into sums: UnsafeMutablePointer<S>
) {
  for r in 0..<rows {
    let row = x + r * columns
    for c in 0..<columns { sums[c] += row[c] }
  }
}
