// LogisticRegression: the gradient against central differences, the optimum against a
// closed form, probabilities, the two-class convention and absent classes.
import Classic
import LinearAlgebra
import Testing
import _TestSupport

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

@Suite struct LogisticRegressionTests {
  /// J = C Σ −log softmax(W x + b)[y] + ½‖W‖², written out plainly here.
  static func naiveObjective(w: Matrix<Double>, b: [Double], x: Matrix<Double>, y: [Int], c: Double) -> Double {
    var total = 0.0
    for i in 0..<x.rows {
      let z = (0..<w.rows).map { j in b[j] + (0..<x.columns).reduce(0.0) { $0 + w[j, $1] * x[i, $1] } }
      let logSum = log(z.map { exp($0) }.reduce(0, +))
      total += logSum - z[y[i]]
    }
    return c * total + 0.5 * w.elements.reduce(0) { $0 + $1 * $1 }
  }

  @Test func gradientMatchesCentralDifferences() {
    var g = SeededGenerator(seed: 31)
    let (n, d, k, c) = (7, 3, 4, 0.8)
    let x = Matrix(rows: n, columns: d, elements: (0..<(n * d)).map { _ in g.nextNormal() })
    let y = (0..<n).map { $0 % k }
    let w = Matrix(rows: k, columns: d, elements: (0..<(k * d)).map { _ in g.nextNormal() * 0.5 })
    let b = (0..<k).map { _ in g.nextNormal() }
    let (value, dW, db) = LogisticRegression.objective(coefficients: w, intercepts: b, x: x, y: y, c: c)
    expectClose(value, Self.naiveObjective(w: w, b: b, x: x, y: y, c: c), relative: 1e-12)

    let h = 1e-5
    let analytic = dW.elements + db
    var numeric: [Double] = []
    for e in 0..<(k * d + k) {
      func f(_ delta: Double) -> Double {
        var w2 = w, b2 = b
        if e < k * d { w2.elements[e] += delta } else { b2[e - k * d] += delta }
        return Self.naiveObjective(w: w2, b: b2, x: x, y: y, c: c)
      }
      numeric.append((f(h) - f(-h)) / (2 * h))
    }
    let difference = zip(analytic, numeric).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    let scale = analytic.reduce(0) { $0 + $1 * $1 }.squareRoot() + numeric.reduce(0) { $0 + $1 * $1 }.squareRoot()
    #expect(difference / scale < 1e-8, "relative gradient error \(difference / scale)")
  }

  /// Two points x = +1 (class 1) and x = −1 (class 0). By symmetry the intercept is 0 and
  /// scikit-learn's binomial objective is J(v) = 2C log(1 + e^{−v}) + ½v², whose minimiser
  /// solves v = 2C / (1 + e^{v}); we solve that scalar equation by bisection.
  @Test(arguments: [0.1, 1.0, 10.0])
  func twoPointOptimumMatchesTheScalarEquation(c: Double) throws {
    var lo = 0.0, hi = 2 * c
    for _ in 0..<200 {
      let mid = (lo + hi) / 2
      if mid - 2 * c / (1 + exp(mid)) < 0 { lo = mid } else { hi = mid }
    }
    let expected = (lo + hi) / 2
    let x = Matrix<Double>([[1], [-1]])
    let model = try LogisticRegression(c: c, tolerance: 1e-12, maxIterations: 1000).fit(x: x, y: [1, 0])
    let v = model.coefficients[1, 0] - model.coefficients[0, 0]
    expectClose(v, expected, relative: 1e-7)
    expectClose(model.intercepts[1] - model.intercepts[0], 0, absolute: 1e-9)
    expectClose(model.coefficients[1, 0], -model.coefficients[0, 0], relative: 1e-9, "symmetric parametrisation")
    let p = try model.predictProbabilities(x)
    expectClose(p[0, 1], 1 / (1 + exp(-expected)), relative: 1e-7)
    // The reported objective is the binomial one.
    expectClose(model.report.finalObjective, 2 * c * log(1 + exp(-expected)) + 0.5 * expected * expected, relative: 1e-9)
  }

  @Test func fittedModelIsStationary() throws {
    let (x, y) = TestData.blobs(classes: 3, perClass: 30, features: 4, spread: 1, seed: 17)
    let c = 2.0
    let model = try LogisticRegression(c: c, tolerance: 1e-7, maxIterations: 1000).fit(x: x, y: y)
    #expect(model.report.stopReason == .toleranceReached, "\(model.report)")
    let (value, dW, db) = LogisticRegression.objective(
      coefficients: model.coefficients, intercepts: model.intercepts, x: x, y: y, c: c)
    expectClose(value, model.report.finalObjective, relative: 1e-12)
    // ‖∇F‖∞ ≤ tol with F = J / (C n), checked here on J.
    let largest = (dW.elements + db).map(abs).max()!
    #expect(largest <= 1e-7 * c * Double(x.rows) * 1.0001, "max |∇J| = \(largest)")
    expectClose(model.intercepts.reduce(0, +), 0, absolute: 1e-10)
  }

  @Test func probabilitiesAreASoftmaxOfTheDecisionFunction() throws {
    let (x, y) = TestData.blobs(classes: 4, perClass: 20, features: 3, spread: 1.5, seed: 4)
    let model = try LogisticRegression().fit(x: x, y: y)
    let p = try model.predictProbabilities(x)
    let z = try model.decisionFunction(x)
    #expect(p.rows == x.rows && p.columns == 4)
    for r in 0..<x.rows {
      expectClose(p.row(r).reduce(0, +), 1, relative: 1e-14)
      let e = z.row(r).map { exp($0) }
      expectClose(Array(p.row(r)), e.map { $0 / e.reduce(0, +) }, relative: 1e-12)
    }
    #expect(try model.predict(x) == (0..<x.rows).map { r in (0..<4).max { p[r, $0] < p[r, $1] }! })
  }

  @Test func absentClassGetsZeroProbability() throws {
    let (x, y0) = TestData.blobs(classes: 3, perClass: 20, features: 3, spread: 1.5, seed: 6)
    let y = y0.map { $0 == 1 ? 3 : $0 }     // classes {0, 2, 3}; class 1 absent
    let model = try LogisticRegression().fit(x: x, y: y)
    let p = try model.predictProbabilities(x)
    #expect(model.classCount == 4)
    #expect((0..<x.rows).allSatisfy { p[$0, 1] == 0 })
    #expect(model.intercepts[1] == -.infinity)
    let compact = try LogisticRegression().fit(x: x, y: y0)
    // The same model as fitting {0, 1, 2} with labels renamed.
    expectClose(Array(model.coefficients.row(3)), Array(compact.coefficients.row(1)), relative: 1e-8, absolute: 1e-10)
  }

  @Test func iterationCapIsReported() throws {
    let (x, y) = TestData.blobs(classes: 3, perClass: 30, features: 4, spread: 1, seed: 9)
    let model = try LogisticRegression(tolerance: 1e-12, maxIterations: 3).fit(x: x, y: y)
    #expect(model.report.stopReason == .maxIterations)
    #expect(model.report.iterations == 3)
    #expect(model.report.functionEvaluations! >= 3)
  }
}
