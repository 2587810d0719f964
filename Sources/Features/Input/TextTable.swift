// A strict, fast reader for whitespace-separated numeric text files (the HAPT and UCI
// HAR formats). It reads the file's bytes once into a padded buffer and parses numbers
// in place (`DecimalParsing.swift`); no `String` is built per number, and the values go
// straight into their final arrays (row-major, or one array per column).
//
// Decisions, in priority order:
// 1. Strict: every row must have the expected column count; every token must be a whole
//    number token (what `strtod` would consume exactly); NaN and ±Inf are rejected. The
//    error names the file, the 1-based line and what was found.
// 2. Tolerant of layout: `\r\n` line ends, leading/trailing spaces or tabs, runs of spaces
//    between columns (UCI's X_*.txt pads with two spaces), and a missing final newline.
//    Blank lines are allowed only at the end of the file.
// 3. Fast: one pass over the bytes; a token is parsed where it starts, and only a token
//    that the fast number parser does not cover is delimited and parsed again by the
//    general one. The 122 raw files (133 MB, ~6.7 million numbers) load in ~0.12 s on
//    one core, reading included. Capacity comes from counting the line ends first (a
//    cheap vectorised pass), so the result arrays are allocated once, at their final size.
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A numeric text file parsed into row-major storage.
public struct TextTable: Sendable {
  /// Number of data rows.
  public let rows: Int
  /// Number of columns in every row.
  public let columns: Int
  /// (rows, columns), row-major.
  public let values: [Double]
  /// The largest magnitude an integer column may hold: 2^53, the last integer up to
  /// which every integer is a Double, and far inside `Int`'s range.
  public static let largestInteger: Double = 9_007_199_254_740_992

  /// Reads a file of `columns` whitespace-separated finite numbers per row.
  ///
  /// - Parameters:
  ///   - path: the file to read; `displayName` (default: `path`) is used in messages.
  ///   - columns: the expected count per row; every row must have exactly this many.
  ///   - integers: when true, every value must also be an integer of magnitude at most
  ///     `largestInteger` (labels, subject ids), so `Int(value)` is safe.
  /// - Throws: `InputError` naming the file and line: unreadable or non-regular file
  ///   (a FIFO, a device, a folder), empty file, wrong
  ///   column count, a token that is not a number, NaN or Inf, a non-integer where an
  ///   integer was expected.
  public init(contentsOf path: String, columns: Int, integers: Bool = false, displayName: String? = nil) throws {
    precondition(columns >= 1, "a table needs at least one column, got \(columns)")
    let text = try FileText(path: path, displayName: displayName ?? path)
    defer { text.deallocate() }
    var rows = 0
    let values = try [Double](unsafeUninitializedCapacity: text.lineBound * columns) { buffer, initialized in
      let start = buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: MemoryLayout<Double>.alignment)!
      let targets = UnsafeMutableBufferPointer<UnsafeMutablePointer<Double>>.allocate(capacity: columns)
      defer { targets.deallocate() }
      for c in 0..<columns { targets[c] = start + c }
      rows = try text.parse(columns: columns, integers: integers, into: UnsafeBufferPointer(targets), rowStride: columns)
      initialized = rows * columns
    }
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  /// Reads a file like `init(contentsOf:columns:integers:displayName:)` and returns its
  /// columns: `columns` arrays of (rows) values, with the same checks and errors. For
  /// column-wise consumers (the three axes of a sensor file), without a transposing copy.
  public static func columns(
    contentsOf path: String, columns: Int, integers: Bool = false, displayName: String? = nil
  ) throws -> [[Double]] {
    precondition(columns >= 1, "a table needs at least one column, got \(columns)")
    let text = try FileText(path: path, displayName: displayName ?? path)
    defer { text.deallocate() }
    return try uninitializedArrays(count: columns, capacity: text.lineBound) { (targets) throws(InputError) -> Int in
      try text.parse(columns: columns, integers: integers, into: targets, rowStride: 1)
    }
  }

  /// Column `c` as an array (strided copy).
  public func column(_ c: Int) -> [Double] {
    precondition(c >= 0 && c < columns, "column \(c) out of range 0..<\(columns)")
    var out = [Double](repeating: 0, count: rows)
    values.withUnsafeBufferPointer { v in
      for r in 0..<rows { out[r] = v[r * columns + c] }
    }
    return out
  }
}

/// A whole file in memory, followed by zero bytes: one to end the last token for
/// `strtod`, and enough for the 8-byte loads of the number parser to stay inside.
struct FileText {
  static let padding = 16
  let name: String
  let bytes: UnsafeMutablePointer<UInt8>
  /// The file's size; `bytes[count..<count + padding]` are zeros.
  let count: Int
  /// An upper bound on the number of lines (line feeds + 1), hence on the rows.
  let lineBound: Int

  /// Reads the file at `path`.
  /// - Throws: `InputError.unreadableFile` with the system's reason.
  init(path: String, displayName: String) throws(InputError) {
    name = displayName
    // O_NONBLOCK: opening a FIFO without a writer would otherwise block for ever; the
    // type check below then refuses it (for a regular file the flag changes nothing).
    let fd = open(path, O_RDONLY | O_NONBLOCK)
    guard fd >= 0 else { throw InputError.unreadableFile(file: displayName, reason: String(cString: strerror(errno))) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      throw InputError.unreadableFile(file: displayName, reason: String(cString: strerror(errno)))
    }
    let type = info.st_mode & S_IFMT
    guard type == S_IFREG else {
      let kind = type == S_IFDIR ? "a directory" : type == S_IFIFO ? "a FIFO (named pipe)" : type == S_IFCHR ? "a character device"
        : type == S_IFSOCK ? "a socket" : type == S_IFBLK ? "a block device" : "not a regular file"
      throw InputError.unreadableFile(file: displayName, reason: "expected a regular file, found \(kind)")
    }
    let size = Int(info.st_size)
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: size + Self.padding)
    var done = 0
    while done < size {
      let n = read(fd, buffer + done, size - done)
      if n < 0 && errno == EINTR { continue }
      if n <= 0 {
        let reason = n < 0 ? String(cString: strerror(errno)) : "read \(done) of \(size) bytes"
        buffer.deallocate()
        throw InputError.unreadableFile(file: displayName, reason: reason)
      }
      done += n
    }
    (buffer + size).initialize(repeating: 0, count: Self.padding)
    bytes = buffer
    count = size
    lineBound = Self.countLineFeeds(buffer, size) + 1
  }

  func deallocate() { bytes.deallocate() }

  /// The number of line feeds in `bytes[0..<size]`. Counted in blocks of 255 bytes into
  /// an 8-bit counter, a loop the compiler turns into 16-byte vector compares and adds.
  static func countLineFeeds(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> Int {
    var lineFeeds = 0
    var i = 0
    while i < size {
      var block: UInt8 = 0  // at most 255
      let blockEnd = min(size, i + 255)
      while i < blockEnd {
        block &+= bytes[i] == 0x0A ? 1 : 0
        i += 1
      }
      lineFeeds += Int(block)
    }
    return lineFeeds
  }

  /// Parses every row, writing the value of row r, column c to `targets[c][r · rowStride]`,
  /// and returns the number of rows.
  /// - Precondition: every target has room for `lineBound` rows.
  /// - Throws: `InputError.malformedRow` / `.emptyFile` as `TextTable` documents.
  func parse(
    columns: Int, integers: Bool, into targets: UnsafeBufferPointer<UnsafeMutablePointer<Double>>, rowStride: Int
  ) throws(InputError) -> Int {
    let base = UnsafePointer(bytes), end = count
    let tables = PowerTables.shared
    var p = 0
    var line = 1, lineStart = 0
    var rows = 0
    var count = 0  // tokens so far on this line
    var firstBlankLine = 0  // a blank line is an error only if a row follows it
    /// Whether the byte at q ends a line: a line feed, the end of the file, or a
    /// carriage return right before either.
    @inline(__always) func endsLine(_ q: Int) -> Bool {
      q >= end || base[q] == 0x0A || (base[q] == 0x0D && (q + 1 >= end || base[q + 1] == 0x0A))
    }
    while true {
      while base[p] == 0x20 || base[p] == 0x09 { p += 1 }
      if endsLine(p) {
        if count == 0 {
          if firstBlankLine == 0 { firstBlankLine = line }
        } else {
          if firstBlankLine != 0 { throw blankLineError(line: firstBlankLine, columns: columns) }
          if count != columns { throw countError(line: line, start: lineStart, columns: columns, found: "\(count)") }
          rows += 1
        }
        if p >= end { break }
        if base[p] == 0x0D { p += 1 }
        if p >= end { break }
        p += 1  // the line feed
        line += 1; lineStart = p; count = 0
        continue
      }
      // A token starts at p (the padding's zeros stop every scan at the end).
      count += 1
      if count > columns { throw countError(line: line, start: lineStart, columns: columns, found: "more") }
      var value: Double
      var tokenEnd: Int
      if let simple = parseSimpleDecimal(base + p, tables: tables),
         base[p + simple.length] == 0x20 || base[p + simple.length] == 0x09 || endsLine(p + simple.length) {
        (value, tokenEnd) = (simple.value, p + simple.length)
      } else {
        (value, tokenEnd) = parseGeneralToken(at: p, lineStart: lineStart, tables: tables)
      }
      if !value.isFinite || (integers && !isInteger(value)) {
        throw tokenError(line: line, column: count, from: p, to: tokenEnd, integers: integers)
      }
      targets[count - 1][rows &* rowStride] = value
      p = tokenEnd
    }
    if rows == 0 { throw InputError.emptyFile(file: name) }
    return rows
  }

  // The rare paths of `parse`, kept out of its loop.

  /// The end of the content of the line that starts at `lineStart` (before `\n` or
  /// `\r\n`), for messages and for delimiting unusual tokens.
  func contentEnd(lineStart: Int) -> Int {
    var e = lineStart
    while e < count && bytes[e] != 0x0A { e += 1 }
    if e > lineStart && bytes[e - 1] == 0x0D { e -= 1 }
    return e
  }

  /// A token that the fast number parser does not take: it runs to the next space or tab
  /// on its line and goes to `parseDecimal`. Returns the value (NaN if it is not one
  /// finite number) and the token's end.
  @inline(never)
  func parseGeneralToken(at p: Int, lineStart: Int, tables: PowerTables) -> (Double, Int) {
    let lineEnd = contentEnd(lineStart: lineStart)
    var tokenEnd = p
    while tokenEnd < lineEnd && bytes[tokenEnd] != 0x20 && bytes[tokenEnd] != 0x09 { tokenEnd += 1 }
    return (parseDecimal(bytes + p, count: tokenEnd - p, tables: tables), tokenEnd)
  }

  @inline(never) func blankLineError(line: Int, columns: Int) -> InputError {
    InputError.malformedRow(file: name, line: line, expected: "\(columns) numbers per row", found: "a blank line")
  }

  /// A row with another count than `columns`; `found` is the count or "more".
  @inline(never) func countError(line: Int, start: Int, columns: Int, found: String) -> InputError {
    InputError.malformedRow(
      file: name, line: line, expected: "\(columns) numbers per row",
      found: "\(found): \"\(quote(bytes, start, contentEnd(lineStart: start)))\"")
  }

  /// The token bytes[from..<to] is not a finite number (or not an integer when `integers`).
  @inline(never) func tokenError(line: Int, column: Int, from: Int, to: Int, integers: Bool) -> InputError {
    InputError.malformedRow(
      file: name, line: line,
      expected: integers ? "an integer in column \(column) (at most 2^53 in magnitude)" : "a finite number in column \(column)",
      found: "\"\(quote(bytes, from, to))\"")
  }
}

/// Whether `v` is a whole number that converts to `Int` exactly: |v| ≤ 2^53, so that
/// `Int(v)` can never trap (1e19, 9223372036854775807, 1e300 are refused here, with the
/// file and line, instead of crashing the caller's conversion). Not inlined: as an inline
/// `rounded()` the compiler may evaluate it for every value, also when no integer check
/// was asked for.
@inline(never) func isInteger(_ v: Double) -> Bool { v.rounded() == v && v.magnitude <= TextTable.largestInteger }

/// At most 60 bytes of a line, for error messages, with non-printable bytes escaped.
private func quote(_ base: UnsafePointer<UInt8>, _ from: Int, _ to: Int) -> String {
  quotedInput(UnsafeBufferPointer(start: base + from, count: to - from))
}

/// The whole file as bytes (for the text files that are not tables, e.g. `features.txt`).
/// - Throws: `InputError.unreadableFile` with the system's reason.
func readAllBytes(path: String, displayName: String) throws -> [UInt8] {
  let text = try FileText(path: path, displayName: displayName)
  defer { text.deallocate() }
  return Array(UnsafeBufferPointer(start: text.bytes, count: text.count))
}
