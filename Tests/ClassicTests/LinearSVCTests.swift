// LinearSVC: weak/strong duality, the intercept convention, options and determinism.
import Classic
import LinearAlgebra
import Testing
import _TestSupport

@Suite struct LinearSVCTests {
  /// The primal objective of one binary problem, computed here from the fitted weights
  /// (independently of the solver): ½(‖w‖² + (b/s)²) + C Σ ξᵢ.
  static func primalObjective(
    weights w: [Double], intercept b: Double, x: Matrix<Double>, signs: [Double], c: Double,
    loss: LinearSVC.Loss, interceptScaling s: Double = 1
  ) -> Double {
    var value = 0.5 * (w.reduce(0) { $0 + $1 * $1 } + (b / s) * (b / s))
    for i in 0..<x.rows {
      let margin = signs[i] * (zip(x.row(i), w).reduce(0) { $0 + $1.0 * $1.1 } + b)
      let slack = max(0, 1 - margin)
      value += c * (loss == .squaredHinge ? slack * slack : slack)
    }
    return value
  }

  @Test(arguments: LinearSVC.Loss.allCases)
  func primalAndDualObjectivesMeetAtConvergence(loss: LinearSVC.Loss) throws {
    let (x, y) = TestData.blobs(classes: 3, perClass: 40, features: 5, spread: 1.5, seed: 21)
    let svc = LinearSVC(c: 0.7, loss: loss, tolerance: 1e-9, maxIterations: 100_000, solver: .dual, seed: 2)
    let model = try svc.fit(x: x, y: y)
    #expect(model.report.converged)
    #expect(model.report.perClass.count == 3)
    for entry in model.report.perClass {
      let c = entry.classLabel!
      let signs = y.map { $0 == c ? 1.0 : -1.0 }
      let primal = Self.primalObjective(
        weights: Array(model.coefficients.row(c)), intercept: model.intercepts[c], x: x, signs: signs, c: 0.7, loss: loss)
      let dual = try #require(entry.dualObjective)
      // The solver's own primal agrees with the independent one.
      expectClose(entry.finalObjective, primal, relative: 1e-10)
      // Weak duality, and a gap that closes at convergence (relative 1e-6 is far above
      // the round-off in sums of ~100 terms and far below the 1e-2 gap seen at tol 1e-1).
      #expect(dual <= primal * (1 + 1e-12))
      #expect((primal - dual) <= 1e-6 * primal, "class \(c): primal \(primal), dual \(dual)")
    }
  }

  @Test func gapShrinksWithTolerance() throws {
    let (x, y) = TestData.blobs(classes: 2, perClass: 60, features: 6, spread: 0.8, seed: 5)
    func gap(_ tolerance: Double) throws -> Double {
      let r = try LinearSVC(tolerance: tolerance, maxIterations: 100_000, solver: .dual).fit(x: x, y: y).report
      return (r.finalObjective - r.dualObjective!) / r.finalObjective
    }
    let loose = try gap(1e-1), tight = try gap(1e-6)
    #expect(tight < loose)
    #expect(tight < 1e-6)
  }

  @Test func twoClassesSolveOneProblemWithNegatedScores() throws {
    let (x, y) = TestData.blobs(classes: 2, perClass: 30, features: 3, spread: 1, seed: 8)
    let model = try LinearSVC().fit(x: x, y: y)
    #expect(model.report.perClass.count == 1)
    #expect(model.report.perClass[0].classLabel == 1)
    expectClose(Array(model.coefficients.row(0)), model.coefficients.row(1).map { -$0 }, relative: 0, absolute: 0)
    #expect(model.intercepts[0] == -model.intercepts[1])
    let scores = try model.decisionFunction(x)
    #expect(scores.rows == x.rows && scores.columns == 2)
    // Same convention as scikit-learn: class 1 when its score is > 0.
    #expect(try model.predict(x) == (0..<x.rows).map { scores[$0, 1] > 0 ? 1 : 0 })
  }

  @Test func interceptIsTheBiasWeightTimesInterceptScaling() throws {
    // Every x is shifted far from the origin, so the intercept matters; a larger s
    // penalises it less, so the fit gets closer to the unpenalised one.
    let (x0, y) = TestData.blobs(classes: 2, perClass: 40, features: 2, spread: 1, seed: 12)
    let x = Matrix(rows: x0.rows, columns: 2, elements: x0.elements.map { $0 + 5 })
    let tight = LinearSVC(tolerance: 1e-10, maxIterations: 100_000)
    let s1 = try tight.fit(x: x, y: y), s10 = try LinearSVC(tolerance: 1e-10, maxIterations: 100_000, interceptScaling: 10).fit(x: x, y: y)
    let signs = y.map { $0 == 1 ? 1.0 : -1.0 }
    // Each model is optimal for its own s (compare with its primal objective under the other s).
    let p1 = Self.primalObjective(weights: Array(s1.coefficients.row(1)), intercept: s1.intercepts[1], x: x, signs: signs, c: 1, loss: .squaredHinge, interceptScaling: 1)
    let p10as1 = Self.primalObjective(weights: Array(s10.coefficients.row(1)), intercept: s10.intercepts[1], x: x, signs: signs, c: 1, loss: .squaredHinge, interceptScaling: 1)
    #expect(p1 <= p10as1)
    expectClose(s1.report.perClass[0].finalObjective, p1, relative: 1e-10)
    let noIntercept = try LinearSVC(fitIntercept: false).fit(x: x, y: y)
    #expect(noIntercept.intercepts == [0, 0])
  }

  @Test func sameSeedSameModelAndOtherSeedSameOptimum() throws {
    let (x, y) = TestData.blobs(classes: 3, perClass: 30, features: 4, spread: 1, seed: 2)
    let a = try LinearSVC(solver: .dual, seed: 7).fit(x: x, y: y), b = try LinearSVC(solver: .dual, seed: 7).fit(x: x, y: y)
    #expect(a.coefficients == b.coefficients && a.intercepts == b.intercepts)
    let c = try LinearSVC(solver: .dual, seed: 8).fit(x: x, y: y)
    #expect(c.coefficients != a.coefficients, "the seed drives the coordinate order")
    // ... but the optimum is unique (strictly convex primal), so both are close to it.
    expectClose(c.coefficients.elements, a.coefficients.elements, relative: 1e-2, absolute: 1e-3)
  }

  @Test func iterationCapIsReportedNotThrown() throws {
    let (x, y) = TestData.blobs(classes: 3, perClass: 50, features: 5, spread: 0.5, seed: 3)
    for loss in LinearSVC.Loss.allCases {
      let model = try LinearSVC(loss: loss, tolerance: 1e-12, maxIterations: 2, primalFallback: false, solver: .dual).fit(x: x, y: y)
      #expect(model.report.stopReason == .maxIterations)
      #expect(!model.report.converged)
      #expect(model.report.iterations == 2)
    }
  }

  /// The primal gradient ∇f(w̃) = w̃ + 2C Σ_{margin<1} (yᵢ w̃ᵀx̃ᵢ − 1) yᵢ x̃ᵢ, computed here.
  static func primalGradientNorm(weights w: [Double], intercept b: Double, x: Matrix<Double>, signs: [Double], c: Double) -> Double {
    var g = w + [b]
    for i in 0..<x.rows {
      let z = signs[i] * (zip(x.row(i), w).reduce(0) { $0 + $1.0 * $1.1 } + b)
      if z < 1 {
        let factor = 2 * c * (z - 1) * signs[i]
        for j in 0..<w.count { g[j] += factor * x[i, j] }
        g[w.count] += factor
      }
    }
    return g.reduce(0) { $0 + $1 * $1 }.squareRoot()
  }

  @Test func primalNewtonFinishesWhenTheDualPassCapIsReached() throws {
    let (x, y) = TestData.blobs(classes: 3, perClass: 50, features: 5, spread: 0.5, seed: 3)
    let model = try LinearSVC(maxIterations: 3, solver: .dual).fit(x: x, y: y)
    #expect(model.report.converged, "\(model.report)")
    #expect(model.report.dualObjective == nil)
    let exact = try LinearSVC(tolerance: 1e-10, maxIterations: 100_000).fit(x: x, y: y)
    for entry in model.report.perClass {
      let c = entry.classLabel!
      #expect(entry.solver.contains("trust-region Newton"))
      #expect(entry.iterations > 3)
      let signs = y.map { $0 == c ? 1.0 : -1.0 }
      let w = Array(model.coefficients.row(c)), b = model.intercepts[c]
      // The stopping rule, checked with an independent gradient: ‖∇f‖ ≤ tol·min(n₊, n₋)/n·‖∇f(0)‖.
      let g = Self.primalGradientNorm(weights: w, intercept: b, x: x, signs: signs, c: 1)
      let g0 = Self.primalGradientNorm(weights: [0, 0, 0, 0, 0], intercept: 0, x: x, signs: signs, c: 1)
      #expect(g <= 1e-4 * 50 / 150 * g0 * 1.0001, "class \(c): ‖∇f‖ \(g), ‖∇f(0)‖ \(g0)")
      expectClose(entry.finalGradientNorm!, g, relative: 1e-8)
      // ... and the objective is that of the exact optimum to 1e-6.
      expectClose(entry.finalObjective, exact.report.perClass[c].finalObjective, relative: 1e-6)
    }
  }

  @Test func autoSolverFollowsScikitLearnsDualAutoRule() {
    let svc = LinearSVC()
    #expect(svc.usesPrimal(sampleCount: 10, featureCount: 10), "n = d: primal")
    #expect(!svc.usesPrimal(sampleCount: 9, featureCount: 10), "n < d: dual")
    #expect(!LinearSVC(loss: .hinge).usesPrimal(sampleCount: 100, featureCount: 2), "no primal for the hinge loss")
    #expect(LinearSVC(solver: .primal).usesPrimal(sampleCount: 1, featureCount: 10))
    #expect(!LinearSVC(solver: .dual).usesPrimal(sampleCount: 100, featureCount: 2))
    #expect(throws: ClassicError.self) { try LinearSVC(loss: .hinge, solver: .primal).validate() }
  }

  @Test func primalAndDualSolversReachTheSameOptimum() throws {
    let (x, y) = TestData.blobs(classes: 3, perClass: 50, features: 5, spread: 0.7, seed: 13)
    let primal = try LinearSVC(tolerance: 1e-6, solver: .primal).fit(x: x, y: y)
    let dual = try LinearSVC(tolerance: 1e-10, maxIterations: 100_000, solver: .dual).fit(x: x, y: y)
    #expect(primal.report.converged && dual.report.converged, "\(primal.report)")
    #expect(primal.report.dualObjective == nil && primal.report.solver.hasPrefix("trust-region Newton, primal"))
    expectClose(primal.coefficients.elements, dual.coefficients.elements, relative: 1e-5, absolute: 1e-6)
    expectClose(primal.intercepts, dual.intercepts, relative: 1e-5, absolute: 1e-6)
    // The default (n = 150 ≥ d = 5) is the primal, and it is the same fit.
    let auto = try LinearSVC(tolerance: 1e-6).fit(x: x, y: y)
    #expect(auto.coefficients == primal.coefficients && auto.intercepts == primal.intercepts)
  }
}
