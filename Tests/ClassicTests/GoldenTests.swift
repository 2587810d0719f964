// Agreement with scikit-learn on a small 3-class problem. The fixture and the script that
// wrote it are in Fixtures/ (see the script's docstring and the JSON header for the tool,
// version, command and date); scikit-learn itself is never needed to run these tests.
//
// What is compared, and why the tolerances:
// - Scalers: the same formulas, so equal to a few ulps.
// - Converged linear models (sklearn at tol 1e-12/1e-10 vs ours at tight tolerance): both
//   solve the same strictly convex problem (LinearSVC and logistic regression; for the
//   hinge loss the primal is still strictly convex in w̃), so the coefficients agree to
//   the solvers' accuracy, checked at 1e-6 of the largest coefficient.
// - Default fits (tol 1e-4): both run the primal trust-region Newton method here (n > d,
//   `dual="auto"`), but liblinear's newer tron preconditions its CG steps, so the iterates
//   differ and stop at different points near the same optimum: predictions must agree and
//   coefficients agree to 1e-3 of the largest.
// - Logistic regression with defaults: same start (0), same L-BFGS memory, first step and
//   stopping rule as SciPy's L-BFGS-B, so we follow its iterates and stop at the same
//   iteration; only round-off separates the two.
// - Trees: the depth-3 and depth-4 trees have no ties (sklearn builds the same tree for
//   20 random states), so ours must be identical: features, sample counts, predictions,
//   and thresholds up to float32 rounding (sklearn builds trees on a float32 copy of X).
//   Full trees meet exact ties, so only training accuracy, depth and size are compared.
import Classic
import Foundation
import LinearAlgebra
import Testing
import _TestSupport

struct SklearnGolden: Decodable {
  struct Header: Decodable { var tool: String; var command: String; var date: String }
  struct Linear: Decodable {
    var coef: [[Double]]
    var intercept: [Double]
    var n_iter: Int
    var test_pred: [Int]?
    var test_proba: [[Double]]?
    var train_accuracy: Double?
  }
  struct Tree: Decodable {
    var feature: [Int]
    var threshold: [Double]
    var left: [Int]
    var right: [Int]
    var n_node_samples: [Int]
    var test_pred: [Int]
    var same_tree_for_random_state_0_to_19: Bool
  }
  struct TreeSummary: Decodable {
    var train_accuracy: Double
    var test_accuracy: Double
    var max_depth: Int
    var n_leaves: Int
  }
  var header: Header
  var x_train: [[Double]], y_train: [Int], x_test: [[Double]], y_test: [Int]
  var minmax_test: [[Double]], standard_test: [[Double]]
  var svc_default: Linear, svc_exact: Linear, svc_hinge_exact: Linear
  var lr_default: Linear, lr_exact: Linear, lr_binary_exact: Linear
  var tree_depth3: Tree, tree_depth4: Tree
  var tree_full: TreeSummary, tree_full_entropy: TreeSummary

  static let shared: SklearnGolden = {
    let url = RealData.packageRoot.appendingPathComponent("Tests/ClassicTests/Fixtures/sklearn_golden.json")
    let data = try! Data(contentsOf: url)
    return try! JSONDecoder().decode(SklearnGolden.self, from: data)
  }()

  /// The training and test rows after min–max scaling fitted on the training rows.
  var scaled: (train: Matrix<Double>, test: Matrix<Double>) {
    let scaler = try! ColumnScaler(fitting: Matrix(x_train))
    return (try! scaler.transform(Matrix(x_train)), try! scaler.transform(Matrix(x_test)))
  }
}

/// The largest |a − b| over both coefficient matrices and intercepts, divided by the
/// largest |b|.
func relativeDifference(_ coefficients: Matrix<Double>, _ intercepts: [Double], _ golden: SklearnGolden.Linear) -> Double {
  let expected = golden.coef.flatMap { $0 } + golden.intercept
  let actual = coefficients.elements + intercepts
  let scale = expected.map(abs).max()!
  return zip(actual, expected).map { abs($0 - $1) }.max()! / scale
}

@Suite struct GoldenTests {
  let golden = SklearnGolden.shared

  @Test func fixtureHasAHeader() {
    #expect(golden.header.tool.hasPrefix("scikit-learn "))
    #expect(golden.header.command.contains("make_sklearn_golden.py"))
    #expect(golden.x_train.count == 200 && golden.x_train[0].count == 10 && golden.x_test.count == 100)
  }

  @Test func scalersMatchScikitLearn() throws {
    let train = Matrix(golden.x_train), test = Matrix(golden.x_test)
    let minMax = try ColumnScaler(fitting: train).transform(test)
    expectClose(minMax.elements, golden.minmax_test.flatMap { $0 }, relative: 1e-13, absolute: 1e-14)
    let standard = try ColumnScaler(fitting: train, method: .standardization).transform(test)
    expectClose(standard.elements, golden.standard_test.flatMap { $0 }, relative: 1e-12, absolute: 1e-13)
  }

  @Test func linearSVCMatchesAtTheOptimum() throws {
    let (x, _) = golden.scaled
    let y = golden.y_train
    let squared = try LinearSVC(tolerance: 1e-10, maxIterations: 1_000_000).fit(x: x, y: y)
    let e1 = relativeDifference(squared.coefficients, squared.intercepts, golden.svc_exact)
    #expect(e1 < 1e-6)
    let hinge = try LinearSVC(loss: .hinge, tolerance: 1e-9, maxIterations: 1_000_000).fit(x: x, y: y)
    let e2 = relativeDifference(hinge.coefficients, hinge.intercepts, golden.svc_hinge_exact)
    #expect(e2 < 1e-6)
  }

  @Test func linearSVCPrimalFallbackMatchesScikitLearnPrimal() throws {
    // Cap the dual at 2 passes so that every problem is finished by the primal Newton
    // method, which is scikit-learn's solver here (same stopping rule, same tolerance).
    let (x, xTest) = golden.scaled
    let model = try LinearSVC(maxIterations: 2, solver: .dual).fit(x: x, y: golden.y_train)
    let e = relativeDifference(model.coefficients, model.intercepts, golden.svc_default)
    #expect(e < 1e-3, "relative coefficient difference \(e)")
    #expect(try model.predict(xTest) == golden.svc_default.test_pred!)
  }

  @Test func linearSVCDefaultsAgree() throws {
    let (x, xTest) = golden.scaled
    let model = try LinearSVC().fit(x: x, y: golden.y_train)
    let e = relativeDifference(model.coefficients, model.intercepts, golden.svc_default)
    // Both stop at the relative primal gradient rule with tolerance 1e-4, a relative
    // coefficient error of order 1e-4; 1e-3 leaves room.
    #expect(model.report.solver.hasPrefix("trust-region Newton, primal"))
    #expect(e < 1e-3, "relative coefficient difference \(e)")
    #expect(try model.accuracy(x: x, y: golden.y_train) == golden.svc_default.train_accuracy!)
    let predictions = try model.predict(xTest)
    #expect(predictions == golden.svc_default.test_pred!)
  }

  @Test func logisticRegressionMatchesAtTheOptimum() throws {
    let (x, _) = golden.scaled
    let y = golden.y_train
    let model = try LogisticRegression(tolerance: 1e-10, maxIterations: 10_000).fit(x: x, y: y)
    let e = relativeDifference(model.coefficients, model.intercepts, golden.lr_exact)
    #expect(e < 1e-6)
    // Two classes: scikit-learn's binomial coefficients are our w₁ − w₀.
    let rows = y.indices.filter { y[$0] < 2 }
    let binary = try LogisticRegression(tolerance: 1e-10, maxIterations: 10_000).fit(x: x.rows(rows), y: rows.map { y[$0] })
    let v = zip(binary.coefficients.row(1), binary.coefficients.row(0)).map { $0 - $1 }
    let v0 = binary.intercepts[1] - binary.intercepts[0]
    let eb = relativeDifference(Matrix(rows: 1, columns: 10, elements: v), [v0], golden.lr_binary_exact)
    #expect(eb < 1e-6)
  }

  @Test func logisticRegressionDefaultsAgree() throws {
    let (x, xTest) = golden.scaled
    let model = try LogisticRegression().fit(x: x, y: golden.y_train)
    let e = relativeDifference(model.coefficients, model.intercepts, golden.lr_default)
    let p = try model.predictProbabilities(xTest)
    let pd = zip(p.elements, golden.lr_default.test_proba!.flatMap { $0 }).map { abs($0 - $1) }.max()!
    #expect(abs(model.report.iterations - golden.lr_default.n_iter) <= 1, "\(model.report)")
    #expect(e < 1e-6, "relative coefficient difference \(e)")
    #expect(pd < 1e-8, "largest probability difference \(pd)")
    #expect(try model.accuracy(x: x, y: golden.y_train) == golden.lr_default.train_accuracy!)
    #expect(try model.predict(xTest) == golden.lr_default.test_pred!)
  }

  @Test(arguments: [3, 4])
  func tieFreeTreesAreIdentical(depth: Int) throws {
    let expected = depth == 3 ? golden.tree_depth3 : golden.tree_depth4
    #expect(expected.same_tree_for_random_state_0_to_19)
    let (x, xTest) = golden.scaled
    for seed: UInt64 in [0, 1, 2] {
      let model = try DecisionTree(maxDepth: depth, seed: seed).fit(x: x, y: golden.y_train)
      #expect(model.nodes.map { $0.feature ?? -1 } == expected.feature)
      // scikit-learn casts X to float32 before building a tree, so its thresholds are
      // midpoints of float32-rounded values: within half a float32 ulp (≤ 6e-8 for values
      // in [−1, 1]) of ours, which are midpoints of the Double values.
      expectClose(model.nodes.map(\.threshold), expected.threshold, relative: 1.2e-7, absolute: 1e-7)
      #expect(model.nodes.map { $0.left ?? -1 } == expected.left)
      #expect(model.nodes.map { $0.right ?? -1 } == expected.right)
      #expect(model.nodes.map(\.sampleCount) == expected.n_node_samples)
      #expect(try model.predict(xTest) == expected.test_pred)
    }
  }

  @Test func fullTreesFitTheTrainingSetLikeScikitLearn() throws {
    let (x, xTest) = golden.scaled
    for (criterion, expected) in [(DecisionTree.Criterion.gini, golden.tree_full), (.entropy, golden.tree_full_entropy)] {
      let model = try DecisionTree(criterion: criterion).fit(x: x, y: golden.y_train)
      #expect(try model.accuracy(x: x, y: golden.y_train) == expected.train_accuracy)
      // Ties change which small nodes split where, not how deep or big the tree gets here.
      #expect(abs(model.depth - expected.max_depth) <= 1 && abs(model.leafCount - expected.n_leaves) <= 3,
              "\(criterion): depth \(model.depth) vs \(expected.max_depth), leaves \(model.leafCount) vs \(expected.n_leaves)")
      // Test accuracy depends on the tie-breaking; it must at least be in the same range.
      #expect(abs(try model.accuracy(x: xTest, y: golden.y_test) - expected.test_accuracy) <= 0.1)
    }
  }
}
