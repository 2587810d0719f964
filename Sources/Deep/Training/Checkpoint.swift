// Checkpoints: everything needed to resume training bit for bit, in one binary file.
//
// Format, version 2. All integers little-endian; floats IEEE-754 little-endian.
//
//     bytes   field
//     8       magic "HARDEEP\0"
//     4       u32 version = 2
//     4       u32 scalar size in bytes = 4 (Float32)
//     str     architecture: `Sequential.architectureDescription`, e.g.
//             "(None, 128, 9) → LSTM(32) → Dropout(0.5) → Dense(6)"
//     str     training settings that must match to resume (`TrainingConfiguration`)
//     str     model name
//     u64     epochs completed
//     u64     generator state (SplitMix64), after the last completed epoch
//     u64     optimizer step t
//     arr     parameters (P)          arr   running statistics (S)
//     arr     first moment (P)        arr   second moment (P, or 0 for SGD)
//     f64     best validation loss (+inf if none)
//     u64     best epoch (0 if none)  u64   epochs without improvement
//     u8      1 if training stopped early
//     arr     best parameters (0 or P)  arr  best running statistics (0 or S)
//     u64     history length, then per epoch: u64 epoch, f64 train loss, f64 train
//             accuracy, f64 validation loss (NaN if none), f64 validation accuracy (NaN if
//             none), f64 seconds, f64 learning rate, f64 train binary accuracy (NaN if
//             none)
//     u64     FNV-1a 64-bit hash of every byte before it
//
// Version 1 is the same without the train binary accuracy (48 instead of 56 bytes after
// each record's epoch). It is still read, its records without a binary accuracy, so that a
// run interrupted before version 2 existed can be resumed.
//
// where `str` is a u32 byte count and UTF-8 bytes, and `arr` is a u64 count and that many
// f32 values.
import Foundation
import LinearAlgebra
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The saved state of a training run: weights, running statistics, optimizer moments and
/// step, epoch, random generator state, early-stopping state and history.
public struct Checkpoint: Sendable, Equatable {
  /// The 8 bytes every checkpoint starts with.
  public static let magic: [UInt8] = Array("HARDEEP\0".utf8)
  /// The format version this code writes (it reads this one and version 1).
  public static let version: UInt32 = 2

  /// `Sequential.architectureDescription` of the model that wrote it.
  public var architecture: String
  var trainingSettings: String
  /// The model's name (informational).
  public var modelName: String
  /// Epochs finished when it was written.
  public var epochsCompleted: Int
  var generatorState: UInt64
  var optimizer: OptimizerState
  /// The model's trainable parameters, (P).
  public var parameters: [Float]
  /// The model's running statistics, (S).
  public var state: [Float]
  var bestValidationLoss: Double
  var bestEpoch: Int
  var epochsWithoutImprovement: Int
  var stoppedEarly: Bool
  var bestParameters: [Float]
  var bestState: [Float]
  /// The history up to `epochsCompleted`.
  public var history: TrainingHistory

  /// Writes the checkpoint to `path` atomically (a temporary file, then a rename), so a
  /// crash never leaves a half-written checkpoint.
  public func write(to path: String) throws {
    var w = ByteWriter()
    w.bytes(Checkpoint.magic)
    w.u32(Checkpoint.version)
    w.u32(UInt32(MemoryLayout<Float>.size))
    w.string(architecture)
    w.string(trainingSettings)
    w.string(modelName)
    w.u64(UInt64(epochsCompleted))
    w.u64(generatorState)
    w.u64(UInt64(optimizer.step))
    for a in [parameters, state, optimizer.firstMoment, optimizer.secondMoment] { w.floats(a) }
    w.f64(bestValidationLoss)
    w.u64(UInt64(bestEpoch))
    w.u64(UInt64(epochsWithoutImprovement))
    w.bytes([stoppedEarly ? 1 : 0])
    w.floats(bestParameters)
    w.floats(bestState)
    w.u64(UInt64(history.epochs.count))
    for r in history.epochs {
      w.u64(UInt64(r.epoch))
      for v in [r.trainLoss, r.trainAccuracy, r.validationLoss ?? .nan, r.validationAccuracy ?? .nan, r.seconds, r.learningRate,
                r.trainBinaryAccuracy ?? .nan] {
        w.f64(v)
      }
    }
    w.u64(fnv1a(w.data))
    try Data(w.data).write(to: URL(fileURLWithPath: path), options: .atomic)
  }

  /// Reads a checkpoint.
  /// - Throws: `ModelError.unreadableCheckpoint` naming the path and what is wrong (missing
  ///   or non-regular file, wrong magic, unsupported version, truncation, corrupted bytes,
  ///   a count the file or a training run cannot hold).
  public static func read(from path: String) throws -> Checkpoint {
    func fail(_ reason: String) -> ModelError { .unreadableCheckpoint(path: path, reason: reason) }
    // Regular files only (after following links): reading a FIFO would block for ever,
    // a device for ever or at random. A missing file is reported by the read below.
    var info = stat()
    if stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG {
      let type = info.st_mode & S_IFMT
      throw fail("expected a regular file, found \(type == S_IFDIR ? "a directory" : type == S_IFIFO ? "a FIFO (named pipe)" : "a device or socket")")
    }
    let bytes: [UInt8]
    do { bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) } catch {
      throw fail("cannot read the file (\(error.localizedDescription))")
    }
    guard bytes.count >= 16, Array(bytes[0..<8]) == magic else {
      throw fail("not a Deep checkpoint (expected the magic bytes \"HARDEEP\\0\" at the start)")
    }
    var r = ByteReader(bytes: bytes, position: 8)
    do {
      let version = try r.u32()
      guard version == 1 || version == Checkpoint.version else {
        throw fail("checkpoint format version \(version) is not supported (this build reads versions 1 and \(Checkpoint.version))")
      }
      let valuesPerRecord = version == 1 ? 6 : 7
      let scalarSize = try r.u32()
      guard scalarSize == 4 else { throw fail("expected Float32 values (4 bytes), found \(scalarSize)-byte values") }
      let stored = UInt64(littleEndianBytes: bytes[(bytes.count - 8)...])
      guard stored == fnv1a(bytes[..<(bytes.count - 8)]) else { throw fail("checksum mismatch: the file is corrupted or truncated") }
      // Every count is bounded before it becomes an `Int` (a u64 ≥ 2^63 would trap) by
      // what the file and a training run can hold: array lengths by the bytes left,
      // the history by the bytes left (56 or 64 per epoch); the epoch count equals the history
      // length (training appends one record per epoch, resumed runs included); best epoch,
      // patience wait and record numbers lie within the epochs; the optimizer step is
      // below 2^53 (Adam raises β to it as a floating-point power).
      let architecture = try r.string(), settings = try r.string(), name = try r.string()
      let epochsField = try r.u64(), generatorState = try r.u64()
      let step = try r.count(atMost: 1 << 53, "the optimizer step")
      let parameters = try r.floats(), state = try r.floats(), m = try r.floats(), v = try r.floats()
      let bestLoss = try r.f64(), bestEpochField = try r.u64(), waitField = try r.u64()
      let stopped = try r.byte() != 0
      let bestParameters = try r.floats(), bestState = try r.floats()
      let historyCount = try r.count(atMost: UInt64(r.remaining / (8 + 8 * valuesPerRecord)), "history records")
      guard epochsField == UInt64(historyCount) else {
        throw fail("expected \(historyCount) epochs completed (one per history record), found \(epochsField)")
      }
      let epochs = historyCount
      guard bestEpochField <= UInt64(epochs), waitField <= UInt64(epochs) else {
        throw fail("expected a best epoch and an epochs-without-improvement count ≤ \(epochs) epochs, found \(bestEpochField) and \(waitField)")
      }
      let bestEpoch = Int(bestEpochField), wait = Int(waitField)
      var records: [EpochRecord] = []
      records.reserveCapacity(historyCount)
      for k in 0..<historyCount {
        let epochField = try r.u64()
        guard epochField == UInt64(k + 1) else {
          throw fail("expected history record \(k + 1) to be of epoch \(k + 1), found epoch \(epochField)")
        }
        let epoch = k + 1
        let f = try (0..<valuesPerRecord).map { _ in try r.f64() }
        records.append(EpochRecord(epoch: epoch, trainLoss: f[0], trainAccuracy: f[1],
                                   validationLoss: f[2].isNaN ? nil : f[2], validationAccuracy: f[3].isNaN ? nil : f[3],
                                   seconds: f[4], learningRate: f[5],
                                   trainBinaryAccuracy: valuesPerRecord > 6 && !f[6].isNaN ? f[6] : nil))
      }
      return Checkpoint(architecture: architecture, trainingSettings: settings, modelName: name, epochsCompleted: epochs,
                        generatorState: generatorState,
                        optimizer: OptimizerState(step: step, firstMoment: m, secondMoment: v),
                        parameters: parameters, state: state, bestValidationLoss: bestLoss, bestEpoch: bestEpoch,
                        epochsWithoutImprovement: wait, stoppedEarly: stopped, bestParameters: bestParameters,
                        bestState: bestState, history: TrainingHistory(epochs: records))
    } catch is ByteReader.Truncated {
      throw fail("truncated file (\(bytes.count) bytes)")
    } catch let e as ByteReader.CountTooLarge {
      throw fail("expected \(e.what) ≤ \(e.limit), found \(e.found)")
    }
  }
}

extension Sequential where Scalar == Float {
  /// Loads the weights and running statistics of a checkpoint (not the optimizer state;
  /// use `fit(…, resumingFrom:)` to continue training).
  /// - Throws: `ModelError.architectureMismatch` when the checkpoint is of another architecture,
  ///   `ModelError.unreadableCheckpoint` when the file cannot be read.
  public func loadWeights(fromCheckpoint path: String) throws {
    let checkpoint = try Checkpoint.read(from: path)
    try checkArchitecture(of: checkpoint, path: path)
    parameters = checkpoint.parameters
    state = checkpoint.state
  }

  func checkArchitecture(of checkpoint: Checkpoint, path: String) throws {
    guard checkpoint.architecture == architectureDescription else {
      throw ModelError.architectureMismatch(expected: architectureDescription, found: checkpoint.architecture)
    }
    guard checkpoint.parameters.count == parameterCount, checkpoint.state.count == stateCount else {
      throw ModelError.unreadableCheckpoint(
        path: path, reason: "\(checkpoint.parameters.count) parameters and \(checkpoint.state.count) statistics, expected \(parameterCount) and \(stateCount)")
    }
    // The early-stopping copies are both empty, or both of the model's size: they may be
    // put back together at the end of training.
    let bestIsEmpty = checkpoint.bestParameters.isEmpty && checkpoint.bestState.isEmpty
    let bestFits = checkpoint.bestParameters.count == parameterCount && checkpoint.bestState.count == stateCount
    guard bestIsEmpty || bestFits else {
      throw ModelError.unreadableCheckpoint(
        path: path, reason: "best weights of \(checkpoint.bestParameters.count) parameters and \(checkpoint.bestState.count) statistics, expected none or \(parameterCount) and \(stateCount)")
    }
  }
}

// MARK: - Little-endian byte I/O

private struct ByteWriter {
  var data: [UInt8] = []
  mutating func bytes(_ b: [UInt8]) { data += b }
  mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data += $0 } }
  mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { data += $0 } }
  mutating func f64(_ v: Double) { u64(v.bitPattern) }
  mutating func string(_ s: String) {
    let utf8 = Array(s.utf8)
    u32(UInt32(utf8.count))
    data += utf8
  }
  mutating func floats(_ a: [Float]) {
    u64(UInt64(a.count))
    data.reserveCapacity(data.count + 4 * a.count)
    for v in a { u32(v.bitPattern) }
  }
}

private struct ByteReader {
  struct Truncated: Error {}
  /// A count field larger than the file or the model can hold.
  struct CountTooLarge: Error { var what: String, limit: UInt64, found: UInt64 }
  let bytes: [UInt8]
  var position: Int
  /// Bytes left before the trailing checksum.
  var remaining: Int { max(0, bytes.count - 8 - position) }
  /// A u64 count, checked to be ≤ `limit` before it becomes an `Int`.
  mutating func count(atMost limit: UInt64, _ what: String) throws -> Int {
    let v = try u64()
    guard v <= limit else { throw CountTooLarge(what: what, limit: limit, found: v) }
    return Int(v)
  }
  mutating func take(_ n: Int) throws -> ArraySlice<UInt8> {
    guard n >= 0, position + n <= bytes.count - 8 else { throw Truncated() }  // the last 8 bytes are the checksum
    defer { position += n }
    return bytes[position..<(position + n)]
  }
  mutating func byte() throws -> UInt8 { try take(1).first! }
  mutating func u32() throws -> UInt32 { UInt32(truncatingIfNeeded: UInt64(littleEndianBytes: try take(4))) }
  mutating func u64() throws -> UInt64 { UInt64(littleEndianBytes: try take(8)) }
  mutating func f64() throws -> Double { Double(bitPattern: try u64()) }
  mutating func string() throws -> String { String(decoding: try take(Int(try u32())), as: UTF8.self) }
  mutating func floats() throws -> [Float] {
    let n = try count(atMost: UInt64(remaining / 4), "an array length (4 bytes per value, bytes left in the file)")
    let raw = try take(4 * n)
    var out = [Float](repeating: 0, count: n)
    var i = raw.startIndex
    for k in 0..<n {
      out[k] = Float(bitPattern: UInt32(truncatingIfNeeded: UInt64(littleEndianBytes: raw[i..<(i + 4)])))
      i += 4
    }
    return out
  }
}

extension UInt64 {
  fileprivate init(littleEndianBytes b: ArraySlice<UInt8>) {
    var v: UInt64 = 0
    for (k, byte) in b.enumerated() { v |= UInt64(byte) << (8 * UInt64(k)) }
    self = v
  }
}

/// FNV-1a, 64 bits (Fowler, Noll, Vo): a cheap checksum against truncation and bit rot.
private func fnv1a(_ bytes: some Sequence<UInt8>) -> UInt64 {
  var h: UInt64 = 0xCBF2_9CE4_8422_2325
  for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
  return h
}
