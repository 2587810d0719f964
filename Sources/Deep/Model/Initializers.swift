// Weight initialisers, as Keras defines them (keras.initializers).
//
// Every draw comes from the caller's seeded generator, in row-major order of the kernel,
// so a seed fixes every weight.
import LinearAlgebra

/// Glorot & Bengio (2010) uniform: U(−l, l) with l = √(6 / (fanIn + fanOut)).
func glorotUniform<S: DeepScalar>(_ w: UnsafeMutablePointer<S>, count: Int, fanIn: Int, fanOut: Int,
                                  generator: inout SeededGenerator) {
  let limit = (6.0 / Double(fanIn + fanOut)).squareRoot()
  for i in 0..<count { w[i] = S((2 * generator.nextUnitDouble() - 1) * limit) }
}

/// Saxe et al. (2014) orthogonal, gain 1, as Keras's `Orthogonal`: draw a standard normal
/// (max(r, c), min(r, c)) matrix, take the Q of its QR factorisation with the signs that make
/// diag(R) positive (which is exactly what Gram–Schmidt produces), and transpose it when
/// r < c. The result (r, c) has orthonormal rows (r ≤ c) or columns (r ≥ c).
func orthogonal<S: DeepScalar>(_ w: UnsafeMutablePointer<S>, rows: Int, columns: Int, generator: inout SeededGenerator) {
  let n = max(rows, columns), m = min(rows, columns)
  var a = [Double](repeating: 0, count: n * m)  // (n, m), row-major
  for i in a.indices { a[i] = generator.nextNormal() }
  // Modified Gram–Schmidt on the m columns, twice for orthogonality to working precision.
  for j in 0..<m {
    for _ in 0..<2 {
      for p in 0..<j {
        var d = 0.0
        for i in 0..<n { d += a[i * m + p] * a[i * m + j] }
        for i in 0..<n { a[i * m + j] -= d * a[i * m + p] }
      }
    }
    var norm = 0.0
    for i in 0..<n { norm += a[i * m + j] * a[i * m + j] }
    norm = norm.squareRoot()
    for i in 0..<n { a[i * m + j] /= norm }
  }
  for r in 0..<rows {
    for c in 0..<columns {
      w[r * columns + c] = S(rows < columns ? a[c * m + r] : a[r * m + c])
    }
  }
}
