// `har features --format npy|both` on the small fixture (no real data needed): every
// .npy file is read back by a header parser written here, independently of the writer
// (this target does not import Features), and checked for NumPy's magic, a 64-byte
// aligned header, its dtype and shape, and a size that matches; the shapes of a part
// agree, and with `both` the numbers equal the text files'. Bad --format/--dtype values
// are usage errors.
import Foundation
import Testing
import _TestSupport

/// One .npy file as read by `NpyFile.read`.
struct NpyFile {
  var descr: String
  var shape: [Int]
  var data: [UInt8]

  struct Malformed: Error, CustomStringConvertible { var description: String }

  /// Reads a NumPy 1.0 file: magic, version, HEADER_LEN, the dict, the data.
  static func read(_ url: URL) throws -> NpyFile {
    let bytes = [UInt8](try Data(contentsOf: url))
    guard bytes.count >= 10, bytes[0] == 0x93, String(decoding: bytes[1..<6], as: UTF8.self) == "NUMPY" else {
      throw Malformed(description: "\(url.lastPathComponent): no NumPy magic")
    }
    guard bytes[6] == 1, bytes[7] == 0 else { throw Malformed(description: "\(url.lastPathComponent): version \(bytes[6]).\(bytes[7])") }
    let end = 10 + (Int(bytes[8]) | Int(bytes[9]) << 8)
    guard end % 64 == 0, end <= bytes.count, bytes[end - 1] == 0x0A else {
      throw Malformed(description: "\(url.lastPathComponent): header of \(end) bytes is not 64-aligned or lacks its newline")
    }
    let dict = String(decoding: bytes[10..<end], as: UTF8.self)
    guard dict.hasPrefix("{'descr': '"), dict.contains("'fortran_order': False"),
          let d = dict.range(of: "'descr': '"), let q = dict[d.upperBound...].firstIndex(of: "'"),
          let s = dict.range(of: "'shape': ("), let close = dict[s.upperBound...].firstIndex(of: ")") else {
      throw Malformed(description: "\(url.lastPathComponent): unexpected header \(dict)")
    }
    let shape = dict[s.upperBound..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }.compactMap { Int($0) }
    return NpyFile(descr: String(dict[d.upperBound..<q]), shape: shape, data: Array(bytes[end...]))
  }

  var itemSize: Int { descr == "<f8" ? 8 : 4 }
  var count: Int { shape.reduce(1, *) }

  /// Element `i` as a Double, whatever the (little-endian) dtype.
  func value(_ i: Int) -> Double {
    var bits: UInt64 = 0
    for b in 0..<itemSize { bits |= UInt64(data[i * itemSize + b]) << (8 * b) }
    switch descr {
    case "<f8": return Double(bitPattern: bits)
    case "<f4": return Double(Float(bitPattern: UInt32(bits)))
    default: return Double(Int32(bitPattern: UInt32(bits)))
    }
  }
}

@Suite struct FeaturesNumPyTests {
  /// Runs `har features` on a fresh fixture into a fresh folder; returns it and stderr.
  func export(_ extra: [String]) throws -> (out: URL, stderr: String) {
    let fixture = try HAPTFixture()
    let out = try RealData.temporaryDirectory("npy").appendingPathComponent("export")
    let r = try HarExecutable.run(["features", "--out", out.path, "--data", fixture.root.path] + extra)
    #expect(r.status == 0, "\(r.stderr)")
    return (out, r.stderr)
  }

  /// The train/test window counts that `har features` reports on stderr.
  func reportedCounts(_ stderr: String) -> [String: Int] {
    guard let m = stderr.firstMatch(of: /\((\d+) train, (\d+) test\)/) else { return [:] }
    return ["train": Int(m.1)!, "test": Int(m.2)!]
  }

  @Test func npyFilesHaveNumPyHeadersAndAgreeInShape() throws {
    let (out, stderr) = try export(["--format", "npy"])
    let counts = reportedCounts(stderr)
    #expect(counts["train"] ?? 0 > 0 && counts["test"] ?? 0 > 0, "\(stderr)")
    for part in ["train", "test"] {
      let folder = out.appendingPathComponent(part)
      let x = try NpyFile.read(folder.appendingPathComponent("X_\(part).npy"))
      let y = try NpyFile.read(folder.appendingPathComponent("y_\(part).npy"))
      let subject = try NpyFile.read(folder.appendingPathComponent("subject_\(part).npy"))
      let windows = try NpyFile.read(folder.appendingPathComponent("windows_\(part).npy"))
      let n = counts[part] ?? -1
      #expect(x.descr == "<f8" && x.shape == [n, 561])
      #expect(y.descr == "<i4" && y.shape == [n])
      #expect(subject.descr == "<i4" && subject.shape == [n])
      #expect(windows.descr == "<f4" && windows.shape == [n, 128, 9])
      for file in [x, y, subject, windows] { #expect(file.data.count == file.count * file.itemSize) }
      // The fixture's activities are 1, 4 and 5; subject 2 is an official test subject.
      #expect(Set((0..<n).map { Int(y.value($0)) }).isSubset(of: [1, 4, 5]))
      #expect(Set((0..<n).map { Int(subject.value($0)) }) == (part == "train" ? [1] : [2]))
      if part == "train" {  // the scaling is fitted on train; test values may fall outside
        #expect((0..<x.count).allSatisfy { abs(x.value($0)) <= 1 + 1e-12 }, "train features are scaled to [-1, 1]")
      }
      #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("X_\(part).txt").path), "npy only")
    }
    let channels = try String(contentsOf: out.appendingPathComponent("channels.txt"), encoding: .utf8)
    #expect(channels == "body_acc_x\nbody_acc_y\nbody_acc_z\nbody_gyro_x\nbody_gyro_y\nbody_gyro_z\ntotal_acc_x\ntotal_acc_y\ntotal_acc_z\n")
    for names in ["features.txt", "activity_labels.txt"] {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(names).path))
    }
  }

  @Test func bothWritesTheSameNumbersAsTheTextFiles() throws {
    let (out, _) = try export(["--format", "both", "--unscaled"])
    let folder = out.appendingPathComponent("train")
    func rows(_ name: String) throws -> [[Double]] {
      try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).split(separator: "\n")
        .map { $0.split(separator: " ").map { Double($0)! } }
    }
    let x = try NpyFile.read(folder.appendingPathComponent("X_train.npy"))
    let xText = try rows("X_train.txt")
    #expect(x.shape == [xText.count, 561])
    // Text numbers are the shortest round-tripping form, so float64 must match exactly.
    #expect((0..<x.count).allSatisfy { x.value($0) == xText[$0 / 561][$0 % 561] })
    let y = try NpyFile.read(folder.appendingPathComponent("y_train.npy"))
    #expect((0..<y.count).map { y.value($0) } == (try rows("y_train.txt")).map { $0[0] })
    // windows[w][t][c]: channel 3 is body_gyro_x, channel 8 total_acc_z. The text holds
    // the shortest form that reads back to the same Float, so compare as Floats.
    let windows = try NpyFile.read(folder.appendingPathComponent("windows_train.npy"))
    for (c, stem) in [(0, "body_acc_x"), (3, "body_gyro_x"), (8, "total_acc_z")] {
      let text = try String(contentsOf: folder.appendingPathComponent("Inertial Signals/\(stem)_train.txt"), encoding: .utf8)
        .split(separator: "\n").map { $0.split(separator: " ").map { Float($0)! } }
      #expect(text.count == windows.shape[0])
      for w in text.indices { for t in [0, 77, 127] { #expect(Float(windows.value((w * 128 + t) * 9 + c)) == text[w][t], "\(stem)[\(w)][\(t)]") } }
    }
  }

  @Test func dtypeSetsXAndWindowsAndFormatsReplaceEachOther() throws {
    let (out, _) = try export(["--format", "npy", "--dtype", "float64"])
    #expect(try NpyFile.read(out.appendingPathComponent("test/X_test.npy")).descr == "<f8")
    #expect(try NpyFile.read(out.appendingPathComponent("test/windows_test.npy")).descr == "<f8")
    let fixture = try HAPTFixture()
    let r = try HarExecutable.run(["features", "--out", out.path, "--data", fixture.root.path, "--format", "npy", "--dtype", "float32"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try NpyFile.read(out.appendingPathComponent("test/X_test.npy")).descr == "<f4")
    // A text export replaces the NumPy one whole: no .npy file is left beside the text.
    let text = try HarExecutable.run(["features", "--out", out.path, "--data", fixture.root.path])
    #expect(text.status == 0, "\(text.stderr)")
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("test/X_test.txt").path))
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("test/X_test.npy").path))
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("channels.txt").path))
  }

  @Test(arguments: [
    (["--format", "hdf5"], "--format: expected one of text, npy, both, found 'hdf5'"),
    (["--format", "npy", "--dtype", "float16"], "--dtype: expected one of float64, float32, found 'float16'"),
    (["--dtype", "float32"], "--dtype sets the element type of the .npy files; add --format npy or --format both"),
  ])
  func badFormatOrDtypeIsAUsageError(_ extra: [String], _ message: String) throws {
    let out = try RealData.temporaryDirectory("npy").appendingPathComponent("never")
    let r = try HarExecutable.run(["features", "--out", out.path] + extra)
    #expect(r.status == 2, "\(r.stderr)")
    #expect(r.stderr.contains(message), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }
}
