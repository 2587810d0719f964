// Standalone SVG figures: no scripts, no external fonts or images, a viewBox so they
// scale, text as <text> so it stays searchable and sharp. Three kinds: horizontal bar
// chart with 95 % interval whiskers, confusion-matrix heatmap, training curves.
import Foundation

/// A minimal SVG document builder.
struct SVGDocument {
  let width: Double
  let height: Double
  let title: String
  private var body: [String] = []

  static let font = "DejaVu Sans, Helvetica, Arial, sans-serif"

  init(width: Double, height: Double, title: String) {
    self.width = width; self.height = height; self.title = title
  }

  mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil, title: String? = nil) {
    let s = stroke.map { " stroke=\"\($0)\" stroke-width=\"1\"" } ?? ""
    if let title {
      body.append("<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"\(fill)\"\(s)><title>\(escape(title))</title></rect>")
    } else {
      body.append("<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"\(fill)\"\(s)/>")
    }
  }

  mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#333", width: Double = 1, dash: String? = nil) {
    let d = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
    body.append("<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(f(width))\"\(d)/>")
  }

  mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, dash: String? = nil) {
    guard !points.isEmpty else { return }
    let d = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
    let p = points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
    body.append("<polyline points=\"\(p)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(f(width))\"\(d)/>")
  }

  mutating func circle(x: Double, y: Double, r: Double, fill: String) {
    body.append("<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(r))\" fill=\"\(fill)\"/>")
  }

  enum Anchor: String { case start, middle, end }

  mutating func text(_ s: String, x: Double, y: Double, size: Double = 13, anchor: Anchor = .start, weight: String? = nil,
                     fill: String = "#222", rotate: Double? = nil) {
    let w = weight.map { " font-weight=\"\($0)\"" } ?? ""
    let r = rotate.map { " transform=\"rotate(\(f($0)) \(f(x)) \(f(y)))\"" } ?? ""
    body.append("<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(f(size))\" text-anchor=\"\(anchor.rawValue)\" fill=\"\(fill)\"\(w)\(r)>\(escape(s))</text>")
  }

  func render() -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" font-family="\(SVGDocument.font)" role="img" aria-label="\(escape(title))">
    <title>\(escape(title))</title>
    <rect x="0" y="0" width="\(f(width))" height="\(f(height))" fill="#ffffff"/>
    \(body.joined(separator: "\n"))
    </svg>

    """
  }

  /// A coordinate with at most one decimal. Values too large for `Int` (only a
  /// damaged input can produce them) are printed by `%.1f` rather than converted.
  private func f(_ x: Double) -> String {
    let r = (x * 10).rounded() / 10
    guard r.isFinite, abs(r) < 1e15 else { return String(format: "%.1f", r.isFinite ? r : 0) }
    return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
  }
}

/// Escapes text for XML content and attributes.
func escape(_ s: String) -> String {
  var out = ""
  for c in s {
    switch c {
    case "&": out += "&amp;"
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    case "\"": out += "&quot;"
    case "'": out += "&apos;"
    default: out.append(c)
    }
  }
  return out
}

/// Colours: features blue, raw signals orange (Okabe–Ito palette, colour-blind safe).
enum Palette {
  static let features = "#0072B2"
  static let raw = "#E69F00"
  static let other = "#009E73"
  static let grid = "#dddddd"
  static let train = "#0072B2"
  static let validation = "#D55E00"
}

/// Figures of a report.
enum Figures {
  /// One bar of a bar chart.
  struct Bar {
    var label: String
    var value: Double
    var interval: ConfidenceInterval?
    var color: String
  }

  /// Horizontal bars of accuracy (fractions) with 95 % whiskers and a legend.
  static func barChart(title: String, bars: [Bar], legend: [(String, String)], axisLabel: String = "Accuracy (%)") -> String {
    let labelWidth = 10.0 + 7.5 * Double(bars.map(\.label.count).max() ?? 8)
    let left = max(120, labelWidth), plotWidth = 520.0, right = 90.0
    let top = 60.0, barHeight = 22.0, gap = 10.0
    let plotHeight = Double(bars.count) * (barHeight + gap) + gap
    let width = left + plotWidth + right, height = top + plotHeight + 70
    // Axis: from a round value below the lowest interval to 100 %, so differences show.
    let lowest = bars.map { min($0.value, $0.interval?.lower ?? $0.value) }.min() ?? 0
    var axisMinimum = max(0, (floor(lowest * 100 / 10) * 10 - 10) / 100)
    if 1 - axisMinimum < 0.1 { axisMinimum = 0.9 }
    func x(_ v: Double) -> Double { left + plotWidth * (min(1, max(axisMinimum, v)) - axisMinimum) / (1 - axisMinimum) }
    var svg = SVGDocument(width: width, height: height, title: title)
    svg.text(title, x: width / 2, y: 24, size: 16, anchor: .middle, weight: "bold")
    let ticks = stride(from: axisMinimum, through: 1.0000001, by: (1 - axisMinimum) <= 0.2 ? 0.02 : ((1 - axisMinimum) <= 0.5 ? 0.05 : 0.1))
    for t in ticks {
      svg.line(x1: x(t), y1: top, x2: x(t), y2: top + plotHeight, stroke: Palette.grid)
      svg.text(String(format: "%.0f", t * 100), x: x(t), y: top + plotHeight + 18, size: 12, anchor: .middle)
    }
    svg.text(axisLabel + (axisMinimum > 0 ? " — axis starts at \(String(format: "%.0f", axisMinimum * 100)) %" : ""),
             x: left + plotWidth / 2, y: top + plotHeight + 40, size: 13, anchor: .middle)
    for (i, bar) in bars.enumerated() {
      let y = top + gap + Double(i) * (barHeight + gap)
      svg.text(bar.label, x: left - 8, y: y + barHeight * 0.7, size: 13, anchor: .end)
      svg.rect(x: left, y: y, width: max(0, x(bar.value) - left), height: barHeight, fill: bar.color,
               title: "\(bar.label): \(pct(bar.value)) %" + (bar.interval.map { " (95 % CI \(interval($0)))" } ?? ""))
      if let ci = bar.interval {
        let cy = y + barHeight / 2
        svg.line(x1: x(ci.lower), y1: cy, x2: x(ci.upper), y2: cy, stroke: "#000", width: 1.5)
        svg.line(x1: x(ci.lower), y1: cy - 6, x2: x(ci.lower), y2: cy + 6, stroke: "#000", width: 1.5)
        svg.line(x1: x(ci.upper), y1: cy - 6, x2: x(ci.upper), y2: cy + 6, stroke: "#000", width: 1.5)
      }
      let end = max(x(bar.value), x(bar.interval?.upper ?? bar.value))
      svg.text("\(pct(bar.value))", x: end + 6, y: y + barHeight * 0.7, size: 12)
    }
    svg.line(x1: left, y1: top, x2: left, y2: top + plotHeight, stroke: "#333")
    var lx = left
    for (name, color) in legend {
      svg.rect(x: lx, y: 36, width: 14, height: 14, fill: color)
      svg.text(name, x: lx + 20, y: 48, size: 13)
      lx += 40 + 7.5 * Double(name.count)
    }
    return svg.render()
  }

  /// A confusion-matrix heatmap: colour is the row-normalised fraction, text the count.
  static func heatmap(title: String, matrix: ConfusionMatrix, classNames: [String]) -> String {
    let k = matrix.classCount
    let cell = 64.0
    let left = 20.0 + 7.2 * Double(classNames.map(\.count).max() ?? 8) + 30
    let top = 175.0
    let width = left + cell * Double(k) + 30, height = top + cell * Double(k) + 50
    var svg = SVGDocument(width: width, height: height, title: title)
    svg.text(title, x: width / 2, y: 24, size: 16, anchor: .middle, weight: "bold")
    svg.text("Predicted", x: left + cell * Double(k) / 2, y: 50, size: 13, anchor: .middle, weight: "bold")
    svg.text("True", x: 16, y: top + cell * Double(k) / 2, size: 13, anchor: .middle, weight: "bold", rotate: -90)
    let support = matrix.support
    for t in 0..<k {
      svg.text(classNames[t], x: left - 8, y: top + cell * (Double(t) + 0.55), size: 12, anchor: .end)
      for p in 0..<k {
        let fraction = support[t] == 0 ? 0 : Double(matrix[t, p]) / Double(support[t])
        // White → dark blue.
        let r = Int(255 - fraction * (255 - 8)), g = Int(255 - fraction * (255 - 48)), b = Int(255 - fraction * (255 - 107))
        let fill = String(format: "#%02x%02x%02x", r, g, b)
        let x = left + cell * Double(p), y = top + cell * Double(t)
        svg.rect(x: x, y: y, width: cell, height: cell, fill: fill, stroke: "#ffffff",
                 title: "true \(classNames[t]), predicted \(classNames[p]): \(matrix[t, p]) (\(pct(fraction)) % of row)")
        svg.text("\(matrix[t, p])", x: x + cell / 2, y: y + cell / 2 + 5, size: 13, anchor: .middle, fill: fraction > 0.5 ? "#ffffff" : "#222222")
      }
    }
    for p in 0..<k {
      let x = left + cell * (Double(p) + 0.5)
      svg.text(classNames[p], x: x, y: top - 8, size: 12, anchor: .start, rotate: -45)
    }
    svg.text("Colour: fraction of the true class's windows (row); numbers: window counts", x: width / 2, y: height - 16, size: 12, anchor: .middle)
    return svg.render()
  }

  /// Two panels: loss and accuracy per epoch, train (solid) and validation (dashed).
  static func trainingCurves(title: String, history: [EpochSummary]) -> String {
    let panelWidth = 380.0, panelHeight = 240.0, left = 60.0, top = 70.0, between = 80.0
    let width = left + 2 * panelWidth + between + 30, height = top + panelHeight + 70
    var svg = SVGDocument(width: width, height: height, title: title)
    svg.text(title, x: width / 2, y: 24, size: 16, anchor: .middle, weight: "bold")
    let epochs = history.map { Double($0.epoch) }
    let maxEpoch = max(2, epochs.max() ?? 1)
    func panel(_ x0: Double, _ name: String, _ train: [Double], _ validation: [Double?], fixedRange: (Double, Double)?) {
      let values = train + validation.compactMap { $0 }
      var (lo, hi) = fixedRange ?? (min(0, values.min() ?? 0), (values.max() ?? 1) * 1.05)
      if hi <= lo { hi = lo + 1 }
      func px(_ e: Double) -> Double { x0 + panelWidth * (e - 1) / (maxEpoch - 1) }
      func py(_ v: Double) -> Double { top + panelHeight * (1 - (v - lo) / (hi - lo)) }
      for i in 0...4 {
        let v = lo + (hi - lo) * Double(i) / 4
        svg.line(x1: x0, y1: py(v), x2: x0 + panelWidth, y2: py(v), stroke: Palette.grid)
        svg.text(fixedRange != nil ? String(format: "%.0f", v * 100) : String(format: "%.2f", v), x: x0 - 6, y: py(v) + 4, size: 11, anchor: .end)
      }
      let step = max(1, Int((maxEpoch / 8).rounded(.up)))
      for e in stride(from: 1, through: Int(maxEpoch), by: step) {
        svg.text("\(e)", x: px(Double(e)), y: top + panelHeight + 16, size: 11, anchor: .middle)
      }
      svg.rect(x: x0, y: top, width: panelWidth, height: panelHeight, fill: "none", stroke: "#333")
      svg.text(name, x: x0 + panelWidth / 2, y: top - 10, size: 14, anchor: .middle, weight: "bold")
      svg.text("Epoch", x: x0 + panelWidth / 2, y: top + panelHeight + 36, size: 12, anchor: .middle)
      let trainPoints = zip(epochs, train).map { (px($0), py($1)) }
      svg.polyline(trainPoints, stroke: Palette.train)
      let validationPoints = zip(epochs, validation).compactMap { e, v in v.map { (px(e), py($0)) } }
      svg.polyline(validationPoints, stroke: Palette.validation, dash: "6 4")
      if history.count == 1 {
        trainPoints.forEach { svg.circle(x: $0.0, y: $0.1, r: 3, fill: Palette.train) }
        validationPoints.forEach { svg.circle(x: $0.0, y: $0.1, r: 3, fill: Palette.validation) }
      }
    }
    panel(left, "Loss", history.map(\.trainLoss), history.map(\.validationLoss), fixedRange: nil)
    panel(left + panelWidth + between, "Accuracy (%)", history.map(\.trainAccuracy), history.map(\.validationAccuracy), fixedRange: (0, 1))
    let ly = height - 14
    svg.line(x1: left, y1: ly - 4, x2: left + 30, y2: ly - 4, stroke: Palette.train, width: 2)
    svg.text("train", x: left + 36, y: ly, size: 12)
    svg.line(x1: left + 90, y1: ly - 4, x2: left + 120, y2: ly - 4, stroke: Palette.validation, width: 2, dash: "6 4")
    svg.text("validation (held-out training subjects)", x: left + 126, y: ly, size: 12)
    return svg.render()
  }
}
