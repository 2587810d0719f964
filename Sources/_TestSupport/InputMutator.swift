// A seeded mutation fuzzer for input files: it takes a well-formed file and breaks it the
// ways a careless or hostile user would (issue 13): byte flips, truncation, numbers
// outside Int's range, NaN/Inf spellings, Unicode digits, NUL bytes, CRLF, tabs, long
// lines, repeated, dropped and swapped lines, invalid UTF-8. A loader under test must
// end every mutant in a thrown error or a valid result; a trap kills the test process,
// which is the failure.
//
// The mutant count is `HAR_FUZZ_MUTANTS` (default per test, e.g. 200, a few seconds);
// the base seed is `HAR_FUZZ_SEED` (default fixed, so CI is deterministic). Mutant i uses
// the generator seeded with `seed + i`, so one mutant can be replayed alone; with
// `HAR_FUZZ_TRACE=1` each mutant is described on stderr before it runs, which names the
// culprit of a trap.
import Foundation
import LinearAlgebra

public enum Fuzzing {
  /// The number of mutants per target: `$HAR_FUZZ_MUTANTS` or `defaultCount`.
  public static func mutantCount(default defaultCount: Int) -> Int {
    ProcessInfo.processInfo.environment["HAR_FUZZ_MUTANTS"].flatMap { Int($0) }.map { max(1, $0) } ?? defaultCount
  }

  /// The base seed: `$HAR_FUZZ_SEED` or `defaultSeed`.
  public static func baseSeed(default defaultSeed: UInt64) -> UInt64 {
    ProcessInfo.processInfo.environment["HAR_FUZZ_SEED"].flatMap { UInt64($0) } ?? defaultSeed
  }

  /// Whether to describe each mutant on stderr before running it.
  public static var trace: Bool { ProcessInfo.processInfo.environment["HAR_FUZZ_TRACE"] == "1" }

  /// Writes `line` to stderr (unbuffered, so it is out before a trap).
  public static func log(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}

/// Breaks text files (see the file comment).
public struct TextMutator {
  /// Tokens that replace a well-formed one: out of `Int`'s range, NaN and Inf spellings,
  /// fractions where integers belong, Unicode digits, hexadecimal floats, empty and
  /// half-numbers, control bytes, label indices just outside their ranges.
  public static let hostileTokens: [String] = [
    "1e19", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551616",
    "1e300", "-1e300", "1e-400", "4294967296", "9007199254740993", "99999999999999999999999999",
    "NaN", "nan", "-nan", "inf", "-inf", "Infinity", "-Infinity", "INF",
    "-0.5", "2.5", "0.5", "-0", "0", "-1", "7", "12", "13", "61", "62", "1e2", "1E+2", "0x1p3", "0x10",
    "\u{0663}", "\u{FF11}", "\u{0967}2", "1\u{00A0}2", "+", "-", ".", "e", "1e", "1.2.3", "--1", "+-1",
    "\u{0}", "1\u{0}", "\u{1B}[31m", "\u{7F}", "\r", "\u{202E}1",
  ]

  public init() {}

  /// One mutant of `original`, and a short description of what was done. Applies one to
  /// three mutations.
  public func mutate(_ original: [UInt8], using g: inout SeededGenerator) -> (bytes: [UInt8], description: String) {
    var bytes = original
    var what: [String] = []
    for _ in 0..<Int.random(in: 1...3, using: &g) {
      what.append(mutateOnce(&bytes, using: &g))
    }
    return (bytes, what.joined(separator: "; "))
  }

  func mutateOnce(_ bytes: inout [UInt8], using g: inout SeededGenerator) -> String {
    let kind = Int.random(in: 0..<13, using: &g)
    let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &g)
    switch kind {
    case 0:
      guard !bytes.isEmpty else { return "flip (empty)" }
      let bit = UInt8(1) << UInt8.random(in: 0..<8, using: &g)
      bytes[position] ^= bit
      return "flip bit \(bit) of byte \(position)"
    case 1:
      bytes.removeSubrange(position...)
      return "truncate at \(position)"
    case 2, 3, 4:
      let tokens = tokenRanges(bytes)
      guard !tokens.isEmpty else { return "no token" }
      let t = tokens[Int.random(in: 0..<tokens.count, using: &g)]
      let replacement = Self.hostileTokens[Int.random(in: 0..<Self.hostileTokens.count, using: &g)]
      bytes.replaceSubrange(t, with: Array(replacement.utf8))
      return "token at \(t.lowerBound) → \(replacement.debugDescription)"
    case 5:
      bytes.insert(0, at: position)
      return "NUL at \(position)"
    case 6:
      if Bool.random(using: &g) {
        bytes = bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
        return "CRLF everywhere"
      }
      bytes.insert(0x0D, at: position)
      return "CR at \(position)"
    case 7:
      bytes = bytes.map { $0 == 0x20 && Bool.random(using: &g) ? 0x09 : $0 }
      return "some spaces → tabs"
    case 8:
      let length = Int.random(in: 1_000...70_000, using: &g)
      let filler: [UInt8] = Bool.random(using: &g) ? Array(repeating: 0x31, count: length) : Array(repeating: 0x20, count: length)
      bytes.insert(contentsOf: filler, at: position)
      return "\(length) × \(filler[0] == 0x31 ? "'1'" : "' '") at \(position)"
    case 9, 10:
      var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
      guard lines.count >= 2 else { return "too few lines" }
      let i = Int.random(in: 0..<lines.count, using: &g), j = Int.random(in: 0..<lines.count, using: &g)
      switch Int.random(in: 0..<3, using: &g) {
      case 0:
        // A repeated line, possibly with one token changed: duplicated and overlapping segments.
        var copy = lines[i]
        let tokens = tokenRanges(copy)
        if !tokens.isEmpty && Bool.random(using: &g) {
          let t = tokens[Int.random(in: 0..<tokens.count, using: &g)]
          copy.replaceSubrange(t, with: Array("\(Int.random(in: 1...400, using: &g))".utf8))
        }
        lines.insert(copy, at: j)
        bytes = Array(lines.joined(separator: [0x0A]))
        return "line \(i + 1) repeated (maybe edited) before line \(j + 1)"
      case 1:
        lines.remove(at: i)
        bytes = Array(lines.joined(separator: [0x0A]))
        return "line \(i + 1) deleted"
      default:
        lines.swapAt(i, j)
        bytes = Array(lines.joined(separator: [0x0A]))
        return "lines \(i + 1) and \(j + 1) swapped"
      }
    case 11:
      let junk: [[UInt8]] = [[0xFF], [0xC3], [0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0xEF, 0xBB, 0xBF], [0x1B]]
      let b = junk[Int.random(in: 0..<junk.count, using: &g)]
      bytes.insert(contentsOf: b, at: position)
      return "bytes \(b) at \(position)"
    default:
      if Bool.random(using: &g) {
        bytes = []
        return "emptied"
      }
      bytes.append(contentsOf: Array("\n\n1 2 3\n".utf8))
      return "blank lines and a short row appended"
    }
  }

  /// The ranges of whitespace-separated tokens.
  func tokenRanges(_ bytes: [UInt8]) -> [Range<Int>] {
    var out: [Range<Int>] = []
    var start: Int? = nil
    for (i, b) in bytes.enumerated() {
      let space = b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
      if space, let s = start { out.append(s..<i); start = nil } else if !space && start == nil { start = i }
    }
    if let s = start { out.append(s..<bytes.count) }
    return out
  }
}
