// The window figure: which window it picks, the spectrum of an analytic case, its errors,
// and a well-formed SVG.
import Compare
import Features
import Foundation
import LinearAlgebra
import Testing
import _TestSupport

@Suite struct WindowFigureTests {
  /// Two windows of experiment 1 (subject 3), starts 0 and 64, T = 16, C = 3; channel 0
  /// of the second window is 0.5 + 2 sin(2π · 2t/16): bin 2 of a 16-point FFT.
  func data() throws -> ComparisonData {
    let t = 16, c = 3
    let windows = [WindowIndex(experiment: 1, subject: 3, activity: .walking, start: 0),
                   WindowIndex(experiment: 1, subject: 3, activity: .sitting, start: 64)]
    var values = [Float](repeating: 0.25, count: 2 * t * c)
    for s in 0..<t { values[(t + s) * c] = Float(0.5 + 2 * sin(2 * Double.pi * 2 * Double(s) / Double(t))) }
    return try ComparisonData(windows: windows, features: nil, signals: SignalWindows(count: 2, timeSteps: t, channels: c, values: values))
  }

  @Test func picksTheFirstWindowFromTheStartAndItsSpectrum() throws {
    let f = try WindowFigure(data: try data(), experiment: 1, subject: 3, start: 1, channel: "1")
    #expect(f.window.start == 64 && f.window.activity == .sitting)
    #expect(f.values.count == 16 && f.values[0].count == 3 && f.channelNames == ["channel 1", "channel 2", "channel 3"])
    // |X[0]| = 16 · 0.5 (the mean), |X[2]| = 16 · 2 / 2 (a sine of amplitude 2), the rest 0.
    #expect(f.spectrum.count == 9)
    #expect(abs(f.spectrum[0] - 8) < 1e-5 && abs(f.spectrum[2] - 16) < 1e-4)
    for k in [1, 3, 4, 5, 6, 7, 8] { #expect(abs(f.spectrum[k]) < 1e-4, "bin \(k): \(f.spectrum[k])") }
    #expect(f.frequencyHz(bin: 2) == 2 * 50.0 / 16)
    #expect(try WindowFigure(data: try data(), experiment: 1, start: 0, channel: "1").window.start == 0)
  }

  @Test func windowsThatDoNotExistAreErrors() throws {
    let d = try data()
    #expect(throws: CompareError.self) { try WindowFigure(data: d, experiment: 2, channel: "1") }
    #expect(throws: CompareError.self) { try WindowFigure(data: d, experiment: 1, subject: 4, channel: "1") }
    #expect(throws: CompareError.self) { try WindowFigure(data: d, experiment: 1, start: 65, channel: "1") }
    #expect(throws: CompareError.self) { try WindowFigure(data: d, experiment: 1, channel: "body_acc_x") }
    #expect(throws: CompareError.self) { try WindowFigure(data: d, experiment: 1, channel: "4") }
  }

  @Test func figureIsAWellFormedStandaloneSVG() throws {
    let url = try RealData.temporaryDirectory("window").appendingPathComponent("window.svg")
    try Data(try WindowFigure(data: try data(), experiment: 1, start: 64, channel: "1").svg.utf8).write(to: url)
    let svg = try SVGInspector.inspect(url)
    #expect(svg.rootAttributes["viewBox"] != nil && svg.elements["external", default: 0] == 0)
    // One panel of three channels and the spectrum.
    #expect(svg.elements["polyline", default: 0] == 3 + 1)
    #expect(svg.texts.contains("time (s)") && svg.texts.contains("frequency (Hz)") && svg.texts.contains("channel 2"))
  }
}
