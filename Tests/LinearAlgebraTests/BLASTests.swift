// Every BLAS wrapper against its naive Swift twin, on random non-square shapes and all
// transpose combinations, in Float and Double.
import LinearAlgebra
import Testing
import _TestSupport

func randomMatrix<T: BLASScalar>(_ rows: Int, _ columns: Int, _ g: inout SeededGenerator) -> Matrix<T> {
  Matrix(rows: rows, columns: columns, elements: (0..<(rows * columns)).map { _ in T(g.nextUnitDouble() * 2 - 1) })
}

@Suite struct BLASTests {
  @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
  func gemmMatchesNaiveLoops(transposeA: Bool, transposeB: Bool) {
    var g = SeededGenerator(seed: 7)
    let (m, k, n) = (5, 7, 3)
    let a: Matrix<Double> = transposeA ? randomMatrix(k, m, &g) : randomMatrix(m, k, &g)
    let b: Matrix<Double> = transposeB ? randomMatrix(n, k, &g) : randomMatrix(k, n, &g)
    let fast = gemm(a, b, transposeA: transposeA, transposeB: transposeB, alpha: 0.5)
    let slow = Naive.gemm(a, b, transposeA: transposeA, transposeB: transposeB, alpha: 0.5)
    #expect(fast.rows == m && fast.columns == n)
    expectClose(fast.elements, slow.elements, relative: 1e-12, absolute: 1e-14)

    let af: Matrix<Float> = Matrix(rows: a.rows, columns: a.columns, elements: a.elements.map(Float.init))
    let bf: Matrix<Float> = Matrix(rows: b.rows, columns: b.columns, elements: b.elements.map(Float.init))
    let fastF = gemm(af, bf, transposeA: transposeA, transposeB: transposeB)
    let slowF = Naive.gemm(af, bf, transposeA: transposeA, transposeB: transposeB)
    expectClose(fastF.elements, slowF.elements, relative: 1e-5, absolute: 1e-6)
  }

  @Test func gemmAccumulatesWithBeta() {
    var g = SeededGenerator(seed: 8)
    let a: Matrix<Double> = randomMatrix(4, 6, &g), b: Matrix<Double> = randomMatrix(6, 2, &g)
    var c: Matrix<Double> = randomMatrix(4, 2, &g)
    let c0 = c
    gemm(a, b, alpha: 2, beta: -1, into: &c)
    let ab = Naive.gemm(a, b)
    expectClose(c.elements, zip(ab.elements, c0.elements).map { 2 * $0 - $1 }, relative: 1e-12, absolute: 1e-14)
  }

  @Test(arguments: [false, true])
  func gemvMatchesNaiveLoops(transpose: Bool) {
    var g = SeededGenerator(seed: 9)
    let a: Matrix<Double> = randomMatrix(6, 4, &g)
    let x = (0..<(transpose ? 6 : 4)).map { _ in g.nextUnitDouble() }
    expectClose(gemv(a, x, transpose: transpose), Naive.gemv(a, x, transpose: transpose), relative: 1e-12, absolute: 1e-14)
    var y = [Double](repeating: 1, count: transpose ? 4 : 6)
    gemv(a, x, transpose: transpose, alpha: 3, beta: 0.5, into: &y)
    expectClose(y, Naive.gemv(a, x, transpose: transpose).map { 3 * $0 + 0.5 }, relative: 1e-12, absolute: 1e-14)
  }

  @Test func level1MatchesNaiveLoops() {
    var g = SeededGenerator(seed: 10)
    let x = (0..<37).map { _ in g.nextUnitDouble() - 0.5 }
    var y = (0..<37).map { _ in g.nextUnitDouble() - 0.5 }
    let y0 = y
    expectClose(dot(x, y), Naive.dot(x, y), relative: 1e-12)
    expectClose(nrm2(x), Naive.dot(x, x).squareRoot(), relative: 1e-12)
    axpy(-2.5, x, &y)
    expectClose(y, zip(x, y0).map { -2.5 * $0 + $1 }, relative: 1e-12, absolute: 1e-15)
    var z = x
    scal(4, &z)
    expectClose(z, x.map { 4 * $0 }, relative: 0, absolute: 0)
    #expect(nrm2([3.0, 4.0]) == 5)
    #expect(dot([Float](), []) == 0)
  }

  @Test func emptyShapesAreHarmless() {
    let a = Matrix<Double>(rows: 3, columns: 0), b = Matrix<Double>(rows: 0, columns: 2)
    #expect(gemm(a, b).elements == [Double](repeating: 0, count: 6))
  }
}

@Suite struct LAPACKTests {
  @Test func solveMatchesGaussianElimination() throws {
    var g = SeededGenerator(seed: 11)
    var a: Matrix<Double> = randomMatrix(6, 6, &g)
    for i in 0..<6 { a[i, i] += 3 }
    let b: Matrix<Double> = randomMatrix(6, 3, &g)
    let x = try solve(a, b)
    expectClose(x.elements, Naive.solve(a, b).elements, relative: 1e-10, absolute: 1e-12)
    expectClose(gemm(a, x).elements, b.elements, relative: 1e-10, absolute: 1e-12)
  }

  @Test func solveThrowsOnSingularMatrix() {
    let a = Matrix<Double>([[1, 2], [2, 4]])
    #expect(throws: LinearAlgebraError.self) { try solve(a, Matrix([[1], [1]])) }
  }

  @Test func choleskyFactorsAndSolves() throws {
    var g = SeededGenerator(seed: 12)
    let r: Matrix<Double> = randomMatrix(5, 5, &g)
    var spd = gemm(r, r, transposeB: true)
    for i in 0..<5 { spd[i, i] += 1 }
    let l = try choleskyFactor(spd)
    for i in 0..<5 { for j in (i + 1)..<5 { #expect(l[i, j] == 0) } }
    expectClose(gemm(l, l, transposeB: true).elements, spd.elements, relative: 1e-12, absolute: 1e-12)
    let b: Matrix<Double> = randomMatrix(5, 2, &g)
    let x = try choleskySolve(factor: l, b)
    expectClose(x.elements, Naive.solve(spd, b).elements, relative: 1e-10, absolute: 1e-12)
  }

  @Test func choleskyRejectsIndefiniteMatrix() {
    #expect(throws: LinearAlgebraError.notPositiveDefinite(routine: "potrf", order: 2)) {
      try choleskyFactor(Matrix<Double>([[1, 2], [2, 1]]))
    }
  }

  @Test func symmetricEigenOfAnalyticCase() throws {
    // [[2, 1], [1, 2]] has eigenvalues 1 and 3 with eigenvectors (1, −1)/√2 and (1, 1)/√2.
    let (values, vectors) = try symmetricEigen(Matrix<Double>([[2, 1], [1, 2]]))
    expectClose(values, [1, 3], relative: 1e-14, absolute: 1e-14)
    let s = 1 / 2.0.squareRoot()
    expectClose(abs(vectors[0, 0]), s, relative: 1e-12)
    expectClose(vectors[0, 0] * vectors[1, 0], -0.5, relative: 1e-12)
    expectClose(vectors[0, 1] * vectors[1, 1], 0.5, relative: 1e-12)
  }

  @Test func symmetricEigenReconstructsRandomMatrix() throws {
    var g = SeededGenerator(seed: 13)
    let r: Matrix<Double> = randomMatrix(7, 7, &g)
    let rt = r.transposed()
    var sym = [Double](repeating: 0, count: 49)
    for i in 0..<49 { sym[i] = r.elements[i] + rt.elements[i] }
    let a = Matrix(rows: 7, columns: 7, elements: sym)
    let (values, v) = try symmetricEigen(a)
    #expect(values == values.sorted())
    var vd = v
    for i in 0..<7 { for j in 0..<7 { vd[i, j] *= values[j] } }
    expectClose(gemm(vd, v, transposeB: true).elements, a.elements, relative: 1e-10, absolute: 1e-12)
  }
}

@Suite struct SeededGeneratorTests {
  @Test func sameSeedSameStream() {
    var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
    let sa = (0..<5).map { _ in a.next() }, sb = (0..<5).map { _ in b.next() }, sc = (0..<5).map { _ in c.next() }
    #expect(sa == sb)
    #expect(sa != sc)
  }

  @Test func splitMix64GoldenValues() {
    // Reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c): the first output
    // is 0xE220A8397B1DCDAF.
    var g = SeededGenerator(seed: 0)
    #expect(g.next() == 0xE220_A839_7B1D_CDAF)
    #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
  }

  @Test func uniformAndNormalMoments() {
    var g = SeededGenerator(seed: 5)
    let n = 200_000
    var s = 0.0, s2 = 0.0, u = 0.0
    for _ in 0..<n { let z = g.nextNormal(); s += z; s2 += z * z; u += g.nextUnitDouble() }
    #expect(abs(s / Double(n)) < 0.01)
    #expect(abs(s2 / Double(n) - 1) < 0.02)
    #expect(abs(u / Double(n) - 0.5) < 0.005)
  }
}
