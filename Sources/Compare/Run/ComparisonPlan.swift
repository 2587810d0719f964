// `plan.json`: a comparison resolved into its cells without training anything, so that
// any process — a SLURM array task, a local worker of `--jobs`, a Kubernetes indexed
// job — can run one cell on its own and a merge can write the report.
//
// Decisions, in priority order:
// 1. The plan is the single source of truth: the cell list (index = position), the
//    data's location and checksum, the feature pipeline, and the arguments that built
//    it. A worker rebuilds the comparison from those arguments and must arrive at the
//    same cells in the same order (`Experiment.check(against:)`), or it refuses.
// 2. Shared inputs are not copied: each worker reloads the raw data from the recorded
//    location (a shared filesystem on a cluster) and the checksum proves it is the same
//    data. Features and splits are deterministic functions of the data and the seeds.
// 3. The run folder is the same as a serial run's (`cells/`, `results.csv`, `run.json`,
//    README), so `--resume`, `--merge` and the report work on either.
import Foundation

/// The contents of `plan.json`.
public struct ComparisonPlan: Sendable, Equatable, Codable {
  /// Format version; 1.
  public var format: Int
  /// The options of the command that made the plan (a tool's own, opaque to Compare),
  /// from which a worker rebuilds the comparison.
  public var arguments: [String]
  /// ISO 8601 time the plan was first written.
  public var created: String
  /// The raw data folder and its checksum.
  public var dataLocation: String
  public var dataChecksum: DataChecksum?
  /// The feature pipeline's name.
  public var featurePipeline: String
  /// Every cell, in the order of `Experiment.cells`; a cell's index is its position.
  public var cells: [CellKey]

  public init(arguments: [String], created: String, dataLocation: String, dataChecksum: DataChecksum?,
              featurePipeline: String, cells: [CellKey]) {
    format = 1
    self.arguments = arguments; self.created = created; self.dataLocation = dataLocation
    self.dataChecksum = dataChecksum; self.featurePipeline = featurePipeline; self.cells = cells
  }

  /// Reads `DIR/plan.json`.
  /// - Throws: `CompareError.io` when it is missing, `.malformedResults` when it does not parse.
  public static func read(from directory: URL) throws -> ComparisonPlan {
    let url = ResultFiles(directory: directory).planJSON
    guard FileIO.exists(url) else {
      throw CompareError.io(path: url.path, reason: "no plan here; write one first with the comparison's options and the plan folder")
    }
    let plan = try JSON.decode(ComparisonPlan.self, from: url)
    guard plan.format == 1 else { throw CompareError.planMismatch(file: url.path, reason: "expected plan format 1, found \(plan.format)") }
    return plan
  }

  /// The cell at `index`.
  /// - Throws: `CompareError.invalidOption` (property `cell`) outside 0..<cells.count.
  public func cell(_ index: Int) throws -> CellKey {
    guard cells.indices.contains(index) else {
      throw CompareError.invalidOption(name: "cell", expected: "a cell index in 0…\(cells.count - 1) (the plan has \(cells.count) cells)", found: "\(index)")
    }
    return cells[index]
  }

  /// Indices of the cells without a finished result in `directory` (not run, killed or
  /// failed), in plan order.
  public func unfinishedCells(in directory: URL) -> [Int] {
    let files = ResultFiles(directory: directory)
    return cells.indices.filter { Experiment.finishedRecord(cells[$0], files: files) == nil }
  }
}
