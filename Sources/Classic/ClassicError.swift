// Errors for outside input: hyperparameters, training data and prediction inputs.
//
// Decisions (cf. scikit-learn's `sklearn/utils/validation.py`):
// 1. Validate once, at the boundary (`fit`, `predict`, `transform`); code further in
//    assumes the checks hold and uses `precondition` for its own contracts.
// 2. Every message names what was checked, what was expected and what was found, in the
//    form `what must be …, got …`, and gives the row and column of a bad value.
import LinearAlgebra

/// An error caused by a hyperparameter, a training set or a prediction input.
public enum ClassicError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A hyperparameter outside its valid range: `tolerance must be > 0, got -0.0001`.
  case invalidParameter(name: String, expected: String, found: String)
  /// The matrix has no rows or no columns.
  case emptyInput(rows: Int, columns: Int)
  /// `x` and `y` disagree on the number of samples.
  case sampleCountMismatch(rows: Int, labels: Int)
  /// `x[row, column]` is NaN or ±Inf.
  case nonFiniteValue(row: Int, column: Int, value: Double)
  /// `y[index]` is not in `0..<classCount`.
  case labelOutOfRange(index: Int, label: Int, classCount: Int)
  /// Every training label is the same class.
  case singleClass(label: Int)
  /// The matrix passed to `predict` or `transform` has the wrong number of columns.
  case featureCountMismatch(expected: Int, found: Int)
  /// A classifier name that `ClassifierKind` does not know.
  case unknownClassifier(name: String, known: [String])

  public var description: String {
    switch self {
    case let .invalidParameter(name, expected, found):
      return "\(name) must be \(expected), got \(found)"
    case let .emptyInput(rows, columns):
      return "x must have at least one row and one column, got shape (\(rows), \(columns))"
    case let .sampleCountMismatch(rows, labels):
      return "x and y must have the same number of samples, got \(rows) rows in x and \(labels) labels in y"
    case let .nonFiniteValue(row, column, value):
      return "x must be finite, got \(value) at row \(row), column \(column)"
    case let .labelOutOfRange(index, label, classCount):
      return "y[\(index)] must be a class in 0..<\(classCount), got \(label)"
    case let .singleClass(label):
      return "y must contain at least two classes, got only class \(label)"
    case let .featureCountMismatch(expected, found):
      return "x must have \(expected) columns (the number of features seen in fit), got \(found)"
    case let .unknownClassifier(name, known):
      return "classifier name must be one of \(known.joined(separator: ", ")), got \"\(name)\""
    }
  }
}

// MARK: - Checks shared by every model

/// What the checks learned about a valid training set.
struct CheckedLabels {
  /// k: the number of classes the model predicts (`classCount` or `max(y) + 1`).
  var classCount: Int
  /// (k): samples per class.
  var counts: [Int]
  /// The classes with at least one sample, ascending; at least two.
  var presentClasses: [Int] { counts.indices.filter { counts[$0] > 0 } }
}

/// Checks a training set: non-empty, matching counts, finite values, labels in
/// `0..<k` and at least two classes present.
///
/// - Parameters:
///   - x: (n, d).
///   - y: (n), labels in `0..<k`.
///   - classCount: k, or nil for `max(y) + 1`.
func checkTrainingSet(x: Matrix<Double>, y: [Int], classCount: Int?) throws -> CheckedLabels {
  if x.rows == 0 || x.columns == 0 { throw ClassicError.emptyInput(rows: x.rows, columns: x.columns) }
  if x.rows != y.count { throw ClassicError.sampleCountMismatch(rows: x.rows, labels: y.count) }
  if let k = classCount, k < 2 {
    throw ClassicError.invalidParameter(name: "classCount", expected: ">= 2", found: "\(k)")
  }
  let k = classCount ?? (y.max()! + 1)
  var counts = [Int](repeating: 0, count: max(k, 0))
  for (i, label) in y.enumerated() {
    guard label >= 0 && label < k else {
      throw ClassicError.labelOutOfRange(index: i, label: label, classCount: max(k, 0))
    }
    counts[label] += 1
  }
  try checkFinite(x)
  let present = counts.indices.filter { counts[$0] > 0 }
  if present.count < 2 { throw ClassicError.singleClass(label: present.first ?? 0) }
  return CheckedLabels(classCount: k, counts: counts)
}

/// Checks a matrix passed to `predict`: `d` columns and finite values. Zero rows are allowed.
func checkPredictionInput(_ x: Matrix<Double>, featureCount d: Int) throws {
  if x.columns != d { throw ClassicError.featureCountMismatch(expected: d, found: x.columns) }
  try checkFinite(x)
}

/// Throws `nonFiniteValue` for the first NaN or ±Inf in row-major order.
func checkFinite(_ x: Matrix<Double>) throws {
  // A fast pass first: the sum of |x| is finite exactly when every element is (barring
  // overflow, which the slow pass then rules in or out).
  var total = 0.0
  x.elements.withUnsafeBufferPointer { for v in $0 { total += v.magnitude } }
  if total.isFinite { return }
  for r in 0..<x.rows {
    for c in 0..<x.columns where !x[r, c].isFinite {
      throw ClassicError.nonFiniteValue(row: r, column: c, value: x[r, c])
    }
  }
}

/// Throws `invalidParameter` unless `condition` holds.
@inline(__always)
func require(_ condition: Bool, _ name: String, _ expected: String, _ found: @autoclosure () -> String) throws {
  if !condition { throw ClassicError.invalidParameter(name: name, expected: expected, found: found()) }
}
