// Quoting bytes from an input file inside an error message. A data file may hold
// anything (NUL bytes, carriage returns, terminal escape sequences, invalid UTF-8), and a
// message that echoes them raw can hide itself, rewrite the terminal or break a log line.
// So every byte that is not printable is spelled out, Swift-string style:
//
//   NUL → \0, tab → \t, LF → \n, CR → \r, backslash → \\, double quote → \",
//   other control and format characters (C0, DEL, C1, U+200B…, bidi) → \u{1B},
//   a byte that does not start a valid UTF-8 sequence → \xNN.
//
// Printable non-ASCII characters ("…", "٣", "é") are kept: they are what the user sees in
// an editor, and a message should quote the file as it looks.

/// `bytes` as printable text, with the escapes listed above; at most `limit` bytes are
/// quoted, and "…" marks a cut.
func quotedInput(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int = 60) -> String {
  let n = min(bytes.count, limit)
  var out = ""
  var i = 0
  while i < n {
    let b = bytes[i]
    if b < 0x80 {
      switch b {
      case 0x00: out += "\\0"
      case 0x09: out += "\\t"
      case 0x0A: out += "\\n"
      case 0x0D: out += "\\r"
      case 0x5C: out += "\\\\"
      case 0x22: out += "\\\""
      case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(b))
      default: out += "\\u{" + String(b, radix: 16, uppercase: true) + "}"
      }
      i += 1
      continue
    }
    // A multi-byte sequence: its length from the lead byte, then validated as a whole
    // (overlong forms and surrogates are rejected by `String(validating:)`).
    let length = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0
    if length > 0, i + length <= n,
       let s = String(validating: UnsafeBufferPointer(rebasing: bytes[i..<(i + length)]), as: UTF8.self),
       let scalar = s.unicodeScalars.first {
      switch scalar.properties.generalCategory {
      case .control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .privateUse, .surrogate:
        out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      default:
        out += s
      }
      i += length
    } else {
      let hex = String(b, radix: 16, uppercase: true)
      out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
      i += 1
    }
  }
  return n < bytes.count ? out + "…" : out
}

/// `text` quoted like `quotedInput(_:limit:)` quotes bytes.
func quotedInput(_ text: some StringProtocol, limit: Int = 60) -> String {
  Array(text.utf8).withUnsafeBufferPointer { quotedInput($0, limit: limit) }
}
