// Multinomial (softmax) logistic regression with an L2 penalty, solved by L-BFGS.
//
// With W (k, d), b (k), logits zᵢ = W xᵢ + b and pᵢ = softmax(zᵢ), the objective is
// scikit-learn's:
//
//     J(W, b) = C Σᵢ CEᵢ + ½‖W‖²_F,      CEᵢ = −log pᵢ[yᵢ] = logsumexp(zᵢ) − zᵢ[yᵢ]
//     ∇_W J  = C (P − Y)ᵀ X + W,          ∇_b J = C (P − Y)ᵀ 1
//
// (P (n, k) the probabilities, Y (n, k) the one-hot labels; the intercept is not
// penalised.) The solver minimises the scaled objective F = J / (C n), as scikit-learn
// does, so that the gradient tolerance does not depend on n or C:
//
//     F(W, b) = (1/n) Σᵢ CEᵢ + ‖W‖²_F / (2 C n)
//
// Decisions, in priority order:
// 1. Same defaults and stopping rule as scikit-learn's `LogisticRegression()` (lbfgs):
//    C = 1, tol = 1e-4 on ‖∇F‖∞, max_iter = 100, relative-decrease floor 64·ε, memory 10.
// 2. The two products per evaluation, Z = X Wᵀ (n×d by d×k) and ∇_W = Rᵀ X, are BLAS
//    `dgemm`; everything else is O(n k).
// 3. Two classes: scikit-learn fits the binomial model, C Σ log(1 + e^{−ỹ vᵀx}) + ½‖v‖²,
//    not the softmax. The symmetric softmax with C/2 has the same minimiser
//    (v = w₁ − w₀, and ½(‖w₀‖² + ‖w₁‖²) is smallest, ¼‖v‖², at w₀ = −w₁), so we fit that
//    and report the binomial objective (twice the softmax one): predictions and
//    probabilities agree with scikit-learn's.
// 4. Softmax subtracts each row's maximum (starting from −∞) before exponentiating.
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import LinearAlgebra

/// Multinomial logistic regression with an L2 penalty, fitted by L-BFGS.
///
/// Defaults match scikit-learn's `LogisticRegression()` (lbfgs solver). Objective:
/// ```
/// J(W, b) = C Σᵢ −log softmax(W xᵢ + b)[yᵢ] + ½‖W‖²
/// ```
/// Stopping rule, on the scaled objective F = J / (C n):
/// ```
/// ‖∇F‖∞ ≤ tolerance                                          (toleranceReached)
/// (F_{k−1} − F_k) / max(|F_{k−1}|, |F_k|, 1) ≤ 64 ε           (objectiveStalled)
/// k = maxIterations                                          (maxIterations)
/// ```
/// The fit is deterministic (it starts from zero); it has no seed.
public struct LogisticRegression: Classifier {
  /// C, the weight of the data term against ½‖W‖²; > 0. Default 1 (scikit-learn's).
  public var c: Double
  /// Gradient tolerance on ‖∇F‖∞ (see the type's documentation); > 0.
  /// Default 1e-4 (scikit-learn's `tol`).
  public var tolerance: Double
  /// Cap on L-BFGS iterations; ≥ 1. Default 100 (scikit-learn's `max_iter`). On
  /// poorly conditioned data the cap is often reached first; `FitReport` records it.
  public var maxIterations: Int
  /// m, the number of correction pairs L-BFGS keeps; ≥ 1. Default 10 (SciPy's).
  public var memory: Int
  /// Whether to learn an (unpenalised) intercept. Default true.
  public var fitIntercept: Bool
  /// Receives one line per L-BFGS iteration. Default nil (silent).
  public var progress: ProgressHandler?

  /// Logistic regression with the given hyperparameters; every default matches
  /// scikit-learn's `LogisticRegression()`.
  public init(
    c: Double = 1, tolerance: Double = 1e-4, maxIterations: Int = 100, memory: Int = 10,
    fitIntercept: Bool = true, progress: ProgressHandler? = nil
  ) {
    self.c = c
    self.tolerance = tolerance
    self.maxIterations = maxIterations
    self.memory = memory
    self.fitIntercept = fitIntercept
    self.progress = progress
  }

  /// `"logistic-regression"`.
  public var name: String { ClassifierKind.logisticRegression.rawValue }

  /// Throws `ClassicError.invalidParameter` for the first hyperparameter out of range.
  public func validate() throws {
    try require(c > 0 && c.isFinite, "c", "> 0 and finite", "\(c)")
    try require(tolerance > 0 && tolerance.isFinite, "tolerance", "> 0 and finite", "\(tolerance)")
    try require(maxIterations >= 1, "maxIterations", ">= 1", "\(maxIterations)")
    try require(memory >= 1, "memory", ">= 1", "\(memory)")
  }

  /// A fitted model: logits `x · coefficientsᵀ + intercepts`, probabilities their softmax.
  public struct Model: FittedClassifier {
    /// (k, d): one weight vector per class.
    public let coefficients: Matrix<Double>
    /// (k): one intercept per class; −∞ for a class without training samples. They sum
    /// to zero over the other classes (the gradient in b always does, and L-BFGS starts at 0).
    public let intercepts: [Double]
    public let report: FitReport
    public var classCount: Int { coefficients.rows }
    public var featureCount: Int { coefficients.columns }
    /// k·(d + 1).
    public var parameterCount: Int { coefficients.rows * (coefficients.columns + 1) }

    /// The logits `x · coefficientsᵀ + intercepts`.
    ///
    /// - Parameter x: (m, d), finite.
    /// - Returns: (m, k).
    /// - Throws: `ClassicError.featureCountMismatch` or `.nonFiniteValue`.
    public func decisionFunction(_ x: Matrix<Double>) throws -> Matrix<Double> {
      try linearScores(x, coefficients: coefficients, intercepts: intercepts)
    }

    /// The class probabilities, softmax of the logits; each row sums to 1.
    ///
    /// - Parameter x: (m, d), finite.
    /// - Returns: (m, k).
    /// - Throws: as `decisionFunction`.
    public func predictProbabilities(_ x: Matrix<Double>) throws -> Matrix<Double> {
      var p = try decisionFunction(x)
      let k = classCount
      p.elements.withUnsafeMutableBufferPointer { p in
        for r in 0..<x.rows { _ = softmaxInPlace(p.baseAddress! + r * k, k) }
      }
      return p
    }

    /// The most probable class; the lowest class on ties.
    public func predict(_ x: Matrix<Double>) throws -> [Int] {
      rowArgmax(try decisionFunction(x))
    }
  }

  /// Fits the model by L-BFGS from W = 0, b = 0.
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
    // Fit only the classes that occur; absent ones get b = −∞ below.
    let present = labels.presentClasses
    var compact = [Int](repeating: -1, count: k)
    for (j, cls) in present.enumerated() { compact[cls] = j }
    let compactLabels = y.map { compact[$0] }
    let binary = present.count == 2
    let effectiveC = binary ? c / 2 : c

    var problem = SoftmaxObjective(x: x, labels: compactLabels, classCount: present.count, c: effectiveC,
                                   fitIntercept: fitIntercept)
    let options = LBFGSOptions(memory: memory, maxIterations: maxIterations, gradientTolerance: tolerance)
    let progress = self.progress
    let result = minimizeLBFGS(
      x0: [Double](repeating: 0, count: problem.parameterCount), options: options,
      onIteration: progress.map { p in { k, f, g in p("logistic-regression iteration \(k): F \(f), |∇F|∞ \(g)") } }
    ) { theta, gradient in
      problem.evaluate(theta, gradient: &gradient)
    }

    var coefficients = Matrix<Double>(rows: k, columns: d)
    var intercepts = [Double](repeating: -.infinity, count: k)
    for (j, cls) in present.enumerated() {
      coefficients.elements.replaceSubrange((cls * d)..<((cls + 1) * d), with: result.x[(j * d)..<((j + 1) * d)])
      intercepts[cls] = fitIntercept ? result.x[present.count * d + j] : 0
    }
    // J = C n F for the softmax problem solved; twice that is the binomial objective.
    let objective = result.value * effectiveC * Double(x.rows) * (binary ? 2 : 1)
    let report = FitReport(
      solver: "L-BFGS (multinomial, m = \(memory))",
      iterations: result.iterations,
      stopReason: result.stopReason,
      finalObjective: objective,
      finalGradientNorm: result.gradientNormInf,
      tolerance: tolerance,
      functionEvaluations: result.evaluations,
      seconds: secondsSince(start))
    progress?("logistic-regression: \(report)")
    if result.stopReason == .maxIterations {
      progress?("logistic-regression: WARNING: reached maxIterations = \(maxIterations) before tolerance")
    }
    return Model(coefficients: coefficients, intercepts: intercepts, report: report)
  }

  /// The objective J and its gradient at (W, b), exactly as the solver sees them (times C n):
  /// ```
  /// J = C Σᵢ (logsumexp(zᵢ) − zᵢ[yᵢ]) + ½‖W‖²,   zᵢ = W xᵢ + b
  /// ```
  /// For tests and diagnostics (e.g. a finite-difference check or a certificate of
  /// optimality for a fitted model).
  ///
  /// - Parameters:
  ///   - coefficients: W, (k, d).
  ///   - intercepts: b, (k), finite.
  ///   - x: (n, d).
  ///   - y: (n) labels in `0..<k`.
  ///   - c: C > 0.
  /// - Returns: J, ∂J/∂W (k, d) and ∂J/∂b (k).
  /// - Precondition: the shapes agree and every label is in `0..<k`.
  public static func objective(
    coefficients: Matrix<Double>, intercepts: [Double], x: Matrix<Double>, y: [Int], c: Double
  ) -> (value: Double, coefficientGradient: Matrix<Double>, interceptGradient: [Double]) {
    let (k, d, n) = (coefficients.rows, coefficients.columns, x.rows)
    precondition(x.columns == d, "objective: x is (\(n), \(x.columns)) but W is (\(k), \(d))")
    precondition(intercepts.count == k, "objective: b has \(intercepts.count) entries, W has \(k) rows")
    precondition(y.count == n, "objective: x has \(n) rows, y has \(y.count) labels")
    precondition(y.allSatisfy { $0 >= 0 && $0 < k }, "objective: labels must be in 0..<\(k)")
    var problem = SoftmaxObjective(x: x, labels: y, classCount: k, c: c, fitIntercept: true)
    let theta = coefficients.elements + intercepts
    var gradient = [Double](repeating: 0, count: theta.count)
    let scaled = problem.evaluate(theta, gradient: &gradient)
    let factor = c * Double(n)
    return (scaled * factor,
            Matrix(rows: k, columns: d, elements: gradient[0..<(k * d)].map { $0 * factor }),
            gradient[(k * d)...].map { $0 * factor })
  }
}

/// F(θ) = (1/n) Σᵢ CEᵢ + ‖W‖²/(2Cn) and its gradient, with θ = [W (k, d) row-major, b (k)]
/// (b omitted without intercept). Holds the (n, k) work buffers so that an evaluation
/// allocates nothing.
struct SoftmaxObjective {
  let x: Matrix<Double>     // (n, d)
  let labels: [Int]         // (n), in 0..<k
  let classCount: Int       // k
  let c: Double
  let fitIntercept: Bool
  /// (n, k): logits, then (P − Y)/n.
  var residual: [Double]
  /// (d, k): Xᵀ R, scratch.
  var dataGradientTransposed: [Double]
  /// Rows per block in `evaluate`: 32 rows of 561 doubles are 0.14 MiB, which stay in
  /// L2 cache between the two products (32 and 64 measured best for d = 561).
  static let blockRows = 32

  init(x: Matrix<Double>, labels: [Int], classCount: Int, c: Double, fitIntercept: Bool) {
    self.x = x
    self.labels = labels
    self.classCount = classCount
    self.c = c
    self.fitIntercept = fitIntercept
    residual = [Double](repeating: 0, count: x.rows * classCount)
    dataGradientTransposed = [Double](repeating: 0, count: x.columns * classCount)
  }

  /// k·d, plus k with an intercept.
  var parameterCount: Int { classCount * x.columns + (fitIntercept ? classCount : 0) }

  /// Returns F(θ) and writes ∇F(θ) into `gradient` (same layout as θ).
  mutating func evaluate(_ theta: [Double], gradient: inout [Double]) -> Double {
    let (n, d, k) = (x.rows, x.columns, classCount)
    precondition(theta.count == parameterCount && gradient.count == parameterCount)
    let inverseN = 1 / Double(n)
    let penalty = 1 / (c * Double(n))
    let (fitIntercept, labels) = (self.fitIntercept, self.labels)
    var lossSum = 0.0
    withBuffers(theta, &gradient) { xs, w, r, g, gt in
      if fitIntercept { for j in 0..<k { g[k * d + j] = 0 } }
      // (Rᵀ X)ᵀ = Xᵀ R, (d, k), accumulated block by block: OpenBLAS runs this orientation
      // about 20 % faster than Rᵀ X for k = 6, d = 561.
      for e in 0..<(k * d) { gt[e] = 0 }
      // One pass over X per evaluation: each block of rows is used for Z = X Wᵀ and,
      // while it is still in cache, for Xᵀ R. (X is far larger than the caches for real
      // data, and both products are memory-bound because k is small.)
      var blockStart = 0
      while blockStart < n {
        let rows = min(SoftmaxObjective.blockRows, n - blockStart)
        let xBlock = xs + blockStart * d
        let rBlock = r + blockStart * k
        // Z = X Wᵀ: (rows, d) by (d, k).
        Double._gemm(transposeA: false, transposeB: true, m: rows, n: k, k: d, alpha: 1, a: xBlock, lda: d,
                     b: w, ldb: d, beta: 0, c: rBlock, ldc: k)
        for i in blockStart..<(blockStart + rows) {
          let z = r + i * k
          if fitIntercept { for j in 0..<k { z[j] += w[k * d + j] } }
          let yi = labels[i]
          let logit = z[yi]
          // z ← softmax(z); CEᵢ = logsumexp(z) − z[yᵢ]; then z ← (z − onehot(yᵢ)) / n.
          let logSumExp = softmaxInPlace(z, k)
          lossSum += logSumExp - logit
          z[yi] -= 1
          for j in 0..<k { z[j] *= inverseN }
          if fitIntercept { for j in 0..<k { g[k * d + j] += z[j] } }
        }
        // Xᵀ R += X_blockᵀ R_block: (d, rows) by (rows, k).
        Double._gemm(transposeA: true, transposeB: false, m: d, n: k, k: rows, alpha: 1, a: xBlock, lda: d,
                     b: rBlock, ldb: k, beta: 1, c: gt, ldc: k)
        blockStart += rows
      }
      // ∇_W F = W/(Cn) + Rᵀ X.
      for j in 0..<k {
        for f in 0..<d { g[j * d + f] = w[j * d + f] * penalty + gt[f * k + j] }
      }
    }
    var weightNormSquared = 0.0
    for e in 0..<(k * d) { weightNormSquared += theta[e] * theta[e] }
    return lossSum * inverseN + 0.5 * penalty * weightNormSquared
  }

  /// Calls `body` with base pointers to X, θ, the residual, the gradient and Xᵀ R.
  private mutating func withBuffers(
    _ theta: [Double], _ gradient: inout [Double],
    _ body: (UnsafePointer<Double>, UnsafePointer<Double>, UnsafeMutablePointer<Double>,
             UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> Void
  ) {
    x.elements.withUnsafeBufferPointer { px in
      theta.withUnsafeBufferPointer { pt in
        residual.withUnsafeMutableBufferPointer { pr in
          gradient.withUnsafeMutableBufferPointer { pg in
            dataGradientTransposed.withUnsafeMutableBufferPointer { pgt in
              body(px.baseAddress!, pt.baseAddress!, pr.baseAddress!, pg.baseAddress!, pgt.baseAddress!)
            }
          }
        }
      }
    }
  }
}

/// Replaces `z[0..<k]` by softmax(z) and returns logsumexp(z). Subtracts the maximum
/// (searched from −∞) first, so large logits do not overflow; −∞ entries become 0.
@inline(__always)
func softmaxInPlace(_ z: UnsafeMutablePointer<Double>, _ k: Int) -> Double {
  var maximum = -Double.infinity
  for j in 0..<k where z[j] > maximum { maximum = z[j] }
  var sum = 0.0
  for j in 0..<k {
    let e = exp(z[j] - maximum)
    z[j] = e
    sum += e
  }
  let inverse = 1 / sum
  for j in 0..<k { z[j] *= inverse }
  return maximum + log(sum)
}
