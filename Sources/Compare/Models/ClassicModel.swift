// The adapter that lets a Classic model take part in a comparison. The runner has
// already scaled the features (min–max to [-1, 1] on the fold's training rows); the
// adapter fits on the training rows outside the fold's validation subjects — the same
// rows every deep model trains on, so the comparison is like for like — predicts the
// test rows and turns the solver's FitReport into notes for the report.
import Classic
import Dispatch
import LinearAlgebra

/// A Classic classifier with its default hyperparameters (those of scikit-learn).
public struct ClassicModel: ComparableModel {
  public let kind: ClassifierKind
  /// Receives solver progress lines (`har --verbose`); nil is silent.
  public let progress: ProgressHandler?

  public init(_ kind: ClassifierKind, progress: ProgressHandler? = nil) {
    self.kind = kind
    self.progress = progress
  }

  public var name: String { kind.rawValue }
  public var input: ModelInput { .features }
  public var isDeep: Bool { false }

  public var summary: String {
    switch kind {
    case .linearSVC: "L2-regularised squared hinge, one-vs-rest, C = 1, dual coordinate descent (liblinear), tol 1e-4, ≤ 1000 passes"
    case .logisticRegression: "multinomial, L2, C = 1, L-BFGS (m = 10), tol 1e-4, ≤ 100 iterations"
    case .decisionTree: "CART, gini, unlimited depth, min samples split 2, leaf 1, all features"
    }
  }

  public func run(_ task: CellTask, progress cellProgress: @Sendable (CellProgress) -> Void) throws -> CellOutcome {
    guard let allRows = task.trainFeatures, let xTest = task.testFeatures else {
      throw CompareError.invalidOption(name: "model input", expected: "features for \(name)", found: "none")
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
