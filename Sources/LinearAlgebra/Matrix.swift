/// A dense matrix stored row-major in one contiguous array.
///
/// Element (r, c) lives at `elements[r * columns + c]`. A value type: copies are
/// independent (copy-on-write through `Array`).
public struct Matrix<Scalar: BLASScalar>: Equatable, Sendable, Codable {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let columns: Int
  /// (rows, columns), row-major.
  public var elements: [Scalar]

  /// A `rows × columns` matrix filled with `value`.
  /// - Precondition: `rows >= 0`, `columns >= 0`.
  public init(rows: Int, columns: Int, repeating value: Scalar = 0) {
    precondition(rows >= 0 && columns >= 0, "Matrix shape must be non-negative, got (\(rows), \(columns))")
    self.rows = rows
    self.columns = columns
    self.elements = Array(repeating: value, count: rows * columns)
  }

  /// A matrix over existing row-major storage.
  /// - Precondition: `elements.count == rows * columns`.
  public init(rows: Int, columns: Int, elements: [Scalar]) {
    precondition(rows >= 0 && columns >= 0, "Matrix shape must be non-negative, got (\(rows), \(columns))")
    precondition(elements.count == rows * columns,
                 "Matrix (\(rows), \(columns)) needs \(rows * columns) elements, got \(elements.count)")
    self.rows = rows
    self.columns = columns
    self.elements = elements
  }

  /// A matrix from an array of equally long rows.
  /// - Precondition: every row has the same length.
  public init(_ rowArrays: [[Scalar]]) {
    let columns = rowArrays.first?.count ?? 0
    for (i, row) in rowArrays.enumerated() {
      precondition(row.count == columns, "row \(i) has \(row.count) elements, expected \(columns)")
    }
    self.init(rows: rowArrays.count, columns: columns, elements: rowArrays.flatMap { $0 })
  }

  /// The identity matrix of size `n`.
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m.elements[i * n + i] = 1 }
    return m
  }

  /// (rows, columns).
  public var shape: (rows: Int, columns: Int) { (rows, columns) }

  /// Element at row `r`, column `c`.
  @inlinable public subscript(r: Int, c: Int) -> Scalar {
    get { elements[r * columns + c] }
    set { elements[r * columns + c] = newValue }
  }

  /// Row `r` as a slice of the storage (no copy).
  @inlinable public func row(_ r: Int) -> ArraySlice<Scalar> {
    elements[(r * columns)..<((r + 1) * columns)]
  }

  /// Column `c` as a new array (a strided copy).
  public func column(_ c: Int) -> [Scalar] {
    (0..<rows).map { elements[$0 * columns + c] }
  }

  /// The rows with the given indices, in that order: shape (indices.count, columns).
  public func rows(_ indices: some Collection<Int>) -> Matrix {
    var out = [Scalar]()
    out.reserveCapacity(indices.count * columns)
    for r in indices { out.append(contentsOf: row(r)) }
    return Matrix(rows: indices.count, columns: columns, elements: out)
  }

  /// The transpose, shape (columns, rows).
  public func transposed() -> Matrix {
    var t = Matrix(rows: columns, columns: rows)
    elements.withUnsafeBufferPointer { src in
      t.elements.withUnsafeMutableBufferPointer { dst in
        for r in 0..<rows { for c in 0..<columns { dst[c * rows + r] = src[r * columns + c] } }
      }
    }
    return t
  }

  /// Whether every element is finite (no NaN, no ±Inf).
  public var isFinite: Bool { elements.allSatisfy { $0.isFinite } }
}

extension Matrix: CustomStringConvertible {
  public var description: String {
    var s = "Matrix<\(Scalar.self)>(\(rows) × \(columns))"
    let shownRows = min(rows, 6), shownColumns = min(columns, 8)
    for r in 0..<shownRows {
      s += "\n  " + (0..<shownColumns).map { "\(self[r, $0])" }.joined(separator: " ")
      if shownColumns < columns { s += " …" }
    }
    if shownRows < rows { s += "\n  …" }
    return s
  }
}
