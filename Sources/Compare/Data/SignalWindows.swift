// Raw signal windows of a comparison: (count, T, C) in one flat Float array.

/// Raw signal windows, stored as one flat `Float` array.
///
/// Element (i, t, c) lives at `values[(i * timeSteps + t) * channels + c]`: shape
/// (count, timeSteps, channels), row-major, as Deep's [batch, time, channels] layout.
public struct SignalWindows: Sendable, Equatable {
  /// Number of windows.
  public let count: Int
  /// Samples per window (T), 128 for UCI HAR.
  public let timeSteps: Int
  /// Channels per sample (C), 9 for UCI HAR (body acc xyz, body gyro xyz, total acc xyz).
  public let channels: Int
  /// (count, timeSteps, channels), row-major.
  public var values: [Float]

  /// - Precondition: `values.count == count * timeSteps * channels`.
  public init(count: Int, timeSteps: Int, channels: Int, values: [Float]) {
    precondition(count >= 0 && timeSteps > 0 && channels > 0, "SignalWindows shape must be positive, got (\(count), \(timeSteps), \(channels))")
    precondition(values.count == count * timeSteps * channels,
                 "SignalWindows (\(count), \(timeSteps), \(channels)) needs \(count * timeSteps * channels) values, got \(values.count)")
    self.count = count; self.timeSteps = timeSteps; self.channels = channels; self.values = values
  }

  /// Values per window, `timeSteps * channels`.
  public var windowSize: Int { timeSteps * channels }

  /// The windows with the given indices, in that order.
  public func windows(_ indices: [Int]) -> SignalWindows {
    var out = [Float]()
    out.reserveCapacity(indices.count * windowSize)
    values.withUnsafeBufferPointer { v in
      for i in indices { out.append(contentsOf: v[(i * windowSize)..<((i + 1) * windowSize)]) }
    }
    return SignalWindows(count: indices.count, timeSteps: timeSteps, channels: channels, values: out)
  }
}
