// The seed tree: its formulas restated independently (FNV-1a written out as a loop,
// SplitMix64 written out), pinned golden values, and what a seed must not depend on.
import Compare
import Features
import LinearAlgebra
import Testing

/// FNV-1a, 64 bit, written out from its definition (offset basis and prime).
private func fnv1a(_ s: String) -> UInt64 {
  var h: UInt64 = 0xCBF2_9CE4_8422_2325
  for byte in s.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
  return h
}

/// `SeededGenerator.derive`, written out: the second SplitMix64 output from the state
/// seed ^ (label · odd constant).
private func derive(_ seed: UInt64, _ label: UInt64) -> UInt64 {
  var z = (seed ^ (label &* 0xD1B5_4A32_D192_ED03)) &+ 2 &* 0x9E37_79B9_7F4A_7C15
  z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
  z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
  return z ^ (z >> 31)
}

@Suite struct SeedTreeTests {
  @Test func everyPurposeFollowsItsDocumentedFormula() {
    for run: UInt64 in [0, 1, 2024, .max] {
      let split = SeedTree.seed(run: run, split: "kfold5", purpose: .subjectOrder)
      #expect(split == derive(run, fnv1a("split/kfold5")), "run \(run)")
      #expect(SeedTree.seed(run: run, split: "kfold5", fold: 3, purpose: .validationSubjects) == derive(split, 0x5641_4C49_4400 + 3))
      let cell = derive(run, fnv1a("lstm/kfold5/3/2"))
      #expect(SeedTree.seed(run: run, split: "kfold5", fold: 3, model: "lstm", seedIndex: 2, purpose: .cell) == cell)
      let key = CellKey(model: "lstm", split: "kfold5", fold: 3, seedIndex: 2)
      #expect(SeedTree.seed(run: run, cell: key, purpose: .weights) == derive(cell, 1))
      #expect(SeedTree.seed(run: run, cell: key, purpose: .shuffleAndDropout) == derive(cell, 2))
    }
  }

  @Test func goldenValuesDoNotMove() {
    // From the run.json and cells/cnn_official_0_0.json of `har compare --quick` before
    // the tree was written down (and recomputed in Python): a change here changes every
    // committed report.
    #expect(SeedTree.seed(run: 2024, split: "official", purpose: .subjectOrder) == 12_486_769_373_274_254_809)
    #expect(SeedTree.seed(run: 2024, split: "official", fold: 0, purpose: .validationSubjects) == 10_709_629_595_802_801_797)
    let cnn = CellKey(model: "cnn", split: "official", fold: 0, seedIndex: 0)
    #expect(SeedTree.seed(run: 2024, cell: cnn, purpose: .cell) == 4_557_388_740_288_150_674)
    #expect(SeedTree.seed(run: 2024, cell: cnn, purpose: .weights) == 15_945_857_118_602_774_690)
    #expect(SeedTree.seed(run: 2024, cell: cnn, purpose: .shuffleAndDropout) == 3_250_513_514_955_354_663)
    #expect(derive(42, 3) == SeededGenerator.derive(seed: 42, 3) && derive(42, 3) == 10_335_423_002_361_879_447)
  }

  @Test func branchesAreDistinctAndIgnoreWhatTheyDoNotRead() {
    let key = CellKey(model: "cnn", split: "official", fold: 0, seedIndex: 0)
    let seeds = SeedPurpose.allCases.map { SeedTree.seed(run: 7, split: key.split, fold: key.fold, model: key.model, seedIndex: key.seedIndex, purpose: $0) }
    #expect(Set(seeds).count == seeds.count, "two purposes share a seed: \(seeds)")
    // Split-level seeds do not read the model or the seed index.
    #expect(SeedTree.seed(run: 7, split: "official", model: "a", seedIndex: 1, purpose: .subjectOrder)
      == SeedTree.seed(run: 7, split: "official", model: "b", seedIndex: 5, purpose: .subjectOrder))
    // Cell seeds differ by model, fold and seed index.
    let other = [CellKey(model: "lstm", split: "official", fold: 0, seedIndex: 0),
                 CellKey(model: "cnn", split: "official", fold: 1, seedIndex: 0),
                 CellKey(model: "cnn", split: "official", fold: 0, seedIndex: 1)]
    for k in other { #expect(SeedTree.seed(run: 7, cell: k, purpose: .cell) != SeedTree.seed(run: 7, cell: key, purpose: .cell)) }
  }

  @Test func splitsTakeTheirSeedsFromTheTree() throws {
    let windows = (1...30).flatMap { s in (0..<4).map { WindowIndex(experiment: s, subject: s, activity: Activity.basic[$0 % 6], start: $0 * 64) } }
    let split = try SubjectSplit(.kFold(5), windows: windows, runSeed: 11)
    #expect(split.seed == SeedTree.seed(run: 11, split: "kfold5", purpose: .subjectOrder))
  }
}
