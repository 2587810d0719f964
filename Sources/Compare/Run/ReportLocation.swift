// Where a comparison writes its report: `<parent>/<name>/`.
//
// Decisions, in priority order:
// 1. A first run works as written and never touches a report it did not write. The
//    repository commits `reports/full` (made with `--name full`); a plain
//    `har compare --all` therefore writes a new, dated folder beside it,
//    `reports/full-2026-12-01`, then `full-2026-12-01-2`, … for later runs that day
//    (the convention of numbered run folders, as in `runs/exp`, `runs/exp2`).
// 2. `--resume` without `--name` continues the newest dated folder of the profile, so
//    an interrupted plain run resumes with the same command plus `--resume`.
// 3. A name the user gives is used as given, after checking that it is one path
//    component: `..`, `.`, `a/b` or an empty name would write the report's README.md,
//    results.csv, cells/ and figures/ over some other folder (run from the repository
//    root, `--name ..` would replace the project's own README).
import Foundation

/// Resolves and validates the folder a comparison writes to.
public enum ReportLocation {
  /// Checks that `name` is a single, ordinary path component.
  ///
  /// - Throws: `CompareError.invalidOption(name: "reportName", …)` for an empty name, `.`,
  ///   `..`, a name containing `/` or a NUL byte.
  public static func validate(name: String) throws {
    let problem: String? =
      name.isEmpty ? "an empty name" :
      (name == "." || name == "..") ? "'\(name)', which names an existing folder, not a new report" :
      name.contains("/") ? "'\(name)', which contains '/'" :
      name.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } ? "a name with control characters" : nil
    if let problem {
      throw CompareError.invalidOption(name: "reportName", expected: "one folder name without '/', not '.' or '..'", found: problem)
    }
  }

  /// Checks that the parent folder option is not empty.
  ///
  /// - Throws: `CompareError.invalidOption(name: "reportParent", …)` for an empty string.
  public static func validate(parent: String) throws {
    guard !parent.isEmpty else {
      throw CompareError.invalidOption(name: "reportParent", expected: "a folder (e.g. reports)", found: "an empty string")
    }
  }

  /// The folder name a run without `--name` starts with: `<profile>-YYYY-MM-DD` (UTC).
  public static func datedName(profile: String, date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let c = calendar.dateComponents([.year, .month, .day], from: date)
    return String(format: "%@-%04d-%02d-%02d", profile, c.year!, c.month!, c.day!)
  }

  /// Whether `directory` holds (part of) a run: the same test `Experiment.run` applies.
  public static func holdsResults(_ directory: URL) -> Bool {
    let fm = FileManager.default
    return fm.fileExists(atPath: directory.appendingPathComponent("run.json").path)
      || fm.fileExists(atPath: directory.appendingPathComponent("results.csv").path)
  }

  /// The report folder for a run.
  ///
  /// - Parameters:
  ///   - parent: `--out`, the parent of report folders.
  ///   - name: `--name`, or nil for the dated default.
  ///   - profile: "full" or "quick", the prefix of dated names.
  ///   - existing: what the run will do with earlier results there.
  ///   - date: today, injectable for tests.
  /// - Returns: the folder, and whether it was chosen automatically (the CLI says so).
  /// - Throws: `CompareError.invalidOption` for a bad name or parent, and
  ///   `.nothingToResume` for `--resume` without `--name` when no dated folder exists.
  public static func resolve(parent: String, name: String?, profile: String, existing: ExistingResults,
                             date: Date = Date()) throws -> (directory: URL, automatic: Bool) {
    try validate(parent: parent)
    let parentURL = URL(fileURLWithPath: parent, isDirectory: true)
    if let name {
      try validate(name: name)
      return (parentURL.appendingPathComponent(name, isDirectory: true), false)
    }
    let base = datedName(profile: profile, date: date)
    switch existing {
    case .overwrite:
      return (parentURL.appendingPathComponent(base, isDirectory: true), true)
    case .resume:
      guard let newest = datedFolders(in: parentURL, profile: profile).last(where: { holdsResults(parentURL.appendingPathComponent($0)) }) else {
        throw CompareError.nothingToResume(parent: parentURL.path, pattern: "\(profile)-YYYY-MM-DD[-N]")
      }
      return (parentURL.appendingPathComponent(newest, isDirectory: true), true)
    case .fail:
      var candidate = base
      var number = 1
      while holdsResults(parentURL.appendingPathComponent(candidate)) {
        number += 1
        candidate = "\(base)-\(number)"
      }
      return (parentURL.appendingPathComponent(candidate, isDirectory: true), true)
    }
  }

  /// Folders named `<profile>-YYYY-MM-DD` or `<profile>-YYYY-MM-DD-N` in `parent`,
  /// oldest first (by date, then number).
  static func datedFolders(in parent: URL, profile: String) -> [String] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return [] }
    let prefix = profile + "-"
    let parsed: [(date: String, number: Int, name: String)] = names.compactMap { name in
      guard name.hasPrefix(prefix) else { return nil }
      let rest = name.dropFirst(prefix.count)
      let date = rest.prefix(10)
      guard date.count == 10, date.enumerated().allSatisfy({ i, ch in (i == 4 || i == 7) ? ch == "-" : ch.isASCII && ch.isNumber })
      else { return nil }
      let tail = rest.dropFirst(10)
      if tail.isEmpty { return (String(date), 1, name) }
      guard tail.first == "-", let n = Int(tail.dropFirst()), n >= 2 else { return nil }
      return (String(date), n, name)
    }
    return parsed.sorted { ($0.date, $0.number) < ($1.date, $1.number) }.map(\.name)
  }
}
