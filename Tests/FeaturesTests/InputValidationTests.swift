// Hostile input to the loaders (issue 13): integers outside Int's range, overlapping
// segments, FIFOs, an empty --data, control bytes quoted in messages, and the UCI HAR
// export replaced as a whole. Each test failed (or trapped) before its fix.
import Features
import Foundation
import LinearAlgebra
import Testing
import _TestSupport
#if canImport(Glibc)
import Glibc
#endif

@Suite struct IntegerRangeTests {
  /// Whole numbers that `Int(Double)` cannot hold (or barely can): each used to trap in
  /// the label loader; now `labels.txt:1: expected an integer …`.
  @Test(arguments: ["1e19", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e300", "-1e300",
                    "18446744073709551616", "9007199254740994"])
  func hugeLabelFieldIsAnError(token: String) throws {
    for column in 0..<5 {
      var fields = ["1", "1", "1", "1", "200"]
      fields[column] = token
      let f = try HAPTFixture(labels: fields.joined(separator: " ") + "\n")
      let m = inputErrorMessage { _ = try f.load() }
      #expect(m.contains("labels.txt:1: expected an integer in column \(column + 1) (at most 2^53 in magnitude), found \"\(token)\""), "\(m)")
    }
  }

  @Test(arguments: ["NaN", "-0.5", "2.5", "inf", "1e2.5"])
  func nonIntegerLabelFieldIsAnError(token: String) throws {
    let f = try HAPTFixture(labels: "1 1 \(token) 1 200\n")
    let m = inputErrorMessage { _ = try f.load() }
    #expect(m.contains("labels.txt:1: expected an integer in column 3"), "\(m)")
  }

  @Test func hugeUCISubjectOrActivityIsAnError() throws {
    for (file, text) in [("train/subject_train.txt", "1\n1e19\n3\n"), ("train/y_train.txt", "5\n9223372036854775807\n2\n"),
                         ("test/subject_test.txt", "2\n1e300\n"), ("test/y_test.txt", "1\n-1e300\n")] {
      let root = try UCIFixture.write()
      try text.write(to: root.appendingPathComponent(file), atomically: true, encoding: .utf8)
      let m = inputErrorMessage { _ = try UCIHARDataset.load(directory: root.path, windowLength: 8) }
      #expect(m.contains("\(file):2: expected an integer in column 1 (at most 2^53 in magnitude)"), "\(m)")
    }
    let root = try UCIFixture.write()
    try "1\n0\n3\n".write(to: root.appendingPathComponent("train/subject_train.txt"), atomically: true, encoding: .utf8)
    #expect(inputErrorMessage { _ = try UCIHARDataset.load(directory: root.path, windowLength: 8) }
      .contains("subject_train.txt:2: expected a subject id ≥ 1, found 0"))
  }
}

@Suite struct OverlappingSegmentTests {
  @Test func repeatedSegmentNamesBothLines() throws {
    let f = try HAPTFixture(labels: "1 1 1 1 200\n2 2 5 1 300\n1 1 4 1 200\n")
    let m = inputErrorMessage { _ = try f.load() }
    let labels = f.raw.appendingPathComponent("labels.txt").path
    #expect(m.hasPrefix("\(labels):3: expected labelled segments that do not overlap, found samples 1…200 of experiment 1"), "\(m)")
    #expect(m.contains("which repeats \(labels):1 (samples 1…200, WALKING)"), "\(m)")
  }

  @Test func overlapNamesBothLinesWhateverTheirOrder() throws {
    // Line 3 starts inside line 1; sorted by start they are neighbours only after line 2.
    let f = try HAPTFixture(labels: "1 1 1 1 150\n1 1 4 201 300\n1 1 2 100 120\n2 2 5 1 300\n")
    let m = inputErrorMessage { _ = try f.load() }
    let labels = f.raw.appendingPathComponent("labels.txt").path
    #expect(m.hasPrefix("\(labels):3: expected labelled segments that do not overlap"), "\(m)")
    #expect(m.contains("samples 100…120 of experiment 1 (WALKING_UPSTAIRS), which overlaps \(labels):1 (samples 1…150, WALKING)"), "\(m)")
    // Touching segments (one ends at 200, the next starts at 201) and the same samples
    // in another experiment are fine.
    _ = try HAPTFixture(labels: "1 1 1 1 200\n1 1 4 201 300\n2 2 5 1 200\n").load()
  }

  @Test(.enabled(if: RealData.isAvailable, RealData.skipReason))
  func realLabelsHaveNoOverlaps() throws {
    // The rule is an error, not a warning, because the real labels.txt has no overlap.
    let data = try RawDataset.load(haptDirectory: try #require(RealData.haptDirectory).path)
    #expect(data.segments.count == 1214)
  }
}

@Suite struct SpecialFileTests {
  /// A FIFO used to block `open` for ever (no writer); now it is refused at once.
  @Test func fifoAsAnInputFileIsAnError() throws {
    let f = try HAPTFixture()
    let labels = f.raw.appendingPathComponent("labels.txt").path
    try FileManager.default.removeItem(atPath: labels)
    #expect(mkfifo(labels, 0o600) == 0)
    let m = inputErrorMessage { _ = try f.load() }
    #expect(m == "\(labels): cannot read file: expected a regular file, found a FIFO (named pipe)", "\(m)")
    let acc = f.raw.appendingPathComponent("acc_exp02_user02.txt").path
    try FileManager.default.removeItem(atPath: acc)
    #expect(mkfifo(acc, 0o600) == 0)
    #expect(inputErrorMessage { _ = try f.load() }.contains("acc_exp02_user02.txt: cannot read file: expected a regular file, found a FIFO"))
  }

  @Test func emptyDataPathIsAnError() throws {
    // It used to resolve to the working directory.
    let cwd = try HAPTFixture()
    let m = inputErrorMessage { _ = try DataLocation.resolve(explicit: "", environment: [:], workingDirectory: cwd.root.path) }
    #expect(m == "--data: expected a folder that holds RawData/, found an empty path")
  }
}

@Suite struct QuotedInputTests {
  /// Control bytes and invalid UTF-8 from a data file are spelled out in the message.
  @Test func messagesEscapeNonPrintableBytes() throws {
    let f = try HAPTFixture()
    var bytes = Array("1 1 1 1 200\n1 1 4 2".utf8) + [0x00, 0x0D, 0x1B] + Array("[31m".utf8) + [0xFF, 0xC3] + Array("\\é\"\u{202E}01 300\n".utf8)
    bytes += Array("2 2 5 1 300\n".utf8)
    try Data(bytes).write(to: f.raw.appendingPathComponent("labels.txt"))
    let m = inputErrorMessage { _ = try f.load() }
    #expect(m.hasSuffix(#"labels.txt:2: expected an integer in column 4 (at most 2^53 in magnitude), found "2\0\r\u{1B}[31m\xFF\xC3\\é\"\u{202E}01""#), "\(m)")
    #expect(!m.utf8.contains { $0 < 0x20 })
  }

  @Test func longQuotesAreCut() throws {
    let f = try HAPTFixture(labels: "1 1 1 1 " + String(repeating: "7", count: 100) + "x\n")
    let m = inputErrorMessage { _ = try f.load() }
    #expect(m.hasSuffix("found \"" + String(repeating: "7", count: 60) + "…\""), "\(m)")
  }
}

@Suite struct ExportReplacementTests {
  /// The windows of the tiny fixture: subject 1 (train) and 2 (test).
  func windows() throws -> HARWindows {
    try FeaturePipeline.run(try HAPTFixture(samples: 400, labels: "1 1 1 1 400\n2 2 5 1 400\n").load(), threads: 1)
  }

  /// A process id that is not running: a child that has exited.
  func deadPID() throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/true")
    try p.run()
    p.waitUntilExit()
    return p.processIdentifier
  }

  @Test func aPartialOldExportAndDeadLeftoversAreReplacedWhole() throws {
    let w = try windows()
    let parent = try RealData.temporaryDirectory("export")
    let out = parent.appendingPathComponent("uci")
    let fm = FileManager.default
    // A mixed folder from a killed older writer: a train part only, with a stale
    // per-file temporary; and a dead run's staging folder and aside folder beside it.
    try fm.createDirectory(at: out.appendingPathComponent("train"), withIntermediateDirectories: true)
    try "old\n".write(to: out.appendingPathComponent("train/X_train.txt"), atomically: true, encoding: .utf8)
    try "old\n".write(to: out.appendingPathComponent("train/y_train.txt.tmp-999999"), atomically: true, encoding: .utf8)
    let dead = try deadPID()
    for leftover in [".uci.export-\(dead)", ".uci.old-\(dead)"] {
      try fm.createDirectory(at: parent.appendingPathComponent("\(leftover)/test"), withIntermediateDirectories: true)
    }
    // A live process's staging folder (ours is `.uci.export-<our pid>`; pid 1 is alive).
    try fm.createDirectory(at: parent.appendingPathComponent(".uci.export-1"), withIntermediateDirectories: true)

    let split = try UCIHARWriter.write(w, to: out.path, scaling: .none)
    let back = try UCIHARDataset.load(directory: out.path)
    #expect(back.train.count == split.train.count && back.test.count == split.test.count)
    #expect(back.train.features == w.features.rows(split.train))
    let left = try fm.contentsOfDirectory(atPath: parent.path).sorted()
    #expect(left == [".uci.export-1", "uci"], "\(left)")
    let inside = try fm.subpathsOfDirectory(atPath: out.path)
    #expect(!inside.contains { $0.contains(".tmp-") }, "\(inside)")
  }

  @Test func aRunKilledBetweenTheTwoRenamesIsCleanedUpByTheNext() throws {
    // The state a kill between "old aside" and "new into place" leaves: no folder, the
    // complete old one aside and a staging folder beside it, both of a dead process.
    let w = try windows()
    let parent = try RealData.temporaryDirectory("export-kill")
    let out = parent.appendingPathComponent("uci")
    try UCIHARWriter.write(w, to: out.path, scaling: .none)
    let dead = try deadPID()
    let fm = FileManager.default
    try fm.moveItem(at: out, to: parent.appendingPathComponent(".uci.old-\(dead)"))
    try fm.createDirectory(at: parent.appendingPathComponent(".uci.export-\(dead)/train"), withIntermediateDirectories: true)
    try UCIHARWriter.write(w, to: out.path)
    #expect(try fm.contentsOfDirectory(atPath: parent.path) == ["uci"])
    #expect(try UCIHARDataset.load(directory: out.path).train.count > 0)
  }

  @Test func aFolderWithOtherFilesIsNeverReplaced() throws {
    let w = try windows()
    let dir = try RealData.temporaryDirectory("export-foreign")
    try "mine\n".write(to: dir.appendingPathComponent("notes.md"), atomically: true, encoding: .utf8)
    let m = inputErrorMessage { try UCIHARWriter.write(w, to: dir.path) }
    #expect(m.contains("expected an empty folder or an earlier export to replace, found \"notes.md\""), "\(m)")
    #expect(try String(contentsOf: dir.appendingPathComponent("notes.md"), encoding: .utf8) == "mine\n")
    #expect(inputErrorMessage { try UCIHARWriter.write(w, to: "") } == "--out: cannot write: expected a folder path, found an empty path")
  }
}

/// A tiny UCI HAR v1.0 folder (as `UCIHARLoadingTests.fixture`), for the tests above and
/// the fuzzer.
enum UCIFixture {
  static func write() throws -> URL {
    let root = try RealData.temporaryDirectory("uci")
    let fm = FileManager.default
    for part in ["train", "test"] {
      try fm.createDirectory(at: root.appendingPathComponent("\(part)/Inertial Signals"), withIntermediateDirectories: true)
    }
    func w(_ p: String, _ s: String) throws { try s.write(to: root.appendingPathComponent(p), atomically: true, encoding: .utf8) }
    try w("features.txt", "1 a-mean()-X\r\n2 a-std()-X\r\n3 b\r\n4 c\r\n")
    try w("train/subject_train.txt", "1\n1\n3\n")
    try w("train/y_train.txt", "5\n5\n2\n")
    try w("train/X_train.txt", "  2.8858451e-001 -2.0294171e-002 -1.3290514e-001 -9.9527860e-001\n" + String(repeating: " 1 2 3 4\n", count: 2))
    try w("test/subject_test.txt", "2\n2\n")
    try w("test/y_test.txt", "1\n6\n")
    try w("test/X_test.txt", "0.5 -0.25 1e-3 4\n-1 0 0 1\n")
    for c in InertialChannel.allCases {
      try w("train/Inertial Signals/\(c.fileStem)_train.txt", String(repeating: (0..<8).map { "\($0)" }.joined(separator: " ") + "\n", count: 3))
      try w("test/Inertial Signals/\(c.fileStem)_test.txt", String(repeating: "0.5 -1e-2 3 4 5 6 7 8\n", count: 2))
    }
    return root
  }

  /// The files the fuzzer mutates, relative to the root.
  static let files = [
    "features.txt", "train/subject_train.txt", "train/y_train.txt", "train/X_train.txt", "test/subject_test.txt",
    "test/y_test.txt", "test/X_test.txt", "train/Inertial Signals/body_acc_x_train.txt", "test/Inertial Signals/total_acc_z_test.txt",
  ]
}
