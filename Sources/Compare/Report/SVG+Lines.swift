// A line chart in the style of SVG.swift's figures (standalone, viewBox, text labels):
// accuracy against a count, one line per series with 95 % interval bars. The x axis is
// logarithmic (base 2), so the learning curve's small sizes (1, 2, 4, 8 training
// subjects), where the curves change most, are as far apart as its large ones.
import Foundation

extension Figures {
  /// One line of a line chart.
  struct Series {
    var label: String
    var color: String
    /// Dashed lines for the second kind of input (raw signals), solid for the first.
    var dashed: Bool
    /// (x, accuracy fraction, interval) with x > 0, by increasing x.
    var points: [(x: Double, value: Double, interval: ConfidenceInterval?)]
  }

  /// Line colours in series order (Okabe–Ito, colour-blind safe): features models take
  /// the blues, raw-signal models the oranges, then the rest.
  static let seriesColors = ["#0072B2", "#56B4E9", "#E69F00", "#D55E00", "#009E73", "#CC79A7", "#F0E442", "#000000"]

  /// Accuracy (fractions) against x on a log2 axis, with interval bars and a legend.
  static func lineChart(title: String, series: [Series], xLabel: String, yLabel: String = "Accuracy (%)") -> String {
    let left = 70.0, top = 60.0, plotWidth = 560.0, plotHeight = 320.0
    let legendWidth = 30.0 + 7.5 * Double(series.map(\.label.count).max() ?? 8)
    let width = left + plotWidth + 30 + legendWidth, height = top + plotHeight + 70
    let xs = Array(Set(series.flatMap { $0.points.map(\.x) })).sorted()
    let lowestX = max(xs.first ?? 1, 1e-9), highestX = max(xs.last ?? 2, lowestX * 2)
    let logLow = log2(lowestX), logHigh = log2(highestX)
    func px(_ v: Double) -> Double { left + 20 + (plotWidth - 40) * (log2(max(v, 1e-9)) - logLow) / (logHigh - logLow) }
    // y: from a round value below the lowest interval to 100 %, as the bar charts do.
    let lowest = series.flatMap { $0.points.map { min($0.value, $0.interval?.lower ?? $0.value) } }.min() ?? 0
    var yMinimum = max(0, (floor(lowest * 100 / 10) * 10 - 10) / 100)
    if 1 - yMinimum < 0.1 { yMinimum = 0.9 }
    func py(_ v: Double) -> Double { top + plotHeight * (1 - (min(1, max(yMinimum, v)) - yMinimum) / (1 - yMinimum)) }
    var svg = SVGDocument(width: width, height: height, title: title)
    svg.text(title, x: width / 2, y: 24, size: 16, anchor: .middle, weight: "bold")
    let step = (1 - yMinimum) <= 0.2 ? 0.02 : ((1 - yMinimum) <= 0.5 ? 0.05 : 0.1)
    for t in stride(from: yMinimum, through: 1.0000001, by: step) {
      svg.line(x1: left, y1: py(t), x2: left + plotWidth, y2: py(t), stroke: Palette.grid)
      svg.text(String(format: "%.0f", t * 100), x: left - 6, y: py(t) + 4, size: 11, anchor: .end)
    }
    for x in xs {
      svg.line(x1: px(x), y1: top, x2: px(x), y2: top + plotHeight, stroke: Palette.grid)
      svg.text(x == x.rounded() ? String(Int(x)) : String(format: "%.1f", x), x: px(x), y: top + plotHeight + 16, size: 11, anchor: .middle)
    }
    svg.rect(x: left, y: top, width: plotWidth, height: plotHeight, fill: "none", stroke: "#333")
    svg.text(xLabel, x: left + plotWidth / 2, y: top + plotHeight + 38, size: 13, anchor: .middle)
    svg.text(yLabel + (yMinimum > 0 ? " — axis starts at \(String(format: "%.0f", yMinimum * 100)) %" : ""),
             x: 18, y: top + plotHeight / 2, size: 13, anchor: .middle, rotate: -90)
    for (i, s) in series.enumerated() {
      // Interval bars are shifted a few pixels per series so that they do not hide each other.
      let shift = (Double(i) - Double(series.count - 1) / 2) * 4
      svg.polyline(s.points.map { (px($0.x) + shift, py($0.value)) }, stroke: s.color, width: 2, dash: s.dashed ? "6 4" : nil)
      for p in s.points {
        let x = px(p.x) + shift
        if let ci = p.interval {
          svg.line(x1: x, y1: py(ci.lower), x2: x, y2: py(ci.upper), stroke: s.color, width: 1.2)
          svg.line(x1: x - 3, y1: py(ci.lower), x2: x + 3, y2: py(ci.lower), stroke: s.color, width: 1.2)
          svg.line(x1: x - 3, y1: py(ci.upper), x2: x + 3, y2: py(ci.upper), stroke: s.color, width: 1.2)
        }
        svg.circle(x: x, y: py(p.value), r: 3, fill: s.color)
      }
    }
    let lx = left + plotWidth + 20
    for (i, s) in series.enumerated() {
      let ly = top + 10 + Double(i) * 22
      svg.line(x1: lx, y1: ly, x2: lx + 22, y2: ly, stroke: s.color, width: 2, dash: s.dashed ? "6 4" : nil)
      svg.text(s.label, x: lx + 28, y: ly + 4, size: 12)
    }
    svg.text("bars: 95 % subject-bootstrap intervals", x: left + plotWidth / 2, y: height - 12, size: 11, anchor: .middle)
    return svg.render()
  }
}
