// Hostile checkpoints (issue 13): counts that a valid checksum lets through but that no
// file or training run can hold (≥ 2^63, or just absurd) used to trap in `Int(UInt64)`;
// now every one is a clean `ModelError.unreadableCheckpoint`. Plus the seeded mutation
// fuzzer over a real checkpoint, re-sealing most mutants with a valid checksum so that
// they reach the field checks (HAR_FUZZ_MUTANTS, HAR_FUZZ_SEED, HAR_FUZZ_TRACE as in
// docs/features.md).
import Deep
import Foundation
import LinearAlgebra
import Testing
import _TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// FNV-1a 64, written out again here (not the module's copy) to re-seal edited files.
func fnv1a64(_ bytes: some Sequence<UInt8>) -> UInt64 {
  var h: UInt64 = 0xCBF2_9CE4_8422_2325
  for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
  return h
}

/// Replaces the trailing checksum of checkpoint bytes by the right one for the rest.
func resealed(_ bytes: [UInt8]) -> [UInt8] {
  guard bytes.count >= 8 else { return bytes }
  var out = Array(bytes.dropLast(8))
  withUnsafeBytes(of: fnv1a64(out).littleEndian) { out += $0 }
  return out
}

/// The byte offsets of the count fields of a version-1 checkpoint, read from its layout
/// (Checkpoint.swift's header comment).
struct CheckpointLayout {
  var epochs = 0, step = 0, parameterCount = 0, bestEpoch = 0, wait = 0, historyCount = 0, firstRecordEpoch = 0

  init(_ b: [UInt8]) {
    func u32(_ at: Int) -> Int { (0..<4).reduce(0) { $0 | Int(b[at + $1]) << (8 * $1) } }
    func u64(_ at: Int) -> Int { (0..<8).reduce(0) { $0 | Int(b[at + $1]) << (8 * $1) } }
    var p = 16
    for _ in 0..<3 { p += 4 + u32(p) }  // architecture, settings, name
    epochs = p; step = p + 16; p += 24
    parameterCount = p
    for _ in 0..<4 { p += 8 + 4 * u64(p) }  // parameters, state, m, v
    p += 8  // best loss
    bestEpoch = p; wait = p + 8; p += 17
    for _ in 0..<2 { p += 8 + 4 * u64(p) }  // best parameters, best state
    historyCount = p
    firstRecordEpoch = p + 8
  }
}

@Suite("Checkpoint input", .serialized)
struct CheckpointInputTests {
  static let input = FeatureShape.sequence(time: 4, channels: 2)
  static let layers: [LayerSpec] = [.flatten, .dense(units: 5), .relu, .batchNorm(), .dense(units: 3)]
  static func configuration(epochs: Int, path: String? = nil) -> TrainingConfiguration {
    TrainingConfiguration(epochs: epochs, batchSize: 8, optimizer: .adam(), seed: 3, patience: 5, checkpointPath: path)
  }

  /// A checkpoint after 2 epochs of a tiny model with early stopping state, as bytes.
  static func checkpointBytes() throws -> [UInt8] {
    let path = temporaryPath("fuzz-source.ckpt")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let data = try noise(count: 24, timeSteps: 4, channels: 2, classes: 3, seed: 5)
    let model = try Model(input: input, layers: layers, seed: 2)
    try model.fit(data, validation: data, configuration: configuration(epochs: 2, path: path))
    return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  func readError(_ bytes: [UInt8], _ name: String) throws -> String {
    let path = temporaryPath(name)
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    do {
      _ = try Checkpoint.read(from: path)
      return "no error"
    } catch let e as ModelError {
      return "\(e)"
    }
  }

  @Test("Counts of 2^63 and more, or more than the file holds, are clean errors")
  func absurdCounts() throws {
    let original = try Self.checkpointBytes()
    let layout = CheckpointLayout(original)
    #expect(try readError(original, "ok.ckpt") == "no error")
    let cases: [(field: Int, value: UInt64, message: String)] = [
      (layout.epochs, 1 << 63, "expected 2 epochs completed (one per history record), found 9223372036854775808"),
      (layout.epochs, UInt64.max, "found 18446744073709551615"),
      (layout.step, UInt64.max, "expected the optimizer step ≤ 9007199254740992, found 18446744073709551615"),
      (layout.parameterCount, 1 << 63, "expected an array length (4 bytes per value, bytes left in the file) ≤"),
      (layout.parameterCount, 1 << 40, "expected an array length"),
      (layout.bestEpoch, 1 << 63, "expected a best epoch and an epochs-without-improvement count ≤ 2 epochs, found 9223372036854775808"),
      (layout.wait, UInt64.max, "found 2 and 18446744073709551615"),
      (layout.historyCount, 1 << 63, "expected history records ≤ 2, found 9223372036854775808"),
      (layout.firstRecordEpoch, UInt64.max, "expected history record 1 to be of epoch 1, found epoch 18446744073709551615"),
    ]
    for (field, value, message) in cases {
      var bytes = original
      withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(field..<(field + 8), with: $0) }
      let m = try readError(resealed(bytes), "absurd.ckpt")
      #expect(m.contains(message), "field at \(field) = \(value): \(m)")
    }
  }

  @Test("A FIFO is refused, not read for ever")
  func fifo() throws {
    let path = temporaryPath("fifo.ckpt")
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(mkfifo(path, 0o600) == 0)
    do {
      _ = try Checkpoint.read(from: path)
      Issue.record("a FIFO was read")
    } catch let e as ModelError {
      #expect("\(e)".contains("expected a regular file, found a FIFO"), "\(e)")
    }
  }

  @Test("Fuzz: every mutant of a checkpoint is a clean error or a checkpoint that resumes")
  func fuzz() throws {
    let count = Fuzzing.mutantCount(default: 200), seed = Fuzzing.baseSeed(default: 13_003)
    Fuzzing.log("fuzz checkpoint reader: \(count) mutants, HAR_FUZZ_SEED=\(seed)")
    BLASThreads.set(1)
    let original = try Self.checkpointBytes()
    let data = try noise(count: 24, timeSteps: 4, channels: 2, classes: 3, seed: 5)
    let path = temporaryPath("fuzz.ckpt")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let hostile: [UInt64] = [0, 1, 2, 3, 1 << 31, 1 << 32, 1 << 53, 1 << 62, 1 << 63, UInt64.max, UInt64.max - 1,
                             0x7FF0_0000_0000_0000, 0x7FF8_0000_0000_0000]
    var outcomes = (errors: 0, accepted: 0)
    for i in 0..<count {
      var g = SeededGenerator(seed: seed &+ UInt64(i))
      var bytes = original
      var what: [String] = []
      for _ in 0..<Int.random(in: 1...3, using: &g) {
        let at = Int.random(in: 0..<max(1, bytes.count - 8), using: &g)
        switch Int.random(in: 0..<5, using: &g) {
        case 0, 1:  // a hostile 8-byte value anywhere (counts, floats, string lengths)
          let v = hostile[Int.random(in: 0..<hostile.count, using: &g)]
          if at + 8 <= bytes.count { withUnsafeBytes(of: v.littleEndian) { bytes.replaceSubrange(at..<(at + 8), with: $0) } }
          what.append("u64 \(v) at \(at)")
        case 2:
          bytes[at] ^= 1 << UInt8.random(in: 0..<8, using: &g)
          what.append("flip at \(at)")
        case 3:
          bytes.removeSubrange(at...)
          what.append("truncate at \(at)")
        default:
          bytes.insert(contentsOf: [UInt8](repeating: UInt8.random(in: 0...255, using: &g), count: Int.random(in: 1...9, using: &g)), at: at)
          what.append("insert at \(at)")
        }
      }
      if Int.random(in: 0..<4, using: &g) > 0 { bytes = resealed(bytes); what.append("resealed") }
      let label = "seed \(seed &+ UInt64(i)) (HAR_FUZZ_SEED=\(seed), mutant \(i)): \(what.joined(separator: "; "))"
      if Fuzzing.trace { Fuzzing.log(label) }
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      do {
        let c = try Checkpoint.read(from: path)
        #expect(c.epochsCompleted == c.history.epochs.count, "\(label)")
        // Accepted: it must also load and resume (or refuse with a clean error).
        let model = try Model(input: Self.input, layers: Self.layers, seed: 2)
        try model.fit(data, validation: data, configuration: Self.configuration(epochs: 3), resumingFrom: path)
        outcomes.accepted += 1
      } catch is ModelError {
        outcomes.errors += 1
      } catch is TrainingError {
        outcomes.errors += 1
      } catch {
        Issue.record("\(label): unexpected error \(error)")
      }
    }
    Fuzzing.log("fuzz checkpoint reader: \(outcomes.errors) clean errors, \(outcomes.accepted) accepted, no trap")
    #expect(outcomes.errors > 0)
  }
}
