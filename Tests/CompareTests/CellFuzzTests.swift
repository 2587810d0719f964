// A seeded mutation fuzzer over one cell file of a finished run (the shared
// `TextMutator` of _TestSupport): every mutant must end in a clean error or a valid
// report — never a trap (a trap kills this test process, which is the failure). The
// count is HAR_FUZZ_MUTANTS (default 200); a longer run:
//
//     HAR_FUZZ_MUTANTS=5000 swift test -c release --filter CellFuzzTests
import Compare
import Foundation
import LinearAlgebra
import Testing
import _TestSupport

@Suite struct CellFuzzTests {
  @Test func everyMutantOfACellIsAnErrorOrAValidReport() throws {
    let seed = Fuzzing.baseSeed(default: 20_261_201)
    let mutantCount = Fuzzing.mutantCount(default: 200)
    let mutator = TextMutator()
    let dir = try RealData.temporaryDirectory("cell-fuzz")
    let first = try runMock(in: dir)
    let url = dir.appendingPathComponent("cells/\(first.cells[3].key.fileStem).json")
    let original = Array(try Data(contentsOf: url))
    var errors = 0, accepted = 0
    for index in 0..<mutantCount {
      // Mutant i from seed + i, so one mutant can be replayed alone (HAR_FUZZ_SEED).
      var g = SeededGenerator(seed: seed &+ UInt64(index))
      let mutant = mutator.mutate(original, using: &g)
      if Fuzzing.trace { Fuzzing.log("cell mutant \(index): \(mutant.description)") }
      try Data(mutant.bytes).write(to: url)
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
    #expect(errors + accepted == mutantCount)
    #expect(errors > 0 && accepted > 0, "the mutations exercise both paths: \(errors) errors, \(accepted) accepted")
    // The untouched run still reads back exactly.
    #expect(try ExperimentResults.load(from: dir).cells == first.cells)
  }
}
