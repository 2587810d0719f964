// What a fit did, as data: `Compare` writes it into the reports, so reaching an
// iteration cap is a permanent record rather than a warning on stderr (cf. liblinear's
// "WARNING: reaching max number of iterations" and scikit-learn's ConvergenceWarning).

/// How a solver ended, and what its numbers mean.
///
/// Each model documents its own objective, gradient measure and iteration unit; the
/// fields here are filled as follows.
///
/// | field | `LinearSVC` | `LogisticRegression` | `DecisionTree` |
/// |---|---|---|---|
/// | `iterations` | primal: Newton iterations; dual: passes (+ Newton iterations after a fallback); max over classes | L-BFGS iterations | nodes built |
/// | `finalObjective` | primal objective, summed over binary problems | C·Σ cross-entropy + ½‖W‖² | training impurity Σ (nₜ/n)·impurity(t) over leaves |
/// | `finalGradientNorm` | dual: PGmax − PGmin; primal or after a primal fallback: ‖∇f‖₂ (top level: max over problems, nil if they differ in kind) | ‖∇F‖∞ of the scaled objective F | nil |
/// | `dualObjective` | dual objective Σα − ½αᵀQ̄α (≤ primal), summed (nil for the primal and after a primal fallback) | nil | nil |
public struct FitReport: Sendable, Equatable, Codable, CustomStringConvertible {
  /// Why the solver stopped.
  public enum StopReason: String, Sendable, Equatable, Codable {
    /// The gradient-based stopping rule was met.
    case toleranceReached
    /// The objective stopped decreasing (relative change below the solver's floor).
    case objectiveStalled
    /// The iteration cap was reached first: the result may be less accurate than asked.
    case maxIterations
    /// No step satisfying the line-search conditions was found; the best point is kept.
    case lineSearchFailed
    /// A non-iterative algorithm (the tree) ran to completion.
    case completed
  }

  /// The algorithm, e.g. "dual coordinate descent (squared hinge)".
  public var solver: String
  /// Number of iterations; see the table above for the unit.
  public var iterations: Int
  /// Why the solver stopped.
  public var stopReason: StopReason
  /// The objective at the returned model; see the table above.
  public var finalObjective: Double
  /// The stopping rule's measure at the returned model, or nil where it does not apply.
  public var finalGradientNorm: Double?
  /// The dual objective in maximisation form, for solvers that have one: a lower bound on
  /// `finalObjective`, equal to it at the optimum (the difference is the duality gap).
  public var dualObjective: Double?
  /// The tolerance the stopping rule compared against, or nil where it does not apply.
  public var tolerance: Double?
  /// Objective (and gradient) evaluations, where different from `iterations`.
  public var functionEvaluations: Int?
  /// Wall-clock time of the whole fit, in seconds (including input checks).
  public var seconds: Double
  /// The class this entry is about, for one-vs-rest entries in `perClass`.
  public var classLabel: Int?
  /// One-vs-rest: one entry per binary problem solved, in class order. Empty otherwise.
  public var perClass: [FitReport]

  public init(
    solver: String, iterations: Int, stopReason: StopReason, finalObjective: Double,
    finalGradientNorm: Double? = nil, dualObjective: Double? = nil, tolerance: Double? = nil,
    functionEvaluations: Int? = nil, seconds: Double = 0, classLabel: Int? = nil, perClass: [FitReport] = []
  ) {
    self.solver = solver
    self.iterations = iterations
    self.stopReason = stopReason
    self.finalObjective = finalObjective
    self.finalGradientNorm = finalGradientNorm
    self.dualObjective = dualObjective
    self.tolerance = tolerance
    self.functionEvaluations = functionEvaluations
    self.seconds = seconds
    self.classLabel = classLabel
    self.perClass = perClass
  }

  /// Whether the solver met its stopping rule (or, for the tree, completed): false when it
  /// hit the iteration cap or its line search failed.
  public var converged: Bool { stopReason != .maxIterations && stopReason != .lineSearchFailed }

  /// One line, e.g. `L-BFGS: 57 iterations, toleranceReached, objective 812.3, gradient 8.1e-05, 0.41 s`.
  public var description: String {
    var parts = ["\(iterations) iterations", stopReason.rawValue, "objective \(finalObjective)"]
    if let g = finalGradientNorm { parts.append("gradient \(g)") }
    if let t = tolerance { parts.append("tolerance \(t)") }
    parts.append("\(seconds) s")
    return "\(solver): " + parts.joined(separator: ", ")
  }
}

/// Seconds elapsed since `start` on the continuous clock.
func secondsSince(_ start: ContinuousClock.Instant) -> Double {
  let d = ContinuousClock.now - start
  return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}
