// The seeded mutation fuzzer (issue 13) over the two loaders of this module: every
// mutant of a small, valid fixture must end in a thrown InputError/FeatureError or in a
// valid result, never a trap (a trap kills the test process: that is the failure).
// 200 mutants per target by default (about a second each in release mode); raise with
// HAR_FUZZ_MUTANTS=5000, replay with HAR_FUZZ_SEED, name the culprit of a trap with
// HAR_FUZZ_TRACE=1 (see docs/features.md, "Input validation and fuzzing").
import Features
import Foundation
import LinearAlgebra
import Testing
import _TestSupport

@Suite struct InputFuzzTests {
  @Test func haptLoaderNeverTraps() throws {
    let count = Fuzzing.mutantCount(default: 200), seed = Fuzzing.baseSeed(default: 13_001)
    Fuzzing.log("fuzz HAPT loader: \(count) mutants, HAR_FUZZ_SEED=\(seed)")
    let fixture = try HAPTFixture(samples: 400, labels: "1 1 1 1 200\n1 1 4 201 400\n2 2 5 1 300\n2 2 7 301 340\n")
    let targets = ["labels.txt", "labels.txt", "labels.txt", "acc_exp01_user01.txt", "gyro_exp02_user02.txt"]
    let originals = try targets.map { try [UInt8](Data(contentsOf: fixture.raw.appendingPathComponent($0))) }
    let mutator = TextMutator()
    var outcomes = (errors: 0, accepted: 0)
    for i in 0..<count {
      var g = SeededGenerator(seed: seed &+ UInt64(i))
      let t = Int.random(in: 0..<targets.count, using: &g)
      let (bytes, what) = mutator.mutate(originals[t], using: &g)
      let label = "seed \(seed &+ UInt64(i)) (HAR_FUZZ_SEED=\(seed), mutant \(i)): \(targets[t]): \(what)"
      if Fuzzing.trace { Fuzzing.log(label) }
      let file = fixture.raw.appendingPathComponent(targets[t])
      try Data(bytes).write(to: file)
      defer { try? Data(originals[t]).write(to: file) }
      do {
        let data = try fixture.load()
        try checkValid(data, label)
        _ = try FeaturePipeline.run(data, threads: 1)
        outcomes.accepted += 1
      } catch is InputError {
        outcomes.errors += 1
      } catch is FeatureError {
        outcomes.errors += 1
      } catch {
        Issue.record("\(label): unexpected error \(error)")
      }
    }
    Fuzzing.log("fuzz HAPT loader: \(outcomes.errors) clean errors, \(outcomes.accepted) accepted, no trap")
    #expect(outcomes.errors > 0 && outcomes.accepted > 0)  // the fuzzer reaches both outcomes
  }

  /// What `RawDataset.load` promises about an accepted dataset.
  func checkValid(_ data: RawDataset, _ label: String) throws {
    var covered: [Int: [Range<Int>]] = [:]
    for s in data.segments {
      let r = try #require(data.recording(experiment: s.experiment), "\(label)")
      #expect(r.user == s.user && s.start >= 0 && s.start < s.end && s.end <= r.sampleCount, "\(label): \(s)")
      #expect(!covered[s.experiment, default: []].contains { $0.overlaps(s.start..<s.end) }, "\(label): overlap \(s)")
      covered[s.experiment, default: []].append(s.start..<s.end)
    }
    for r in data.recordings {
      for axis in [r.acceleration.x, r.acceleration.y, r.acceleration.z, r.angularVelocity.x, r.angularVelocity.y, r.angularVelocity.z] {
        #expect(axis.count == r.sampleCount && axis.allSatisfy(\.isFinite), "\(label)")
      }
    }
  }

  @Test func uciLoaderNeverTraps() throws {
    let count = Fuzzing.mutantCount(default: 200), seed = Fuzzing.baseSeed(default: 13_002)
    Fuzzing.log("fuzz UCI HAR loader: \(count) mutants, HAR_FUZZ_SEED=\(seed)")
    let root = try UCIFixture.write()
    let originals = try UCIFixture.files.map { try [UInt8](Data(contentsOf: root.appendingPathComponent($0))) }
    let mutator = TextMutator()
    var outcomes = (errors: 0, accepted: 0)
    for i in 0..<count {
      var g = SeededGenerator(seed: seed &+ UInt64(i))
      let t = Int.random(in: 0..<UCIFixture.files.count, using: &g)
      let (bytes, what) = mutator.mutate(originals[t], using: &g)
      let label = "seed \(seed &+ UInt64(i)) (HAR_FUZZ_SEED=\(seed), mutant \(i)): \(UCIFixture.files[t]): \(what)"
      if Fuzzing.trace { Fuzzing.log(label) }
      let file = root.appendingPathComponent(UCIFixture.files[t])
      try Data(bytes).write(to: file)
      defer { try? Data(originals[t]).write(to: file) }
      do {
        let d = try UCIHARDataset.load(directory: root.path, windowLength: 8)
        for part in [d.train, d.test] {
          #expect(part.activities.count == part.count && part.activities.allSatisfy(\.isBasic), "\(label)")
          #expect(part.subjects.allSatisfy { $0 >= 1 }, "\(label)")
          if let x = part.features { #expect(x.rows == part.count && x.columns == d.featureNames.count && x.isFinite, "\(label)") }
          for s in part.inertialSignals ?? [] { #expect(s.rows == part.count && s.columns == 8 && s.isFinite, "\(label)") }
        }
        outcomes.accepted += 1
      } catch is InputError {
        outcomes.errors += 1
      } catch {
        Issue.record("\(label): unexpected error \(error)")
      }
    }
    Fuzzing.log("fuzz UCI HAR loader: \(outcomes.errors) clean errors, \(outcomes.accepted) accepted, no trap")
    #expect(outcomes.errors > 0 && outcomes.accepted > 0)
  }
}
