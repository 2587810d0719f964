// `_parallelGemm` (LinearAlgebra/ParallelGemm.swift), the sgemm Deep's layers split over
// Swift threads: against a naive triple loop accumulated in Double, for every transpose
// and both split directions (rows of C when m ≥ n, columns otherwise), with beta ≠ 0 and
// leading dimensions wider than the matrices.
import LinearAlgebra
import Testing

@Suite("Parallel gemm")
struct ParallelGemmTests {
  @Test("Split over 2 threads = naive loops, every transpose, rows and columns split",
        arguments: [(300, 70, 40), (20, 300, 100)])
  func matchesNaive(shape: (Int, Int, Int)) {
    let (m, n, k) = shape
    #expect(m * n * k >= 2 * Float.minimumFlopsPerBlock, "the shape must be large enough to be split")
    var g = SeededGenerator(seed: 31)
    for transposeA in [false, true] {
      for transposeB in [false, true] {
        // Stored shapes: A (m, k) or (k, m); B (k, n) or (n, k); one spare column each.
        let (aRows, aColumns) = transposeA ? (k, m) : (m, k)
        let (bRows, bColumns) = transposeB ? (n, k) : (k, n)
        let (lda, ldb, ldc) = (aColumns + 1, bColumns + 1, n + 1)
        let a = (0..<(aRows * lda)).map { _ in Float(g.nextNormal()) }
        let b = (0..<(bRows * ldb)).map { _ in Float(g.nextNormal()) }
        let c0 = (0..<(m * ldc)).map { _ in Float(g.nextNormal()) }
        let (alpha, beta): (Float, Float) = (0.75, -0.5)
        var c = c0
        a.withUnsafeBufferPointer { a in
          b.withUnsafeBufferPointer { b in
            c.withUnsafeMutableBufferPointer { c in
              Float._parallelGemm(threads: 2, transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                                  alpha: alpha, a: a.baseAddress!, lda: lda, b: b.baseAddress!, ldb: ldb, beta: beta,
                                  c: c.baseAddress!, ldc: ldc)
            }
          }
        }
        var worst = 0.0
        for i in 0..<m {
          for j in 0..<n {
            var sum = 0.0
            for p in 0..<k {
              let x = transposeA ? a[p * lda + i] : a[i * lda + p]
              let y = transposeB ? b[j * ldb + p] : b[p * ldb + j]
              sum += Double(x) * Double(y)
            }
            let expected = Double(alpha) * sum + Double(beta) * Double(c0[i * ldc + j])
            worst = max(worst, abs(Double(c[i * ldc + j]) - expected) / max(1, abs(expected)))
          }
          #expect(c[i * ldc + n] == c0[i * ldc + n], "the spare column of C is left alone")
        }
        #expect(worst < 1e-5, "transposeA \(transposeA), transposeB \(transposeB): largest relative difference \(worst)")
      }
    }
  }
}
