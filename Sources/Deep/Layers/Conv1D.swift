// 1-D convolution over time, stride 1, by im2col + one sgemm.
//
// Shapes: x (B, T, C), W (k, C, F) as Keras stores it, read as a (k·C, F) matrix, b (F),
// y (B, T_out, F) with T_out = T − k + 1 (valid) or T (same: ⌊(k−1)/2⌋ zeros before, the
// rest after, as TensorFlow pads). Like Keras (and unlike a textbook convolution) the
// kernel is not flipped: y[t, f] = b[f] + Σ_j Σ_c x[t + j − padBefore, c] · W[j, c, f].
// Parameter layout: W, then b.
//
// im2col: row (b, t) of `columns` (B·T_out, k·C) holds the k input steps that output step t
// sees, zero where they fall into the padding; then y = columns · W + b is one sgemm.
import LinearAlgebra

final class Conv1DLayer<S: DeepScalar> {
  let timeSteps: Int, channels: Int, filters: Int, kernelSize: Int
  let padBefore: Int, outputSteps: Int
  /// Cache: the im2col matrix of the last forward pass, (B·T_out, k·C).
  let columns = Buffer<S>()
  /// Workspace: dL/dcolumns, (B·T_out, k·C).
  let dColumns = Buffer<S>()
  /// Workspace: Wᵀ (F, k·C), so that dcolumns = dy·Wᵀ is an untransposed sgemm (OpenBLAS
  /// packs a transposed operand more slowly).
  let kernelTransposed = Buffer<S>()

  init(timeSteps: Int, channels: Int, filters: Int, kernelSize: Int, padding: Padding) {
    self.timeSteps = timeSteps
    self.channels = channels
    self.filters = filters
    self.kernelSize = kernelSize
    padBefore = padding == .same ? (kernelSize - 1) / 2 : 0
    outputSteps = padding == .same ? timeSteps : timeSteps - kernelSize + 1
  }

  var parameterCount: Int { kernelSize * channels * filters + filters }

  /// Glorot-uniform kernel with Keras's conv fans (fan in k·C, fan out k·F), zero bias.
  func initialize(_ parameters: UnsafeMutablePointer<S>, generator: inout SeededGenerator) {
    let n = kernelSize * channels * filters
    glorotUniform(parameters, count: n, fanIn: kernelSize * channels, fanOut: kernelSize * filters, generator: &generator)
    (parameters + n).update(repeating: 0, count: filters)
  }

  /// y (B, T_out, F) = im2col(x) · W + b; the sgemm split over `threads` (Sequential+Threads.swift).
  func forward(output y: UnsafeMutablePointer<S>, input x: UnsafePointer<S>, batch: Int, parameters: UnsafePointer<S>,
               threads: Int = 1) {
    let (T, C, F, k, To) = (timeSteps, channels, filters, kernelSize, outputSteps)
    let kc = k * C
    columns.resize(batch * To * kc)
    let cols = columns.pointer
    for b in 0..<batch {
      for t in 0..<To {
        let row = cols + (b * To + t) * kc
        let first = t - padBefore
        if first >= 0 && first + k <= T {
          row.update(from: x + (b * T + first) * C, count: kc)  // the k steps are contiguous in x
        } else {
          for j in 0..<k {
            let ti = first + j
            if ti >= 0 && ti < T {
              (row + j * C).update(from: x + (b * T + ti) * C, count: C)
            } else {
              (row + j * C).update(repeating: 0, count: C)
            }
          }
        }
      }
    }
    let bias = parameters + kc * F
    let rows = batch * To
    for r in 0..<rows { (y + r * F).update(from: bias, count: F) }
    S._parallelGemm(threads: threads, transposeA: false, transposeB: false, m: rows, n: F, k: kc, alpha: 1, a: cols, lda: kc,
                    b: parameters, ldb: F, beta: 1, c: y, ldc: F)
  }

  /// Adds dW = columnsᵀ·dy and db = Σ dy; writes dx = col2im(dy·Wᵀ) (B, T, C) when asked.
  func backward(dInput dx: UnsafeMutablePointer<S>?, dOutput dy: UnsafePointer<S>, batch: Int,
                parameters: UnsafePointer<S>, gradients: UnsafeMutablePointer<S>, threads: Int = 1) {
    let (T, C, F, k, To) = (timeSteps, channels, filters, kernelSize, outputSteps)
    let kc = k * C
    let rows = batch * To
    S._parallelGemm(threads: threads, transposeA: true, transposeB: false, m: kc, n: F, k: rows, alpha: 1, a: columns.pointer, lda: kc,
                    b: dy, ldb: F, beta: 1, c: gradients, ldc: F)
    addColumnSums(dy, rows: rows, columns: F, into: gradients + kc * F)
    guard let dx else { return }
    dColumns.resize(rows * kc)
    let dcols = dColumns.pointer
    kernelTransposed.resize(F * kc)
    transpose(parameters, rows: kc, columns: F, into: kernelTransposed.pointer)
    S._parallelGemm(threads: threads, transposeA: false, transposeB: false, m: rows, n: kc, k: F, alpha: 1, a: dy, lda: F,
                    b: kernelTransposed.pointer, ldb: kc, beta: 0, c: dcols, ldc: kc)
    // col2im: every column entry flows back to the input value it was copied from.
    dx.update(repeating: 0, count: batch * T * C)
    for b in 0..<batch {
      for t in 0..<To {
        let row = dcols + (b * To + t) * kc
        for j in 0..<k {
          let ti = t - padBefore + j
          if ti < 0 || ti >= T { continue }
          let target = dx + (b * T + ti) * C
          let source = row + j * C
          for c in 0..<C { target[c] += source[c] }
        }
      }
    }
  }
}
