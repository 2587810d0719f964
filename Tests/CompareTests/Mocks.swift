// Mock models and a small synthetic dataset, so the runner and reports are tested end
// to end without Classic or Deep.
import Compare
import Features
import LinearAlgebra

/// A synthetic dataset: `subjects` subjects × 6 activities × `perActivity` windows,
/// 6 features and (T = 8, C = 3) signals whose means depend on the activity, plus a
/// per-subject offset and seeded noise, so nearest-centroid models are good, not perfect.
func syntheticData(subjects: Int = 30, perActivity: Int = 3, seed: UInt64 = 7, featurePipeline: String = "current") throws -> ComparisonData {
  var g = SeededGenerator(seed: seed)
  var windows: [WindowIndex] = []
  var features: [Double] = []
  var signals: [Float] = []
  for s in 1...subjects {
    let offset = 0.6 * g.nextNormal()
    for a in Activity.basic {
      for w in 0..<perActivity {
        windows.append(WindowIndex(experiment: s, subject: s, activity: a, start: w * 64))
        let center = Double(a.rawValue)
        for d in 0..<6 { features.append(center * Double(d % 3 + 1) + offset + 0.9 * g.nextNormal()) }
        for _ in 0..<8 { for c in 0..<3 { signals.append(Float(center * Double(c + 1) + offset + 1.2 * g.nextNormal())) } }
      }
    }
  }
  let n = windows.count
  return try ComparisonData(windows: windows, features: Matrix(rows: n, columns: 6, elements: features),
                            signals: SignalWindows(count: n, timeSteps: 8, channels: 3, values: signals),
                            featurePipeline: featurePipeline)
}

/// Nearest class centroid (Euclidean) on rows of a matrix.
private func nearestCentroid(train: [[Double]], labels: [Int], classCount: Int, test: [[Double]]) -> [Int] {
  let d = train.first?.count ?? 0
  var sums = [[Double]](repeating: [Double](repeating: 0, count: d), count: classCount)
  var counts = [Int](repeating: 0, count: classCount)
  for (x, y) in zip(train, labels) { counts[y] += 1; for j in 0..<d { sums[y][j] += x[j] } }
  let centroids = sums.enumerated().map { k, s in s.map { counts[k] > 0 ? $0 / Double(counts[k]) : .infinity } }
  return test.map { x in
    (0..<classCount).min { a, b in
      zip(x, centroids[a]).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } < zip(x, centroids[b]).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    }!
  }
}

/// A classical stand-in: nearest centroid on the scaled features. Deterministic; reports
/// a fixed fit time so that reports are byte-stable.
struct MockCentroid: ComparableModel {
  var name = "centroid"
  var input: ModelInput { .features }
  var isDeep: Bool { false }
  var summary: String { "nearest centroid on the scaled features (test mock)" }

  func run(_ task: CellTask, progress: @Sendable (CellProgress) -> Void) throws -> CellOutcome {
    let train = task.trainFeatures!, test = task.testFeatures!
    let rows = { (m: Matrix<Double>) in (0..<m.rows).map { Array(m.row($0)) } }
    let predictions = nearestCentroid(train: rows(train), labels: task.trainLabels, classCount: task.classCount, test: rows(test))
    let fitted = nearestCentroid(train: rows(train), labels: task.trainLabels, classCount: task.classCount, test: rows(train))
    let trainingAccuracy = Double(zip(fitted, task.trainLabels).filter { $0 == $1 }.count) / Double(task.trainCount)
    return CellOutcome(predictions: predictions, fitSeconds: 0.25, predictSeconds: 0.01,
                       parameterCount: task.classCount * train.columns, trainingAccuracy: trainingAccuracy,
                       notes: ["mock: no solver"])
  }
}

/// A deep stand-in: channel means → nearest centroid on the non-validation rows, then a
/// seeded ~8 % of predictions replaced by random classes (so seeds differ), and a
/// made-up but deterministic per-epoch history.
struct MockDeep: ComparableModel {
  var name = "fake-deep"
  var defaultEpochs = 4
  var input: ModelInput { .raw }
  var isDeep: Bool { true }
  var summary: String { "channel means → nearest centroid, seeded noise (test mock)" }

  func run(_ task: CellTask, progress: @Sendable (CellProgress) -> Void) throws -> CellOutcome {
    let train = task.trainSignals!, test = task.testSignals!
    func means(_ s: SignalWindows) -> [[Double]] {
      (0..<s.count).map { i in
        (0..<s.channels).map { c in (0..<s.timeSteps).reduce(0.0) { $0 + Double(s.values[(i * s.timeSteps + $1) * s.channels + c]) } / Double(s.timeSteps) }
      }
    }
    let fitRows = task.fitRows
    let trainMeans = means(train)
    let x = fitRows.map { trainMeans[$0] }, y = fitRows.map { task.trainLabels[$0] }
    var g = SeededGenerator(seed: task.seed)
    var predictions = nearestCentroid(train: x, labels: y, classCount: task.classCount, test: means(test))
    for i in predictions.indices where g.nextUnitDouble() < 0.08 { predictions[i] = g.nextInt(below: task.classCount) }
    let epochs = task.epochs ?? defaultEpochs
    var history: [EpochSummary] = []
    for e in 1...epochs {
      let jitter = 0.02 * g.nextUnitDouble()
      let record = EpochSummary(epoch: e, trainLoss: 1.5 / Double(e) + jitter, trainAccuracy: min(1, 0.5 + 0.1 * Double(e)),
                               validationLoss: task.validation.isEmpty ? nil : 1.7 / Double(e) + jitter,
                               validationAccuracy: task.validation.isEmpty ? nil : min(1, 0.45 + 0.1 * Double(e)))
      history.append(record)
      progress(CellProgress(epoch: e, epochs: epochs, message: "train loss \(record.trainLoss)"))
    }
    let fitted = nearestCentroid(train: x, labels: y, classCount: task.classCount, test: x)
    let trainingAccuracy = Double(zip(fitted, y).filter { $0 == $1 }.count) / Double(y.count)
    return CellOutcome(predictions: predictions, fitSeconds: 1.5, predictSeconds: 0.05, parameterCount: 1234,
                       epochs: epochs, history: history, trainingAccuracy: trainingAccuracy)
  }
}

/// A model that breaks the contract (too few predictions), for error tests.
struct BrokenModel: ComparableModel {
  var name = "broken"
  var input: ModelInput { .features }
  var isDeep: Bool { false }
  func run(_ task: CellTask, progress: @Sendable (CellProgress) -> Void) throws -> CellOutcome {
    CellOutcome(predictions: [0], fitSeconds: 0, predictSeconds: 0, parameterCount: 0)
  }
}

/// A test environment for run.json (no git, no checksum).
let testEnvironment = RunEnvironment(
  command: "har compare --all --name test", gitCommit: "0123abc", cpuModel: "Test CPU", logicalCPUs: 2, blasThreads: 1,
  swiftVersion: "Swift 6.3 (test)", blasConfiguration: "OpenBLAS (test)", dataLocation: "/data/HAPT",
  dataChecksum: DataChecksum(algorithm: "fnv1a64", value: "00000000deadbeef", fileCount: 3, byteCount: 1000))
