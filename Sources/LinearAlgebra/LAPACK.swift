// Shape-checked LAPACK wrappers (through LAPACKE, row-major). A non-zero LAPACK `info`
// is a property of the data (a singular or indefinite matrix), so it is thrown, not trapped.

/// A LAPACK routine reported failure through its `info` code.
public enum LinearAlgebraError: Error, CustomStringConvertible, Equatable {
  /// `?gesv`: U(i, i) is exactly zero (1-based `index`), so A is singular.
  case singular(routine: String, index: Int)
  /// `?potrf`: the leading minor of order `order` is not positive definite.
  case notPositiveDefinite(routine: String, order: Int)
  /// `?syevd`: the algorithm failed to converge.
  case noConvergence(routine: String, info: Int)
  /// An argument was illegal (`info < 0`): a bug in this wrapper.
  case illegalArgument(routine: String, position: Int)

  public var description: String {
    switch self {
    case let .singular(routine, index): "\(routine): matrix is singular (U(\(index),\(index)) = 0)"
    case let .notPositiveDefinite(routine, order):
      "\(routine): matrix is not positive definite (leading minor of order \(order))"
    case let .noConvergence(routine, info): "\(routine): failed to converge (info = \(info))"
    case let .illegalArgument(routine, position): "\(routine): argument \(position) had an illegal value"
    }
  }
}

/// Solves `A X = B` for a general square A by LU with partial pivoting (`?gesv`).
///
/// - Parameters:
///   - a: shape (n, n).
///   - b: shape (n, nrhs).
/// - Returns: X, shape (n, nrhs).
/// - Throws: `LinearAlgebraError.singular` when A is singular.
/// - Precondition: A is square and `b.rows == a.rows`.
public func solve<T: BLASScalar>(_ a: Matrix<T>, _ b: Matrix<T>) throws -> Matrix<T> {
  precondition(a.rows == a.columns, "solve: A must be square, got (\(a.rows), \(a.columns))")
  precondition(b.rows == a.rows, "solve: A is (\(a.rows), \(a.columns)) but B is (\(b.rows), \(b.columns))")
  let n = a.rows
  if n == 0 || b.columns == 0 { return b }
  var lu = a.elements, x = b.elements
  var pivots = [Int32](repeating: 0, count: n)
  let info = lu.withUnsafeMutableBufferPointer { pa in
    x.withUnsafeMutableBufferPointer { pb in
      pivots.withUnsafeMutableBufferPointer { pp in
        T._gesv(n: n, nrhs: b.columns, a: pa.baseAddress!, lda: n, ipiv: pp.baseAddress!, b: pb.baseAddress!, ldb: b.columns)
      }
    }
  }
  if info > 0 { throw LinearAlgebraError.singular(routine: "gesv", index: Int(info)) }
  if info < 0 { throw LinearAlgebraError.illegalArgument(routine: "gesv", position: Int(-info)) }
  return Matrix(rows: n, columns: b.columns, elements: x)
}

/// The Cholesky factor of a symmetric positive-definite matrix (`?potrf`).
///
/// - Parameter a: shape (n, n), symmetric; only its lower triangle is read.
/// - Returns: L, lower triangular with `A = L Lᵀ`; the strict upper triangle is zero.
/// - Throws: `LinearAlgebraError.notPositiveDefinite`.
public func choleskyFactor<T: BLASScalar>(_ a: Matrix<T>) throws -> Matrix<T> {
  precondition(a.rows == a.columns, "choleskyFactor: A must be square, got (\(a.rows), \(a.columns))")
  let n = a.rows
  var l = a
  if n == 0 { return l }
  let info = l.elements.withUnsafeMutableBufferPointer { T._potrf(upper: false, n: n, a: $0.baseAddress!, lda: n) }
  if info > 0 { throw LinearAlgebraError.notPositiveDefinite(routine: "potrf", order: Int(info)) }
  if info < 0 { throw LinearAlgebraError.illegalArgument(routine: "potrf", position: Int(-info)) }
  for r in 0..<n { for c in (r + 1)..<max(r + 1, n) { l[r, c] = 0 } }
  return l
}

/// Solves `A X = B` given the Cholesky factor L of A (`?potrs`).
///
/// - Parameters:
///   - factor: L from `choleskyFactor`, shape (n, n).
///   - b: shape (n, nrhs).
/// - Returns: X, shape (n, nrhs).
public func choleskySolve<T: BLASScalar>(factor: Matrix<T>, _ b: Matrix<T>) throws -> Matrix<T> {
  precondition(factor.rows == factor.columns, "choleskySolve: L must be square, got (\(factor.rows), \(factor.columns))")
  precondition(b.rows == factor.rows, "choleskySolve: L is (\(factor.rows), \(factor.columns)) but B is (\(b.rows), \(b.columns))")
  let n = factor.rows
  if n == 0 || b.columns == 0 { return b }
  var x = b.elements
  let info = factor.elements.withUnsafeBufferPointer { pa in
    x.withUnsafeMutableBufferPointer { pb in
      T._potrs(upper: false, n: n, nrhs: b.columns, a: pa.baseAddress!, lda: n, b: pb.baseAddress!, ldb: b.columns)
    }
  }
  if info < 0 { throw LinearAlgebraError.illegalArgument(routine: "potrs", position: Int(-info)) }
  return Matrix(rows: n, columns: b.columns, elements: x)
}

/// Eigen-decomposition of a symmetric matrix by divide and conquer (`?syevd`).
///
/// - Parameter a: shape (n, n), symmetric; only its lower triangle is read.
/// - Returns: `values` in ascending order (length n) and `vectors`, shape (n, n), whose
///   column j is the unit eigenvector of `values[j]`: `A V = V diag(values)`.
/// - Throws: `LinearAlgebraError.noConvergence`.
public func symmetricEigen<T: BLASScalar>(_ a: Matrix<T>) throws -> (values: [T], vectors: Matrix<T>) {
  precondition(a.rows == a.columns, "symmetricEigen: A must be square, got (\(a.rows), \(a.columns))")
  let n = a.rows
  var v = a
  var w = [T](repeating: 0, count: n)
  if n == 0 { return (w, v) }
  let info = v.elements.withUnsafeMutableBufferPointer { pa in
    w.withUnsafeMutableBufferPointer { pw in
      T._syevd(computeVectors: true, upper: false, n: n, a: pa.baseAddress!, lda: n, w: pw.baseAddress!)
    }
  }
  if info > 0 { throw LinearAlgebraError.noConvergence(routine: "syevd", info: Int(info)) }
  if info < 0 { throw LinearAlgebraError.illegalArgument(routine: "syevd", position: Int(-info)) }
  return (w, v)
}
