// Small synthetic data sets for the Classic tests, all from the package's seeded generator.
import Classic
import LinearAlgebra

enum TestData {
  /// k Gaussian clusters in d dimensions, `perClass` rows each, centres drawn uniformly in
  /// [−spread, spread]^d, unit noise. Rows are interleaved by class.
  static func blobs(classes k: Int, perClass: Int, features d: Int, spread: Double, seed: UInt64)
    -> (x: Matrix<Double>, y: [Int])
  {
    var g = SeededGenerator(seed: seed)
    let centres = (0..<k).map { _ in (0..<d).map { _ in (g.nextUnitDouble() * 2 - 1) * spread } }
    var rows: [[Double]] = [], y: [Int] = []
    for _ in 0..<perClass {
      for c in 0..<k {
        rows.append(centres[c].map { $0 + g.nextNormal() })
        y.append(c)
      }
    }
    return (Matrix(rows), y)
  }

  /// Linearly separable with a margin: class c has x[c] = 3 + noise in [0, 1) and every
  /// other coordinate in [−1, 1), so `argmax_j x[j]` is the class.
  static func separable(classes k: Int, perClass: Int, seed: UInt64) -> (x: Matrix<Double>, y: [Int]) {
    var g = SeededGenerator(seed: seed)
    var rows: [[Double]] = [], y: [Int] = []
    for _ in 0..<perClass {
      for c in 0..<k {
        rows.append((0..<k).map { $0 == c ? 3 + g.nextUnitDouble() : g.nextUnitDouble() * 2 - 1 })
        y.append(c)
      }
    }
    return (Matrix(rows), y)
  }
}

/// Fits through the existential, as a runner would.
func fitAny(_ classifier: any Classifier, _ x: Matrix<Double>, _ y: [Int], classCount: Int? = nil) throws
  -> any FittedClassifier
{
  try classifier.fit(x: x, y: y, classCount: classCount)
}
