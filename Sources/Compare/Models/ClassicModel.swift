// The adapter that lets a Classic model take part in a comparison. The runner has
// already scaled the features (min–max to [-1, 1] on the fold's training rows); the
// adapter fits on the training rows outside the fold's validation subjects — the same
// rows every deep model trains on, so the comparison is like for like — predicts the
// test rows and turns the solver's FitReport into notes for the report.
//
// A column subset (the feature-family ablation) is selected after the fold's scaling:
// the min–max scaling is per column, so selecting before or after it gives the same
// numbers, and every variant of a fold shares the one scaled matrix.
import Classic
import Dispatch
import LinearAlgebra

/// A Classic classifier with its default hyperparameters (those of scikit-learn).
public struct ClassicModel: ComparableModel, FeatureColumnSubsetting {
  public let kind: ClassifierKind
  /// Receives solver progress lines (`har --verbose`); nil is silent.
  public let progress: ProgressHandler?
  /// The feature columns read, 0-based and ascending; nil reads all of them.
  public let columns: [Int]?
  /// The variant's name (e.g. `linear-svc-time`); nil = the classifier's.
  private let variantName: String?

  public init(_ kind: ClassifierKind, progress: ProgressHandler? = nil) {
    self.kind = kind
    self.progress = progress
    self.columns = nil
    self.variantName = nil
  }

  /// The model reading only `columns` of the scaled features, called `name`.
  ///
  /// - Throws: `CompareError.invalidOption` (property `columns`) for an empty list, or
  ///   columns that are not ascending and distinct, or negative.
  public func selectingColumns(_ columns: [Int], named name: String) throws -> any ComparableModel {
    guard let first = columns.first, first >= 0, zip(columns, columns.dropFirst()).allSatisfy({ $0 < $1 }) else {
      throw CompareError.invalidOption(name: "columns", expected: "at least one column index ≥ 0, ascending, each once",
                                       found: columns.isEmpty ? "none" : "\(columns.prefix(8).map(String.init).joined(separator: ","))\(columns.count > 8 ? ",…" : "")")
    }
    return ClassicModel(kind: kind, progress: progress, columns: columns, variantName: name)
  }

  private init(kind: ClassifierKind, progress: ProgressHandler?, columns: [Int], variantName: String) {
    self.kind = kind; self.progress = progress; self.columns = columns; self.variantName = variantName
  }

  public var name: String { variantName ?? kind.rawValue }
  public var input: ModelInput { .features }
  public var isDeep: Bool { false }

  public var summary: String {
    let solver = switch kind {
    case .linearSVC: "L2-regularised squared hinge, one-vs-rest, C = 1, dual coordinate descent (liblinear), tol 1e-4, ≤ 1000 passes"
    case .logisticRegression: "multinomial, L2, C = 1, L-BFGS (m = 10), tol 1e-4, ≤ 100 iterations"
    case .decisionTree: "CART, gini, unlimited depth, min samples split 2, leaf 1, all features"
    }
    guard let columns else { return solver }
    return "\(kind.rawValue) (\(solver)) on \(columns.count) feature columns (0-based \(CompareError.ranges(columns)))"
  }

  /// The chosen columns of `x`, (rows, columns.count).
  /// - Throws: `CompareError.invalidOption` when a column is outside `x`.
  static func selecting(_ columns: [Int], of x: Matrix<Double>) throws -> Matrix<Double> {
    guard let last = columns.last, last < x.columns else {
      throw CompareError.invalidOption(name: "columns", expected: "columns of a matrix with \(x.columns) columns", found: "column \(columns.last ?? -1)")
    }
    var out = [Double](repeating: 0, count: x.rows * columns.count)
    for r in 0..<x.rows {
      let row = x.row(r)
      for (j, c) in columns.enumerated() { out[r * columns.count + j] = row[row.startIndex + c] }
    }
    return Matrix(rows: x.rows, columns: columns.count, elements: out)
  }

  public func run(_ task: CellTask, progress cellProgress: @Sendable (CellProgress) -> Void) throws -> CellOutcome {
    guard var allRows = task.trainFeatures, var xTest = task.testFeatures else {
      throw CompareError.invalidOption(name: "model input", expected: "features for \(name)", found: "none")
    }
    if let columns {
      allRows = try Self.selecting(columns, of: allRows)
      xTest = try Self.selecting(columns, of: xTest)
    }
    let fitRows = task.fitRows
    let x = task.validation.isEmpty ? allRows : allRows.rows(fitRows)
    let y = task.validation.isEmpty ? task.trainLabels : fitRows.map { task.trainLabels[$0] }
    let classifier = kind.makeClassifier(seed: task.seed, progress: progress)
    cellProgress(CellProgress(epoch: 0, epochs: 0, message: "fitting \(name) on \(x.rows) × \(x.columns)"))
    let start = DispatchTime.now().uptimeNanoseconds
    let model = try classifier.fit(x: x, y: y, classCount: task.classCount)
    let fitSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let predictStart = DispatchTime.now().uptimeNanoseconds
    let predictions = try model.predict(xTest)
    let predictSeconds = Double(DispatchTime.now().uptimeNanoseconds - predictStart) / 1e9
    return CellOutcome(
      predictions: predictions, fitSeconds: fitSeconds, predictSeconds: predictSeconds,
      parameterCount: model.parameterCount, trainingAccuracy: try model.accuracy(x: x, y: y),
      notes: Self.notes(model.report))
  }

  /// Report-worthy facts of a fit: iteration caps reached, line searches failed.
  static func notes(_ report: FitReport) -> [String] {
    let reports = report.perClass.isEmpty ? [report] : report.perClass
    var notes: [String] = []
    let capped = reports.filter { $0.stopReason == .maxIterations }
    if !capped.isEmpty {
      let which = report.perClass.isEmpty ? "" : " (\(capped.count) of \(reports.count) one-vs-rest problems)"
      notes.append("\(report.solver) reached its iteration cap after \(capped.map(\.iterations).max()!) iterations\(which)")
    }
    if reports.contains(where: { $0.stopReason == .lineSearchFailed }) {
      notes.append("\(report.solver): line search failed before the tolerance was reached")
    }
    return notes
  }
}
