// Finding the data: `--data PATH`, then `$HAR_DATA`, then `./data/HAPT`, then
// `../shared/data/HAPT`. The first that exists wins; when none does, the error lists
// every place we looked and how to get the dataset.
import Foundation

/// Where the HAPT recordings (and, beside them, the UCI HAR v1.0 specification) are.
public struct DataLocation: Sendable, Equatable {
  /// The folder holding `RawData/`.
  public var haptDirectory: String
  /// How it was found, for reports: "--data", "$HAR_DATA", "default".
  public var source: String

  /// The UCI HAR v1.0 folder (features.txt, train/, test/) next to the HAPT folder
  /// (`<parent>/UCI-HAR`), if present.
  public var uciHARDirectory: String? {
    let sibling = ((haptDirectory as NSString).deletingLastPathComponent as NSString).appendingPathComponent("UCI-HAR")
    return FileManager.default.fileExists(atPath: (sibling as NSString).appendingPathComponent("features.txt")) ? sibling : nil
  }

  /// The UCI dataset page users download the raw recordings from.
  public static let downloadPage =
    "https://archive.ics.uci.edu/dataset/341/smartphone+based+recognition+of+human+activities+and+postural+transitions"

  /// Resolves the data folder.
  ///
  /// - Parameters:
  ///   - explicit: the `--data` argument, if given. It must exist and not be empty: we
  ///     never fall back from an explicit path.
  ///   - environment: the process environment (for `HAR_DATA`).
  ///   - workingDirectory: where relative defaults are resolved.
  /// - Throws: `DataNotFound` listing every place looked and how to get the data;
  ///   `InputError.badLayout` for an empty `explicit` path.
  public static func resolve(
    explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
    workingDirectory: String = FileManager.default.currentDirectoryPath
  ) throws -> DataLocation {
    func absolute(_ p: String) -> String {
      p.hasPrefix("/") ? p : ((workingDirectory as NSString).appendingPathComponent(p) as NSString).standardizingPath
    }
    func holdsRawData(_ p: String) -> Bool {
      isDirectory((p as NSString).appendingPathComponent("RawData")) || (p as NSString).lastPathComponent == "RawData" && isDirectory(p)
    }
    var looked: [String] = []
    if let explicit {
      // An empty path would resolve to the working directory: refuse it rather than
      // silently reading whatever is there.
      guard !explicit.isEmpty else {
        throw InputError.badLayout(directory: "--data", expected: "a folder that holds RawData/, found an empty path")
      }
      let p = absolute(explicit)
      if holdsRawData(p) { return DataLocation(haptDirectory: p, source: "--data") }
      throw DataNotFound(looked: ["--data \(p)"])
    }
    if let env = environment["HAR_DATA"], !env.isEmpty {
      let p = absolute(env)
      if holdsRawData(p) { return DataLocation(haptDirectory: p, source: "$HAR_DATA") }
      throw DataNotFound(looked: ["$HAR_DATA=\(p)"])
    }
    for candidate in ["data/HAPT", "../shared/data/HAPT"] {
      let p = absolute(candidate)
      looked.append(p)
      if holdsRawData(p) { return DataLocation(haptDirectory: p, source: "default") }
    }
    throw DataNotFound(looked: looked)
  }
}

/// No data folder was found.
public struct DataNotFound: Error, CustomStringConvertible, Sendable {
  /// Every place looked, in order.
  public var looked: [String]

  public var description: String {
    """
    no HAPT data found (a folder with RawData/acc_expXX_userYY.txt, gyro_… and labels.txt). Looked in:
    \(looked.map { "  - \($0)" }.joined(separator: "\n"))
    To get it: run `har data download` (needs curl and unzip), or download the zip of
    "Smartphone-Based Recognition of Human Activities and Postural Transitions" from
    \(DataLocation.downloadPage)
    unpack it into ./data/HAPT, and pass --data ./data/HAPT or set HAR_DATA.
    """
  }
}
