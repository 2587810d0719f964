// A strict, fast reader for whitespace-separated numeric text files (the HAPT and UCI
// HAR formats). It reads the file's bytes once and parses numbers in place with `strtod`,
// which rounds correctly; no `String` is built per number.
//
// Decisions, in priority order:
// 1. Strict: every row must have the expected column count; every token must be a whole
//    number token (`strtod` must consume it exactly); NaN and ±Inf are rejected. The error
//    names the file, the 1-based line and what was found.
// 2. Tolerant of layout: `\r\n` line ends, leading/trailing spaces or tabs, runs of spaces
//    between columns (UCI's X_*.txt pads with two spaces), and a missing final newline.
//    Blank lines are allowed only at the end of the file.
// 3. Fast: ~7 million numbers in the 122 raw files load in well under a second per core.
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

  /// Reads a file of `columns` whitespace-separated finite numbers per row.
  ///
  /// - Parameters:
  ///   - path: the file to read; `displayName` (default: `path`) is used in messages.
  ///   - columns: the expected count per row; every row must have exactly this many.
  ///   - integers: when true, every value must also be an integer (labels, subject ids).
  /// - Throws: `InputError` naming the file and line: unreadable file, empty file, wrong
  ///   column count, a token that is not a number, NaN or Inf, a non-integer where an
  ///   integer was expected.
  public init(contentsOf path: String, columns: Int, integers: Bool = false, displayName: String? = nil) throws {
    let name = displayName ?? path
    var bytes = try readAllBytes(path: path, displayName: name, terminator: true)
    var values: [Double] = []
    values.reserveCapacity(bytes.count / 8)
    var rowCount = 0
    try bytes.withUnsafeMutableBufferPointer { buffer in
      let base = buffer.baseAddress!
      let end = buffer.count - 1  // index of the terminating 0
      var i = 0
      var line = 0
      var sawBlankLine = 0  // line number of the first blank line, if rows follow it that is an error
      while i < end {
        line += 1
        var lineEnd = i
        while lineEnd < end && base[lineEnd] != 0x0A { lineEnd += 1 }
        var contentEnd = lineEnd
        if contentEnd > i && base[contentEnd - 1] == 0x0D { contentEnd -= 1 }  // CRLF
        var p = i
        var count = 0
        var rowStart = values.count
        while true {
          while p < contentEnd && (base[p] == 0x20 || base[p] == 0x09) { p += 1 }
          if p >= contentEnd { break }
          var tokenEnd = p
          while tokenEnd < contentEnd && base[tokenEnd] != 0x20 && base[tokenEnd] != 0x09 { tokenEnd += 1 }
          count += 1
          if count > columns {
            throw InputError.malformedRow(
              file: name, line: line, expected: "\(columns) numbers per row",
              found: "more: \"\(quote(base, i, contentEnd))\"")
          }
          let v = parseDecimal(base + p, count: tokenEnd - p)
          if !v.isFinite {
            let token = quote(base, p, tokenEnd)
            throw InputError.malformedRow(
              file: name, line: line,
              expected: integers ? "an integer in column \(count)" : "a finite number in column \(count)",
              found: "\"\(token)\"")
          }
          if integers && v.rounded() != v {
            throw InputError.malformedRow(
              file: name, line: line, expected: "an integer in column \(count)", found: "\"\(quote(base, p, tokenEnd))\"")
          }
          values.append(v)
          p = tokenEnd
        }
        if count == 0 {
          if sawBlankLine == 0 { sawBlankLine = line }
        } else {
          if sawBlankLine != 0 {
            throw InputError.malformedRow(
              file: name, line: sawBlankLine, expected: "\(columns) numbers per row", found: "a blank line")
          }
          if count != columns {
            values.removeSubrange(rowStart...)
            throw InputError.malformedRow(
              file: name, line: line, expected: "\(columns) numbers per row",
              found: "\(count): \"\(quote(base, i, contentEnd))\"")
          }
          rowCount += 1
          rowStart = values.count
        }
        i = lineEnd + 1
      }
    }
    if rowCount == 0 { throw InputError.emptyFile(file: name) }
    self.rows = rowCount
    self.columns = columns
    self.values = values
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

/// The number spelled by the `count` bytes at `start`, or NaN when they are not exactly
/// one number token (so NaN and Inf spelled in the file are rejected too).
///
/// Fast path (Clinger, "How to read floating point numbers accurately", PLDI 1990): a
/// plain decimal `[-+]digits[.digits][e[-+]digits]` whose digits form an integer
/// m < 2^53 and whose decimal exponent e has |e| ≤ 22 is exactly m × 10^e or m / 10^−e,
/// because m and 10^|e| are both exact doubles and IEEE multiplication and division
/// round correctly. Every HAPT value (≤ 16 significant digits) takes this path; anything
/// else falls back to `strtod`, which rounds correctly. Both give the same double.
@inline(__always)
func parseDecimal(_ start: UnsafeMutablePointer<UInt8>, count: Int) -> Double {
  var i = 0
  var negative = false
  if i < count && (start[i] == 0x2D || start[i] == 0x2B) { negative = start[i] == 0x2D; i += 1 }
  var mantissa: UInt64 = 0
  var digits = 0, fractionDigits = 0, significant = 0
  var inFraction = false
  while i < count {
    let c = start[i]
    if c >= 0x30 && c <= 0x39 {
      if significant > 0 || c != 0x30 { significant += 1 }
      if significant <= 19 { mantissa = mantissa &* 10 &+ UInt64(c - 0x30) } else { return strtodToken(start, count: count) }
      digits += 1
      if inFraction { fractionDigits += 1 }
    } else if c == 0x2E && !inFraction {
      inFraction = true
    } else {
      break
    }
    i += 1
  }
  if digits == 0 { return strtodToken(start, count: count) }
  var exponent = 0
  if i < count {
    guard start[i] == 0x65 || start[i] == 0x45 else { return strtodToken(start, count: count) }  // 'e' / 'E'
    i += 1
    var negativeExponent = false
    if i < count && (start[i] == 0x2D || start[i] == 0x2B) { negativeExponent = start[i] == 0x2D; i += 1 }
    var exponentDigits = 0
    while i < count, start[i] >= 0x30 && start[i] <= 0x39 {
      if exponentDigits < 6 { exponent = exponent * 10 + Int(start[i] - 0x30) }
      exponentDigits += 1
      i += 1
    }
    if exponentDigits == 0 || exponentDigits > 5 || i != count { return strtodToken(start, count: count) }
    if negativeExponent { exponent = -exponent }
  }
  let e = exponent - fractionDigits
  guard mantissa < (1 << 53), e >= -22, e <= 22 else { return strtodToken(start, count: count) }
  let m = Double(mantissa)
  let magnitude = e >= 0 ? m * exactPowersOfTen[e] : m / exactPowersOfTen[-e]
  return negative ? -magnitude : magnitude
}

/// 10^0 … 10^22, every one exactly representable in a double.
private let exactPowersOfTen: [Double] = (0...22).map { (0..<$0).reduce(1.0) { acc, _ in acc * 10 } }

/// `strtod` on one token; NaN unless it consumes exactly the token and gives a finite value.
func strtodToken(_ start: UnsafeMutablePointer<UInt8>, count: Int) -> Double {
  // The buffer ends in a 0 byte, and strtod stops at the first byte that cannot continue
  // a number; the token is a number only if it stopped exactly at the token's end.
  let s = UnsafeMutableRawPointer(start).assumingMemoryBound(to: CChar.self)
  var stop: UnsafeMutablePointer<CChar>? = nil
  let v = strtod(s, &stop)
  let consumed = stop.map { UnsafeMutableRawPointer($0) - UnsafeMutableRawPointer(s) } ?? 0
  return consumed == count && v.isFinite ? v : .nan
}

/// At most 60 bytes of a line, for error messages.
private func quote(_ base: UnsafeMutablePointer<UInt8>, _ from: Int, _ to: Int) -> String {
  let n = min(to - from, 60)
  let s = String(decoding: UnsafeBufferPointer(start: base + from, count: n), as: UTF8.self)
  return n < to - from ? s + "…" : s
}

/// The whole file as bytes, plus one 0 byte when `terminator` (strtod needs it).
/// - Throws: `InputError.unreadableFile` with the system's reason.
func readAllBytes(path: String, displayName: String, terminator: Bool = false) throws -> [UInt8] {
  guard let f = fopen(path, "rb") else {
    throw InputError.unreadableFile(file: displayName, reason: String(cString: strerror(errno)))
  }
  defer { fclose(f) }
  var info = stat()
  guard fstat(fileno(f), &info) == 0 else {
    throw InputError.unreadableFile(file: displayName, reason: String(cString: strerror(errno)))
  }
  if (info.st_mode & S_IFMT) == S_IFDIR {
    throw InputError.unreadableFile(file: displayName, reason: "is a directory")
  }
  let size = Int(info.st_size)
  var bytes = [UInt8](repeating: 0, count: size + (terminator ? 1 : 0))
  let n = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, size, f) }
  if n != size { throw InputError.unreadableFile(file: displayName, reason: "read \(n) of \(size) bytes") }
  return bytes
}
