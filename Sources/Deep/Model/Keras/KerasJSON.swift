// A small JSON reader that remembers the line of every value, so that an error in a model
// file can say `net.json:12: expected …, found …` (Foundation's JSONSerialization gives no
// positions). It reads RFC 8259 JSON plus the bare `NaN`/`Infinity` that Python's
// `json.dumps` writes; objects keep their key order.

/// One JSON value and the 1-based line where it starts.
struct KerasJSON: CustomStringConvertible {
  enum Value {
    case null
    case bool(Bool)
    /// The number and its text as written (so an error can quote it unchanged).
    case number(Double, text: String)
    case string(String)
    case array([KerasJSON])
    case object([(key: String, value: KerasJSON)])
  }

  var value: Value
  var line: Int

  /// The member `key` of an object, or nil (also for non-objects).
  subscript(key: String) -> KerasJSON? {
    guard case let .object(members) = value else { return nil }
    return members.first { $0.key == key }?.value
  }

  var isNull: Bool { if case .null = value { true } else { false } }
  var string: String? { if case let .string(s) = value { s } else { nil } }
  var number: Double? { if case let .number(x, _) = value { x } else { nil } }
  var bool: Bool? { if case let .bool(b) = value { b } else { nil } }
  var array: [KerasJSON]? { if case let .array(a) = value { a } else { nil } }
  var members: [(key: String, value: KerasJSON)]? { if case let .object(m) = value { m } else { nil } }

  /// An integer value: a number without a fractional part.
  var integer: Int? {
    guard let x = number, x == x.rounded(), abs(x) < 1e15 else { return nil }
    return Int(x)
  }

  /// The value in compact JSON, for error messages: `0.2`, `"same"`, `[2]`, `{"class_name": "L1L2", …}`.
  var description: String {
    switch value {
    case .null: return "null"
    case let .bool(b): return b ? "true" : "false"
    case let .number(_, text): return text
    case let .string(s): return "\"\(s)\""
    case let .array(a): return "[" + a.map(\.description).joined(separator: ", ") + "]"
    case let .object(m):
      let text = "{" + m.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}"
      return text.count <= 80 ? text : String(text.prefix(77)) + "…}"
    }
  }

  /// Parses a whole document.
  /// - Throws: `KerasModelFileError` with the line of the first syntax error.
  static func parse(_ bytes: [UInt8], path: String) throws -> KerasJSON {
    var parser = Parser(bytes: bytes, path: path)
    parser.skipWhitespace()
    let value = try parser.parseValue()
    parser.skipWhitespace()
    guard parser.index == bytes.count else { throw parser.error(expected: "the end of the file") }
    return value
  }

  /// A recursive-descent parser over UTF-8 bytes that counts newlines as it goes.
  private struct Parser {
    let bytes: [UInt8]
    let path: String
    var index = 0
    var line = 1
    /// Nesting depth, capped so that a hostile file cannot overflow the stack.
    var depth = 0

    init(bytes: [UInt8], path: String) {
      self.bytes = bytes
      self.path = path
    }

    func error(expected: String) -> KerasModelFileError {
      let found: String
      if index >= bytes.count {
        found = "the end of the file"
      } else {
        let end = min(bytes.count, index + 20)
        let snippet = String(decoding: bytes[index..<end], as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        found = "\"\(snippet)\(end < bytes.count ? "…" : "")\""
      }
      return KerasModelFileError(path: path, line: line, context: nil, expected: expected, found: found)
    }

    mutating func skipWhitespace() {
      while index < bytes.count {
        switch bytes[index] {
        case UInt8(ascii: "\n"): line += 1; index += 1
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): index += 1
        default: return
        }
      }
    }

    mutating func consume(_ literal: String) -> Bool {
      let utf8 = Array(literal.utf8)
      guard index + utf8.count <= bytes.count, Array(bytes[index..<(index + utf8.count)]) == utf8 else { return false }
      index += utf8.count
      return true
    }

    mutating func parseValue() throws -> KerasJSON {
      guard index < bytes.count else { throw error(expected: "a JSON value") }
      let start = line
      switch bytes[index] {
      case UInt8(ascii: "{"): return KerasJSON(value: try parseObject(), line: start)
      case UInt8(ascii: "["): return KerasJSON(value: try parseArray(), line: start)
      case UInt8(ascii: "\""): return KerasJSON(value: .string(try parseString()), line: start)
      case UInt8(ascii: "t") where consume("true"): return KerasJSON(value: .bool(true), line: start)
      case UInt8(ascii: "f") where consume("false"): return KerasJSON(value: .bool(false), line: start)
      case UInt8(ascii: "n") where consume("null"): return KerasJSON(value: .null, line: start)
      case UInt8(ascii: "N") where consume("NaN"): return KerasJSON(value: .number(.nan, text: "NaN"), line: start)
      case UInt8(ascii: "I") where consume("Infinity"): return KerasJSON(value: .number(.infinity, text: "Infinity"), line: start)
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return KerasJSON(value: try parseNumber(), line: start)
      default: throw error(expected: "a JSON value")
      }
    }

    mutating func enter() throws {
      depth += 1
      guard depth <= 200 else { throw error(expected: "at most 200 nested arrays and objects") }
    }

    mutating func parseObject() throws -> Value {
      try enter()
      defer { depth -= 1 }
      index += 1
      var members: [(key: String, value: KerasJSON)] = []
      skipWhitespace()
      if index < bytes.count && bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
      while true {
        skipWhitespace()
        guard index < bytes.count && bytes[index] == UInt8(ascii: "\"") else { throw error(expected: "a quoted key") }
        let key = try parseString()
        skipWhitespace()
        guard index < bytes.count && bytes[index] == UInt8(ascii: ":") else { throw error(expected: "\":\" after key \"\(key)\"") }
        index += 1
        skipWhitespace()
        members.append((key, try parseValue()))
        skipWhitespace()
        guard index < bytes.count else { throw error(expected: "\",\" or \"}\"") }
        if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
        if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
        throw error(expected: "\",\" or \"}\"")
      }
    }

    mutating func parseArray() throws -> Value {
      try enter()
      defer { depth -= 1 }
      index += 1
      var elements: [KerasJSON] = []
      skipWhitespace()
      if index < bytes.count && bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
      while true {
        skipWhitespace()
        elements.append(try parseValue())
        skipWhitespace()
        guard index < bytes.count else { throw error(expected: "\",\" or \"]\"") }
        if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
        if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
        throw error(expected: "\",\" or \"]\"")
      }
    }

    mutating func parseString() throws -> String {
      index += 1  // opening quote
      var utf8: [UInt8] = []
      while index < bytes.count {
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "\""):
          index += 1
          return String(decoding: utf8, as: UTF8.self)
        case UInt8(ascii: "\\"):
          guard index + 1 < bytes.count else { throw error(expected: "an escape sequence") }
          let escaped = bytes[index + 1]
          index += 2
          switch escaped {
          case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escaped)
          case UInt8(ascii: "b"): utf8.append(8)
          case UInt8(ascii: "f"): utf8.append(12)
          case UInt8(ascii: "n"): utf8.append(10)
          case UInt8(ascii: "r"): utf8.append(13)
          case UInt8(ascii: "t"): utf8.append(9)
          case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xD800..<0xDC00).contains(scalar), consume("\\u") {  // a UTF-16 surrogate pair
              let low = try parseHex4()
              scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            utf8 += Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
          default:
            index -= 1
            throw error(expected: "one of the escapes \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
          }
        case 0..<0x20:
          throw error(expected: "a closing quote before the end of the line")
        default:
          utf8.append(byte)
          index += 1
        }
      }
      throw error(expected: "a closing quote")
    }

    mutating func parseHex4() throws -> UInt32 {
      guard index + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16) else {
        throw error(expected: "four hexadecimal digits after \\u")
      }
      index += 4
      return v
    }

    mutating func parseNumber() throws -> Value {
      let start = index
      if bytes[index] == UInt8(ascii: "-") {
        index += 1
        if consume("Infinity") { return .number(-.infinity, text: "-Infinity") }
      }
      let numberBytes = Set("0123456789.eE+-".utf8)
      while index < bytes.count && numberBytes.contains(bytes[index]) { index += 1 }
      let text = String(decoding: bytes[start..<index], as: UTF8.self)
      guard let x = Double(text) else {
        index = start
        throw error(expected: "a number")
      }
      return .number(x, text: text)
    }
  }
}
