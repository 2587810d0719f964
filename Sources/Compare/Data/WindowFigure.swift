// One window as a class sees it: its raw channels over 2.56 s and the amplitude spectrum
// of one channel, picked from the windows every model reads (`ComparisonData`), so the
// figure shows exactly what the features are computed from and what the deep models read.
//
// Decisions:
// 1. The window is the first of the recording (and subject) whose start is at or after
//    the asked sample: windows are cut inside labelled segments, so an arbitrary sample
//    need not start one, and "the first window from here" always names one.
// 2. The spectrum is |X[k]| of the 128 samples as they are (`FFTPlan.amplitudeSpectrum`,
//    no window function, no mean removal), k = 0…64 at k · 50/128 Hz: what the
//    frequency-domain features of features_info.txt start from.
import Features

/// A window's channels and one channel's amplitude spectrum, ready to draw.
public struct WindowFigure: Sendable {
  /// The window shown.
  public let window: WindowIndex
  /// (T, C) the window's values, time-major, in the data's channel order.
  public let values: [[Double]]
  /// The channel names, (C): `body_acc_x` … `total_acc_z` for the nine UCI HAR channels.
  public let channelNames: [String]
  /// The channel whose spectrum is shown.
  public let spectrumChannel: String
  /// (T/2 + 1) amplitudes |X[k]|.
  public let spectrum: [Double]
  /// The sampling rate, Hz.
  public let samplingRateHz: Double

  /// The first window of `experiment` (and `subject`, if given) starting at or after `start`.
  ///
  /// - Parameters:
  ///   - data: the windows with their raw signals.
  ///   - channel: the spectrum's channel by name (`body_acc_x`); its index for data
  ///     without the nine named channels.
  /// - Throws: `CompareError.invalidOption` naming `experiment`, `subject`, `start` or
  ///   `channel` when no window matches (with what the data holds), and `.missingInput`
  ///   without raw signals.
  public init(data: ComparisonData, experiment: Int, subject: Int? = nil, start: Int = 0, channel: String = "body_acc_x",
              samplingRateHz: Double = 50) throws {
    guard let signals = data.signals else { throw CompareError.missingInput(model: "the window figure", input: "raw signal") }
    let inRecording = data.windows.indices.filter { data.windows[$0].experiment == experiment }
    guard let first = inRecording.first else {
      let experiments = Array(Set(data.windows.map(\.experiment))).sorted()
      throw CompareError.invalidOption(name: "experiment", expected: "a recording with windows (\(CompareError.ranges(experiments)))", found: "\(experiment)")
    }
    if let subject, data.windows[first].subject != subject {
      throw CompareError.invalidOption(name: "subject", expected: "the subject of experiment \(experiment) (\(data.windows[first].subject))", found: "\(subject)")
    }
    guard let row = inRecording.filter({ data.windows[$0].start >= start }).min(by: { data.windows[$0].start < data.windows[$1].start }) else {
      let last = inRecording.map { data.windows[$0].start }.max()!
      throw CompareError.invalidOption(name: "start", expected: "a sample ≤ \(last), the start of the last window of experiment \(experiment)", found: "\(start)")
    }
    let names = signals.channels == ChannelSelection.channelNames.count ? ChannelSelection.channelNames : (0..<signals.channels).map { "channel \($0 + 1)" }
    guard let c = names.firstIndex(of: channel) ?? Int(channel).flatMap({ (1...signals.channels).contains($0) ? $0 - 1 : nil }) else {
      throw CompareError.invalidOption(name: "channel", expected: "one of \(names.joined(separator: ", "))", found: "'\(channel)'")
    }
    let t = signals.timeSteps, base = row * signals.windowSize
    values = (0..<t).map { s in (0..<signals.channels).map { Double(signals.values[base + s * signals.channels + $0]) } }
    window = data.windows[row]
    channelNames = names
    spectrumChannel = names[c]
    spectrum = FFTPlan(size: t).amplitudeSpectrum(values.map { $0[c] })
    self.samplingRateHz = samplingRateHz
  }

  /// The frequency of spectrum bin k, Hz: k · rate / T.
  public func frequencyHz(bin k: Int) -> Double { Double(k) * samplingRateHz / Double(values.count) }

  /// The figure as a standalone SVG document.
  public var svg: String { Figures.window(self) }
}
