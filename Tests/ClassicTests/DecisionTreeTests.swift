// DecisionTree: a hand-worked example, XOR, the stopping rules and the role of the seed.
import Classic
import LinearAlgebra
import Testing
import _TestSupport

@Suite struct DecisionTreeTests {
  /// Six samples, two features, two classes:
  ///
  ///     i   x0  x1  y
  ///     0   1   1   0
  ///     1   2   4   0
  ///     2   3   2   1
  ///     3   4   6   0
  ///     4   5   3   1
  ///     5   6   5   1
  ///
  /// Root (3 of each class, gini 0.5). Weighted child gini (m_L·g_L + m_R·g_R)/m for each
  /// split position (left size t), labels sorted by the feature:
  ///   x0 order y = 0 0 1 0 1 1:  t=1 .400, t=2 .250, t=3 .444, t=4 .250, t=5 .400
  ///   x1 order y = 0 1 1 0 1 0:  t=1 .400, t=2 .500, t=3 .444, t=4 .500, t=5 .400
  /// Best .250, tied between x0 ≤ 2.5 and x0 ≤ 4.5; the lower threshold wins: x0 ≤ 2.5.
  /// Left {0, 1}: pure class 0 (leaf). Right {2, 3, 4, 5}, y = 1 0 1 1 (gini .375):
  ///   x0 order y = 1 0 1 1:  t=1 .333, t=2 .250, t=3 .333
  ///   x1 order (2, 3, 5, 6) y = 1 1 1 0:  t=3 0 (pure children), threshold (5 + 6)/2 = 5.5.
  /// So node 2 is x1 ≤ 5.5 with leaves {2, 4, 5} → class 1 and {3} → class 0.
  /// Nodes in depth-first order: 0 split(x0, 2.5), 1 leaf [2, 0], 2 split(x1, 5.5),
  /// 3 leaf [0, 3], 4 leaf [1, 0]. No tie crosses features, so every seed gives this tree.
  @Test(arguments: [0, 1, 2, 3, 42] as [UInt64])
  func reproducesTheHandWorkedExample(seed: UInt64) throws {
    let x = Matrix<Double>([[1, 1], [2, 4], [3, 2], [4, 6], [5, 3], [6, 5]])
    let y = [0, 0, 1, 0, 1, 1]
    let model = try DecisionTree(seed: seed).fit(x: x, y: y)
    let nodes = model.nodes
    #expect(nodes.count == 5)
    #expect(nodes.map(\.feature) == [0, nil, 1, nil, nil])
    #expect(nodes[0].threshold == 2.5 && nodes[2].threshold == 5.5)
    #expect(nodes.map(\.left) == [1, nil, 3, nil, nil] && nodes.map(\.right) == [2, nil, 4, nil, nil])
    #expect(nodes.map(\.classCounts) == [[3, 3], [2, 0], [1, 3], [0, 3], [1, 0]])
    #expect(nodes.map(\.depth) == [0, 1, 1, 2, 2])
    expectClose(nodes.map(\.impurity), [0.5, 0, 0.375, 0, 0], relative: 1e-15)
    #expect(model.depth == 2 && model.leafCount == 3)
    #expect(model.report.iterations == 5)
    #expect(model.report.finalObjective == 0)
    #expect(try model.predict(x) == y)
    #expect(try model.predict(Matrix([[2.5, 100], [2.6, 5.5], [2.6, 5.51]])) == [0, 1, 0])
    #expect(try model.apply(Matrix([[0, 0]])) == [1])
  }

  @Test func fitsXOR() throws {
    // Each corner twice. Every split of the root leaves two of each class on each side:
    // zero decrease of either criterion. The tree must split anyway (as scikit-learn
    // does), and then each child separates perfectly on the other feature.
    let corners: [[Double]] = [[0, 0], [0, 1], [1, 0], [1, 1]]
    let x = Matrix(corners + corners)
    let y = [0, 1, 1, 0, 0, 1, 1, 0]
    for criterion in DecisionTree.Criterion.allCases {
      for seed: UInt64 in [0, 1, 2] {
        let model = try DecisionTree(criterion: criterion, seed: seed).fit(x: x, y: y)
        #expect(try model.predict(x) == y)
        #expect(model.depth == 2 && model.leafCount == 4, "\(criterion), seed \(seed)")
        #expect(model.nodes[0].threshold == 0.5)
      }
    }
  }

  @Test func entropyIsInBits() throws {
    let x = Matrix<Double>([[0], [1], [2], [3]])
    let model = try DecisionTree(criterion: .entropy, maxDepth: 1).fit(x: x, y: [0, 1, 2, 3])
    expectClose(model.nodes[0].impurity, 2, relative: 1e-15)   // four equally likely classes
    // Weighted child entropy for left size t: t=1 and t=3 give ¾·log₂3 ≈ 1.189, t=2 gives
    // 1, so the root splits at x ≤ 1.5 into two nodes of two classes (1 bit each).
    #expect(model.nodes[0].threshold == 1.5)
    expectClose(model.nodes.map(\.impurity), [2, 1, 1], relative: 1e-15)
  }

  @Test func stoppingRules() throws {
    let (x, y) = TestData.blobs(classes: 3, perClass: 40, features: 3, spread: 0.7, seed: 13)
    let full = try DecisionTree().fit(x: x, y: y)
    #expect(try full.accuracy(x: x, y: y) == 1, "distinct points: a full tree fits the training set")
    #expect(full.nodes.filter(\.isLeaf).allSatisfy { $0.impurity == 0 })

    let shallow = try DecisionTree(maxDepth: 2).fit(x: x, y: y)
    #expect(shallow.depth <= 2)
    #expect(shallow.leafCount <= 4)

    let leafy = try DecisionTree(minSamplesLeaf: 7).fit(x: x, y: y)
    #expect(leafy.nodes.filter(\.isLeaf).allSatisfy { $0.sampleCount >= 7 })

    let split = try DecisionTree(minSamplesSplit: 20).fit(x: x, y: y)
    #expect(split.nodes.filter { !$0.isLeaf }.allSatisfy { $0.sampleCount >= 20 })

    // Children partition their parent's samples.
    for node in full.nodes where !node.isLeaf {
      let l = full.nodes[node.left!].classCounts, r = full.nodes[node.right!].classCounts
      #expect(zip(l, r).map { $0 + $1 } == node.classCounts)
    }
  }

  @Test func probabilitiesAreLeafFractions() throws {
    let (x, y) = TestData.blobs(classes: 3, perClass: 30, features: 2, spread: 0.5, seed: 14)
    let model = try DecisionTree(maxDepth: 3).fit(x: x, y: y)
    let p = try model.predictProbabilities(x)
    let leaves = try model.apply(x)
    for r in 0..<x.rows {
      let counts = model.nodes[leaves[r]].classCounts
      expectClose(Array(p.row(r)), counts.map { Double($0) / Double(counts.reduce(0, +)) }, relative: 1e-15)
    }
  }

  @Test func seedMattersOnlyThroughTiesAndMaxFeatures() throws {
    // Feature 1 is an exact copy of feature 0: every split on one ties with the other.
    let (base, y) = TestData.blobs(classes: 2, perClass: 30, features: 1, spread: 1, seed: 15)
    let x = Matrix(rows: base.rows, columns: 2, elements: base.elements.flatMap { [$0, $0] })
    let rootFeatures = Set(try (0..<16).map { try DecisionTree(seed: UInt64($0)).fit(x: x, y: y).nodes[0].feature! })
    #expect(rootFeatures == [0, 1], "ties between features are broken by the seeded order")
    let a = try DecisionTree(seed: 3).fit(x: x, y: y), b = try DecisionTree(seed: 3).fit(x: x, y: y)
    #expect(a.nodes == b.nodes)

    let (x2, y2) = TestData.blobs(classes: 3, perClass: 30, features: 6, spread: 1, seed: 16)
    let m1 = try DecisionTree(maxFeatures: 2, seed: 1).fit(x: x2, y: y2)
    let m1Again = try DecisionTree(maxFeatures: 2, seed: 1).fit(x: x2, y: y2)
    #expect(m1.nodes == m1Again.nodes)
    let roots = Set(try (0..<12).map { try DecisionTree(maxFeatures: 1, seed: UInt64($0)).fit(x: x2, y: y2).nodes[0].feature! })
    #expect(roots.count > 1, "with maxFeatures the seed picks the candidate features")
  }

  @Test func duplicatePointsWithDifferentLabelsStopSplitting() throws {
    let x = Matrix<Double>([[1, 1], [1, 1], [1, 1], [2, 2]])
    let model = try DecisionTree().fit(x: x, y: [0, 1, 1, 0])
    // The three identical rows cannot be separated: that node is an impure leaf.
    #expect(model.nodes.count == 3)
    #expect(try model.predict(x) == [1, 1, 1, 0])
  }
}
