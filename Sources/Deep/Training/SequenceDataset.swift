// A labelled set of fixed-length multichannel sequences, validated once when built.

/// N examples of shape (T, C) with integer labels, stored row-major as (N, T, C).
public struct SequenceDataset: Sendable {
  /// (N, T, C), row-major.
  public let inputs: [Float]
  /// N labels, each ≥ 0.
  public let labels: [Int]
  /// T.
  public let timeSteps: Int
  /// C.
  public let channels: Int

  /// N.
  public var count: Int { labels.count }

  /// - Parameters:
  ///   - inputs: (N, T, C), row-major; every value finite.
  ///   - labels: N labels in 0..<K (K is checked against the model by `fit`).
  /// - Throws: `TrainingError.invalidDataset` for a count mismatch, a non-finite value
  ///   (naming the example, step and channel) or a negative label.
  public init(inputs: [Float], labels: [Int], timeSteps: Int, channels: Int) throws {
    guard timeSteps > 0 && channels > 0 else {
      throw TrainingError.invalidDataset("need T > 0 and C > 0, got T = \(timeSteps), C = \(channels)")
    }
    guard inputs.count == labels.count * timeSteps * channels else {
      throw TrainingError.invalidDataset(
        "\(labels.count) labels need \(labels.count) × \(timeSteps) × \(channels) = \(labels.count * timeSteps * channels) input values, found \(inputs.count)")
    }
    if let i = inputs.firstIndex(where: { !$0.isFinite }) {
      let perExample = timeSteps * channels
      throw TrainingError.invalidDataset(
        "input value \(inputs[i]) at example \(i / perExample), step \(i % perExample / channels), channel \(i % channels) is not finite")
    }
    if let i = labels.firstIndex(where: { $0 < 0 }) {
      throw TrainingError.invalidDataset("label \(labels[i]) of example \(i) is negative")
    }
    self.inputs = inputs
    self.labels = labels
    self.timeSteps = timeSteps
    self.channels = channels
  }
}
