// ColumnScaler: the two methods, constant columns, and statistics from training rows only.
import Classic
import LinearAlgebra
import Testing
import _TestSupport

@Suite struct FeatureScalerTests {
  @Test func minMaxMapsTrainingRangeToMinusOneOne() throws {
    let train = Matrix<Double>([[0, 10, 5], [2, 20, 5], [4, 15, 5]])
    let scaler = try ColumnScaler(fitting: train)
    let scaled = try scaler.transform(train)
    expectClose(scaled.elements, [-1, -1, -1, 0, 1, -1, 1, 0, -1], relative: 1e-15, absolute: 1e-15)
    // Other rows use the training statistics and are not clipped.
    let test = try scaler.transform(Matrix([[6, 0, 7]]))
    expectClose(test.elements, [2, -3, 3], relative: 1e-15)
    #expect(scaler.featureCount == 3)
  }

  @Test func minMaxToAnotherRange() throws {
    let scaler = try ColumnScaler(fitting: Matrix([[1.0], [3.0]]), method: .minMax(lower: 0, upper: 1))
    expectClose(try scaler.transform(Matrix([[1.0], [2.0], [3.0]])).elements, [0, 0.5, 1], relative: 1e-15)
    #expect(throws: ClassicError.invalidParameter(name: "range lower..upper", expected: "finite with lower < upper", found: "1.0...1.0")) {
      _ = try ColumnScaler(fitting: Matrix([[1.0]]), method: .minMax(lower: 1, upper: 1))
    }
  }

  @Test func standardizationGivesZeroMeanUnitVariance() throws {
    let (x, _) = TestData.blobs(classes: 2, perClass: 50, features: 4, spread: 3, seed: 19)
    var withConstant = Matrix<Double>(rows: x.rows, columns: 5)
    for r in 0..<x.rows {
      for c in 0..<4 { withConstant[r, c] = x[r, c] * Double(c + 1) + Double(c) }
      withConstant[r, 4] = 7
    }
    let scaler = try ColumnScaler(fitting: withConstant, method: .standardization)
    let z = try scaler.transform(withConstant)
    for c in 0..<4 {
      let column = z.column(c)
      let mean = column.reduce(0, +) / Double(column.count)
      let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(column.count)
      expectClose(mean, 0, absolute: 1e-13)
      expectClose(variance, 1, relative: 1e-12)
    }
    #expect(z.column(4).allSatisfy { $0 == 0 }, "a constant column maps to 0, no division by zero")
  }

  @Test func constantColumnMinMaxMapsToLowerBound() throws {
    let scaler = try ColumnScaler(fitting: Matrix([[3.0, 1], [3.0, 2]]))
    #expect(try scaler.transform(Matrix([[3.0, 1]])).elements == [-1, -1])
    #expect(scaler.scale.allSatisfy { $0.isFinite })
  }

  @Test func rejectsBadInput() throws {
    #expect(throws: ClassicError.emptyInput(rows: 0, columns: 2)) { _ = try ColumnScaler(fitting: Matrix(rows: 0, columns: 2)) }
    #expect(throws: ClassicError.nonFiniteValue(row: 1, column: 0, value: .infinity)) {
      _ = try ColumnScaler(fitting: Matrix([[1.0], [.infinity]]))
    }
    let scaler = try ColumnScaler(fitting: Matrix([[1.0, 2], [3, 4]]))
    #expect(throws: ClassicError.featureCountMismatch(expected: 2, found: 3)) { _ = try scaler.transform(Matrix([[1.0, 2, 3]])) }
  }
}
