// Runs the built `har` executable, for tests of the command line (exit status, messages).
import Foundation

/// The result of one `har` invocation.
public struct CommandResult: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String
}

public enum HarExecutable {
  /// The `har` binary built beside the running test bundle (same configuration), or in
  /// `.build/release` / `.build/debug`; nil when it has not been built.
  public static var url: URL? {
    let fm = FileManager.default
    var candidates: [URL] = []
    let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var dir = testBinary.deletingLastPathComponent()
    for _ in 0..<4 {  // the .xctest bundle may nest the binary a few levels down
      candidates.append(dir.appendingPathComponent("har"))
      dir = dir.deletingLastPathComponent()
    }
    candidates.append(RealData.packageRoot.appendingPathComponent(".build/release/har"))
    candidates.append(RealData.packageRoot.appendingPathComponent(".build/debug/har"))
    return candidates.first { fm.isExecutableFile(atPath: $0.path) && !$0.hasDirectoryPath }
  }

  /// Runs `har` with `arguments` in `workingDirectory`, with `environment` added to (or,
  /// for keys mapped to nil, removed from) the current environment.
  public static func run(
    _ arguments: [String], workingDirectory: URL? = nil, environment: [String: String?] = [:]
  ) throws -> CommandResult {
    guard let url else { throw NotBuilt() }
    let p = Process()
    p.executableURL = url
    p.arguments = arguments
    if let workingDirectory { p.currentDirectoryURL = workingDirectory }
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    p.environment = env
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    // Read both pipes before waiting, so a chatty child cannot block on a full pipe.
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    return CommandResult(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
  }

  public struct NotBuilt: Error, CustomStringConvertible {
    public var description: String { "the har executable is not built: run scripts/test, or swift build -c release --product har" }
  }
}
