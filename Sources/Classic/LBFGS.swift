// Limited-memory BFGS with a strong-Wolfe line search, for smooth unconstrained problems.
//
// J. Nocedal, "Updating quasi-Newton matrices with limited storage", Math. Comp. 35
// (1980); two-loop recursion and line search (Algorithms 7.4, 3.5 and 3.6) as in
// J. Nocedal and S. J. Wright, "Numerical Optimization", 2nd ed., Springer 2006.
//
// Decisions, in priority order:
// 1. Stop like SciPy's L-BFGS-B as scikit-learn calls it (`gtol = tol`,
//    `ftol = 64·ε`, `maxiter = max_iter`, `maxls = 50`, memory 10), so that a tolerance
//    means the same here and there:
//        ‖∇f(xₖ)‖∞ ≤ gradientTolerance                          → toleranceReached
//        (f(xₖ₋₁) − f(xₖ)) / max(|f(xₖ₋₁)|, |f(xₖ)|, 1) ≤ 64·ε  → objectiveStalled
//        k = maxIterations                                      → maxIterations
// 2. The line search asks for the strong Wolfe conditions (c₁ = 1e-4, c₂ = 0.9). If it
//    runs out of evaluations it still accepts a point with sufficient decrease; the
//    pair (s, y) enters the memory only when sᵀy > ε·yᵀy, so the implicit Hessian stays
//    positive definite. A failure with a non-empty memory retries once along −∇f.
// 3. The first step has length 1 along −∇f/‖∇f‖₂ (as L-BFGS-B); later steps start at 1,
//    with the initial Hessian γI, γ = sᵀy / yᵀy.
import LinearAlgebra

/// Settings of `minimizeLBFGS`.
struct LBFGSOptions {
  /// m: number of (s, y) pairs kept.
  var memory = 10
  var maxIterations = 100
  /// Stop when ‖∇f‖∞ ≤ this.
  var gradientTolerance = 1e-4
  /// Stop when the relative decrease of f is ≤ this.
  var relativeObjectiveTolerance = 64 * Double.ulpOfOne
  /// Cap on objective evaluations in one line search.
  var maxLineSearchEvaluations = 50
  /// Sufficient-decrease (Armijo) constant c₁.
  var sufficientDecrease = 1e-4
  /// Curvature constant c₂.
  var curvature = 0.9
}

/// The outcome of `minimizeLBFGS`.
struct LBFGSResult {
  var x: [Double]
  var value: Double
  var gradient: [Double]
  var iterations: Int
  var evaluations: Int
  var stopReason: FitReport.StopReason
  var gradientNormInf: Double { gradient.reduce(0) { max($0, abs($1)) } }
}

/// Minimises `objective`, which returns f(x) and writes ∇f(x) into its second argument.
///
/// - Parameters:
///   - x0: the starting point.
///   - onIteration: called after each iteration with (k, f, ‖∇f‖∞).
func minimizeLBFGS(
  x0: [Double], options: LBFGSOptions,
  onIteration: ((Int, Double, Double) -> Void)? = nil,
  objective: (_ x: [Double], _ gradient: inout [Double]) -> Double
) -> LBFGSResult {
  let size = x0.count
  var x = x0
  var g = [Double](repeating: 0, count: size)
  var f = objective(x, &g)
  var evaluations = 1
  func normInf(_ v: [Double]) -> Double { v.reduce(0) { max($0, abs($1)) } }
  if normInf(g) <= options.gradientTolerance {
    return LBFGSResult(x: x, value: f, gradient: g, iterations: 0, evaluations: evaluations, stopReason: .toleranceReached)
  }

  var sHistory: [[Double]] = [], yHistory: [[Double]] = [], rhoHistory: [Double] = []
  var gamma = 1.0
  var iterations = 0
  var direction = [Double](repeating: 0, count: size)
  var alphas = [Double](repeating: 0, count: options.memory)
  var retriedSteepest = false

  while true {
    // Two-loop recursion: direction = −H·g.
    direction = g
    let m = sHistory.count
    for i in stride(from: m - 1, through: 0, by: -1) {
      alphas[i] = rhoHistory[i] * dot(sHistory[i], direction)
      axpy(-alphas[i], yHistory[i], &direction)
    }
    scal(gamma, &direction)
    for i in 0..<m {
      let beta = rhoHistory[i] * dot(yHistory[i], direction)
      axpy(alphas[i] - beta, sHistory[i], &direction)
    }
    scal(-1, &direction)
    var slope = dot(direction, g)
    if !(slope < 0) {
      // Not a descent direction (round-off): fall back to steepest descent.
      sHistory.removeAll(); yHistory.removeAll(); rhoHistory.removeAll(); gamma = 1
      direction = g.map { -$0 }
      slope = -dot(g, g)
    }
    let initialStep = sHistory.isEmpty ? 1 / nrm2(direction) : 1

    let search = strongWolfeLineSearch(
      x: x, value: f, slope: slope, direction: direction, initialStep: initialStep,
      options: options, objective: objective)
    evaluations += search.evaluations
    guard let accepted = search.point else {
      if !sHistory.isEmpty && !retriedSteepest {
        retriedSteepest = true
        sHistory.removeAll(); yHistory.removeAll(); rhoHistory.removeAll(); gamma = 1
        continue
      }
      return LBFGSResult(x: x, value: f, gradient: g, iterations: iterations, evaluations: evaluations,
                         stopReason: .lineSearchFailed)
    }
    retriedSteepest = false
    iterations += 1

    var s = accepted.x
    axpy(-1, x, &s)
    var yv = accepted.gradient
    axpy(-1, g, &yv)
    let sy = dot(s, yv), yy = dot(yv, yv)
    if sy > Double.ulpOfOne * yy {
      if sHistory.count == options.memory {
        sHistory.removeFirst(); yHistory.removeFirst(); rhoHistory.removeFirst()
      }
      sHistory.append(s); yHistory.append(yv); rhoHistory.append(1 / sy)
      gamma = sy / yy
    }
    let previous = f
    x = accepted.x
    f = accepted.value
    g = accepted.gradient
    let gNorm = normInf(g)
    onIteration?(iterations, f, gNorm)

    if gNorm <= options.gradientTolerance {
      return LBFGSResult(x: x, value: f, gradient: g, iterations: iterations, evaluations: evaluations, stopReason: .toleranceReached)
    }
    if (previous - f) / max(abs(previous), abs(f), 1) <= options.relativeObjectiveTolerance {
      return LBFGSResult(x: x, value: f, gradient: g, iterations: iterations, evaluations: evaluations, stopReason: .objectiveStalled)
    }
    if iterations >= options.maxIterations {
      return LBFGSResult(x: x, value: f, gradient: g, iterations: iterations, evaluations: evaluations, stopReason: .maxIterations)
    }
  }
}

/// A point evaluated during a line search.
struct LineSearchPoint {
  var step: Double
  var x: [Double]
  var value: Double
  var gradient: [Double]
  /// φ′(step) = ∇f(x)ᵀ direction.
  var slope: Double
}

/// Finds a step along `direction` satisfying the strong Wolfe conditions
/// ```
/// f(x + αp) ≤ f(x) + c₁ α ∇f(x)ᵀp,     |∇f(x + αp)ᵀp| ≤ c₂ |∇f(x)ᵀp|
/// ```
/// (Nocedal & Wright, Algorithms 3.5 and 3.6, with safeguarded cubic interpolation).
/// Returns nil when no point with sufficient decrease was found.
func strongWolfeLineSearch(
  x: [Double], value f0: Double, slope slope0: Double, direction: [Double], initialStep: Double,
  options: LBFGSOptions, objective: (_ x: [Double], _ gradient: inout [Double]) -> Double
) -> (point: LineSearchPoint?, evaluations: Int) {
  let c1 = options.sufficientDecrease, c2 = options.curvature
  var evaluations = 0
  func evaluate(_ step: Double) -> LineSearchPoint {
    var trial = x
    axpy(step, direction, &trial)
    var gradient = [Double](repeating: 0, count: x.count)
    let value = objective(trial, &gradient)
    evaluations += 1
    return LineSearchPoint(step: step, x: trial, value: value, gradient: gradient, slope: dot(gradient, direction))
  }
  func armijo(_ p: LineSearchPoint) -> Bool { p.value.isFinite && p.value <= f0 + c1 * p.step * slope0 }
  func curvatureHolds(_ p: LineSearchPoint) -> Bool { abs(p.slope) <= -c2 * slope0 }

  // Bracketing phase. `previous` starts at step 0.
  let origin = LineSearchPoint(step: 0, x: x, value: f0, gradient: [], slope: slope0)
  var previous = origin
  var step = initialStep
  var low: LineSearchPoint, high: LineSearchPoint
  while true {
    let current = evaluate(step)
    if !armijo(current) || (previous.step > 0 && current.value >= previous.value) {
      (low, high) = (previous, current)
      break
    }
    if curvatureHolds(current) { return (current, evaluations) }
    if current.slope >= 0 {
      (low, high) = (current, previous)
      break
    }
    if evaluations >= options.maxLineSearchEvaluations { return (current, evaluations) }  // Armijo holds
    previous = current
    step *= 4
  }

  // Zoom phase: `low` satisfies Armijo and has the lowest value so far; the minimiser
  // satisfying the conditions lies between `low` and `high`.
  while evaluations < options.maxLineSearchEvaluations {
    let width = high.step - low.step
    var trialStep = cubicMinimizer(low, high)
    let lowerEnd = min(low.step, high.step) + 0.1 * abs(width)
    let upperEnd = max(low.step, high.step) - 0.1 * abs(width)
    if !(trialStep.isFinite && trialStep >= lowerEnd && trialStep <= upperEnd) {
      trialStep = low.step + 0.5 * width
    }
    if abs(width) <= Double.ulpOfOne * max(abs(low.step), 1) { break }
    let trial = evaluate(trialStep)
    if !armijo(trial) || trial.value >= low.value {
      high = trial
    } else {
      if curvatureHolds(trial) { return (trial, evaluations) }
      if trial.slope * (high.step - low.step) >= 0 { high = low }
      low = trial
    }
  }
  // Out of evaluations: accept the best point with sufficient decrease, if any.
  return (low.step > 0 ? low : nil, evaluations)
}

/// The minimiser of the cubic through (a, φ(a), φ′(a)) and (b, φ(b), φ′(b))
/// (Nocedal & Wright, eq. 3.59); NaN when it does not exist.
func cubicMinimizer(_ a: LineSearchPoint, _ b: LineSearchPoint) -> Double {
  let d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.step - b.step)
  let discriminant = d1 * d1 - a.slope * b.slope
  guard discriminant >= 0 else { return .nan }
  let d2 = (b.step > a.step ? 1.0 : -1.0) * discriminant.squareRoot()
  return b.step - (b.step - a.step) * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2)
}
