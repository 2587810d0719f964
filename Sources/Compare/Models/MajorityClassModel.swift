// The floor every model must clear: always predict the most frequent activity of the
// training rows. It runs through the same cells as every model, so its accuracy gets
// the same subject-bootstrap interval and its row sits in the same tables.
import Dispatch

/// The majority-class baseline as a comparable model (`MajorityBaseline`).
public struct MajorityClassModel: ComparableModel {
  public init() {}

  public var name: String { "majority-class" }
  /// It reads no input; `.features` places it beside the classical models.
  public var input: ModelInput { .features }
  public var isDeep: Bool { false }
  public var summary: String { "always the most frequent activity of the training windows (lowest label on ties)" }

  public func run(_ task: CellTask, progress: @Sendable (CellProgress) -> Void) throws -> CellOutcome {
    let start = DispatchTime.now().uptimeNanoseconds
    let labels = task.fitRows.map { task.trainLabels[$0] }
    guard !labels.isEmpty else {
      throw CompareError.invalidOption(name: "training rows", expected: "at least one for \(name)", found: "none")
    }
    let baseline = MajorityBaseline(trainingLabels: labels, classCount: task.classCount)
    let fitSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let correct = labels.filter { $0 == baseline.majorityClass }.count
    return CellOutcome(
      predictions: [Int](repeating: baseline.majorityClass, count: task.testCount), fitSeconds: fitSeconds,
      predictSeconds: 0, parameterCount: 1, trainingAccuracy: Double(correct) / Double(labels.count),
      notes: ["predicts \(task.classNames[baseline.majorityClass])"])
  }
}
