// Progress events of a run, for stderr.
import Foundation

/// A progress event from the runner, for stderr.
public enum ExperimentEvent: Sendable, CustomStringConvertible {
  /// Something the user should know, e.g. a dropped torn line.
  case warning(String)
  /// The plan: cells in total, reused from an earlier session, to compute now.
  case planned(total: Int, reused: Int, toCompute: Int)
  /// A cell is starting; `index` is 1-based among the cells computed this session.
  case cellStarted(CellKey, index: Int, of: Int, etaSeconds: Double?)
  /// Progress inside a cell (an epoch).
  case cellProgress(CellKey, index: Int, of: Int, CellProgress)
  /// A cell finished.
  case cellFinished(CellKey, index: Int, of: Int, accuracy: Double, seconds: Double, etaSeconds: Double?)

  public var description: String {
    func eta(_ s: Double?) -> String { s.map { ", ETA \(formatDuration($0))" } ?? "" }
    switch self {
    case let .warning(m): return "warning: \(m)"
    case let .planned(total, reused, toCompute):
      return "compare: \(total) cells, \(reused) already done, \(toCompute) to run"
    case let .cellStarted(key, i, n, s): return "[\(i)/\(n)] \(key)\(eta(s))"
    case let .cellProgress(key, i, n, p):
      let epoch = p.epochs > 0 ? "epoch \(p.epoch)/\(p.epochs)" : "epoch \(p.epoch)"
      return "[\(i)/\(n)] \(key): \(epoch) \(p.message)"
    case let .cellFinished(key, i, n, accuracy, seconds, s):
      return "[\(i)/\(n)] \(key): accuracy \(String(format: "%.2f", 100 * accuracy)) % in \(formatDuration(seconds))\(eta(s))"
    }
  }
}
