// A fresh clone of this repository in a temporary folder, for tests that run a command
// exactly as the README tells a new user to (the committed reports are in it, as they
// would be for that user).
import Foundation

public enum FreshClone {
  /// Clones the repository's committed HEAD into a new temporary folder (`git clone` of
  /// the package root) and returns its path.
  ///
  /// - Throws: `Failed` with git's message when the package root is not a git
  ///   repository or git is missing.
  public static func make() throws -> URL {
    let target = try RealData.temporaryDirectory("clone").appendingPathComponent("har")
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["git", "clone", "--quiet", "--no-hardlinks", RealData.packageRoot.path, target.path]
    let err = Pipe()
    p.standardError = err
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    let message = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { throw Failed(message: String(decoding: message, as: UTF8.self)) }
    return target
  }

  /// Every regular file under `folder` with its contents, keyed by relative path: equal
  /// before and after a run means the run left it alone.
  public static func contents(of folder: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let fm = FileManager.default
    guard let walker = fm.enumerator(atPath: folder.path) else { return [:] }
    while let relative = walker.nextObject() as? String {
      let url = folder.appendingPathComponent(relative)
      var isDirectory: ObjCBool = false
      guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
      result[relative] = try Data(contentsOf: url)
    }
    return result
  }

  public struct Failed: Error, CustomStringConvertible {
    public var message: String
    public var description: String { "git clone failed: \(message)" }
  }
}
