// A seeded mutation fuzzer over one cell file of a finished run: every mutant must end
// in a clean error or a valid report — never a trap (a trap kills this test process,
// which is the failure). The count is HAR_FUZZ_MUTANTS (default 200); a longer run:
//
//     HAR_FUZZ_MUTANTS=5000 swift test -c release --filter CellFuzzTests
import Compare
import Foundation
import LinearAlgebra
import Testing
import _TestSupport

@Suite struct CellFuzzTests {
  static var mutantCount: Int {
    ProcessInfo.processInfo.environment["HAR_FUZZ_MUTANTS"].flatMap { Int($0) } ?? 200
  }

  /// Replacement tokens that have broken readers before: out-of-range integers, special
  /// floats, wrong types.
  static let hostileTokens = ["1e19", "9223372036854775807", "-9223372036854775808", "1e300", "-1", "0", "-0",
                              "1.5", "NaN", "\"x\"", "null", "[]", "{}", "[[1,0],[0,1]]", "99999999999999999999"]

  /// One mutant of `text`: a byte flip, a truncation, a number replaced by a hostile
  /// token, or an array element duplicated.
  static func mutate(_ text: [UInt8], _ g: inout SeededGenerator) -> [UInt8] {
    var bytes = text
    switch g.nextInt(below: 4) {
    case 0:
      let i = g.nextInt(below: bytes.count)
      bytes[i] ^= UInt8(truncatingIfNeeded: 1 << g.nextInt(below: 8))
    case 1:
      bytes = Array(bytes.prefix(g.nextInt(below: bytes.count)))
    case 2:
      // Positions where a number starts.
      let starts = bytes.indices.filter { i in
        (bytes[i] == UInt8(ascii: "-") || (48...57).contains(bytes[i])) && (i == 0 || !(48...57).contains(bytes[i - 1]))
          && (i == 0 || bytes[i - 1] != UInt8(ascii: "."))
      }
      guard let start = starts.isEmpty ? nil : starts[g.nextInt(below: starts.count)] else { return bytes }
      var end = start + 1
      while end < bytes.count, "0123456789.eE+-".utf8.contains(bytes[end]) { end += 1 }
      let token = hostileTokens[g.nextInt(below: hostileTokens.count)]
      bytes.replaceSubrange(start..<end, with: Array(token.utf8))
    default:
      let opens = bytes.indices.filter { bytes[$0] == UInt8(ascii: "[") }
      guard !opens.isEmpty else { return bytes }
      let i = opens[g.nextInt(below: opens.count)]
      bytes.insert(contentsOf: Array("0,".utf8), at: i + 1)
    }
    return bytes
  }

  @Test func everyMutantOfACellIsAnErrorOrAValidReport() throws {
    let seed: UInt64 = 20_261_201
    let dir = try RealData.temporaryDirectory("cell-fuzz")
    let first = try runMock(in: dir)
    let url = dir.appendingPathComponent("cells/\(first.cells[3].key.fileStem).json")
    let original = Array(try Data(contentsOf: url))
    var g = SeededGenerator(seed: seed)
    var errors = 0, accepted = 0
    for index in 0..<Self.mutantCount {
      let mutant = Self.mutate(original, &g)
      try Data(mutant).write(to: url)
      do {
        let results = try ExperimentResults.load(from: dir)
        _ = try ReportWriter.write(results)
        accepted += 1
      } catch is CompareError {
        errors += 1
      } catch {
        Issue.record("mutant \(index) (seed \(seed)): an error that is not a CompareError: \(error)")
      }
    }
    try Data(original).write(to: url)
    #expect(errors + accepted == Self.mutantCount)
    #expect(errors > 0 && accepted > 0, "the mutations exercise both paths: \(errors) errors, \(accepted) accepted")
    // The untouched run still reads back exactly.
    #expect(try ExperimentResults.load(from: dir).cells == first.cells)
  }
}
