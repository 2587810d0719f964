// The two element types we compute in, and how each reaches its BLAS/LAPACK routine.
//
// Decisions, in priority order:
// 1. One generic surface (`Matrix<Scalar>`, `gemm`, …) so Features/Classic (Double) and
//    Deep (Float) share code; the s/d dispatch happens here and nowhere else.
// 2. Storage is row-major everywhere; we pass `CblasRowMajor` / `LAPACK_ROW_MAJOR`.
import CBLAS
import CLAPACKE

/// A floating-point type with BLAS and LAPACK routines: `Float` (s…) or `Double` (d…).
///
/// The static requirements are the raw, pointer-level entry points. Prefer the
/// shape-checked functions in `BLAS.swift` and `LAPACK.swift`; these exist so that hot
/// loops (e.g. the LSTM recurrence) can work on slices of a larger buffer.
public protocol BLASScalar: BinaryFloatingPoint, Sendable, Codable
where Self.RawSignificand: FixedWidthInteger {
  /// C ← alpha·op(A)·op(B) + beta·C, row-major. op(A) is (m, k), op(B) is (k, n), C is (m, n).
  static func _gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Self, a: UnsafePointer<Self>, lda: Int,
    b: UnsafePointer<Self>, ldb: Int,
    beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
  /// y ← alpha·op(A)·x + beta·y, row-major A of shape (m, n).
  static func _gemv(
    transpose: Bool, m: Int, n: Int, alpha: Self, a: UnsafePointer<Self>, lda: Int,
    x: UnsafePointer<Self>, incx: Int, beta: Self, y: UnsafeMutablePointer<Self>, incy: Int)
  /// y ← alpha·x + y.
  static func _axpy(n: Int, alpha: Self, x: UnsafePointer<Self>, incx: Int, y: UnsafeMutablePointer<Self>, incy: Int)
  /// xᵀy.
  static func _dot(n: Int, x: UnsafePointer<Self>, incx: Int, y: UnsafePointer<Self>, incy: Int) -> Self
  /// ‖x‖₂.
  static func _nrm2(n: Int, x: UnsafePointer<Self>, incx: Int) -> Self
  /// x ← alpha·x.
  static func _scal(n: Int, alpha: Self, x: UnsafeMutablePointer<Self>, incx: Int)

  // LAPACK, row-major. Each returns LAPACK's `info` (0 on success).
  static func _gesv(n: Int, nrhs: Int, a: UnsafeMutablePointer<Self>, lda: Int,
                    ipiv: UnsafeMutablePointer<Int32>, b: UnsafeMutablePointer<Self>, ldb: Int) -> Int32
  static func _potrf(upper: Bool, n: Int, a: UnsafeMutablePointer<Self>, lda: Int) -> Int32
  static func _potrs(upper: Bool, n: Int, nrhs: Int, a: UnsafePointer<Self>, lda: Int,
                     b: UnsafeMutablePointer<Self>, ldb: Int) -> Int32
  static func _syevd(computeVectors: Bool, upper: Bool, n: Int, a: UnsafeMutablePointer<Self>, lda: Int,
                     w: UnsafeMutablePointer<Self>) -> Int32
}

@inline(__always) private func trans(_ t: Bool) -> CBLAS_TRANSPOSE { t ? CblasTrans : CblasNoTrans }
@inline(__always) private func uplo(_ upper: Bool) -> CChar { upper ? CChar(UInt8(ascii: "U")) : CChar(UInt8(ascii: "L")) }

// Every entry point first touches `BLASKernels.selection`, so OpenBLAS's kernels are
// chosen (once, thread-safely through the `static let`) before the first call anywhere.
extension Float: BLASScalar {
  @inlinable public static func _gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
    b: UnsafePointer<Float>, ldb: Int, beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    _ = BLASKernels.selection
    cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }
  public static func _gemv(transpose: Bool, m: Int, n: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
                           x: UnsafePointer<Float>, incx: Int, beta: Float, y: UnsafeMutablePointer<Float>, incy: Int) {
    _ = BLASKernels.selection
    cblas_sgemv(CblasRowMajor, trans(transpose), Int32(m), Int32(n), alpha, a, Int32(lda), x, Int32(incx), beta, y, Int32(incy))
  }
  public static func _axpy(n: Int, alpha: Float, x: UnsafePointer<Float>, incx: Int, y: UnsafeMutablePointer<Float>, incy: Int) {
    _ = BLASKernels.selection
    cblas_saxpy(Int32(n), alpha, x, Int32(incx), y, Int32(incy))
  }
  public static func _dot(n: Int, x: UnsafePointer<Float>, incx: Int, y: UnsafePointer<Float>, incy: Int) -> Float {
    _ = BLASKernels.selection
    return cblas_sdot(Int32(n), x, Int32(incx), y, Int32(incy))
  }
  public static func _nrm2(n: Int, x: UnsafePointer<Float>, incx: Int) -> Float {
    _ = BLASKernels.selection
    return cblas_snrm2(Int32(n), x, Int32(incx))
  }
  public static func _scal(n: Int, alpha: Float, x: UnsafeMutablePointer<Float>, incx: Int) {
    _ = BLASKernels.selection
    cblas_sscal(Int32(n), alpha, x, Int32(incx))
  }
  public static func _gesv(n: Int, nrhs: Int, a: UnsafeMutablePointer<Float>, lda: Int,
                           ipiv: UnsafeMutablePointer<Int32>, b: UnsafeMutablePointer<Float>, ldb: Int) -> Int32 {
    _ = BLASKernels.selection
    return LAPACKE_sgesv(LAPACK_ROW_MAJOR, Int32(n), Int32(nrhs), a, Int32(lda), ipiv, b, Int32(ldb))
  }
  public static func _potrf(upper: Bool, n: Int, a: UnsafeMutablePointer<Float>, lda: Int) -> Int32 {
    _ = BLASKernels.selection
    return LAPACKE_spotrf(LAPACK_ROW_MAJOR, uplo(upper), Int32(n), a, Int32(lda))
  }
  public static func _potrs(upper: Bool, n: Int, nrhs: Int, a: UnsafePointer<Float>, lda: Int,
                            b: UnsafeMutablePointer<Float>, ldb: Int) -> Int32 {
    _ = BLASKernels.selection
    return LAPACKE_spotrs(LAPACK_ROW_MAJOR, uplo(upper), Int32(n), Int32(nrhs), a, Int32(lda), b, Int32(ldb))
  }
  public static func _syevd(computeVectors: Bool, upper: Bool, n: Int, a: UnsafeMutablePointer<Float>, lda: Int,
                            w: UnsafeMutablePointer<Float>) -> Int32 {
    _ = BLASKernels.selection
    return LAPACKE_ssyevd(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: computeVectors ? "V" : "N")), uplo(upper), Int32(n), a, Int32(lda), w)
  }
}

extension Double: BLASScalar {
  @inlinable public static func _gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
    b: UnsafePointer<Double>, ldb: Int, beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    _ = BLASKernels.selection
    cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }
  public static func _gemv(transpose: Bool, m: Int, n: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
                           x: UnsafePointer<Double>, incx: Int, beta: Double, y: UnsafeMutablePointer<Double>, incy: Int) {
    _ = BLASKernels.selection
    cblas_dgemv(CblasRowMajor, trans(transpose), Int32(m), Int32(n), alpha, a, Int32(lda), x, Int32(incx), beta, y, Int32(incy))
  }
  public static func _axpy(n: Int, alpha: Double, x: UnsafePointer<Double>, incx: Int, y: UnsafeMutablePointer<Double>, incy: Int) {
    _ = BLASKernels.selection
    cblas_daxpy(Int32(n), alpha, x, Int32(incx), y, Int32(incy))
  }
  public static func _dot(n: Int, x: UnsafePointer<Double>, incx: Int, y: UnsafePointer<Double>, incy: Int) -> Double {
    _ = BLASKernels.selection
    return cblas_ddot(Int32(n), x, Int32(incx), y, Int32(incy))
  }
  public static func _nrm2(n: Int, x: UnsafePointer<Double>, incx: Int) -> Double {
    _ = BLASKernels.selection
    return cblas_dnrm2(Int32(n), x, Int32(incx))
  }
  public static func _scal(n: Int, alpha: Double, x: UnsafeMutablePointer<Double>, incx: Int) {
    _ = BLASKernels.selection
    cblas_dscal(Int32(n), alpha, x, Int32(incx))
  }
  public static func _gesv(n: Int, nrhs: Int, a: UnsafeMutablePointer<Double>, lda: Int,
                           ipiv: UnsafeMutablePointer<Int32>, b: UnsafeMutablePointer<Double>, ldb: Int) -> Int32 {
    _ = BLASKernels.selection
    return LAPACKE_dgesv(LAPACK_ROW_MAJOR, Int32(n), Int32(nrhs), a, Int32(lda), ipiv, b, Int32(ldb))
  }
  public static func _potrf(upper: Bool, n: Int, a: UnsafeMutablePointer<Double>, lda: Int) -> Int32 {
    _ = BLASKernels.selection
    return LAPACKE_dpotrf(LAPACK_ROW_MAJOR, uplo(upper), Int32(n), a, Int32(lda))
  }
  public static func _potrs(upper: Bool, n: Int, nrhs: Int, a: UnsafePointer<Double>, lda: Int,
                            b: UnsafeMutablePointer<Double>, ldb: Int) -> Int32 {
    _ = BLASKernels.selection
    return LAPACKE_dpotrs(LAPACK_ROW_MAJOR, uplo(upper), Int32(n), Int32(nrhs), a, Int32(lda), b, Int32(ldb))
  }
  public static func _syevd(computeVectors: Bool, upper: Bool, n: Int, a: UnsafeMutablePointer<Double>, lda: Int,
                            w: UnsafeMutablePointer<Double>) -> Int32 {
    _ = BLASKernels.selection
    return LAPACKE_dsyevd(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: computeVectors ? "V" : "N")), uplo(upper), Int32(n), a, Int32(lda), w)
  }
}
