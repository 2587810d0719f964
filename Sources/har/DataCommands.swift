// `har data info` and `har data download`.
import Features
import Foundation

let dataInfoCommand = Command(
  words: ["data", "info"],
  summary: "Summarise the raw recordings: experiments, users, hours, labelled time per activity, and window counts beside the official UCI HAR v1.0 counts.",
  options: [CommonOptions.data, CommonOptions.threads],
  run: { options in
    // Options first: a usage error (exit 2) must not depend on whether the data exists.
    let threads = try CommonOptions.threadCount(options)
    let location = try resolveData(options)
    let started = Date()
    let data = try RawDataset.load(haptDirectory: location.haptDirectory, threads: threads)
    let loadSeconds = Date().timeIntervalSince(started)
    var official: UCIHARDataset? = nil
    if let uci = location.uciHARDirectory { official = try UCIHARDataset.load(directory: uci) }
    let summary = DatasetSummary(data, official: official)
    print(renderSummary(summary, location: location, officialDirectory: location.uciHARDirectory, loadSeconds: loadSeconds))
  })

let dataDownloadCommand = Command(
  words: ["data", "download"],
  summary: "Download the HAPT zip from the UCI repository and unpack it into ./data/HAPT (needs curl and unzip, and a network).",
  options: [.value("into", "DIR", "Where to unpack.", default: "./data/HAPT")],
  run: { options in
    let target = options.string("into") ?? "data/HAPT"
    let zipURL = "https://archive.ics.uci.edu/static/public/341/smartphone+based+recognition+of+human+activities+and+postural+transitions.zip"
    try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
    let zip = (target as NSString).appendingPathComponent("HAPT.zip")
    FileHandle.standardError.write("downloading \(zipURL)\n  into \(zip)\n")
    try runTool("curl", ["-fL", "--retry", "3", "-o", zip, zipURL])
    try runTool("unzip", ["-o", "-q", zip, "-d", target])
    try? FileManager.default.removeItem(atPath: zip)
    _ = try RawDataset.load(haptDirectory: target)  // check what we unpacked
    print("HAPT data ready in \(target); run: har data info --data \(target)")
  })

/// Runs an external tool, failing with its name and exit status.
func runTool(_ tool: String, _ arguments: [String]) throws {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  p.arguments = [tool] + arguments
  try p.run()
  p.waitUntilExit()
  if p.terminationStatus != 0 {
    throw ToolFailure(message: "\(tool) \(arguments.joined(separator: " ")) exited with status \(p.terminationStatus)")
  }
}

struct ToolFailure: Error, CustomStringConvertible { var message: String; var description: String { message } }

func renderSummary(_ s: DatasetSummary, location: DataLocation, officialDirectory: String?, loadSeconds: Double) -> String {
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

func signed(_ v: Int) -> String { v > 0 ? "+\(v)" : "\(v)" }

/// A plain-text table with columns padded to their widest cell.
func formatTable(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> String {
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
