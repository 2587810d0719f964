// The windows every model sees: one list of windows, with the 561 handcrafted features
// and the raw 9 × 128 signals of exactly those windows, row for row.
//
// Decisions:
// 1. Row i of `features` and window i of `signals` describe `windows[i]`; splits are
//    lists of row indices into this one list, so every model gets the same windows.
// 2. Class labels are the positions of the activities present, in id order
//    (`classes`), so a six-activity run has labels 0..<6 whatever the ids are.
// 3. Validated once here (counts, finiteness); the runner then assumes it holds.
import Features
import LinearAlgebra


/// The data of one comparison: windows with their subject and activity, and the
/// features and raw signals of those windows.
public struct ComparisonData: Sendable {
  /// (n) windows: subject, activity, recording and start.
  public let windows: [WindowIndex]
  /// (n, d) handcrafted features (d = 561 for UCI HAR), unscaled; nil if not computed.
  public let features: Matrix<Double>?
  /// (n, T, C) raw signals; nil if not loaded.
  public let signals: SignalWindows?
  /// The activities present, in id order; label k means `classes[k]`.
  public let classes: [Activity]
  /// (n) labels in `0..<classes.count`.
  public let labels: [Int]
  /// The distinct subjects, sorted.
  public let subjects: [Int]
  /// The feature pipeline that made the windows (`PipelineMethod` raw value, e.g.
  /// "current" or "2026-11", or "custom"): recorded in run.json and checked on resume,
  /// since the same data gives other numbers under another pipeline.
  public let featurePipeline: String

  /// Validates and stores the data.
  ///
  /// - Parameters:
  ///   - windows: (n) windows, n ≥ 1.
  ///   - features: (n, d) features, finite, or nil.
  ///   - signals: (n, T, C) signals, finite, or nil.
  /// - Throws: `CompareError.invalidData` when counts differ, a value is not finite, a
  ///   window set is empty, fewer than two activities are present, or both inputs are nil.
  ///   - featurePipeline: the pipeline's name, for run.json. Default "current".
  public init(windows: [WindowIndex], features: Matrix<Double>?, signals: SignalWindows?,
              featurePipeline: String = PipelineMethod.current.rawValue) throws {
    guard !windows.isEmpty else { throw CompareError.invalidData("no windows") }
    guard features != nil || signals != nil else { throw CompareError.invalidData("neither features nor signals were given") }
    if let features {
      guard features.rows == windows.count else {
        throw CompareError.invalidData("features have \(features.rows) rows but there are \(windows.count) windows")
      }
      if let bad = features.elements.firstIndex(where: { !$0.isFinite }) {
        throw CompareError.invalidData("feature \(bad % features.columns + 1) of window \(bad / features.columns) is \(features.elements[bad])")
      }
    }
    if let signals {
      guard signals.count == windows.count else {
        throw CompareError.invalidData("signals hold \(signals.count) windows but there are \(windows.count) windows")
      }
      if let bad = signals.values.firstIndex(where: { !$0.isFinite }) {
        throw CompareError.invalidData("signal value of window \(bad / signals.windowSize) is \(signals.values[bad])")
      }
    }
    let classes = Array(Set(windows.map(\.activity))).sorted()
    guard classes.count >= 2 else {
      throw CompareError.invalidData("need at least two activities, found \(classes.map(\.name))")
    }
    var position: [Activity: Int] = [:]
    for (k, a) in classes.enumerated() { position[a] = k }
    self.windows = windows
    self.features = features
    self.signals = signals
    self.classes = classes
    self.labels = windows.map { position[$0.activity]! }
    self.subjects = Array(Set(windows.map(\.subject))).sorted()
    self.featurePipeline = featurePipeline
  }

  /// Number of windows, n.
  public var count: Int { windows.count }
  /// Number of classes, K.
  public var classCount: Int { classes.count }
  /// The class names for reports, e.g. "WALKING".
  public var classNames: [String] { classes.map(\.name) }
}
