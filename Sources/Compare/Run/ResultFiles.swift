// The paths inside a run folder (formats in docs/compare.md).
import Foundation

/// The paths inside a run folder.
struct ResultFiles {
  let directory: URL
  var resultsCSV: URL { directory.appendingPathComponent("results.csv") }
  var runJSON: URL { directory.appendingPathComponent("run.json") }
  var cells: URL { directory.appendingPathComponent("cells") }
  var figures: URL { directory.appendingPathComponent("figures") }
  var readme: URL { directory.appendingPathComponent("README.md") }
  var resultsJSON: URL { directory.appendingPathComponent("results.json") }
  func cell(_ key: CellKey) -> URL { cells.appendingPathComponent(key.fileStem + ".json") }
  /// A planned cell's lock (`--plan DIR --cell I`) and the error file of a failed attempt.
  func cellLock(_ key: CellKey) -> URL { cells.appendingPathComponent(key.fileStem + ".lock") }
  func cellError(_ key: CellKey) -> URL { cells.appendingPathComponent(key.fileStem + ".error") }
  var planJSON: URL { directory.appendingPathComponent("plan.json") }
  var logs: URL { directory.appendingPathComponent("logs") }
}

extension Duration {
  var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
