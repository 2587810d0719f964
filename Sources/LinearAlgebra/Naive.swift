// Naive Swift twins of the BLAS/LAPACK wrappers: the algorithmic reference that tests
// compare the fast versions against (cf. llm.c's matmul_forward_naive). Slow on purpose:
// plain loops, no blocking, accumulation in the element type.

/// Reference implementations. Not for hot paths.
public enum Naive {
  /// `alpha · op(A) · op(B)` by the triple loop; same shapes as `gemm`.
  public static func gemm<T: BLASScalar>(
    _ a: Matrix<T>, _ b: Matrix<T>, transposeA: Bool = false, transposeB: Bool = false, alpha: T = 1
  ) -> Matrix<T> {
    let m = transposeA ? a.columns : a.rows
    let k = transposeA ? a.rows : a.columns
    let n = transposeB ? b.rows : b.columns
    var c = Matrix<T>(rows: m, columns: n)
    for i in 0..<m {
      for j in 0..<n {
        var s: T = 0
        for p in 0..<k {
          let aip = transposeA ? a[p, i] : a[i, p]
          let bpj = transposeB ? b[j, p] : b[p, j]
          s += aip * bpj
        }
        c[i, j] = alpha * s
      }
    }
    return c
  }

  /// `op(A) · x` by the double loop.
  public static func gemv<T: BLASScalar>(_ a: Matrix<T>, _ x: [T], transpose: Bool = false) -> [T] {
    let outputLength = transpose ? a.columns : a.rows
    let inputLength = transpose ? a.rows : a.columns
    return (0..<outputLength).map { i in
      var s: T = 0
      for j in 0..<inputLength { s += (transpose ? a[j, i] : a[i, j]) * x[j] }
      return s
    }
  }

  /// `xᵀy`.
  public static func dot<T: BLASScalar>(_ x: [T], _ y: [T]) -> T { zip(x, y).reduce(0) { $0 + $1.0 * $1.1 } }

  /// Solves `A x = b` by Gaussian elimination with partial pivoting; A (n, n), B (n, nrhs).
  public static func solve<T: BLASScalar>(_ a: Matrix<T>, _ b: Matrix<T>) -> Matrix<T> {
    var a = a, b = b
    let n = a.rows
    for col in 0..<n {
      var pivot = col
      for r in col..<n where abs(a[r, col]) > abs(a[pivot, col]) { pivot = r }
      if pivot != col {
        for c in 0..<n { let t = a[col, c]; a[col, c] = a[pivot, c]; a[pivot, c] = t }
        for c in 0..<b.columns { let t = b[col, c]; b[col, c] = b[pivot, c]; b[pivot, c] = t }
      }
      for r in (col + 1)..<max(col + 1, n) {
        let f = a[r, col] / a[col, col]
        for c in col..<n { a[r, c] -= f * a[col, c] }
        for c in 0..<b.columns { b[r, c] -= f * b[col, c] }
      }
    }
    var x = Matrix<T>(rows: n, columns: b.columns)
    for c in 0..<b.columns {
      for r in stride(from: n - 1, through: 0, by: -1) {
        var s = b[r, c]
        for j in (r + 1)..<max(r + 1, n) { s -= a[r, j] * x[j, c] }
        x[r, c] = s / a[r, r]
      }
    }
    return x
  }
}
