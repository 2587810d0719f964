// The shape every classic model shares, so a runner can treat them uniformly.
//
// Decisions, in priority order:
// 1. A model's hyperparameters are a value (`LinearSVC`, `LogisticRegression`,
//    `DecisionTree`); `fit` returns a separate fitted value (`LinearSVC.Model`, …). A
//    fitted model cannot be "not fitted yet", and fitting never mutates the estimator
//    (this replaces scikit-learn's trailing-underscore attributes).
// 2. Inputs are `Matrix<Double>` of shape (n, d), row-major, and labels `[Int]` in
//    `0..<k`. Classic knows nothing about what the features or classes mean.
// 3. Outside input throws `ClassicError`; nothing here traps on bad data.
// 4. Progress goes through an injected closure that is silent by default.
import LinearAlgebra

/// Receives one line of progress text (no trailing newline). Silent when nil.
public typealias ProgressHandler = @Sendable (String) -> Void

/// A classifier's hyperparameters: validated, then fitted to data.
public protocol Classifier: Sendable {
  /// The fitted model that `fit` returns.
  associatedtype Model: FittedClassifier
  /// The command-line and report name, e.g. `"linear-svc"`.
  var name: String { get }
  /// Throws `ClassicError.invalidParameter` naming the first hyperparameter out of range.
  func validate() throws
  /// Fits the model.
  ///
  /// - Parameters:
  ///   - x: (n, d) training features, finite.
  ///   - y: (n) labels in `0..<k`.
  ///   - classCount: k; nil means `max(y) + 1`. Classes without samples are allowed and
  ///     are never predicted.
  /// - Throws: `ClassicError` for invalid hyperparameters, an empty `x`, mismatched
  ///   counts, a NaN or infinite value, a label outside `0..<k`, or a single class.
  func fit(x: Matrix<Double>, y: [Int], classCount: Int?) throws -> Model
}

extension Classifier {
  /// Fits with `classCount = max(y) + 1`. See `fit(x:y:classCount:)`.
  public func fit(x: Matrix<Double>, y: [Int]) throws -> Model {
    try fit(x: x, y: y, classCount: nil)
  }
}

/// A fitted classifier.
public protocol FittedClassifier: Sendable {
  /// How the fit went.
  var report: FitReport { get }
  /// k: predictions are in `0..<k`.
  var classCount: Int { get }
  /// d: the number of columns `predict` expects.
  var featureCount: Int { get }
  /// The number of learned numbers (documented per model), for reports.
  var parameterCount: Int { get }
  /// The predicted class of each row.
  ///
  /// - Parameter x: (m, d), finite; m may be 0.
  /// - Returns: (m) labels in `0..<k`.
  /// - Throws: `ClassicError.featureCountMismatch` or `.nonFiniteValue`.
  func predict(_ x: Matrix<Double>) throws -> [Int]
}

extension FittedClassifier {
  /// The fraction of rows whose prediction equals the label, in [0, 1].
  ///
  /// - Parameters:
  ///   - x: (m, d), m ≥ 1.
  ///   - y: (m) labels.
  /// - Throws: as `predict`, plus `sampleCountMismatch` and `emptyInput`.
  public func accuracy(x: Matrix<Double>, y: [Int]) throws -> Double {
    if x.rows == 0 { throw ClassicError.emptyInput(rows: x.rows, columns: x.columns) }
    if x.rows != y.count { throw ClassicError.sampleCountMismatch(rows: x.rows, labels: y.count) }
    let predicted = try predict(x)
    return Double(zip(predicted, y).filter { $0 == $1 }.count) / Double(y.count)
  }
}

/// The three classic models by their command-line and report names.
///
/// ```swift
/// let kind = try ClassifierKind(name: "linear-svc")
/// let model = try kind.makeClassifier(seed: 42).fit(x: x, y: y, classCount: 6)
/// let labels = try model.predict(xTest)
/// ```
public enum ClassifierKind: String, CaseIterable, Sendable, CustomStringConvertible {
  case linearSVC = "linear-svc"
  case logisticRegression = "logistic-regression"
  case decisionTree = "decision-tree"

  /// The kind whose name is `name`.
  /// - Throws: `ClassicError.unknownClassifier` listing the known names.
  public init(name: String) throws {
    guard let kind = ClassifierKind(rawValue: name) else {
      throw ClassicError.unknownClassifier(name: name, known: ClassifierKind.allCases.map(\.rawValue))
    }
    self = kind
  }

  /// The command-line name.
  public var description: String { rawValue }

  /// The classifier with default hyperparameters, this seed and progress handler.
  ///
  /// The seed drives `LinearSVC`'s coordinate order and `DecisionTree`'s feature order;
  /// `LogisticRegression` is deterministic and ignores it.
  public func makeClassifier(seed: UInt64, progress: ProgressHandler? = nil) -> any Classifier {
    switch self {
    case .linearSVC: return LinearSVC(seed: seed, progress: progress)
    case .logisticRegression: return LogisticRegression(progress: progress)
    case .decisionTree: return DecisionTree(seed: seed, progress: progress)
    }
  }
}

/// The index of the largest element of `row`, the lowest index on ties (as NumPy's
/// `argmax`, which scikit-learn's `predict` uses).
@inline(__always)
func argmax(_ p: UnsafeBufferPointer<Double>) -> Int {
  var best = 0
  var bestValue = p[0]
  for j in 1..<p.count where p[j] > bestValue {
    best = j
    bestValue = p[j]
  }
  return best
}

/// The index of the largest entry in each row of `scores` (n, k).
func rowArgmax(_ scores: Matrix<Double>) -> [Int] {
  let k = scores.columns
  return scores.elements.withUnsafeBufferPointer { p in
    (0..<scores.rows).map { r in argmax(UnsafeBufferPointer(rebasing: p[(r * k)..<((r + 1) * k)])) }
  }
}

/// The scores of a linear model, `x · coefficientsᵀ + intercepts`, shared by `LinearSVC`
/// and `LogisticRegression`.
///
/// - Parameters:
///   - x: (m, d), finite.
///   - coefficients: (k, d).
///   - intercepts: (k).
/// - Returns: (m, k).
/// - Throws: `ClassicError.featureCountMismatch` or `.nonFiniteValue`.
func linearScores(_ x: Matrix<Double>, coefficients: Matrix<Double>, intercepts: [Double]) throws -> Matrix<Double> {
  try checkPredictionInput(x, featureCount: coefficients.columns)
  var scores = gemm(x, coefficients, transposeB: true)
  let k = coefficients.rows
  for r in 0..<x.rows { for j in 0..<k { scores.elements[r * k + j] += intercepts[j] } }
  return scores
}
