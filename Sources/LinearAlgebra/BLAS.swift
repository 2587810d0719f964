// Shape-checked BLAS wrappers. A mismatch between two of our own matrices is a broken
// internal contract, so it is a `precondition` whose message gives both shapes.

/// Matrix product `C = alpha · op(A) · op(B)`, through BLAS `?gemm`.
///
/// - Parameters:
///   - a: shape (m, k), or (k, m) when `transposeA`.
///   - b: shape (k, n), or (n, k) when `transposeB`.
/// - Returns: shape (m, n).
/// - Precondition: the inner dimensions agree.
public func gemm<T: BLASScalar>(
  _ a: Matrix<T>, _ b: Matrix<T>, transposeA: Bool = false, transposeB: Bool = false, alpha: T = 1
) -> Matrix<T> {
  let m = transposeA ? a.columns : a.rows
  let n = transposeB ? b.rows : b.columns
  var c = Matrix<T>(rows: m, columns: n)
  gemm(a, b, transposeA: transposeA, transposeB: transposeB, alpha: alpha, beta: 0, into: &c)
  return c
}

/// In-place matrix product `C ← alpha · op(A) · op(B) + beta · C`, through BLAS `?gemm`.
///
/// - Parameters:
///   - a: shape (m, k), or (k, m) when `transposeA`.
///   - b: shape (k, n), or (n, k) when `transposeB`.
///   - c: shape (m, n); read when `beta != 0`, then overwritten.
/// - Precondition: the shapes agree.
public func gemm<T: BLASScalar>(
  _ a: Matrix<T>, _ b: Matrix<T>, transposeA: Bool = false, transposeB: Bool = false,
  alpha: T = 1, beta: T = 0, into c: inout Matrix<T>
) {
  let m = transposeA ? a.columns : a.rows
  let k = transposeA ? a.rows : a.columns
  let kB = transposeB ? b.columns : b.rows
  let n = transposeB ? b.rows : b.columns
  precondition(k == kB, "gemm: op(A) is (\(m), \(k)) but op(B) is (\(kB), \(n))")
  precondition(c.rows == m && c.columns == n, "gemm: C is (\(c.rows), \(c.columns)), expected (\(m), \(n))")
  if m == 0 || n == 0 { return }
  if k == 0 {
    // BLAS leaves C untouched only up to beta scaling; do it explicitly.
    for i in c.elements.indices { c.elements[i] = beta == 0 ? 0 : beta * c.elements[i] }
    return
  }
  a.elements.withUnsafeBufferPointer { pa in
    b.elements.withUnsafeBufferPointer { pb in
      c.elements.withUnsafeMutableBufferPointer { pc in
        T._gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                a: pa.baseAddress!, lda: max(1, a.columns), b: pb.baseAddress!, ldb: max(1, b.columns),
                beta: beta, c: pc.baseAddress!, ldc: max(1, n))
      }
    }
  }
}

/// Matrix–vector product `y = alpha · op(A) · x + beta · y`, through BLAS `?gemv`.
///
/// - Parameters:
///   - a: shape (m, n).
///   - x: length n, or m when `transpose`.
///   - y: length m, or n when `transpose`; read when `beta != 0`.
/// - Precondition: the lengths agree.
public func gemv<T: BLASScalar>(
  _ a: Matrix<T>, _ x: [T], transpose: Bool = false, alpha: T = 1, beta: T = 0, into y: inout [T]
) {
  let inputLength = transpose ? a.rows : a.columns
  let outputLength = transpose ? a.columns : a.rows
  precondition(x.count == inputLength, "gemv: op(A) is (\(outputLength), \(inputLength)) but x has \(x.count)")
  precondition(y.count == outputLength, "gemv: op(A) is (\(outputLength), \(inputLength)) but y has \(y.count)")
  if outputLength == 0 { return }
  if inputLength == 0 {
    for i in y.indices { y[i] = beta == 0 ? 0 : beta * y[i] }
    return
  }
  a.elements.withUnsafeBufferPointer { pa in
    x.withUnsafeBufferPointer { px in
      y.withUnsafeMutableBufferPointer { py in
        T._gemv(transpose: transpose, m: a.rows, n: a.columns, alpha: alpha, a: pa.baseAddress!, lda: a.columns,
                x: px.baseAddress!, incx: 1, beta: beta, y: py.baseAddress!, incy: 1)
      }
    }
  }
}

/// `op(A) · x`, a new vector.
public func gemv<T: BLASScalar>(_ a: Matrix<T>, _ x: [T], transpose: Bool = false) -> [T] {
  var y = [T](repeating: 0, count: transpose ? a.columns : a.rows)
  gemv(a, x, transpose: transpose, into: &y)
  return y
}

/// `y ← alpha · x + y`, through BLAS `?axpy`.
/// - Precondition: `x.count == y.count`.
public func axpy<T: BLASScalar>(_ alpha: T, _ x: [T], _ y: inout [T]) {
  precondition(x.count == y.count, "axpy: x has \(x.count) elements, y has \(y.count)")
  if x.isEmpty { return }
  x.withUnsafeBufferPointer { px in
    y.withUnsafeMutableBufferPointer { py in
      T._axpy(n: x.count, alpha: alpha, x: px.baseAddress!, incx: 1, y: py.baseAddress!, incy: 1)
    }
  }
}

/// The inner product `xᵀy`, through BLAS `?dot`.
/// - Precondition: `x.count == y.count`.
public func dot<T: BLASScalar>(_ x: [T], _ y: [T]) -> T {
  precondition(x.count == y.count, "dot: x has \(x.count) elements, y has \(y.count)")
  if x.isEmpty { return 0 }
  return x.withUnsafeBufferPointer { px in
    y.withUnsafeBufferPointer { py in T._dot(n: x.count, x: px.baseAddress!, incx: 1, y: py.baseAddress!, incy: 1) }
  }
}

/// The Euclidean norm `‖x‖₂`, through BLAS `?nrm2` (scaled to avoid overflow).
public func nrm2<T: BLASScalar>(_ x: [T]) -> T {
  if x.isEmpty { return 0 }
  return x.withUnsafeBufferPointer { T._nrm2(n: x.count, x: $0.baseAddress!, incx: 1) }
}

/// `x ← alpha · x`, through BLAS `?scal`.
public func scal<T: BLASScalar>(_ alpha: T, _ x: inout [T]) {
  if x.isEmpty { return }
  x.withUnsafeMutableBufferPointer { T._scal(n: $0.count, alpha: alpha, x: $0.baseAddress!, incx: 1) }
}
