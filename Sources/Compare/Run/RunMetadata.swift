// `run.json`: how a run was made, for the report's last section and for `--resume`.
//
// The first session's command and date stay; every later `--resume` session is added
// to `sessions`, so the total run time is the sum of the sessions' wall-clock times and
// the history of the run is kept.
import Foundation
import LinearAlgebra

/// Facts about the machine and the inputs that the CLI gathers before a run.
public struct RunEnvironment: Sendable, Equatable, Codable {
  /// The exact command line, e.g. "har compare --all --quick".
  public var command: String
  /// `git rev-parse HEAD` of the package (plus "-dirty" if there were local changes), or "unknown".
  public var gitCommit: String
  /// The CPU model from /proc/cpuinfo.
  public var cpuModel: String
  /// Logical CPUs.
  public var logicalCPUs: Int
  /// OpenBLAS threads in force.
  public var blasThreads: Int
  /// `swift --version`'s first line, or the compiler version this was built with.
  public var swiftVersion: String
  /// `BLASThreads.configuration`.
  public var blasConfiguration: String
  /// The data folder.
  public var dataLocation: String
  /// The checksum of the raw files under `dataLocation`.
  public var dataChecksum: DataChecksum?
  /// The OpenBLAS kernels in force and how they were chosen (`BLASKernels.activeCoreName`
  /// and mode), e.g. "Haswell (reproducible)": deep results' last digits depend on it.
  public var blasKernel: String?

  public init(command: String, gitCommit: String, cpuModel: String, logicalCPUs: Int, blasThreads: Int,
              swiftVersion: String, blasConfiguration: String, dataLocation: String, dataChecksum: DataChecksum?,
              blasKernel: String? = nil) {
    self.command = command; self.gitCommit = gitCommit; self.cpuModel = cpuModel; self.logicalCPUs = logicalCPUs
    self.blasThreads = blasThreads; self.swiftVersion = swiftVersion; self.blasConfiguration = blasConfiguration
    self.dataLocation = dataLocation; self.dataChecksum = dataChecksum; self.blasKernel = blasKernel
  }

  /// Gathers the environment of this process.
  ///
  /// - Parameters:
  ///   - command: the command line to record.
  ///   - dataDirectory: the raw data folder; its files are checksummed (a second or so
  ///     for the full HAPT set) unless `checksum` is false.
  ///   - swiftVersion: `swift --version` output if the CLI has it; nil uses the
  ///     compiler version this module was built with.
  ///   - packageDirectory: where to ask git for the commit; nil = current directory.
  /// - Throws: `CompareError.io` if the data folder cannot be read.
  public static func current(command: String, dataDirectory: URL, swiftVersion: String? = nil,
                             packageDirectory: URL? = nil, checksum: Bool = true) throws -> RunEnvironment {
    RunEnvironment(
      command: command,
      gitCommit: gitCommit(in: packageDirectory),
      cpuModel: cpuModel(),
      logicalCPUs: ProcessInfo.processInfo.activeProcessorCount,
      blasThreads: BLASThreads.count,
      swiftVersion: swiftVersion.map { $0.split(separator: "\n").first.map(String.init) ?? $0 } ?? compilerVersion,
      blasConfiguration: BLASThreads.configuration,
      dataLocation: dataDirectory.path,
      dataChecksum: checksum ? try DataChecksum.compute(directory: dataDirectory) : nil,
      blasKernel: "\(BLASKernels.activeCoreName) (\(BLASKernels.mode.rawValue))")
  }

  /// The compiler this module was built with, e.g. "Swift 6.3 (compiler)".
  public static var compilerVersion: String {
    #if compiler(>=6.4)
    "Swift ≥ 6.4 (compiler)"
    #elseif compiler(>=6.3)
    "Swift 6.3 (compiler)"
    #elseif compiler(>=6.2)
    "Swift 6.2 (compiler)"
    #else
    "Swift < 6.2 (compiler)"
    #endif
  }

  /// The first "model name" line of /proc/cpuinfo, or "unknown".
  public static func cpuModel(cpuinfo: String = "/proc/cpuinfo") -> String {
    guard let text = try? String(contentsOfFile: cpuinfo, encoding: .utf8) else { return "unknown" }
    for line in text.split(separator: "\n") where line.hasPrefix("model name") {
      if let colon = line.firstIndex(of: ":") { return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces) }
    }
    return "unknown"
  }

  /// `git rev-parse HEAD`, with "-dirty" when `git status --porcelain` is not empty.
  public static func gitCommit(in directory: URL?) -> String {
    guard let head = runGit(["rev-parse", "HEAD"], in: directory), !head.isEmpty else { return "unknown" }
    let status = runGit(["status", "--porcelain", "--untracked-files=no"], in: directory) ?? ""
    return status.isEmpty ? head : head + "-dirty"
  }

  private static func runGit(_ arguments: [String], in directory: URL?) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    if let directory { process.currentDirectoryURL = directory }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

/// A model as recorded in `run.json`.
public struct ModelDescription: Sendable, Equatable, Codable {
  public var name: String
  public var input: ModelInput
  public var isDeep: Bool
  public var summary: String
}

/// One invocation of the runner on a results folder.
public struct RunSession: Sendable, Equatable, Codable {
  public var command: String
  /// ISO 8601 start time (UTC).
  public var started: String
  /// Wall-clock seconds so far (updated after every cell).
  public var wallSeconds: Double
  /// Cells computed in this session.
  public var cellsComputed: Int
  /// Cells reused from earlier sessions.
  public var cellsReused: Int
  /// Whether the session ran to its end.
  public var finished: Bool
}

/// The contents of `run.json`.
public struct RunMetadata: Sendable, Equatable, Codable {
  /// Format version; 1.
  public var format: Int
  /// The first session's environment (command, commit, machine, data).
  public var environment: RunEnvironment
  /// ISO 8601 start of the first session.
  public var started: String
  /// The master seed, in decimal.
  public var masterSeed: String
  public var profile: String
  /// Split names, primary first (`SplitKind.name`).
  public var splits: [String]
  /// The splits themselves.
  public var splitKinds: [SplitKind]
  /// The random split's seed and every other split's seed, by split name, in decimal.
  public var splitSeeds: [String: String]
  public var deepSeeds: Int
  public var classicSeeds: Int
  public var epochs: Int?
  public var validationFraction: Double
  /// The models of the leakage check.
  public var leakageModels: [String]
  public var leakageSeeds: Int
  /// The models, in report order.
  public var models: [ModelDescription]
  /// (K) class names.
  public var classNames: [String]
  /// Windows in the data.
  public var windowCount: Int
  /// Columns of the feature matrix (561 for UCI HAR), nil without features.
  public var featureCount: Int?
  /// (T, C) of the signal windows ((128, 9) for UCI HAR), nil without signals.
  public var signalShape: [Int]?
  /// Subjects in the data, sorted.
  public var subjects: [Int]
  /// The feature pipeline (`ComparisonData.featurePipeline`); absent in run.json files
  /// written before it was recorded, which used the "2026-11" pipeline.
  public var featurePipeline: String?
  /// Every session, first to last.
  public var sessions: [RunSession]
  /// The plan: every (model, split, seeds) group with its role; nil in run.json files
  /// written before it was recorded (`plannedGroups` derives it then).
  public var groups: [CellGroup]?
  /// The claims the report checks, built-in and the user's; nil = the built-in ones of
  /// this build (run.json written before claims were recorded).
  public var claims: [PublishedClaim]?
  /// The OpenBLAS kernel in force (e.g. "Haswell"), when recorded.
  public var blasKernel: String?

  /// The sum of all sessions' wall-clock seconds.
  public var totalSeconds: Double { sessions.reduce(0) { $0 + $1.wallSeconds } }
}

/// "2h 03m 04s", "5m 02s", "12.3 s".
func formatDuration(_ seconds: Double) -> String {
  if seconds < 60 { return String(format: "%.1f s", seconds) }
  let s = Int(seconds.rounded())
  if s < 3600 { return String(format: "%dm %02ds", s / 60, s % 60) }
  return String(format: "%dh %02dm %02ds", s / 3600, (s % 3600) / 60, s % 60)
}

/// The current time as ISO 8601 in UTC, to the second.
func isoNow() -> String {
  let f = ISO8601DateFormatter()
  f.formatOptions = [.withInternetDateTime]
  return f.string(from: Date())
}
