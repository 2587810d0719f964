// `har data download`: fetch the HAPT zip from the UCI repository with curl, unpack it
// with unzip, and check what was unpacked by reading it.
import Features
import Foundation

/// Downloads and unpacks the HAPT recordings.
public enum DatasetDownload {
  /// The folder `download(into:)` unpacks into by default.
  public static let defaultDirectory = "data/HAPT"
  /// The UCI repository's zip of the HAPT data set (v2.1).
  public static let zipURL = "https://archive.ics.uci.edu/static/public/341/smartphone+based+recognition+of+human+activities+and+postural+transitions.zip"

  /// Downloads the zip into `directory`, unpacks it there, removes the zip and reads
  /// the result once to check it.
  ///
  /// - Parameter log: receives one line per step, for stderr.
  /// - Throws: `CompareError.io` when curl or unzip fails, the reader's errors when the
  ///   unpacked files are not the HAPT layout.
  public static func download(into directory: String, log: (String) -> Void = { _ in }) throws {
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw CompareError.io(path: directory, reason: "cannot create the folder: \(error.localizedDescription)")
    }
    let zip = (directory as NSString).appendingPathComponent("HAPT.zip")
    log("downloading \(zipURL)\n  into \(zip)")
    try runTool("curl", ["-fL", "--retry", "3", "-o", zip, zipURL])
    try runTool("unzip", ["-o", "-q", zip, "-d", directory])
    try? FileManager.default.removeItem(atPath: zip)
    _ = try RawDataset.load(haptDirectory: directory)
  }

  /// Runs an external tool, failing with its name and exit status.
  static func runTool(_ tool: String, _ arguments: [String]) throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = [tool] + arguments
    do { try p.run() } catch { throw CompareError.io(path: tool, reason: "cannot start: \(error.localizedDescription)") }
    p.waitUntilExit()
    if p.terminationStatus != 0 {
      throw CompareError.io(path: tool, reason: "\(tool) \(arguments.joined(separator: " ")) exited with status \(p.terminationStatus)")
    }
  }
}
