// gemm split over Swift threads, each block a single-threaded BLAS call: the threading
// model Deep uses instead of OpenBLAS's own thread pool (see Deep's Sequential+Threads).
//
// Decisions, in priority order:
// 1. Deterministic: the split depends only on the shape and the thread count, and every
//    element of C is computed by one call with the whole k-sum, so the result repeats for
//    a fixed thread count (it may differ from one unsplit call in the last bits, as
//    OpenBLAS's own threading may).
// 2. No reduction across threads: C is split along its longer side (rows of C when
//    m ≥ n, else columns), never along k.
// 3. Small products run unsplit: below `minimumFlopsPerBlock` a thread's start-up costs
//    more than its share of the work.
import Dispatch

extension BLASScalar {
  /// Multiply-adds below which a block is not worth its own thread (measured cost of a
  /// concurrentPerform dispatch ≈ 5–10 µs; 2¹⁸ multiply-adds take ≈ 10 µs on one AVX-512 core).
  public static var minimumFlopsPerBlock: Int { 1 << 18 }

  /// C ← alpha·op(A)·op(B) + beta·C, row-major, as `_gemm`, with C split into at most
  /// `threads` blocks of rows (m ≥ n) or columns (m < n) computed concurrently, each by a
  /// single-threaded BLAS call. Call it with OpenBLAS set to one thread.
  ///
  /// Shapes: op(A) (m, k), op(B) (k, n), C (m, n) with leading dimensions lda, ldb, ldc.
  public static func _parallelGemm(
    threads: Int, transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Self, a: UnsafePointer<Self>,
    lda: Int, b: UnsafePointer<Self>, ldb: Int, beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int
  ) {
    let splitRows = m >= n
    let side = splitRows ? m : n
    let blocks = max(1, min(threads, side / 8, m * n * k / minimumFlopsPerBlock))
    if blocks == 1 {
      _gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
            b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
      return
    }
    // Each block writes its own rows (or columns) of C: no data race.
    nonisolated(unsafe) let (a, b, c) = (a, b, c)
    DispatchQueue.concurrentPerform(iterations: blocks) { block in
      let lo = block * side / blocks, hi = (block + 1) * side / blocks
      if splitRows {  // rows lo..<hi of op(A) and of C
        _gemm(transposeA: transposeA, transposeB: transposeB, m: hi - lo, n: n, k: k, alpha: alpha,
              a: transposeA ? a + lo : a + lo * lda, lda: lda, b: b, ldb: ldb, beta: beta, c: c + lo * ldc, ldc: ldc)
      } else {        // columns lo..<hi of op(B) and of C
        _gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: hi - lo, k: k, alpha: alpha, a: a, lda: lda,
              b: transposeB ? b + lo * ldb : b + lo, ldb: ldb, beta: beta, c: c + lo, ldc: ldc)
      }
    }
  }
}
