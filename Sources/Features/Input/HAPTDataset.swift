// The HAPT raw layout ("Smartphone-Based Recognition of Human Activities and Postural
// Transitions", v2.1):
//
//   <dir>/RawData/acc_expXX_userYY.txt    one row per 50 Hz sample: x y z in g
//   <dir>/RawData/gyro_expXX_userYY.txt   the same, in rad/s
//   <dir>/RawData/labels.txt              experiment user activity start end
//                                         (1-based sample indices, both ends included)
//
// Everything is validated here, once: afterwards code may assume that every segment lies
// inside its recording, every value is finite and every activity id is known.
import Foundation
import LinearAlgebra

/// The raw recordings of the HAPT dataset and their labelled segments.
public struct RawDataset: Sendable {
  /// The folder the data came from (the one holding `RawData/`).
  public var directory: String
  /// Every experiment, sorted by experiment id.
  public var recordings: [Recording]
  /// Every labelled segment, in the order of `labels.txt`.
  public var segments: [LabelledSegment]

  public init(directory: String, recordings: [Recording], segments: [LabelledSegment]) {
    self.directory = directory
    self.recordings = recordings.sorted { $0.experiment < $1.experiment }
    self.segments = segments
  }

  /// The recording of `experiment`, if there is one.
  public func recording(experiment: Int) -> Recording? {
    recordings.first { $0.experiment == experiment }
  }

  /// The distinct user ids, sorted.
  public var users: [Int] { Array(Set(recordings.map(\.user))).sorted() }

  /// The raw files this dataset was read from, sorted (for checksums).
  public var rawFiles: [String] {
    let raw = (directory as NSString).appendingPathComponent("RawData")
    var files = ["labels.txt"]
    for r in recordings { files += [HAPTFiles.accName(r), HAPTFiles.gyroName(r)] }
    return files.sorted().map { (raw as NSString).appendingPathComponent($0) }
  }
}

/// File naming of the HAPT layout.
enum HAPTFiles {
  static func accName(_ r: Recording) -> String { String(format: "acc_exp%02ld_user%02ld.txt", r.experiment, r.user) }
  static func gyroName(_ r: Recording) -> String { String(format: "gyro_exp%02ld_user%02ld.txt", r.experiment, r.user) }
}

extension RawDataset {
  /// Reads and validates a HAPT folder.
  ///
  /// - Parameters:
  ///   - directory: the folder that holds `RawData/` (the folder `RawData` itself is
  ///     accepted too).
  ///   - threads: files are parsed on this many threads.
  /// - Throws: `InputError` naming the file and line for: a missing `RawData` folder or
  ///   `labels.txt`, an acc file without its gyro file (or the reverse), acc and gyro files
  ///   of different lengths, a malformed row, NaN or Inf, an empty file, an unknown
  ///   activity id, a segment whose start is after its end or whose end is past the end of
  ///   its recording, a segment of an experiment that has no recording, a user id that
  ///   disagrees with the file name, two segments that overlap (naming both lines), or
  ///   an input that is not a regular file (a FIFO, a device).
  public static func load(haptDirectory directory: String, threads: Int = 2) throws -> RawDataset {
    let listing = try HAPTFileListing(haptDirectory: directory)
    let raw = listing.rawFolder, root = listing.root, keys = listing.experiments
    let acc = listing.acc, gyro = listing.gyro

    // Parse the 2 × experiments files in parallel; the lowest failing file's error wins.
    let files = keys.flatMap { [acc[$0]!, gyro[$0]!] }
    let rawFolder = raw
    // Each file is read straight into its three axis arrays (no row-major copy).
    let axes = try parallelMap(count: files.count, threads: threads) { i in
      try TextTable.columns(contentsOf: path(rawFolder, files[i]), columns: 3)
    }
    var recordings: [Recording] = []
    for (k, key) in keys.enumerated() {
      let a = axes[2 * k], g = axes[2 * k + 1]
      if a[0].count != g[0].count {
        throw InputError.lengthMismatch(
          file: path(raw, files[2 * k + 1]), expected: "\(a[0].count) rows like \(files[2 * k])", found: "\(g[0].count) rows")
      }
      recordings.append(Recording(
        experiment: key.experiment, user: key.user,
        acceleration: TriaxialSignal(x: a[0], y: a[1], z: a[2]),
        angularVelocity: TriaxialSignal(x: g[0], y: g[1], z: g[2])))
    }

    let labelsPath = path(raw, "labels.txt")
    guard FileManager.default.fileExists(atPath: labelsPath) else {
      throw InputError.unreadableFile(file: labelsPath, reason: "no such file (the labelled segments)")
    }
    let segments = try parseLabels(path: labelsPath, recordings: recordings)
    return RawDataset(directory: root, recordings: recordings, segments: segments)
  }

  /// The files `load(haptDirectory:)` reads from `directory`, sorted (labels.txt and the
  /// paired acc and gyro files; nothing else in the folder), for checksums of the input.
  /// - Throws: `InputError` for a folder `load` would refuse for its layout.
  public static func inputFiles(haptDirectory directory: String) throws -> [String] {
    try HAPTFileListing(haptDirectory: directory).files
  }

  /// Parses and checks `labels.txt` against the recordings.
  static func parseLabels(path labelsPath: String, recordings: [Recording]) throws -> [LabelledSegment] {
    let table = try TextTable(contentsOf: labelsPath, columns: 5, integers: true)
    let byExperiment = Dictionary(uniqueKeysWithValues: recordings.map { ($0.experiment, $0) })
    var segments: [LabelledSegment] = []
    segments.reserveCapacity(table.rows)
    // TextTable skips nothing but trailing blank lines, so row r is line r + 1.
    for r in 0..<table.rows {
      let line = r + 1
      let v = (0..<5).map { Int(table.values[r * 5 + $0]) }
      let (experiment, user, activityId, first, last) = (v[0], v[1], v[2], v[3], v[4])
      guard let activity = Activity(rawValue: activityId) else {
        throw InputError.malformedRow(
          file: labelsPath, line: line, expected: "an activity id in 1…12 (column 3)", found: "\(activityId)")
      }
      guard let recording = byExperiment[experiment] else {
        throw InputError.badSegment(
          file: labelsPath, line: line, expected: "an experiment with a recording in RawData/",
          found: "experiment \(experiment), which has no acc/gyro files")
      }
      if recording.user != user {
        throw InputError.badSegment(
          file: labelsPath, line: line, expected: "user \(recording.user) for experiment \(experiment) (from the file name)",
          found: "user \(user)")
      }
      if first < 1 {
        throw InputError.badSegment(
          file: labelsPath, line: line, expected: "a 1-based start index ≥ 1", found: "\(first)")
      }
      if first > last {
        throw InputError.badSegment(
          file: labelsPath, line: line, expected: "start ≤ end", found: "start \(first) after end \(last)")
      }
      if last > recording.sampleCount {
        throw InputError.badSegment(
          file: labelsPath, line: line,
          expected: "end ≤ \(recording.sampleCount), the length of experiment \(experiment)'s recording",
          found: "end \(last)")
      }
      segments.append(LabelledSegment(experiment: experiment, user: user, activity: activity, start: first - 1, end: last))
    }
    try checkNoOverlaps(segments, file: labelsPath)
    return segments
  }

  /// Throws when two segments of one experiment share a sample: a repeated segment, or
  /// one that starts before the previous ends. Such a pair would turn the same samples
  /// into windows with two labels (contradictory rows) or count them twice, so it is an
  /// error naming both lines rather than a rule. The real labels.txt (1,214 segments) has
  /// none, so no real data needs a rule.
  /// - Parameter segments: in file order, so segment i is on line i + 1.
  static func checkNoOverlaps(_ segments: [LabelledSegment], file: String) throws {
    // Sorted by (experiment, start), an overlap exists iff some segment starts before the
    // largest end seen so far in its experiment; that segment is the one to report.
    let order = segments.indices.sorted {
      (segments[$0].experiment, segments[$0].start, $0) < (segments[$1].experiment, segments[$1].start, $1)
    }
    var reach: (index: Int, end: Int)? = nil  // the segment reaching furthest in the current experiment
    for i in order {
      let s = segments[i]
      if let r = reach, segments[r.index].experiment == s.experiment {
        if s.start < r.end {
          let (early, late) = (min(i, r.index), max(i, r.index))
          let a = segments[early], b = segments[late]
          let what = a.start == b.start && a.end == b.end ? "repeats" : "overlaps"
          throw InputError.badSegment(
            file: file, line: late + 1, expected: "labelled segments that do not overlap",
            found: "samples \(b.start + 1)…\(b.end) of experiment \(b.experiment) (\(b.activity.name)), which \(what) "
              + "\(file):\(early + 1) (samples \(a.start + 1)…\(a.end), \(a.activity.name))")
        }
        if s.end > r.end { reach = (i, s.end) }
      } else {
        reach = (i, s.end)
      }
    }
  }
}

/// The files of a HAPT folder that `RawDataset.load` reads, paired and checked, before
/// any of them is parsed.
struct HAPTFileListing {
  struct Key: Hashable, Comparable {
    var experiment: Int, user: Int
    static func < (a: Key, b: Key) -> Bool { (a.experiment, a.user) < (b.experiment, b.user) }
  }
  /// The folder holding `RawData/`.
  var root: String
  /// `RawData/` itself.
  var rawFolder: String
  /// (experiment, user) of every recording, sorted.
  var experiments: [Key]
  /// File names (in `rawFolder`) of each recording's acc and gyro files.
  var acc: [Key: String], gyro: [Key: String]

  /// Lists and pairs the files.
  /// - Throws: `InputError` as `RawDataset.load` documents for the layout.
  init(haptDirectory directory: String) throws {
    var root = directory
    var raw = (root as NSString).appendingPathComponent("RawData")
    if !isDirectory(raw) && isDirectory(root) && (root as NSString).lastPathComponent == "RawData" {
      raw = root
      root = (root as NSString).deletingLastPathComponent
    }
    guard isDirectory(raw) else {
      throw InputError.badLayout(directory: directory, expected: "a folder RawData/ with acc_expXX_userYY.txt, gyro_expXX_userYY.txt and labels.txt")
    }
    let names: [String]
    do { names = try FileManager.default.contentsOfDirectory(atPath: raw) } catch {
      throw InputError.unreadableFile(file: raw, reason: "\(error.localizedDescription)")
    }

    // Pair acc and gyro files by (experiment, user).
    var acc: [Key: String] = [:], gyro: [Key: String] = [:]
    for name in names {
      guard let (sensor, experiment, user) = parseRawName(name) else { continue }
      let key = Key(experiment: experiment, user: user)
      if sensor == "acc" { acc[key] = name } else { gyro[key] = name }
    }
    for (key, name) in acc where gyro[key] == nil {
      throw InputError.missingCompanion(
        file: path(raw, name), expected: String(format: "gyro_exp%02ld_user%02ld.txt", key.experiment, key.user))
    }
    for (key, name) in gyro where acc[key] == nil {
      throw InputError.missingCompanion(
        file: path(raw, name), expected: String(format: "acc_exp%02ld_user%02ld.txt", key.experiment, key.user))
    }
    let keys = acc.keys.sorted()
    (self.root, self.rawFolder, self.experiments, self.acc, self.gyro) = (root, raw, keys, acc, gyro)
    if keys.isEmpty {
      throw InputError.badLayout(directory: raw, expected: "files named acc_expXX_userYY.txt and gyro_expXX_userYY.txt")
    }
    var seenExperiments: [Int: Int] = [:]
    for key in keys {
      if let other = seenExperiments[key.experiment] {
        throw InputError.badLayout(
          directory: raw, expected: "one user per experiment, found experiment \(key.experiment) for users \(other) and \(key.user)")
      }
      seenExperiments[key.experiment] = key.user
    }
  }

  /// Every file `RawDataset.load` reads: labels.txt and each acc and gyro file, sorted.
  var files: [String] {
    ([path(rawFolder, "labels.txt")] + experiments.flatMap { [path(rawFolder, acc[$0]!), path(rawFolder, gyro[$0]!)] }).sorted()
  }
}

/// ("acc" | "gyro", experiment, user) from `acc_exp01_user01.txt`, or nil for other names.
func parseRawName(_ name: String) -> (String, Int, Int)? {
  guard name.hasSuffix(".txt") else { return nil }
  let stem = name.dropLast(4)
  let parts = stem.split(separator: "_")
  guard parts.count == 3, parts[0] == "acc" || parts[0] == "gyro",
        parts[1].hasPrefix("exp"), parts[2].hasPrefix("user"),
        let e = Int(parts[1].dropFirst(3)), let u = Int(parts[2].dropFirst(4)) else { return nil }
  return (String(parts[0]), e, u)
}

func path(_ directory: String, _ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

func isDirectory(_ p: String) -> Bool {
  var isDir: ObjCBool = false
  return FileManager.default.fileExists(atPath: p, isDirectory: &isDir) && isDir.boolValue
}
