// Loading raw recordings: every bad-input case of issue 2 on a small broken fixture,
// checking the message (file, line, what was expected) and that nothing crashed; plus
// the tolerated layouts (CRLF, trailing spaces) and the real-data counts.
import Features
import LinearAlgebra
import Foundation
import Testing
import _TestSupport

/// The message of the InputError thrown by `body`, or a recorded issue.
func inputErrorMessage(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> String {
  do {
    try body()
    Issue.record("expected an InputError, none was thrown", sourceLocation: sourceLocation)
  } catch let e as InputError {
    return e.description
  } catch {
    Issue.record("expected an InputError, got \(error)", sourceLocation: sourceLocation)
  }
  return ""
}

@Suite struct HAPTLoadingTests {
  @Test func loadsAWellFormedFolder() throws {
    let f = try HAPTFixture()
    let data = try f.load()
    #expect(data.recordings.map(\.experiment) == [1, 2])
    #expect(data.recordings.map(\.user) == [1, 2])
    #expect(data.recordings[0].sampleCount == 300)
    #expect(data.segments.count == 3)
    #expect(data.segments[0] == LabelledSegment(experiment: 1, user: 1, activity: .walking, start: 0, end: 200))
    #expect(data.segments[1].start == 200 && data.segments[1].end == 300)
    expectClose(data.recordings[1].acceleration.z, [Double](repeating: 0.25, count: 300), relative: 0, absolute: 0)
    #expect(data.recordings[0].angularVelocity.x[3] == 0.03)
  }

  @Test func acceptsCRLFAndTrailingSpaces() throws {
    let f = try HAPTFixture()
    try f.write("acc_exp01_user01.txt", (0..<300).map { _ in "  0.5  -0.25\t1e-3  \r\n" }.joined())
    try f.write("labels.txt", "1 1 1 1 200 \r\n2 2 5 1 300\r\n\r\n")
    let data = try f.load()
    #expect(data.recordings[0].acceleration.y[299] == -0.25)
    #expect(data.recordings[0].acceleration.z[0] == 0.001)
    #expect(data.segments.count == 2)
  }

  @Test func shortRowNamesFileAndLine() throws {
    let f = try HAPTFixture()
    try f.write("acc_exp02_user02.txt", "0.1 0.2 0.3\n0.1 0.2\n")
    let m = inputErrorMessage { _ = try f.load() }
    #expect(m.contains("acc_exp02_user02.txt:2: expected 3 numbers per row, found 2"), "\(m)")
  }

  @Test func longRowIsAnError() throws {
    let f = try HAPTFixture()
    try f.write("gyro_exp01_user01.txt", "0.1 0.2 0.3 0.4\n")
    let m = inputErrorMessage { _ = try f.load() }
    #expect(m.contains("gyro_exp01_user01.txt:1: expected 3 numbers per row"), "\(m)")
  }

  @Test(arguments: ["abc", "NaN", "nan", "inf", "-Infinity", "1.2.3", "0x", "1e999"])
  func nonFiniteOrNonNumberTokenIsAnError(token: String) throws {
    let f = try HAPTFixture()
    try f.write("acc_exp01_user01.txt", "0.1 0.2 0.3\n0.1 \(token) 0.3\n")
    let m = inputErrorMessage { _ = try f.load() }
    #expect(m.contains("acc_exp01_user01.txt:2: expected a finite number in column 2, found \"\(token)\""), "\(m)")
  }

  @Test func emptyFileIsAnError() throws {
    let f = try HAPTFixture()
    try f.write("gyro_exp02_user02.txt", "")
    let m = inputErrorMessage { _ = try f.load() }
    #expect(m.contains("gyro_exp02_user02.txt: expected at least one row, found an empty file"), "\(m)")
  }

  @Test func blankLineInTheMiddleIsAnError() throws {
    let f = try HAPTFixture()
    try f.write("acc_exp01_user01.txt", "0.1 0.2 0.3\n\n0.1 0.2 0.3\n")
    let m = inputErrorMessage { _ = try f.load() }
    #expect(m.contains("acc_exp01_user01.txt:2: expected 3 numbers per row, found a blank line"), "\(m)")
  }

  @Test func segmentPastTheEndOfItsRecording() throws {
    let f = try HAPTFixture(labels: "1 1 1 1 200\n2 2 5 250 301\n")
    let m = inputErrorMessage { _ = try f.load() }
    #expect(m.contains("labels.txt:2: expected end ≤ 300, the length of experiment 2's recording, found end 301"), "\(m)")
  }

  @Test func segmentStartAfterEnd() throws {
    let f = try HAPTFixture(labels: "1 1 1 150 100\n")
    let m = inputErrorMessage { _ = try f.load() }
    #expect(m.contains("labels.txt:1: expected start ≤ end, found start 150 after end 100"), "\(m)")
  }

  @Test func unknownActivity() throws {
    let f = try HAPTFixture(labels: "1 1 1 1 100\n1 1 13 101 200\n")
    let m = inputErrorMessage { _ = try f.load() }
    #expect(m.contains("labels.txt:2: expected an activity id in 1…12 (column 3), found 13"), "\(m)")
  }

  @Test func labelForAMissingExperimentOrWrongUser() throws {
    let f = try HAPTFixture(labels: "3 3 1 1 100\n")
    #expect(inputErrorMessage { _ = try f.load() }.contains("labels.txt:1: expected an experiment with a recording"))
    let g = try HAPTFixture(labels: "1 2 1 1 100\n")
    #expect(inputErrorMessage { _ = try g.load() }.contains("labels.txt:1: expected user 1 for experiment 1"))
  }

  @Test func nonIntegerLabel() throws {
    let f = try HAPTFixture(labels: "1 1 1 1.5 100\n")
    let m = inputErrorMessage { _ = try f.load() }
    #expect(m.contains("labels.txt:1: expected an integer in column 4 (at most 2^53 in magnitude), found \"1.5\""), "\(m)")
  }

  @Test func accWithoutGyro() throws {
    let f = try HAPTFixture()
    try FileManager.default.removeItem(at: f.raw.appendingPathComponent("gyro_exp02_user02.txt"))
    let m = inputErrorMessage { _ = try f.load() }
    #expect(m.contains("acc_exp02_user02.txt: expected its companion file gyro_exp02_user02.txt"), "\(m)")
  }

  @Test func accAndGyroOfDifferentLengths() throws {
    let f = try HAPTFixture()
    try f.write("gyro_exp01_user01.txt", "0 0 0\n")
    let m = inputErrorMessage { _ = try f.load() }
    #expect(m.contains("gyro_exp01_user01.txt: expected 300 rows like acc_exp01_user01.txt, found 1 rows"), "\(m)")
  }

  @Test func missingLabelsAndMissingFolder() throws {
    let f = try HAPTFixture()
    try FileManager.default.removeItem(at: f.raw.appendingPathComponent("labels.txt"))
    #expect(inputErrorMessage { _ = try f.load() }.contains("labels.txt: cannot read file: no such file"))
    let empty = try RealData.temporaryDirectory("empty")
    #expect(inputErrorMessage { _ = try RawDataset.load(haptDirectory: empty.path) }.contains("expected a folder RawData/"))
  }

  @Test func windowsStayInsideSegments() throws {
    let f = try HAPTFixture()
    let cut = cutWindows(try f.load().segments)
    // Segment 1: samples 0..<200 → starts 0, 64 (128 + 64 = 192 ≤ 200). Segment 2
    // (sitting, 200..<300) is 100 samples: skipped. Segment 3 (standing, 0..<300): 0, 64, 128.
    #expect(cut.windows.map(\.start) == [0, 64, 0, 64, 128])
    #expect(cut.windows.map(\.activity) == [.walking, .walking, .standing, .standing, .standing])
    #expect(cut.skippedShortSegments == 1)
    let transitions = cutWindows(try f.load().segments, options: WindowingOptions(activities: [.standToSit]))
    #expect(transitions.windows.isEmpty)
  }
}

/// `TextTable.columns` (what the HAPT loader uses) reads what `TextTable` reads, column
/// by column, and fails with the same messages.
@Suite struct TextTableColumnsTests {
  func file(_ text: String) throws -> String {
    let dir = try RealData.temporaryDirectory("columns")
    let url = dir.appendingPathComponent("t.txt")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  @Test func columnsAreTheTablesColumns() throws {
    var g = SeededGenerator(seed: 5)
    var text = ""
    for r in 0..<257 {
      // Mixed layouts: runs of spaces and tabs, CRLF, and no final line end.
      let row = (0..<4).map { _ in String(g.nextNormal()) }.joined(separator: r % 3 == 0 ? "\t " : "  ")
      text += " " + row + (r % 5 == 0 ? " \r\n" : "\n")
    }
    let path = try file(String(text.dropLast()))
    let table = try TextTable(contentsOf: path, columns: 4)
    let columns = try TextTable.columns(contentsOf: path, columns: 4)
    #expect(table.rows == 257 && columns.count == 4)
    for c in 0..<4 { #expect(columns[c] == table.column(c), "column \(c)") }
  }

  @Test(arguments: ["1 2\n3\n", "1 2\n3 4 5\n", "1 2\n\n3 4\n", "1 x\n", "1 2\r\r\n", "1 2\r3 4\n", "", " \n\n",
                    "1 1e400\n", "1 0x\n", "1 2.5.\n", "1\u{0}2 3\n"])
  func badFilesFailWithTheSameMessage(text: String) throws {
    let path = try file(text)
    let rowMajor = inputErrorMessage { _ = try TextTable(contentsOf: path, columns: 2) }
    let byColumn = inputErrorMessage { _ = try TextTable.columns(contentsOf: path, columns: 2) }
    #expect(!rowMajor.isEmpty && rowMajor == byColumn)
  }

  @Test func messagesNameTheLineAndToken() throws {
    // One case per rule, as the loader reports them.
    let cases: [(String, String)] = [
      ("1 2\n3\n", ":2: expected 2 numbers per row, found 1: \"3\""),
      ("1 2\n3 4 5\n", ":2: expected 2 numbers per row, found more: \"3 4 5\""),
      ("1 2\n\n3 4\n", ":2: expected 2 numbers per row, found a blank line"),
      ("1 2\r\n3 x4\r\n", ":2: expected a finite number in column 2, found \"x4\""),
      ("1 2\r\r\n", ":1: expected a finite number in column 2, found \"2\\r\""),  // the CR escaped
      ("1 2\n5 -\n", ":2: expected a finite number in column 2, found \"-\""),
      ("", ": expected at least one row, found an empty file"),
    ]
    for (text, expected) in cases {
      let path = try file(text)
      let m = inputErrorMessage { _ = try TextTable.columns(contentsOf: path, columns: 2) }
      #expect(m == path + expected, "\(text.debugDescription)")
    }
    // Trailing blank lines and spaces are fine.
    let ok = try TextTable.columns(contentsOf: try file("1 2 \n 3\t4\r\n\n  \n"), columns: 2)
    #expect(ok == [[1, 3], [2, 4]])
  }
}

@Suite struct DataLocationTests {
  @Test func explicitPathMustExist() {
    #expect(throws: DataNotFound.self) { try DataLocation.resolve(explicit: "/nonexistent/HAPT", environment: [:]) }
  }

  @Test func errorListsWhereItLookedAndHowToGetTheData() throws {
    let dir = try RealData.temporaryDirectory("nodata")
    do {
      _ = try DataLocation.resolve(explicit: nil, environment: [:], workingDirectory: dir.path)
      Issue.record("expected DataNotFound")
    } catch let e as DataNotFound {
      #expect(e.looked.count == 2)
      #expect(e.description.contains(dir.appendingPathComponent("data/HAPT").path))
      #expect(e.description.contains("har data download"))
      #expect(e.description.contains("Postural Transitions"))
    }
  }

  @Test func orderIsDataThenEnvironmentThenDefaults() throws {
    let a = try HAPTFixture(), b = try HAPTFixture()
    let cwd = try RealData.temporaryDirectory("cwd")
    #expect(try DataLocation.resolve(explicit: a.root.path, environment: ["HAR_DATA": b.root.path]).haptDirectory == a.root.path)
    let env = try DataLocation.resolve(explicit: nil, environment: ["HAR_DATA": b.root.path], workingDirectory: cwd.path)
    #expect(env.haptDirectory == b.root.path && env.source == "$HAR_DATA")
    try FileManager.default.createDirectory(at: cwd.appendingPathComponent("data"), withIntermediateDirectories: true)
    try FileManager.default.moveItem(at: a.root, to: cwd.appendingPathComponent("data/HAPT"))
    let local = try DataLocation.resolve(explicit: nil, environment: [:], workingDirectory: cwd.path)
    #expect(local.haptDirectory.hasSuffix("data/HAPT") && local.source == "default")
  }
}

@Suite struct UCIHARLoadingTests {
  /// A tiny v1.0 folder with 3 train and 2 test windows and 4 features.
  func fixture(yTest: String = "1\n6\n") throws -> URL {
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
    try w("test/y_test.txt", yTest)
    for c in InertialChannel.allCases {
      try w("train/Inertial Signals/\(c.fileStem)_train.txt", String(repeating: (0..<8).map { "\($0)" }.joined(separator: " ") + "\n", count: 3))
    }
    try fm.removeItem(at: root.appendingPathComponent("test/Inertial Signals"))
    return root
  }

  @Test func readsTheV1Layout() throws {
    let root = try fixture()
    let d = try UCIHARDataset.load(directory: root.path, windowLength: 8)
    #expect(d.featureNames == ["a-mean()-X", "a-std()-X", "b", "c"])
    #expect(d.train.subjects == [1, 1, 3] && d.train.activities == [.standing, .standing, .walkingUpstairs])
    #expect(d.train.features?[0, 0] == 0.28858451)
    #expect(d.train.inertialSignals?.count == 9 && d.train.inertialSignals?[8][2, 7] == 7)
    #expect(d.test.features == nil && d.test.inertialSignals == nil)
  }

  @Test func mismatchedCountsAndBadLabels() throws {
    let short = try fixture(yTest: "1\n")
    #expect(inputErrorMessage { _ = try UCIHARDataset.load(directory: short.path, windowLength: 8) }
      .contains("y_test.txt: expected 2 rows like subject_test.txt, found 1 rows"))
    let bad = try fixture(yTest: "1\n7\n")
    #expect(inputErrorMessage { _ = try UCIHARDataset.load(directory: bad.path, windowLength: 8) }
      .contains("y_test.txt:2: expected an activity id in 1…6, found 7"))
  }
}

@Suite struct RealDataInputTests {
  // Skipped, and reported as skipped, without the real data (scripts/test fails a run
  // that has the data but skips it).
  @Test(.enabled(if: RealData.isAvailableWithUCIHAR, RealData.skipReason))
  func realRecordingsHaveTheDocumentedShape() throws {
    let dir = try #require(RealData.haptDirectory)
    let data = try RawDataset.load(haptDirectory: dir.path)
    #expect(data.recordings.count == 61)
    #expect(data.users.count == 30)
    #expect(data.segments.count == 1214)
    #expect(data.segments.filter { $0.activity.isBasic }.count == 856)
    let cut = cutWindows(data.segments)
    #expect(cut.windows.count == 10_411)  // SOURCES.md: 10,411 windows for activities 1–6
    let uci = try #require(RealData.uciHARDirectory)
    let summary = DatasetSummary(data, official: try UCIHARDataset.load(directory: uci.path))
    #expect(summary.officialTotal == 10_299)
    #expect(summary.perSubjectActivityDifference == 158)  // SOURCES.md: 158 windows (1.5 %)
  }
}

extension HAPTFixture {
  func load() throws -> RawDataset { try RawDataset.load(haptDirectory: root.path) }
}

/// The parser's fast path (Clinger) must give exactly the double that a correctly
/// rounding conversion gives: checked against Swift's `Double(String)` bit for bit.
@Suite struct NumberParsingTests {
  @Test func randomDecimalsParseExactlyLikeTheStandardLibrary() throws {
    var g = SeededGenerator(seed: 99)
    var tokens: [String] = []
    for _ in 0..<30_000 {
      let digits = 1 + g.nextInt(below: 20)
      var mantissa = ""
      for _ in 0..<digits { mantissa += String(g.nextInt(below: 10)) }
      let point = g.nextInt(below: digits + 1)
      var token = String(mantissa.prefix(point)) + "." + String(mantissa.dropFirst(point))
      if g.nextInt(below: 4) == 0 { token += "e\(g.nextInt(below: 61) - 30)" }
      if g.nextInt(below: 2) == 0 { token = "-" + token }
      if token.hasPrefix(".") || token.hasPrefix("-.") { token = token.replacingOccurrences(of: ".", with: "0.") }
      tokens.append(token)
    }
    tokens += ["0", "-0", "1e22", "9007199254740991", "9007199254740993", "0.1", "2.8858451e-001", "1.7976931348623157e308",
               "4.9e-324", "123456789012345678901234567890", "0.30000000000000004", ".5", "5.", "+7"]
    let dir = try RealData.temporaryDirectory("numbers")
    let file = dir.appendingPathComponent("n.txt")
    try tokens.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
    let table = try TextTable(contentsOf: file.path, columns: 1)
    #expect(table.rows == tokens.count)
    var mismatches = 0
    for (token, parsed) in zip(tokens, table.values) {
      let expected = Double(token)!
      if parsed.bitPattern != expected.bitPattern {
        mismatches += 1
        if mismatches < 5 { Issue.record("\(token): parsed \(parsed), expected \(expected)") }
      }
    }
    #expect(mismatches == 0)
  }

  /// Mantissas of 16–19 digits (≥ 2^53 for most; 8 % of the HAPT values) over the
  /// exponents that the integer-division path takes (−27…−1), plus exact halfway cases
  /// (ties round to even) and values just beside them.
  @Test func longMantissasAndTiesParseExactlyLikeTheStandardLibrary() throws {
    var g = SeededGenerator(seed: 2027)
    var tokens: [String] = []
    for _ in 0..<20_000 {
      let digits = 16 + g.nextInt(below: 4)
      var mantissa = String(1 + g.nextInt(below: 9))
      for _ in 1..<digits { mantissa += String(g.nextInt(below: 10)) }
      let exponent = -1 - g.nextInt(below: 27)
      // Half as plain decimals (when the point fits inside the digits), half with an exponent.
      if -exponent < digits && g.nextInt(below: 2) == 0 {
        tokens.append(String(mantissa.dropLast(-exponent)) + "." + String(mantissa.suffix(-exponent)))
      } else {
        tokens.append(mantissa + "e\(exponent)")
      }
      if g.nextInt(below: 2) == 0 { tokens[tokens.count - 1] = "-" + tokens[tokens.count - 1] }
    }
    // Halfway between two doubles: (2^53 + 1)/2, (2^53 + 3)/2, 2^53 + 1, 2^51 + 1/4 and
    // 2^51 + 3/4; then one unit in the last digit above and below.
    tokens += ["4503599627370496.5", "4503599627370497.5", "9007199254740993.0", "2251799813685248.25",
               "2251799813685248.75", "-4503599627370496.5", "4503599627370496.6", "4503599627370496.4",
               "9007199254740993.1", "9007199254740992.9", "18446744073709551.615", "0.09305556168259389",
               "1.2345678901234567e-27", "1.2345678901234567e-28", "0.0000000000000000001234567890123456789"]
    let dir = try RealData.temporaryDirectory("long-numbers")
    let file = dir.appendingPathComponent("n.txt")
    try tokens.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
    let table = try TextTable(contentsOf: file.path, columns: 1)
    #expect(table.rows == tokens.count)
    var mismatches = 0
    for (token, parsed) in zip(tokens, table.values) where parsed.bitPattern != Double(token)!.bitPattern {
      mismatches += 1
      if mismatches < 5 { Issue.record("\(token): parsed \(parsed), expected \(Double(token)!)") }
    }
    #expect(mismatches == 0)
  }

  @Test(.enabled(if: RealData.isAvailable, RealData.skipReason))  // needs the real recordings
  func realFilesParseExactlyLikeTheStandardLibrary() throws {
    let dir = try #require(RealData.haptDirectory)
    for name in ["acc_exp01_user01.txt", "gyro_exp33_user16.txt", "acc_exp61_user30.txt"] {
      let path = dir.appendingPathComponent("RawData/\(name)").path
      let table = try TextTable(contentsOf: path, columns: 3)
      let text = try String(contentsOfFile: path, encoding: .utf8)
      let expected = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r\n" }).map { Double($0)! }
      #expect(table.values.count == expected.count)
      #expect(zip(table.values, expected).allSatisfy { $0.bitPattern == $1.bitPattern }, "\(name)")
    }
  }
}
