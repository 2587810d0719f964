// One battery of checks for every classifier (cf. scikit-learn's estimator_checks.py):
// determinism, shapes, report, and a clear error for each kind of bad input.
import Classic
import LinearAlgebra
import Testing
import _TestSupport

@Suite struct ConformanceTests {
  static let data = TestData.blobs(classes: 3, perClass: 30, features: 4, spread: 2, seed: 11)

  @Test(arguments: ClassifierKind.allCases)
  func fitTwiceGivesIdenticalPredictions(kind: ClassifierKind) throws {
    let (x, y) = Self.data
    let a = try fitAny(kind.makeClassifier(seed: 5), x, y)
    let b = try fitAny(kind.makeClassifier(seed: 5), x, y)
    #expect(try a.predict(x) == b.predict(x))
  }

  @Test(arguments: ClassifierKind.allCases)
  func shapesAndReport(kind: ClassifierKind) throws {
    let (x, y) = Self.data
    let classifier = kind.makeClassifier(seed: 1)
    #expect(classifier.name == kind.rawValue)
    let model = try fitAny(classifier, x, y, classCount: 4)   // class 3 has no samples
    #expect(model.classCount == 4)
    #expect(model.featureCount == 4)
    #expect(model.parameterCount > 0)
    #expect(model.report.iterations >= 1)
    #expect(model.report.seconds >= 0)
    #expect(model.report.finalObjective.isFinite)
    let predictions = try model.predict(x)
    #expect(predictions.count == x.rows)
    #expect(predictions.allSatisfy { (0..<3).contains($0) }, "a class without samples is never predicted")
    #expect(try model.accuracy(x: x, y: y) > 0.8)
    #expect(try model.predict(Matrix(rows: 0, columns: 4)) == [])
  }

  @Test(arguments: ClassifierKind.allCases)
  func rejectsBadTrainingInput(kind: ClassifierKind) throws {
    let (x, y) = Self.data
    let classifier = kind.makeClassifier(seed: 0)
    var withNaN = x
    withNaN[7, 2] = .nan
    // Exact errors (NaN is compared through its description, since NaN ≠ NaN).
    func error(_ body: () throws -> Void) -> ClassicError? {
      do { try body(); return nil } catch let e as ClassicError { return e } catch { return nil }
    }
    #expect(error { _ = try fitAny(classifier, withNaN, y) }?.description == "x must be finite, got nan at row 7, column 2")
    var withInf = x
    withInf[3, 0] = -.infinity
    #expect(error { _ = try fitAny(classifier, withInf, y) } == .nonFiniteValue(row: 3, column: 0, value: -.infinity))
    #expect(error { _ = try fitAny(classifier, x, Array(y.dropLast())) } == .sampleCountMismatch(rows: 90, labels: 89))
    var unknown = y
    unknown[4] = 3
    #expect(error { _ = try fitAny(classifier, x, unknown, classCount: 3) } == .labelOutOfRange(index: 4, label: 3, classCount: 3))
    var negative = y
    negative[2] = -1
    #expect(error { _ = try fitAny(classifier, x, negative) } == .labelOutOfRange(index: 2, label: -1, classCount: 3))
    #expect(error { _ = try fitAny(classifier, x, [Int](repeating: 2, count: 90)) } == .singleClass(label: 2))
    #expect(error { _ = try fitAny(classifier, Matrix(rows: 0, columns: 4), []) } == .emptyInput(rows: 0, columns: 4))
    #expect(error { _ = try fitAny(classifier, x, y, classCount: 1) } == .invalidParameter(name: "classCount", expected: ">= 2", found: "1"))
  }

  @Test(arguments: ClassifierKind.allCases)
  func rejectsBadPredictionInput(kind: ClassifierKind) throws {
    let (x, y) = Self.data
    let model = try fitAny(kind.makeClassifier(seed: 0), x, y)
    #expect(throws: ClassicError.featureCountMismatch(expected: 4, found: 3)) {
      _ = try model.predict(Matrix(rows: 2, columns: 3))
    }
    var bad = Matrix<Double>(rows: 2, columns: 4)
    bad[1, 3] = .infinity
    #expect(throws: ClassicError.nonFiniteValue(row: 1, column: 3, value: .infinity)) { _ = try model.predict(bad) }
  }

  @Test(arguments: ClassifierKind.allCases)
  func separableDataIsClassifiedPerfectly(kind: ClassifierKind) throws {
    let (x, y) = TestData.separable(classes: 4, perClass: 25, seed: 3)
    let model = try fitAny(kind.makeClassifier(seed: 9), x, y)
    #expect(try model.predict(x) == y)
    let (xTest, yTest) = TestData.separable(classes: 4, perClass: 10, seed: 4)
    if kind != .decisionTree {   // a tree need not generalise along the diagonal
      #expect(try model.predict(xTest) == yTest)
    }
  }

  @Test func namesRoundTrip() throws {
    for kind in ClassifierKind.allCases { #expect(try ClassifierKind(name: kind.rawValue) == kind) }
    #expect(ClassifierKind.allCases.map(\.rawValue) == ["linear-svc", "logistic-regression", "decision-tree"])
    #expect(throws: ClassicError.unknownClassifier(name: "svm", known: ["linear-svc", "logistic-regression", "decision-tree"])) {
      try ClassifierKind(name: "svm")
    }
  }

  @Test func invalidHyperparametersAreNamed() {
    func message(_ c: any Classifier) -> String? {
      do { try c.validate(); return nil } catch { return "\(error)" }
    }
    #expect(message(LinearSVC(tolerance: -0.0001)) == "tolerance must be > 0 and finite, got -0.0001")
    #expect(message(LinearSVC(c: 0)) == "c must be > 0 and finite, got 0.0")
    #expect(message(LinearSVC(maxIterations: 0)) == "maxIterations must be >= 1, got 0")
    #expect(message(LinearSVC(interceptScaling: -1)) == "interceptScaling must be > 0 and finite, got -1.0")
    #expect(message(LogisticRegression(c: .infinity)) == "c must be > 0 and finite, got inf")
    #expect(message(LogisticRegression(memory: 0)) == "memory must be >= 1, got 0")
    #expect(message(DecisionTree(maxDepth: 0)) == "maxDepth must be nil or >= 1, got 0")
    #expect(message(DecisionTree(minSamplesSplit: 1)) == "minSamplesSplit must be >= 2, got 1")
    #expect(message(DecisionTree(minSamplesLeaf: 0)) == "minSamplesLeaf must be >= 1, got 0")
    #expect(message(LinearSVC()) == nil && message(LogisticRegression()) == nil && message(DecisionTree()) == nil)
    // fit validates too.
    #expect(throws: ClassicError.invalidParameter(name: "tolerance", expected: "> 0 and finite", found: "-1.0")) {
      _ = try LogisticRegression(tolerance: -1).fit(x: Self.data.x, y: Self.data.y)
    }
    #expect(throws: ClassicError.invalidParameter(name: "maxFeatures", expected: "<= 4 (the number of features)", found: "5")) {
      _ = try DecisionTree(maxFeatures: 5).fit(x: Self.data.x, y: Self.data.y)
    }
  }

  @Test func progressIsSilentByDefaultAndReportsWhenAsked() throws {
    final class Lines: @unchecked Sendable {
      var lines: [String] = []
    }
    let lines = Lines()
    let (x, y) = Self.data
    for kind in ClassifierKind.allCases {
      _ = try fitAny(kind.makeClassifier(seed: 0, progress: { lines.lines.append($0) }), x, y)
    }
    #expect(lines.lines.contains { $0.hasPrefix("linear-svc") })
    #expect(lines.lines.contains { $0.hasPrefix("logistic-regression") })
    #expect(lines.lines.contains { $0.hasPrefix("decision-tree") })
  }
}
