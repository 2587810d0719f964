import CBLAS

/// The number of threads OpenBLAS uses for one call.
///
/// Results are bit-for-bit repeatable only for a fixed thread count: BLAS may split a
/// reduction differently with more threads. `har` sets this from `--threads` before any
/// work and writes it into every report.
public enum BLASThreads {
  /// The current thread count.
  public static var count: Int {
    _ = BLASKernels.selection
    return Int(openblas_get_num_threads())
  }

  /// Sets the thread count (clamped to at least 1). Like every entry point here, it first
  /// makes sure OpenBLAS's kernels are chosen (`BLASKernels.selection`).
  public static func set(_ n: Int) {
    _ = BLASKernels.selection
    openblas_set_num_threads(Int32(max(1, n)))
  }

  /// OpenBLAS's build description, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64".
  public static var configuration: String {
    guard let p = openblas_get_config() else { return "unknown" }
    let s = String(cString: p)
    return String(s.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}
