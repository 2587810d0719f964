// Where the tests find the real recordings. Unit tests never need them; the few
// integration tests that do carry a condition trait, so that `swift test` reports them
// as skipped (with the reason) when the data is absent, never as passed:
//
//   @Test(.enabled(if: RealData.isAvailable, RealData.skipReason)) func … { … }
//
// scripts/test fails a run that has the data but still reports a skip.
import Foundation
import Testing

public enum RealData {
  /// Whether the HAPT recordings were found (`haptDirectory` is not nil).
  public static var isAvailable: Bool { haptDirectory != nil }
  /// Whether the HAPT recordings and the UCI HAR v1.0 specification were both found.
  public static var isAvailableWithUCIHAR: Bool { haptDirectory != nil && uciHARDirectory != nil }
  /// The reason shown for a skipped real-data test.
  public static let skipReason: Comment =
    "needs the real HAPT recordings (and ../UCI-HAR beside them): set $HAR_DATA or put them at ../shared/data/HAPT"

  /// The HAPT folder (with `RawData/`): `$HAR_DATA` if set, else `../shared/data/HAPT`
  /// relative to the package root, else nil.
  public static var haptDirectory: URL? {
    var candidates: [URL] = []
    if let env = ProcessInfo.processInfo.environment["HAR_DATA"], !env.isEmpty {
      candidates.append(URL(fileURLWithPath: env))
    }
    candidates.append(packageRoot.appendingPathComponent("data/HAPT"))
    candidates.append(packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/HAPT"))
    return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("RawData/labels.txt").path) }
  }

  /// The UCI HAR v1.0 folder (features.txt, train/, test/): a sibling `UCI-HAR` of the
  /// HAPT folder, or `../shared/data/UCI-HAR`, else nil.
  public static var uciHARDirectory: URL? {
    var candidates: [URL] = []
    if let hapt = haptDirectory { candidates.append(hapt.deletingLastPathComponent().appendingPathComponent("UCI-HAR")) }
    candidates.append(packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/UCI-HAR"))
    return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("features.txt").path) }
  }

  /// The package root, found from this file's compile-time path.
  public static var packageRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }

  /// A fresh temporary directory for a test's files.
  public static func temporaryDirectory(_ label: String = "har-test") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
