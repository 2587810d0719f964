// Per-channel standardisation of sequences, fitted on training data only (DESIGN.md:
// scaling is a separate step fitted on the training subjects).

/// x' = (x − mean[c]) / std[c] for every value of channel c, with the mean and population
/// standard deviation (divisor N·T) of each channel over all steps of all training examples.
/// A constant channel (std < 1e-12) gets std 1, so it maps to 0 instead of dividing by zero:
/// scikit-learn's `StandardScaler` convention, as in Classic's `ColumnScaler`
/// (`.standardization`); the min–max scalers map a constant column to their lower bound.
public struct ChannelStandardizer: Sendable, Hashable, Codable {
  /// Per-channel mean, (C).
  public let mean: [Float]
  /// Per-channel population standard deviation, (C).
  public let standardDeviation: [Float]

  /// C.
  public var channels: Int { mean.count }

  /// Fits the statistics (accumulated in Double).
  /// - Parameter inputs: (N, T, C) row-major, N·T ≥ 1, every value finite.
  /// - Throws: `TrainingError.invalidDataset` when `inputs.count` is not a positive multiple
  ///   of C or a value is not finite.
  public init(fitting inputs: [Float], channels: Int) throws {
    guard channels > 0, !inputs.isEmpty, inputs.count % channels == 0 else {
      throw TrainingError.invalidDataset("\(inputs.count) values are not a positive multiple of \(channels) channels")
    }
    var sum = [Double](repeating: 0, count: channels)
    for (i, v) in inputs.enumerated() {
      guard v.isFinite else { throw TrainingError.invalidDataset("value \(v) at index \(i) (channel \(i % channels)) is not finite") }
      sum[i % channels] += Double(v)
    }
    let rows = Double(inputs.count / channels)
    let mean = sum.map { $0 / rows }
    var squares = [Double](repeating: 0, count: channels)
    for (i, v) in inputs.enumerated() {
      let d = Double(v) - mean[i % channels]
      squares[i % channels] += d * d
    }
    self.mean = mean.map { Float($0) }
    standardDeviation = squares.map { s in
      let std = (s / rows).squareRoot()
      return std < 1e-12 ? 1 : Float(std)
    }
  }

  /// Fits on a dataset's inputs.
  public init(fitting dataset: SequenceDataset) throws {
    try self.init(fitting: dataset.inputs, channels: dataset.channels)
  }

  /// The standardised values, same layout (N, T, C).
  /// - Throws: `TrainingError.invalidDataset` when `inputs.count` is not a multiple of C.
  public func transform(_ inputs: [Float]) throws -> [Float] {
    guard inputs.count % channels == 0 else {
      throw TrainingError.invalidDataset("\(inputs.count) values are not a multiple of the \(channels) fitted channels")
    }
    let scale = standardDeviation.map { 1 / $0 }
    var out = inputs
    out.withUnsafeMutableBufferPointer { o in
      var i = 0
      while i < o.count {
        for c in 0..<channels { o[i + c] = (o[i + c] - mean[c]) * scale[c] }
        i += channels
      }
    }
    return out
  }

  /// A dataset with standardised inputs and the same labels.
  /// - Throws: `TrainingError.invalidDataset` when the channel count differs.
  public func transform(_ dataset: SequenceDataset) throws -> SequenceDataset {
    guard dataset.channels == channels else {
      throw TrainingError.invalidDataset("dataset has \(dataset.channels) channels, the standardizer was fitted on \(channels)")
    }
    return try SequenceDataset(inputs: transform(dataset.inputs), labels: dataset.labels,
                               timeSteps: dataset.timeSteps, channels: dataset.channels)
  }
}
