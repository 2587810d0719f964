// CART classification tree: greedy, depth-first, exact best split per node.
//
// L. Breiman, J. Friedman, R. Olshen and C. Stone, "Classification and Regression Trees",
// Wadsworth 1984. The split search and stopping rules follow scikit-learn's
// `DecisionTreeClassifier` (`sklearn/tree/_splitter.pyx`, `BestSplitter`;
// `sklearn/tree/_tree.pyx`, `DepthFirstTreeBuilder`), so that the same data give the
// same tree up to tie-breaking.
//
// Decisions, in priority order:
// 1. Exact splits from presorted indices: every feature is sorted once for the whole
//    training set; a node is the same contiguous range in every feature's order, and a
//    split partitions each range stably. Evaluating all thresholds of a feature is one
//    pass over the node's samples with running class counts (O(d·m) per node of m
//    samples, no per-node sort).
// 2. Impurity decrease is maximised through the usual proxy (the terms that depend on the
//    split): gini Σ_sides (Σ_c n_c²)/n_side, entropy Σ_sides Σ_c n_c log n_c − n_side log n_side,
//    both computed from integer counts so that equal splits compare equal.
// 3. Like scikit-learn, a split with zero improvement is still taken when it is the best
//    available (this is what lets a tree fit XOR), and values closer than 1e-7 are one value.
import LinearAlgebra
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A CART decision tree classifier.
///
/// **Criterion.** Gini impurity 1 − Σ_c p_c² (default) or entropy −Σ_c p_c log₂ p_c,
/// where p_c is the fraction of the node's samples in class c. A split of a node with m
/// samples into left and right children maximises
/// ```
/// impurity(node) − (m_left/m)·impurity(left) − (m_right/m)·impurity(right)
/// ```
/// over every feature and every threshold halfway between two consecutive distinct
/// values of that feature in the node (`x[feature] <= threshold` goes left).
///
/// **Stopping.** A node is a leaf when its depth is `maxDepth`, it has fewer than
/// `minSamplesSplit` or fewer than 2·`minSamplesLeaf` samples, it is pure (impurity ≤ ε),
/// or no threshold leaves at least `minSamplesLeaf` samples on each side.
///
/// **Randomness and ties.** The only random choice is the order in which a node visits
/// the features: a fresh Fisher–Yates permutation per node, drawn from `seed` in node
/// order (depth-first, left child first). With `maxFeatures = m`, the node evaluates the
/// first m features of that order (continuing past m until at least one non-constant
/// feature was seen). Ties break towards the first candidate found: the earliest feature
/// in the node's random order, then the lowest threshold. So `seed` matters only when two
/// splits are equally good (or with `maxFeatures`), as for scikit-learn's `random_state`.
/// A leaf predicts its most frequent class, the lowest class on ties.
public struct DecisionTree: Classifier {
  /// The impurity measure.
  public enum Criterion: String, Sendable, Codable, CaseIterable {
    /// 1 − Σ_c p_c².
    case gini
    /// −Σ_c p_c log₂ p_c (scikit-learn's "entropy", equivalently "log_loss").
    case entropy
  }

  /// The impurity measure. Default `.gini` (scikit-learn's default).
  public var criterion: Criterion
  /// The deepest level a node may have (the root is depth 0); nil or ≥ 1. Default nil:
  /// grow until leaves are pure or too small (scikit-learn's default).
  public var maxDepth: Int?
  /// The fewest samples a node needs to be split; ≥ 2. Default 2 (scikit-learn's).
  public var minSamplesSplit: Int
  /// The fewest samples each child of a split must have; ≥ 1. Default 1 (scikit-learn's).
  public var minSamplesLeaf: Int
  /// How many features a node evaluates, in its random order; nil (all, the default and
  /// scikit-learn's) or 1...d.
  public var maxFeatures: Int?
  /// Seed of the per-node feature order. Default 0.
  public var seed: UInt64
  /// Receives a summary line when the tree is built. Default nil (silent).
  public var progress: ProgressHandler?

  /// A tree with the given hyperparameters; every default matches scikit-learn's
  /// `DecisionTreeClassifier()`.
  public init(
    criterion: Criterion = .gini, maxDepth: Int? = nil, minSamplesSplit: Int = 2, minSamplesLeaf: Int = 1,
    maxFeatures: Int? = nil, seed: UInt64 = 0, progress: ProgressHandler? = nil
  ) {
    self.criterion = criterion
    self.maxDepth = maxDepth
    self.minSamplesSplit = minSamplesSplit
    self.minSamplesLeaf = minSamplesLeaf
    self.maxFeatures = maxFeatures
    self.seed = seed
    self.progress = progress
  }

  /// `"decision-tree"`.
  public var name: String { ClassifierKind.decisionTree.rawValue }

  /// Throws `ClassicError.invalidParameter` for the first hyperparameter out of range.
  /// (`maxFeatures <= d` is checked by `fit`, which knows d.)
  public func validate() throws {
    if let depth = maxDepth { try require(depth >= 1, "maxDepth", "nil or >= 1", "\(depth)") }
    try require(minSamplesSplit >= 2, "minSamplesSplit", ">= 2", "\(minSamplesSplit)")
    try require(minSamplesLeaf >= 1, "minSamplesLeaf", ">= 1", "\(minSamplesLeaf)")
    if let m = maxFeatures { try require(m >= 1, "maxFeatures", "nil or >= 1", "\(m)") }
  }

  /// One node of a fitted tree.
  public struct Node: Sendable, Equatable, Codable {
    /// The feature tested, or nil for a leaf.
    public var feature: Int?
    /// Samples with `x[feature] <= threshold` go to `left`; 0 for a leaf.
    public var threshold: Double
    /// Index of the left child in `Model.nodes`, or nil for a leaf.
    public var left: Int?
    /// Index of the right child in `Model.nodes`, or nil for a leaf.
    public var right: Int?
    /// The root has depth 0.
    public var depth: Int
    /// (k): training samples of each class that reached this node.
    public var classCounts: [Int]
    /// The node's impurity under the tree's criterion.
    public var impurity: Double
    /// Training samples that reached this node.
    public var sampleCount: Int { classCounts.reduce(0, +) }
    /// Whether the node is a leaf.
    public var isLeaf: Bool { feature == nil }
  }

  /// A fitted tree.
  public struct Model: FittedClassifier {
    /// The nodes in depth-first order, left child first; `nodes[0]` is the root.
    public let nodes: [Node]
    public let classCount: Int
    public let featureCount: Int
    public let report: FitReport
    /// The deepest leaf's depth (0 for a single leaf).
    public var depth: Int { nodes.map(\.depth).max() ?? 0 }
    /// The number of leaves.
    public var leafCount: Int { nodes.filter(\.isLeaf).count }
    /// 2 per split (feature, threshold) plus k per leaf (its class counts).
    public var parameterCount: Int { (nodes.count - leafCount) * 2 + leafCount * classCount }

    /// The index in `nodes` of the leaf each row reaches.
    ///
    /// - Parameter x: (m, d), finite.
    /// - Returns: (m).
    /// - Throws: `ClassicError.featureCountMismatch` or `.nonFiniteValue`.
    public func apply(_ x: Matrix<Double>) throws -> [Int] {
      try checkPredictionInput(x, featureCount: featureCount)
      return x.elements.withUnsafeBufferPointer { px in
        (0..<x.rows).map { r in
          var t = 0
          while let f = nodes[t].feature {
            t = px[r * featureCount + f] <= nodes[t].threshold ? nodes[t].left! : nodes[t].right!
          }
          return t
        }
      }
    }

    /// The class fractions of the leaf each row reaches.
    ///
    /// - Parameter x: (m, d), finite.
    /// - Returns: (m, k); each row sums to 1.
    /// - Throws: as `apply`.
    public func predictProbabilities(_ x: Matrix<Double>) throws -> Matrix<Double> {
      let leaves = try apply(x)
      var p = Matrix<Double>(rows: x.rows, columns: classCount)
      for (r, t) in leaves.enumerated() {
        let total = Double(nodes[t].sampleCount)
        for j in 0..<classCount { p[r, j] = Double(nodes[t].classCounts[j]) / total }
      }
      return p
    }

    /// The most frequent training class of the leaf each row reaches (lowest on ties).
    public func predict(_ x: Matrix<Double>) throws -> [Int] {
      let leafClass = nodes.map { node in node.classCounts.indices.max { a, b in
        node.classCounts[a] < node.classCounts[b] || (node.classCounts[a] == node.classCounts[b] && a > b)
      }! }
      return try apply(x).map { leafClass[$0] }
    }
  }

  /// Grows the tree.
  ///
  /// - Parameters:
  ///   - x: (n, d), finite.
  ///   - y: (n) labels in `0..<k`.
  ///   - classCount: k, or nil for `max(y) + 1`.
  /// - Throws: `ClassicError` (see `Classifier.fit`), or `.invalidParameter` when
  ///   `maxFeatures > d`.
  public func fit(x: Matrix<Double>, y: [Int], classCount: Int?) throws -> Model {
    let start = ContinuousClock.now
    try validate()
    let labels = try checkTrainingSet(x: x, y: y, classCount: classCount)
    if let m = maxFeatures {
      try require(m <= x.columns, "maxFeatures", "<= \(x.columns) (the number of features)", "\(m)")
    }
    var builder = TreeBuilder(x: x, y: y, classCount: labels.classCount, parameters: self)
    let nodes = builder.build(classCounts: labels.counts)
    let n = Double(x.rows)
    let leafImpurity = nodes.filter(\.isLeaf).reduce(0.0) { $0 + Double($1.sampleCount) / n * $1.impurity }
    let report = FitReport(
      solver: "CART (\(criterion.rawValue), depth-first, presorted)",
      iterations: nodes.count,
      stopReason: .completed,
      finalObjective: leafImpurity,
      seconds: secondsSince(start))
    let model = Model(nodes: nodes, classCount: labels.classCount, featureCount: x.columns, report: report)
    progress?("decision-tree: \(nodes.count) nodes, \(model.leafCount) leaves, depth \(model.depth), \(report.seconds) s")
    return model
  }
}

/// The working state of one tree fit. Shapes: n samples, d features, k classes.
struct TreeBuilder {
  /// Values closer than this are one value (scikit-learn's FEATURE_THRESHOLD).
  static let featureThreshold = 1e-7

  let n: Int, d: Int, k: Int
  let parameters: DecisionTree
  /// (n): the class of each sample.
  let labels: [Int32]
  /// (d, n): for feature f, `values[f·n + p]` is the p-th smallest value of the current
  /// node's range and `order[f·n + p]` its sample; each node is one range [start, end).
  var values: [Double]
  var order: [Int32]
  /// (n): scratch flags and buffers for partitioning.
  var goesLeft: [Bool]
  var scratchValues: [Double]
  var scratchOrder: [Int32]
  /// c·log(c) for c in 0...n, for the entropy proxy.
  let xLogX: [Double]
  var generator: SeededGenerator

  init(x: Matrix<Double>, y: [Int], classCount: Int, parameters: DecisionTree) {
    (n, d, k) = (x.rows, x.columns, classCount)
    self.parameters = parameters
    labels = y.map { Int32($0) }
    goesLeft = [Bool](repeating: false, count: n)
    scratchValues = [Double](repeating: 0, count: n)
    scratchOrder = [Int32](repeating: 0, count: n)
    xLogX = parameters.criterion == .entropy ? (0...n).map { $0 == 0 ? 0 : Double($0) * log(Double($0)) } : []
    generator = SeededGenerator(seed: parameters.seed)
    // Presort every feature once: by value, ties by sample index.
    var values = [Double](repeating: 0, count: d * n)
    var order = [Int32](repeating: 0, count: d * n)
    let (n, d) = (self.n, self.d)
    x.elements.withUnsafeBufferPointer { px in
      var pairs = [(value: Double, index: Int32)](repeating: (0, 0), count: n)
      for f in 0..<d {
        for i in 0..<n { pairs[i] = (px[i * d + f], Int32(i)) }
        pairs.sort { $0.value < $1.value || ($0.value == $1.value && $0.index < $1.index) }
        for p in 0..<n {
          values[f * n + p] = pairs[p].value
          order[f * n + p] = pairs[p].index
        }
      }
    }
    self.values = values
    self.order = order
  }

  /// Impurity of a node with these class counts.
  func impurity(_ counts: [Int]) -> Double {
    let total = Double(counts.reduce(0, +))
    switch parameters.criterion {
    case .gini:
      return 1 - counts.reduce(0.0) { $0 + Double($1) * Double($1) } / (total * total)
    case .entropy:
      return counts.reduce(0.0) { s, c in
        c == 0 ? s : s - Double(c) / total * log2(Double(c) / total)
      }
    }
  }

  /// The best split of the node [start, end): feature, first position of the right
  /// child in that feature's order, threshold and left class counts; nil if none.
  mutating func bestSplit(start: Int, end: Int, counts: [Int])
    -> (feature: Int, position: Int, threshold: Double, leftCounts: [Int])?
  {
    let m = end - start
    let minLeaf = parameters.minSamplesLeaf
    var features = Array(0..<d)
    features.seededShuffle(using: &generator)
    let maxFeatures = parameters.maxFeatures ?? d
    var best: (feature: Int, position: Int, threshold: Double, leftCounts: [Int])? = nil
    var bestProxy = -Double.infinity
    var visited = 0, foundNonConstant = false
    var left = [Int](repeating: 0, count: k), right = counts
    let nodeSquares = counts.reduce(0) { $0 + $1 * $1 }
    let gini = parameters.criterion == .gini

    values.withUnsafeBufferPointer { values in
      order.withUnsafeBufferPointer { order in
        labels.withUnsafeBufferPointer { labels in
          xLogX.withUnsafeBufferPointer { xLogX in
            left.withUnsafeMutableBufferPointer { left in
              right.withUnsafeMutableBufferPointer { right in
                for f in features {
                  if visited >= maxFeatures && foundNonConstant { break }
                  visited += 1
                  let v = values.baseAddress! + f * n
                  let o = order.baseAddress! + f * n
                  if v[end - 1] <= v[start] + TreeBuilder.featureThreshold { continue }  // constant here
                  foundNonConstant = true
                  for c in 0..<k {
                    left[c] = 0
                    right[c] = counts[c]
                  }
                  var leftSquares = 0, rightSquares = nodeSquares
                  // Move samples start..<end−1 one by one to the left child; position
                  // p + 1 is a candidate when its value differs from p's.
                  for p in start..<(end - 1) {
                    let c = Int(labels[Int(o[p])])
                    leftSquares += 2 * left[c] + 1
                    left[c] += 1
                    rightSquares -= 2 * right[c] - 1
                    right[c] -= 1
                    let leftCount = p + 1 - start
                    let rightCount = m - leftCount
                    if rightCount < minLeaf { break }
                    if leftCount < minLeaf || v[p + 1] <= v[p] + TreeBuilder.featureThreshold { continue }
                    let proxy: Double
                    if gini {
                      proxy = Double(leftSquares) / Double(leftCount) + Double(rightSquares) / Double(rightCount)
                    } else {
                      var s = -xLogX[leftCount] - xLogX[rightCount]
                      for j in 0..<k { s += xLogX[left[j]] + xLogX[right[j]] }
                      proxy = s
                    }
                    if proxy > bestProxy {
                      bestProxy = proxy
                      var threshold = v[p] / 2 + v[p + 1] / 2
                      if threshold == v[p + 1] || !threshold.isFinite { threshold = v[p] }
                      best = (f, p + 1, threshold, Array(left))
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return best
  }

  /// Stably partitions every feature's range [start, end) so that the samples going left
  /// come first; the split feature's range is already in that order.
  mutating func partition(start: Int, end: Int, splitFeature: Int, position: Int) {
    let n = self.n
    order.withUnsafeMutableBufferPointer { order in
      values.withUnsafeMutableBufferPointer { values in
        goesLeft.withUnsafeMutableBufferPointer { goesLeft in
          scratchValues.withUnsafeMutableBufferPointer { scratchValues in
            scratchOrder.withUnsafeMutableBufferPointer { scratchOrder in
              let splitOrder = order.baseAddress! + splitFeature * n
              for p in start..<end { goesLeft[Int(splitOrder[p])] = p < position }
              for f in 0..<d where f != splitFeature {
                let o = order.baseAddress! + f * n
                let v = values.baseAddress! + f * n
                var write = start, spill = 0
                for p in start..<end {
                  let i = o[p], value = v[p]
                  if goesLeft[Int(i)] {
                    o[write] = i
                    v[write] = value
                    write += 1
                  } else {
                    scratchOrder[spill] = i
                    scratchValues[spill] = value
                    spill += 1
                  }
                }
                for s in 0..<spill {
                  o[write + s] = scratchOrder[s]
                  v[write + s] = scratchValues[s]
                }
              }
            }
          }
        }
      }
    }
  }

  /// Grows the tree depth-first (left child first) and returns its nodes in that order.
  mutating func build(classCounts rootCounts: [Int]) -> [DecisionTree.Node] {
    struct Pending {
      var start: Int, end: Int, depth: Int
      var parent: Int?, isLeft: Bool
      var counts: [Int]
    }
    var nodes: [DecisionTree.Node] = []
    var stack = [Pending(start: 0, end: n, depth: 0, parent: nil, isLeft: false, counts: rootCounts)]
    let p = parameters
    while let item = stack.popLast() {
      let id = nodes.count
      let m = item.end - item.start
      let nodeImpurity = impurity(item.counts)
      nodes.append(DecisionTree.Node(feature: nil, threshold: 0, left: nil, right: nil, depth: item.depth,
                                     classCounts: item.counts, impurity: nodeImpurity))
      if let parent = item.parent {
        if item.isLeft { nodes[parent].left = id } else { nodes[parent].right = id }
      }
      let isLeaf = (p.maxDepth.map { item.depth >= $0 } ?? false)
        || m < p.minSamplesSplit || m < 2 * p.minSamplesLeaf
        || nodeImpurity <= Double.ulpOfOne
      if isLeaf { continue }
      guard let split = bestSplit(start: item.start, end: item.end, counts: item.counts) else { continue }
      nodes[id].feature = split.feature
      nodes[id].threshold = split.threshold
      partition(start: item.start, end: item.end, splitFeature: split.feature, position: split.position)
      let rightCounts = zip(item.counts, split.leftCounts).map { $0 - $1 }
      // Push right first so that the left child is built (and numbered) first.
      stack.append(Pending(start: split.position, end: item.end, depth: item.depth + 1, parent: id,
                           isLeft: false, counts: rightCounts))
      stack.append(Pending(start: item.start, end: split.position, depth: item.depth + 1, parent: id,
                           isLeft: true, counts: split.leftCounts))
    }
    return nodes
  }
}
