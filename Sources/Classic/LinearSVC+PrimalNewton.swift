// The primal trust-region Newton method for the squared-hinge LinearSVC, used to finish a
// binary problem when dual coordinate descent reaches its pass cap (as liblinear ≥ 2.20
// does: "WARNING: reaching max number of iterations / Switching to use -s 2").
//
// For one binary problem with augmented rows x̃ᵢ = [xᵢ, s] and w̃ = [w, w_b]:
//
//     f(w̃)  = ½‖w̃‖² + C Σ_{i∈I} (1 − yᵢ w̃ᵀx̃ᵢ)²,      I = { i : yᵢ w̃ᵀx̃ᵢ < 1 }
//     ∇f(w̃) = w̃ + 2C Σ_{i∈I} (yᵢ w̃ᵀx̃ᵢ − 1) yᵢ x̃ᵢ
//     ∇²f v = v + 2C Σ_{i∈I} x̃ᵢ (x̃ᵢᵀ v)                  (a generalised Hessian)
//
// Trust-region Newton with conjugate-gradient inner solves: C.-J. Lin, R. C. Weng and
// S. S. Keerthi, "Trust region Newton method for large-scale logistic regression", JMLR 9
// (2008); the constants and updates are those of liblinear's `tron.cpp` (before its 2.30
// preconditioning), which scikit-learn's `LinearSVC(dual=False)` calls.
//
// Stopping rule (liblinear's for `-s 2`, with eps = tolerance):
//
//     ‖∇f(w̃)‖₂ ≤ tolerance · max(min(n₊, n₋), 1) / n · ‖∇f(0)‖₂
import LinearAlgebra

extension LinearSVC {
  /// Minimises the squared-hinge primal from `weights`, `biasWeight`.
  ///
  /// - Parameters:
  ///   - x: (n, d).
  ///   - signs: (n) yᵢ ∈ {−1, +1}.
  ///   - bias: s (0 for no intercept).
  ///   - maxIterations: cap on Newton iterations.
  /// - Returns: the new w, w_b, the Newton iterations, the final ‖∇f‖₂, the tolerance it
  ///   was compared with and whether the rule was met.
  func solvePrimalNewton(
    x: Matrix<Double>, signs: [Double], bias: Double, weights: [Double], biasWeight: Double, maxIterations: Int
  ) -> (weights: [Double], biasWeight: Double, iterations: Int, gradientNorm: Double, gradientTolerance: Double, converged: Bool) {
    let (n, d) = (x.rows, x.columns)
    var problem = SquaredHingePrimal(x: x, signs: signs, bias: bias, c: c)
    let size = d + 1
    let positives = signs.filter { $0 > 0 }.count
    let relative = tolerance * Double(max(min(positives, n - positives), 1)) / Double(n)
    var g = [Double](repeating: 0, count: size)
    _ = problem.evaluate([Double](repeating: 0, count: size), gradient: &g)
    let gradientTolerance = relative * nrm2(g)

    var w = weights + [biasWeight]
    var f = problem.evaluate(w, gradient: &g)
    problem.activate(w)
    var gNorm = nrm2(g)
    var delta = gNorm
    var iterations = 0
    var converged = gNorm <= gradientTolerance
    let (eta0, eta1, eta2) = (1e-4, 0.25, 0.75)
    let (sigma1, sigma2, sigma3) = (0.25, 0.5, 4.0)
    var step = [Double](repeating: 0, count: size), residual = [Double](repeating: 0, count: size)

    while !converged && iterations < maxIterations {
      let reachedBoundary = problem.truncatedConjugateGradient(
        radius: delta, gradient: g, step: &step, residual: &residual)
      var candidate = w
      axpy(1, step, &candidate)
      let gs = dot(g, step)
      let predicted = -0.5 * (gs - dot(step, residual))
      var candidateGradient = [Double](repeating: 0, count: size)
      let fNew = problem.evaluate(candidate, gradient: &candidateGradient)
      let actual = f - fNew
      let stepNorm = nrm2(step)
      if iterations == 0 { delta = min(delta, stepNorm) }
      // Update the radius from how well the quadratic model predicted the decrease.
      let alpha = fNew - f - gs <= 0 ? sigma3 : max(sigma1, -0.5 * (gs / (fNew - f - gs)))
      if actual < eta0 * predicted {
        delta = min(max(alpha, sigma1) * stepNorm, sigma2 * delta)
      } else if actual < eta1 * predicted {
        delta = max(sigma1 * delta, min(alpha * stepNorm, sigma2 * delta))
      } else if actual < eta2 * predicted {
        delta = max(sigma1 * delta, min(alpha * stepNorm, sigma3 * delta))
      } else if reachedBoundary {
        delta = sigma3 * delta
      } else {
        delta = max(delta, min(alpha * stepNorm, sigma3 * delta))
      }
      if actual > eta0 * predicted {
        iterations += 1
        w = candidate
        f = fNew
        g = candidateGradient
        problem.activate(w)
        gNorm = nrm2(g)
        if gNorm <= gradientTolerance { converged = true; break }
      }
      // liblinear's safeguards: no further progress is possible in floating point.
      if actual <= 0 && predicted <= 0 { break }
      if abs(actual) <= 1e-12 * abs(f) && abs(predicted) <= 1e-12 * abs(f) { break }
    }
    return (Array(w[0..<d]), w[d], iterations, gNorm, gradientTolerance, converged)
  }
}

/// f, ∇f and ∇²f·v of the squared-hinge primal. `evaluate` also records the active set I
/// at the evaluated point; `activate` sets it for Hessian products at the current iterate.
struct SquaredHingePrimal {
  let x: Matrix<Double>     // (n, d)
  let signs: [Double]       // (n)
  let bias: Double
  let c: Double
  /// (|I|, d): the active rows, copied so that Hessian products read only them.
  var activeRows: [Double] = []
  var activeCount = 0
  /// (n): X w, scratch.
  var margins: [Double]

  init(x: Matrix<Double>, signs: [Double], bias: Double, c: Double) {
    self.x = x
    self.signs = signs
    self.bias = bias
    self.c = c
    margins = [Double](repeating: 0, count: x.rows)
  }

  /// f(w̃); writes ∇f(w̃). w̃ has d + 1 entries (the last is w_b).
  mutating func evaluate(_ w: [Double], gradient: inout [Double]) -> Double {
    let (n, d) = (x.rows, x.columns)
    let weights = Array(w[0..<d])
    gemv(x, weights, into: &margins)
    var coefficients = [Double](repeating: 0, count: n)   // 2C (zᵢ − 1) yᵢ on I, else 0
    var loss = 0.0
    for i in 0..<n {
      let z = signs[i] * (margins[i] + w[d] * bias)
      if z < 1 {
        loss += (1 - z) * (1 - z)
        coefficients[i] = 2 * c * (z - 1) * signs[i]
      }
    }
    var g = weights
    gemv(x, coefficients, transpose: true, alpha: 1, beta: 1, into: &g)
    gradient.replaceSubrange(0..<d, with: g)
    gradient[d] = w[d] + bias * coefficients.reduce(0, +)
    return 0.5 * dot(w, w) + c * loss
  }

  /// Records the active set I at w̃ (the rows with yᵢ w̃ᵀx̃ᵢ < 1) for `hessianTimes`.
  mutating func activate(_ w: [Double]) {
    let (n, d) = (x.rows, x.columns)
    gemv(x, Array(w[0..<d]), into: &margins)
    activeRows.removeAll(keepingCapacity: true)
    activeCount = 0
    for i in 0..<n where signs[i] * (margins[i] + w[d] * bias) < 1 {
      activeRows.append(contentsOf: x.row(i))
      activeCount += 1
    }
  }

  /// ∇²f·v = v + 2C X̃_Iᵀ (X̃_I v).
  func hessianTimes(_ v: [Double]) -> [Double] {
    let d = x.columns
    var result = v
    if activeCount == 0 { return result }
    let active = Matrix(rows: activeCount, columns: d, elements: activeRows)
    var products = [Double](repeating: 0, count: activeCount)
    gemv(active, Array(v[0..<d]), into: &products)
    for i in 0..<activeCount { products[i] = 2 * c * (products[i] + bias * v[d]) }
    var upper = Array(v[0..<d])
    gemv(active, products, transpose: true, alpha: 1, beta: 1, into: &upper)
    result.replaceSubrange(0..<d, with: upper)
    result[d] = v[d] + bias * products.reduce(0, +)
    return result
  }

  /// Steihaug's truncated conjugate gradient on ∇²f·s = −∇f inside ‖s‖ ≤ radius, stopped
  /// when ‖r‖ ≤ 0.1‖∇f‖ (liblinear's `trcg`). Writes the step and the residual
  /// r = −∇f − ∇²f·s; returns whether the step reached the boundary.
  func truncatedConjugateGradient(radius: Double, gradient g: [Double], step s: inout [Double], residual r: inout [Double]) -> Bool {
    let size = g.count
    s = [Double](repeating: 0, count: size)
    r = g.map { -$0 }
    var direction = r
    var rTr = dot(r, r)
    let tolerance = 0.1 * nrm2(g)
    var iterations = 0
    while rTr.squareRoot() > tolerance && iterations < 10 * size {
      iterations += 1
      let hd = hessianTimes(direction)
      let alpha = rTr / dot(direction, hd)
      axpy(alpha, direction, &s)
      if nrm2(s) > radius {
        // Step back and go to the boundary along the direction: ‖s + τ d‖ = radius.
        axpy(-alpha, direction, &s)
        let std = dot(s, direction), sts = dot(s, s), dtd = dot(direction, direction)
        let dsq = radius * radius
        let rad = (std * std + dtd * (dsq - sts)).squareRoot()
        let tau = std >= 0 ? (dsq - sts) / (std + rad) : (rad - std) / dtd
        axpy(tau, direction, &s)
        axpy(-tau, hd, &r)
        return true
      }
      axpy(-alpha, hd, &r)
      let rNew = dot(r, r)
      let beta = rNew / rTr
      scal(beta, &direction)
      axpy(1, r, &direction)
      rTr = rNew
    }
    return false
  }
}
