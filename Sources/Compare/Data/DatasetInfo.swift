// `har data info`: a plain-text summary of the raw recordings (experiments, users,
// hours, labelled time per activity) and our window counts beside the official UCI HAR
// v1.0 counts, when the UCI-HAR folder is found beside the data.
import Features
import Foundation

/// The summary of a dataset, as text.
public enum DatasetInfo {
  /// Loads the recordings of `request` (no windows, no features) and describes them.
  ///
  /// - Throws: the errors of `DatasetLoader.load`, and `InputError` for an unreadable
  ///   official UCI-HAR folder.
  public static func describe(_ request: DatasetRequest) throws -> String {
    let started = Date()
    let (raw, location) = try DatasetLoader.recordings(request)
    let loadSeconds = Date().timeIntervalSince(started)
    var official: UCIHARDataset? = nil
    if let uci = location.uciHARDirectory { official = try UCIHARDataset.load(directory: uci) }
    return render(DatasetSummary(raw, official: official), location: location, loadSeconds: loadSeconds)
  }

  static func render(_ s: DatasetSummary, location: DataLocation, loadSeconds: Double) -> String {
    let officialDirectory = location.uciHARDirectory
    var out = "HAPT raw data: \(location.haptDirectory) (found via \(location.source); loaded in \(String(format: "%.2f", loadSeconds)) s)\n"
    out += "  experiments        \(s.experiments)\n"
    out += "  users              \(s.users)\n"
    out += "  samples            \(s.samples) per sensor (\(String(format: "%.2f", s.hours)) hours at 50 Hz)\n"
    out += "  labelled segments  \(s.segments)\n\n"
    out += "Windows of \(s.windowing.length) samples, step \(s.windowing.step), cut inside each labelled segment"
    out += officialDirectory.map { "; official v1.0 counts from \($0)" } ?? "; official v1.0 counts not found (no UCI-HAR folder beside the data)"
    out += ":\n\n"
    let header = ["id", "activity", "segments", "seconds", "windows", "official v1.0", "difference"]
    var table: [[String]] = []
    for r in s.rows {
      table.append([
        "\(r.activity.rawValue)", r.activity.name, "\(r.segments)", String(format: "%.1f", r.seconds), "\(r.windows)",
        r.officialWindows.map(String.init) ?? "–",
        r.officialWindows.map { signed(r.windows - $0) } ?? "–",
      ])
    }
    let basic = s.rows.filter { $0.activity.isBasic }
    let basicWindows = basic.reduce(0) { $0 + $1.windows }
    table.append([
      "", "activities 1–6", "\(basic.reduce(0) { $0 + $1.segments })",
      String(format: "%.1f", basic.reduce(0) { $0 + $1.seconds }), "\(basicWindows)",
      s.officialTotal.map(String.init) ?? "–", s.officialTotal.map { signed(basicWindows - $0) } ?? "–",
    ])
    out += formatTable(header: header, rows: table, rightAligned: [0, 2, 3, 4, 5, 6])
    if s.skippedShortSegments > 0 {
      out += "\n\(s.skippedShortSegments) segment(s) of activities 1–6 are shorter than one window and give no window."
    }
    if let d = s.perSubjectActivityDifference, let total = s.officialTotal {
      out += "\nPer (subject, activity), our counts differ from v1.0 by \(d) windows in total (\(String(format: "%.1f", 100 * Double(d) / Double(total))) %): v2.1 revised some label boundaries."
    }
    return out
  }

  static func signed(_ v: Int) -> String { v > 0 ? "+\(v)" : "\(v)" }

  /// A plain-text table with columns padded to their widest cell.
  static func formatTable(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> String {
    let all = [header] + rows
    let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { c, cell in
        let pad = String(repeating: " ", count: widths[c] - cell.count)
        return rightAligned.contains(c) ? pad + cell : cell + pad
      }.joined(separator: "  ")
    }
    var s = "  " + line(header) + "\n  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
    for r in rows { s += "  " + line(r) + "\n" }
    return s
  }
}
