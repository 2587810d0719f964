// Linear support vector classification, one-vs-rest, solved in the dual by coordinate
// descent with random permutation and shrinking.
//
// For one binary problem with labels yᵢ ∈ {−1, +1} and augmented rows
// x̃ᵢ = [xᵢ, s] (s = interceptScaling; the last weight is the intercept divided by s):
//
//     primal:  min_w  ½‖w̃‖² + C Σᵢ ξ(w̃; x̃ᵢ, yᵢ)
//              ξ = max(0, 1 − yᵢ w̃ᵀx̃ᵢ)²   (squared hinge, default)
//              ξ = max(0, 1 − yᵢ w̃ᵀx̃ᵢ)    (hinge)
//     dual:    min_α  ½ αᵀQ̄α − eᵀα   subject to 0 ≤ αᵢ ≤ U
//              Q̄ = Q + D,  Qᵢⱼ = yᵢyⱼ x̃ᵢᵀx̃ⱼ,
//              squared hinge: D = I/(2C), U = ∞;  hinge: D = 0, U = C
//     w̃ = Σᵢ αᵢ yᵢ x̃ᵢ, maintained as α changes.
//
// Algorithm 1 (with the shrinking of Section 3.2) of C.-J. Hsieh, K.-W. Chang, C.-J. Lin,
// S. S. Keerthi and S. Sundararajan, "A dual coordinate descent method for large-scale
// linear SVM", ICML 2008; the same steps as liblinear's `solve_l2r_l1l2_svc` (linear.cpp),
// which scikit-learn's `LinearSVC(dual=True)` calls.
//
// Decisions:
// 1. Same problem as scikit-learn's `LinearSVC()` defaults: squared hinge, C = 1,
//    intercept as a penalised bias feature with intercept_scaling 1, tol 1e-4,
//    max_iter 1000, one-vs-rest. (For n > d scikit-learn's `dual="auto"` solves the same
//    primal with a trust-region Newton method instead; the optimum is the same, strictly
//    convex for the squared hinge, so the two agree to solver tolerance.)
// 2. The random permutation comes from our seeded generator, one child stream per class
//    (liblinear uses the global `rand()`).
// 3. With two classes one problem is solved (class 1 positive) and class 0's scores are
//    its negation, as in liblinear; the prediction is the same as two one-vs-rest problems
//    would give, at half the cost.
// 4. Dense rows: the inner products are BLAS `ddot`/`daxpy` on a row of `x`.
// 5. Which method solves the problem is scikit-learn's `dual="auto"` rule (`solver: .auto`,
//    the default): the primal trust-region Newton method (`LinearSVC+PrimalNewton.swift`)
//    when samples are at least as many as features and the loss is the squared hinge,
//    the dual otherwise (liblinear has no primal solver for the hinge loss). On the 561 UCI
//    features with ~7,400 windows the dual needs its whole 1,000-pass cap on every
//    one-vs-rest problem before the Newton fallback finishes it; the primal alone reaches
//    the same optimum several times faster.
import LinearAlgebra

/// Linear support vector classifier (L2-regularised, squared hinge by default),
/// one-vs-rest, solved by dual coordinate descent.
///
/// Defaults match scikit-learn's `LinearSVC()`. The stopping rule is liblinear's: after
/// an outer pass over the active samples, stop when
/// ```
/// max_i PGᵢ − min_i PGᵢ ≤ tolerance
/// ```
/// over the whole (unshrunk) set, where PGᵢ is the projected gradient of the dual in αᵢ;
/// otherwise stop after `maxIterations` passes (`FitReport.StopReason.maxIterations`).
///
/// Randomness: only the order in which the coordinates are visited, drawn from `seed`.
public struct LinearSVC: Classifier {
  /// Which optimisation method solves each binary problem.
  public enum Solver: String, Sendable, Codable, CaseIterable {
    /// scikit-learn's `dual="auto"`: `.primal` when n ≥ d and the loss is the squared
    /// hinge, `.dual` otherwise.
    case auto
    /// Dual coordinate descent (with the primal fallback when `primalFallback`).
    case dual
    /// The primal trust-region Newton method from w = 0; squared hinge only.
    case primal
  }

  /// The per-sample loss.
  public enum Loss: String, Sendable, Codable, CaseIterable {
    /// max(0, 1 − y wᵀx)²: differentiable; scikit-learn's and liblinear's default.
    case squaredHinge = "squared-hinge"
    /// max(0, 1 − y wᵀx): the classical SVM loss.
    case hinge
  }

  /// C, the weight of the loss against ½‖w̃‖²; > 0. Default 1 (scikit-learn's default).
  public var c: Double
  /// The loss. Default `.squaredHinge` (scikit-learn's default).
  public var loss: Loss
  /// Stopping tolerance on the spread of the dual projected gradient; > 0.
  /// Default 1e-4 (scikit-learn's `tol`; liblinear's own default 0.1 is much looser).
  public var tolerance: Double
  /// Cap on outer passes per binary problem; ≥ 1. Default 1000 (scikit-learn's `max_iter`).
  public var maxIterations: Int
  /// Whether to learn an intercept. Default true.
  public var fitIntercept: Bool
  /// s, the constant appended to every row when `fitIntercept`; > 0. The intercept is
  /// penalised as (b/s)², so a larger s penalises it less. Default 1 (scikit-learn's).
  public var interceptScaling: Double
  /// Whether to finish a squared-hinge problem with the primal trust-region Newton method
  /// when dual coordinate descent reaches `maxIterations` passes, starting from its w
  /// (liblinear ≥ 2.20 does this; the primal stopping rule is in
  /// `LinearSVC+PrimalNewton.swift`, and its iterations are capped separately by
  /// `primalNewtonMaxIterations`). Default true. False gives the plain dual result,
  /// like scikit-learn's `LinearSVC(dual=True)`. Ignored for the hinge loss.
  public var primalFallback: Bool
  /// The method; `.primal` requires the squared hinge. Default `.auto` (scikit-learn's
  /// `dual="auto"`; see `usesPrimal(sampleCount:featureCount:)`).
  public var solver: Solver
  /// Seed of the coordinate order (dual only). Default 0.
  public var seed: UInt64
  /// Receives one line per binary problem. Default nil (silent).
  public var progress: ProgressHandler?

  /// A linear SVC with the given hyperparameters; every default matches scikit-learn's `LinearSVC()`.
  public init(
    c: Double = 1, loss: Loss = .squaredHinge, tolerance: Double = 1e-4, maxIterations: Int = 1000,
    fitIntercept: Bool = true, interceptScaling: Double = 1, primalFallback: Bool = true, solver: Solver = .auto,
    seed: UInt64 = 0, progress: ProgressHandler? = nil
  ) {
    self.c = c
    self.loss = loss
    self.tolerance = tolerance
    self.maxIterations = maxIterations
    self.fitIntercept = fitIntercept
    self.interceptScaling = interceptScaling
    self.primalFallback = primalFallback
    self.solver = solver
    self.seed = seed
    self.progress = progress
  }

  /// `"linear-svc"`.
  public var name: String { ClassifierKind.linearSVC.rawValue }

  /// Throws `ClassicError.invalidParameter` for the first hyperparameter out of range.
  public func validate() throws {
    try require(c > 0 && c.isFinite, "c", "> 0 and finite", "\(c)")
    try require(tolerance > 0 && tolerance.isFinite, "tolerance", "> 0 and finite", "\(tolerance)")
    try require(maxIterations >= 1, "maxIterations", ">= 1", "\(maxIterations)")
    try require(!fitIntercept || (interceptScaling > 0 && interceptScaling.isFinite),
                "interceptScaling", "> 0 and finite", "\(interceptScaling)")
    try require(solver != .primal || loss == .squaredHinge, "solver", "dual or auto with the hinge loss (no primal solver for it)", "primal")
  }

  /// Whether a problem of n samples and d features is solved in the primal:
  /// ```
  /// solver == .primal  or  (solver == .auto and n ≥ d and loss == .squaredHinge)
  /// ```
  /// as scikit-learn's `_validate_dual_parameter` decides for `dual="auto"`.
  public func usesPrimal(sampleCount n: Int, featureCount d: Int) -> Bool {
    switch solver {
    case .primal: true
    case .dual: false
    case .auto: n >= d && loss == .squaredHinge
    }
  }

  /// A fitted linear SVC: scores `x · coefficientsᵀ + intercepts`, predicts the largest.
  public struct Model: FittedClassifier {
    /// (k, d): one weight vector per class.
    public let coefficients: Matrix<Double>
    /// (k): one intercept per class (already multiplied by `interceptScaling`); −∞ for a
    /// class without training samples, so it is never predicted.
    public let intercepts: [Double]
    public let report: FitReport
    public var classCount: Int { coefficients.rows }
    public var featureCount: Int { coefficients.columns }
    /// k·(d + 1): coefficients and intercepts (k = 2 stores two rows, one the negation of the other).
    public var parameterCount: Int { coefficients.rows * (coefficients.columns + 1) }

    /// The score of each class for each row, `x · coefficientsᵀ + intercepts`.
    ///
    /// - Parameter x: (m, d), finite.
    /// - Returns: (m, k).
    /// - Throws: `ClassicError.featureCountMismatch` or `.nonFiniteValue`.
    public func decisionFunction(_ x: Matrix<Double>) throws -> Matrix<Double> {
      try linearScores(x, coefficients: coefficients, intercepts: intercepts)
    }

    /// The class with the largest score; the lowest class on ties.
    public func predict(_ x: Matrix<Double>) throws -> [Int] {
      rowArgmax(try decisionFunction(x))
    }
  }

  /// Fits one binary problem per class (one in total for two classes).
  ///
  /// - Parameters:
  ///   - x: (n, d), finite.
  ///   - y: (n) labels in `0..<k`.
  ///   - classCount: k, or nil for `max(y) + 1`.
  /// - Throws: `ClassicError` (see `Classifier.fit`).
  public func fit(x: Matrix<Double>, y: [Int], classCount: Int?) throws -> Model {
    let start = ContinuousClock.now
    try validate()
    let labels = try checkTrainingSet(x: x, y: y, classCount: classCount)
    let (k, d) = (labels.classCount, x.columns)
    let present = labels.presentClasses
    let bias = fitIntercept ? interceptScaling : 0

    var coefficients = Matrix<Double>(rows: k, columns: d)
    var intercepts = [Double](repeating: -.infinity, count: k)
    var perClass: [FitReport] = []
    let primal = usesPrimal(sampleCount: x.rows, featureCount: d)
    // Two present classes: one problem, the larger label positive.
    let positives = present.count == 2 ? [present[1]] : present
    for positive in positives {
      let signs: [Double] = y.map { $0 == positive ? 1 : -1 }
      var generator = SeededGenerator(seed: SeededGenerator.derive(seed: seed, UInt64(positive)))
      let problemStart = ContinuousClock.now
      var solution = primal
        ? solvePrimal(x: x, signs: signs, bias: bias)
        : solveDual(x: x, signs: signs, bias: bias, generator: &generator)
      if !primal && solution.report.stopReason == .maxIterations && loss == .squaredHinge && primalFallback {
        progress?("linear-svc class \(positive): dual reached \(maxIterations) passes; switching to the primal Newton method")
        solution = finishWithPrimalNewton(x: x, signs: signs, bias: bias, dual: solution)
      }
      var entry = solution.report
      entry.classLabel = positive
      entry.seconds = secondsSince(problemStart)
      perClass.append(entry)
      progress?("linear-svc class \(positive): \(entry)")
      coefficients.elements.replaceSubrange((positive * d)..<((positive + 1) * d), with: solution.weights)
      intercepts[positive] = solution.biasWeight * bias
      if present.count == 2 {
        let negative = present[0]
        coefficients.elements.replaceSubrange((negative * d)..<((negative + 1) * d), with: solution.weights.map { -$0 })
        intercepts[negative] = -solution.biasWeight * bias
      }
    }

    let capped = perClass.contains { $0.stopReason == .maxIterations }
    // Problems finished by the dual keep their dual objective; fallbacks do not.
    let duals = perClass.compactMap(\.dualObjective)
    let fallbacks = perClass.count - duals.count
    let report = FitReport(
      solver: primal ? "trust-region Newton, primal (\(loss.rawValue), one-vs-rest)" :
        "dual coordinate descent (\(loss.rawValue), one-vs-rest)"
        + (fallbacks > 0 ? ", primal Newton fallback on \(fallbacks) of \(perClass.count) problems" : ""),
      iterations: perClass.map(\.iterations).max() ?? 0,
      stopReason: capped ? .maxIterations : .toleranceReached,
      finalObjective: perClass.map(\.finalObjective).reduce(0, +),
      finalGradientNorm: fallbacks == 0 || duals.isEmpty ? perClass.compactMap(\.finalGradientNorm).max() : nil,
      dualObjective: duals.count == perClass.count ? duals.reduce(0, +) : nil,
      tolerance: tolerance,
      seconds: secondsSince(start),
      perClass: perClass)
    if capped { progress?("linear-svc: WARNING: reached maxIterations = \(maxIterations) before tolerance") }
    return Model(coefficients: coefficients, intercepts: intercepts, report: report)
  }

  /// The solution of one binary problem.
  struct BinarySolution {
    /// (d): w.
    var weights: [Double]
    /// The last component of w̃, the weight of the constant feature s.
    var biasWeight: Double
    var report: FitReport
  }

  /// The cap on Newton iterations after a primal fallback: liblinear's default (each
  /// iteration is a full Newton step, so a few dozen are typical).
  public static let primalNewtonMaxIterations = 1000

  /// Solves a squared-hinge problem in the primal from w = 0 (scikit-learn's
  /// `LinearSVC(dual=False)`, liblinear `-s 2`). Its report's gradient measure is the primal
  /// ‖∇f‖₂, with the tolerance it was compared against.
  func solvePrimal(x: Matrix<Double>, signs: [Double], bias: Double) -> BinarySolution {
    let newton = solvePrimalNewton(x: x, signs: signs, bias: bias, weights: [Double](repeating: 0, count: x.columns),
                                   biasWeight: 0, maxIterations: LinearSVC.primalNewtonMaxIterations)
    let report = FitReport(
      solver: "trust-region Newton (\(loss.rawValue)), \(newton.iterations) iterations",
      iterations: newton.iterations,
      stopReason: newton.converged ? .toleranceReached : .maxIterations,
      finalObjective: primalObjective(x: x, signs: signs, bias: bias, weights: newton.weights, biasWeight: newton.biasWeight),
      finalGradientNorm: newton.gradientNorm,
      tolerance: newton.gradientTolerance)
    return BinarySolution(weights: newton.weights, biasWeight: newton.biasWeight, report: report)
  }

  /// ½‖w̃‖² + C Σᵢ max(0, 1 − yᵢ w̃ᵀx̃ᵢ)², the squared-hinge primal objective.
  func primalObjective(x: Matrix<Double>, signs: [Double], bias: Double, weights: [Double], biasWeight: Double) -> Double {
    var margins = [Double](repeating: 0, count: x.rows)
    gemv(x, weights, into: &margins)
    var lossSum = 0.0
    for i in 0..<x.rows {
      let slack = max(0, 1 - signs[i] * (margins[i] + biasWeight * bias))
      lossSum += slack * slack
    }
    return 0.5 * (dot(weights, weights) + biasWeight * biasWeight) + c * lossSum
  }

  /// Continues a squared-hinge problem whose dual pass cap was reached with the primal
  /// trust-region Newton method, from the dual's w. The report then counts dual passes
  /// plus Newton iterations, and its gradient measure is the primal ‖∇f‖₂ (with the
  /// tolerance it was compared against); the dual objective no longer applies.
  func finishWithPrimalNewton(x: Matrix<Double>, signs: [Double], bias: Double, dual: BinarySolution) -> BinarySolution {
    let newton = solvePrimalNewton(x: x, signs: signs, bias: bias, weights: dual.weights,
                                   biasWeight: dual.biasWeight, maxIterations: LinearSVC.primalNewtonMaxIterations)
    let objective = primalObjective(x: x, signs: signs, bias: bias, weights: newton.weights, biasWeight: newton.biasWeight)
    let report = FitReport(
      solver: "dual coordinate descent (\(loss.rawValue)), \(dual.report.iterations) passes, then trust-region Newton, \(newton.iterations) iterations",
      iterations: dual.report.iterations + newton.iterations,
      stopReason: newton.converged ? .toleranceReached : .maxIterations,
      finalObjective: objective,
      finalGradientNorm: newton.gradientNorm,
      tolerance: newton.gradientTolerance)
    return BinarySolution(weights: newton.weights, biasWeight: newton.biasWeight, report: report)
  }

  /// Dual coordinate descent for one binary problem (Hsieh et al. 2008, Algorithm 1 with
  /// shrinking; liblinear `solve_l2r_l1l2_svc`).
  ///
  /// - Parameters:
  ///   - x: (n, d).
  ///   - signs: (n) yᵢ ∈ {−1, +1}.
  ///   - bias: s, the appended constant (0 for no intercept).
  func solveDual(x: Matrix<Double>, signs: [Double], bias: Double, generator: inout SeededGenerator) -> BinarySolution {
    let (n, d) = (x.rows, x.columns)
    // Dᵢᵢ and U (see the file header).
    let diagonal = loss == .squaredHinge ? 0.5 / c : 0
    let upperBound = loss == .squaredHinge ? Double.infinity : c
    var alpha = [Double](repeating: 0, count: n)
    var w = [Double](repeating: 0, count: d)
    var wBias = 0.0
    var qDiagonal = [Double](repeating: 0, count: n)   // Q̄ᵢᵢ = ‖x̃ᵢ‖² + Dᵢᵢ
    var index = Array(0..<n)
    var activeSize = n
    var iteration = 0
    // Bounds on the projected gradient from the previous pass, used to shrink.
    var pgMaxOld = Double.infinity, pgMinOld = -Double.infinity
    var spread = Double.infinity
    var converged = false

    x.elements.withUnsafeBufferPointer { px in
      let xBase = px.baseAddress!
      for i in 0..<n {
        let row = xBase + i * d
        qDiagonal[i] = Double._dot(n: d, x: row, incx: 1, y: row, incy: 1) + bias * bias + diagonal
      }
      alpha.withUnsafeMutableBufferPointer { alpha in
        w.withUnsafeMutableBufferPointer { wp in
          let wBase = wp.baseAddress!
          index.withUnsafeMutableBufferPointer { index in
            while iteration < maxIterations {
              var pgMaxNew = -Double.infinity, pgMinNew = Double.infinity
              for i in 0..<activeSize {
                let j = i + generator.nextInt(below: activeSize - i)
                index.swapAt(i, j)
              }
              var s = 0
              while s < activeSize {
                let i = index[s]
                let yi = signs[i]
                let row = xBase + i * d
                // Gᵢ = yᵢ w̃ᵀx̃ᵢ − 1 + Dᵢᵢ αᵢ, the dual gradient in αᵢ.
                let g = yi * (Double._dot(n: d, x: wBase, incx: 1, y: row, incy: 1) + wBias * bias) - 1
                  + diagonal * alpha[i]
                var pg = 0.0
                if alpha[i] == 0 {
                  if g > pgMaxOld {
                    // Shrink: at the lower bound with a gradient that will keep it there.
                    activeSize -= 1
                    index.swapAt(s, activeSize)
                    continue
                  } else if g < 0 {
                    pg = g
                  }
                } else if alpha[i] == upperBound {
                  if g < pgMinOld {
                    activeSize -= 1
                    index.swapAt(s, activeSize)
                    continue
                  } else if g > 0 {
                    pg = g
                  }
                } else {
                  pg = g
                }
                pgMaxNew = max(pgMaxNew, pg)
                pgMinNew = min(pgMinNew, pg)
                if abs(pg) > 1e-12 {
                  let old = alpha[i]
                  // The one-variable minimiser, projected onto [0, U]. Q̄ᵢᵢ > 0 unless the
                  // row is zero without intercept and the loss is the hinge: then the
                  // dual is linear in αᵢ and the minimiser is the bound that g points to.
                  let q = qDiagonal[i]
                  alpha[i] = q > 0 ? min(max(old - g / q, 0), upperBound) : (g < 0 ? upperBound : 0)
                  let step = (alpha[i] - old) * yi
                  if step != 0 && step.isFinite {
                    Double._axpy(n: d, alpha: step, x: row, incx: 1, y: wBase, incy: 1)
                    wBias += step * bias
                  }
                }
                s += 1
              }
              iteration += 1
              spread = pgMaxNew - pgMinNew
              if spread <= tolerance {
                if activeSize == n {
                  converged = true
                  break
                }
                // Converged on the shrunk set: check once more on all samples.
                activeSize = n
                pgMaxOld = .infinity
                pgMinOld = -.infinity
                continue
              }
              pgMaxOld = pgMaxNew <= 0 ? .infinity : pgMaxNew
              pgMinOld = pgMinNew >= 0 ? -.infinity : pgMinNew
            }
          }
        }
      }
    }

    // Objectives at the returned point. The dual in maximisation form, Σα − ½αᵀQ̄α, is a
    // lower bound on the primal (weak duality); the two meet at the optimum.
    let wNormSquared = dot(w, w) + wBias * wBias
    var dualObjective = -0.5 * wNormSquared
    for a in alpha { dualObjective += a - 0.5 * diagonal * a * a }
    var margins = [Double](repeating: 0, count: n)
    gemv(x, w, into: &margins)
    var lossSum = 0.0
    for i in 0..<n {
      let slack = max(0, 1 - signs[i] * (margins[i] + wBias * bias))
      lossSum += loss == .squaredHinge ? slack * slack : slack
    }
    let report = FitReport(
      solver: "dual coordinate descent (\(loss.rawValue))",
      iterations: iteration,
      stopReason: converged ? .toleranceReached : .maxIterations,
      finalObjective: 0.5 * wNormSquared + c * lossSum,
      finalGradientNorm: spread,
      dualObjective: dualObjective,
      tolerance: tolerance)
    return BinarySolution(weights: w, biasWeight: wBias, report: report)
  }
}
