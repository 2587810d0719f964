// A subset of the raw signal channels, by name, for models (and claims) that read fewer
// than the nine UCI HAR channels, e.g. a 6-channel accelerometer + gyroscope model.
//
// The nine channels, in the order of `SignalWindows` (and of the text layout's
// Inertial Signals): body_acc x y z, body_gyro x y z, total_acc x y z. A group name
// (`body_acc`) selects its three axes, an axis name (`body_acc_x`) one channel. The
// selection keeps the order the names are given in.

/// Channels chosen by name from the nine UCI HAR channels.
public struct ChannelSelection: Sendable, Equatable, Hashable, Codable {
  /// The channel groups, in data order.
  public static let groups = ["body_acc", "body_gyro", "total_acc"]
  /// Every channel's name, in data order: `body_acc_x` … `total_acc_z`.
  public static let channelNames: [String] = groups.flatMap { g in ["x", "y", "z"].map { "\(g)_\($0)" } }

  /// The names as given.
  public let names: [String]
  /// Indices into the nine channels, in the order selected.
  public let indices: [Int]

  /// - Throws: `CompareError.invalidOption` (property `channels`) for an empty list, an
  ///   unknown name (listing the valid ones) or a channel chosen twice.
  public init(_ names: [String]) throws {
    guard !names.isEmpty else {
      throw CompareError.invalidOption(name: "channels", expected: "at least one of \(Self.groups.joined(separator: ", "))", found: "nothing")
    }
    var indices: [Int] = []
    for name in names {
      if let g = Self.groups.firstIndex(of: name) { indices += [3 * g, 3 * g + 1, 3 * g + 2] }
      else if let c = Self.channelNames.firstIndex(of: name) { indices.append(c) }
      else {
        throw CompareError.invalidOption(name: "channels", expected: "channel groups \(Self.groups.joined(separator: ", ")) or axes such as body_acc_x",
                                         found: "'\(name)'")
      }
    }
    guard Set(indices).count == indices.count else {
      throw CompareError.invalidOption(name: "channels", expected: "each channel once", found: names.joined(separator: ","))
    }
    self.names = names
    self.indices = indices
  }

  /// The channel count C of the selection.
  public var count: Int { indices.count }

  /// "total_acc + body_gyro".
  public var summary: String { names.joined(separator: " + ") }

  /// The selected channels of `windows`, (count, T, C_selected).
  /// - Throws: `CompareError.invalidOption` when the windows have fewer channels than a selected index.
  public func apply(to windows: SignalWindows) throws -> SignalWindows {
    guard let top = indices.max(), top < windows.channels else {
      throw CompareError.invalidOption(name: "channels", expected: "channels of \(windows.channels)-channel windows", found: summary)
    }
    let c = indices.count, source = windows.channels
    var out = [Float](repeating: 0, count: windows.count * windows.timeSteps * c)
    windows.values.withUnsafeBufferPointer { v in
      out.withUnsafeMutableBufferPointer { o in
        for row in 0..<(windows.count * windows.timeSteps) {
          for (j, k) in indices.enumerated() { o[row * c + j] = v[row * source + k] }
        }
      }
    }
    return SignalWindows(count: windows.count, timeSteps: windows.timeSteps, channels: c, values: out)
  }
}
