// Out-of-place matrix transposition, for callers that keep a transposed copy of a small
// weight matrix so that a product with it is an untransposed gemm (OpenBLAS packs a
// transposed operand more slowly, and Deep's LSTM multiplies by the same Whᵀ every step).
//
// Blocked in 16 × 16 tiles so that both the reads and the writes stay within a few cache
// lines per tile, whichever of the two is strided.

/// Writes Aᵀ (columns, rows) into `destination`, row-major, for A (rows, columns) row-major.
///
/// - Precondition: `source` and `destination` do not overlap.
public func transpose<Scalar>(_ source: UnsafePointer<Scalar>, rows: Int, columns: Int,
                              into destination: UnsafeMutablePointer<Scalar>) {
  precondition(rows >= 0 && columns >= 0, "transpose: negative shape (\(rows), \(columns))")
  let tile = 16
  for r0 in stride(from: 0, to: rows, by: tile) {
    let r1 = min(r0 + tile, rows)
    for c0 in stride(from: 0, to: columns, by: tile) {
      let c1 = min(c0 + tile, columns)
      for r in r0..<r1 {
        for c in c0..<c1 { destination[c * rows + r] = source[r * columns + c] }
      }
    }
  }
}
