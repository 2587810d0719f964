// The window figure (`WindowFigure`): one panel per group of three channels (x, y, z over
// time) and the amplitude spectrum of one channel, in the style of SVG.swift.
import Foundation

extension Figures {
  /// Axis colours x, y, z (Okabe–Ito).
  static let axisColors = ["#0072B2", "#D55E00", "#009E73"]

  static func window(_ w: WindowFigure) -> String {
    let t = w.values.count, c = w.channelNames.count
    let groups = stride(from: 0, to: c, by: 3).map { Array($0..<min($0 + 3, c)) }
    let left = 70.0, panelWidth = 620.0, panelHeight = 130.0, gap = 50.0, top = 70.0
    let spectrumTop = top + Double(groups.count) * (panelHeight + gap) + 10
    let width = left + panelWidth + 140, height = spectrumTop + panelHeight + 70
    let seconds = Double(t) / w.samplingRateHz
    let title = "Subject \(w.window.subject), experiment \(w.window.experiment), samples \(w.window.start)–\(w.window.start + t - 1) (\(w.window.activity.name)): \(String(format: "%.2f", seconds)) s"
    var svg = SVGDocument(width: width, height: height, title: title)
    svg.text(title, x: width / 2, y: 24, size: 15, anchor: .middle, weight: "bold")
    svg.text("Raw channels of one window (as every model reads them, before scaling) and the amplitude spectrum of \(w.spectrumChannel)",
             x: width / 2, y: 44, size: 12, anchor: .middle)
    func panel(y0: Double, name: String, series: [(String, String, [Double])], xMax: Double, xLabel: String, x: (Int) -> Double) {
      let all = series.flatMap(\.2)
      var lo = all.min() ?? 0, hi = all.max() ?? 1
      if hi - lo < 1e-9 { lo -= 0.5; hi += 0.5 }
      let pad = 0.05 * (hi - lo)
      lo -= pad; hi += pad
      func px(_ v: Double) -> Double { left + panelWidth * v / xMax }
      func py(_ v: Double) -> Double { y0 + panelHeight * (1 - (v - lo) / (hi - lo)) }
      for i in 0...4 {
        let v = lo + (hi - lo) * Double(i) / 4
        svg.line(x1: left, y1: py(v), x2: left + panelWidth, y2: py(v), stroke: Palette.grid)
        svg.text(String(format: "%.2f", v), x: left - 6, y: py(v) + 4, size: 10, anchor: .end)
      }
      for i in 0...5 {
        let v = xMax * Double(i) / 5
        svg.text(String(format: xMax < 10 ? "%.2f" : "%.0f", v), x: px(v), y: y0 + panelHeight + 14, size: 10, anchor: .middle)
      }
      svg.rect(x: left, y: y0, width: panelWidth, height: panelHeight, fill: "none", stroke: "#333")
      svg.text(name, x: left, y: y0 - 8, size: 13, weight: "bold")
      svg.text(xLabel, x: left + panelWidth, y: y0 + panelHeight + 28, size: 11, anchor: .end)
      for (i, (label, color, values)) in series.enumerated() {
        svg.polyline(values.indices.map { (px(x($0)), py(values[$0])) }, stroke: color, width: 1.5)
        svg.line(x1: left + panelWidth + 15, y1: y0 + 15 + Double(i) * 18, x2: left + panelWidth + 35, y2: y0 + 15 + Double(i) * 18, stroke: color, width: 2)
        svg.text(label, x: left + panelWidth + 40, y: y0 + 19 + Double(i) * 18, size: 11)
      }
    }
    for (g, channels) in groups.enumerated() {
      let name = w.channelNames[channels[0]].hasSuffix("_x") ? String(w.channelNames[channels[0]].dropLast(2)) : "channels \(channels[0] + 1)–\(channels.last! + 1)"
      let unit = name.contains("gyro") ? " (rad/s)" : (name.contains("acc") ? " (g)" : "")
      panel(y0: top + Double(g) * (panelHeight + gap), name: name + unit,
            series: channels.enumerated().map { (i, ch) in (w.channelNames[ch], axisColors[i % 3], w.values.map { $0[ch] }) },
            xMax: seconds, xLabel: "time (s)", x: { Double($0) / w.samplingRateHz })
    }
    panel(y0: spectrumTop, name: "Amplitude spectrum |X[k]| of \(w.spectrumChannel) (bins of \(String(format: "%.3f", w.frequencyHz(bin: 1))) Hz)",
          series: [("|X[k]|", "#000000", w.spectrum)], xMax: w.frequencyHz(bin: w.spectrum.count - 1), xLabel: "frequency (Hz)",
          x: { w.frequencyHz(bin: $0) })
    return svg.render()
  }
}
