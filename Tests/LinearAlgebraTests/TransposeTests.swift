// transpose against its definition, on shapes around the 16 × 16 tile.
import LinearAlgebra
import Testing

@Suite("Transpose")
struct TransposeTests {
  @Test("Aᵀ[c, r] = A[r, c] for shapes smaller, equal to and larger than a tile", arguments: [(1, 1), (3, 5), (16, 16), (17, 40), (100, 7)])
  func transposeMatchesDefinition(rows: Int, columns: Int) {
    let a = (0..<(rows * columns)).map { Float($0) * 0.5 - 3 }
    var t = [Float](repeating: .nan, count: rows * columns)
    a.withUnsafeBufferPointer { a in
      t.withUnsafeMutableBufferPointer { t in transpose(a.baseAddress!, rows: rows, columns: columns, into: t.baseAddress!) }
    }
    for r in 0..<rows { for c in 0..<columns { #expect(t[c * rows + r] == a[r * columns + c], "(\(r), \(c))") } }
  }
}
