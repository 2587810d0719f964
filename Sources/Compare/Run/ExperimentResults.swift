// The results of a run read back from its folder: the source of every report.
import Foundation

/// The results of a run, read back from its folder: the source of every report.
public struct ExperimentResults: Sendable {
  /// The folder the results were read from.
  public var directory: URL
  public var metadata: RunMetadata
  /// The finished cells of the plan in `run.json`, in report order (model, split,
  /// fold, seed); cells not finished are absent.
  public var cells: [CellRecord]
  /// Cells whose last attempt failed (`cells/<cell>.error`, written by a planned cell's
  /// worker) and that have no result: (file stem, message).
  public var failedCells: [(cell: String, message: String)] = []

  /// Reads `run.json`, `results.csv` and the cell files of a run folder; every cell is
  /// checked (`CellRecord.validate`, its key, the same classes as the others).
  /// - Throws: `CompareError.io`, `.malformedResults` or `.invalidCell`.
  public static func load(from directory: URL) throws -> ExperimentResults {
    let files = ResultFiles(directory: directory)
    let metadata = try JSON.decode(RunMetadata.self, from: files.runJSON)
    let rows = FileIO.exists(files.resultsCSV) ? try ResultsTable.read(files.resultsCSV).rows : []
    let modelOrder = Dictionary(metadata.models.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    let splitOrder = Dictionary(metadata.splitKinds.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    let seedsByGroup = Dictionary(metadata.plannedGroups.map { ("\($0.model)/\($0.split)", $0.seeds) }, uniquingKeysWith: { a, _ in a })
    var byKey: [CellKey: CellRecord] = [:]
    for row in rows {
      guard modelOrder[row.key.model] != nil, splitOrder[row.key.split] != nil,
            let seeds = seedsByGroup["\(row.key.model)/\(row.key.split)"] else { continue }
      let url = files.cell(row.key)
      let record = try JSON.decode(CellRecord.self, from: url)
      guard record.key == row.key else {
        throw CompareError.invalidCell(file: url.path, expected: "cell \(row.key), as its row in results.csv says", found: "cell \(record.key)")
      }
      try record.validate(file: url.path)
      if let first = byKey.values.first, first.classNames != record.classNames {
        throw CompareError.invalidCell(file: url.path, expected: "the classes of the other cells (\(first.classNames.joined(separator: ", ")))",
                                       found: record.classNames.joined(separator: ", "))
      }
      if row.key.seedIndex >= seeds { continue }
      byKey[row.key] = record
    }
    let cells = byKey.values.sorted {
      (modelOrder[$0.key.model]!, splitOrder[$0.key.split]!, $0.key.fold, $0.key.seedIndex)
        < (modelOrder[$1.key.model]!, splitOrder[$1.key.split]!, $1.key.fold, $1.key.seedIndex)
    }
    var results = ExperimentResults(directory: directory, metadata: metadata, cells: cells)
    let finished = Set(cells.map(\.key.fileStem))
    let errorFiles = (try? FileManager.default.contentsOfDirectory(atPath: files.cells.path)) ?? []
    for name in errorFiles.sorted() where name.hasSuffix(".error") {
      let stem = String(name.dropLast(".error".count))
      guard !finished.contains(stem) else { continue }
      let text = String(decoding: (try? FileIO.read(files.cells.appendingPathComponent(name))) ?? Data(), as: UTF8.self)
      results.failedCells.append((stem, text.trimmingCharacters(in: .whitespacesAndNewlines)))
    }
    return results
  }
}
