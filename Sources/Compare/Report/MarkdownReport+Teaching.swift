// The report's teaching sections: "Learning curve" and "Feature-family ablation", each a
// table, a figure and generated sentences (LearningCurve.swift, Ablation.swift), and
// their figures for ReportWriter.
import Features

extension MarkdownReport {
  /// The "Learning curve" section; empty when the run has no curve.
  static func learningCurveSection(_ report: ComparisonReport) -> [String] {
    guard let curve = report.learningCurve else { return [] }
    var out: [String] = []
    out.append("## Learning curve")
    out.append("")
    out.append("Each model trained on k of the official split's training subjects and tested on its \(UCIHARDataset.officialTestSubjects.count) test subjects. Below all of them, the k subjects are drawn at random (the same draws for every model, one seed per draw); with all of them it is the official split (its seeds). Cells: mean accuracy (%) over the draws (or seeds), the 95 % subject-bootstrap interval with each draw as a run (draws and test subjects resampled), and the number of runs.")
    out.append("")
    out.append(curve.crossings)
    out.append("")
    let header = ["Training subjects"] + curve.lines.map { "\($0.model) (\($0.input == .features ? "features" : "raw"))" }
    out.append(table(header, curve.sizes.map { k in
      ["\(k)"] + curve.lines.map { line in
        guard let p = line.point(k) else { return "—" }
        return "\(pct(p.accuracy)) [\(p.interval.map { "\(pct($0.lower))–\(pct($0.upper))" } ?? "no interval")] (\(p.runs))"
      }
    }))
    out.append("")
    out.append("![Accuracy against training subjects](figures/\(ReportWriter.learningCurveFile))")
    out.append("")
    return out
  }

  /// The "Feature-family ablation" section; empty when the run has no ablation.
  static func ablationSection(_ report: ComparisonReport) -> [String] {
    guard let ablation = report.ablation else { return [] }
    var out: [String] = []
    out.append("## Feature-family ablation")
    out.append("")
    out.append("Each model on part of its input, on the \(SplitKind.official.summary): the feature models on the columns of one family of the handcrafted features (selected after the fold's scaling, which is per column, so the numbers are those of scaling the subset alone), the raw-signal model on a subset of the channels. The difference is subset − full model on the same test windows, with a paired 95 % subject-bootstrap interval (docs/compare.md).")
    out.append("")
    for sentence in ablation.sentences { out.append("- \(sentence)") }
    out.append("")
    var rows: [[String]] = []
    for full in ablation.fullModels {
      let unit = ablation.rows.first { $0.full.model.name == full.model.name }?.subset.unit ?? "features"
      rows.append(["all", ablation.allInputs(unit), full.model.name, meanSD(full.accuracy), ciText(full.accuracyInterval), "—", "—"])
      for r in ablation.rows where r.full.model.name == full.model.name {
        rows.append([r.subset.name, "\(r.subset.size) \(r.subset.unit)", r.summary.model.name, meanSD(r.summary.accuracy),
                     ciText(r.summary.accuracyInterval),
                     r.difference.map { String(format: "%+.2f", 100 * $0.difference) } ?? String(format: "%+.2f", 100 * (r.summary.accuracy.mean - r.full.accuracy.mean)),
                     r.difference.map { String(format: "%+.2f to %+.2f", 100 * $0.interval.lower, 100 * $0.interval.upper) + ($0.isSeparated ? " (separated)" : "") } ?? "—"])
      }
    }
    out.append(table(["Family / channels", "Reads", "Model", "Accuracy (%)", "95 % CI (%)", "− full model (points)", "Paired 95 % CI (points)"], rows))
    out.append("")
    out.append("![Accuracy on subsets of the input](figures/\(ReportWriter.ablationFile))")
    out.append("")
    return out
  }
}

extension ReportWriter {
  static let learningCurveFile = "learning-curve.svg"
  static let ablationFile = "ablation.svg"

  /// The figures of the teaching sections, by file name.
  static func teachingFigures(_ report: ComparisonReport) -> [(String, String)] {
    var out: [(String, String)] = []
    if let curve = report.learningCurve {
      var featureColor = 0, rawColor = 2, otherColor = 4
      let series: [Figures.Series] = curve.lines.map { line in
        let color: String
        if line.input == .features && featureColor < 2 { color = Figures.seriesColors[featureColor]; featureColor += 1 }
        else if line.input == .raw && rawColor < 4 { color = Figures.seriesColors[rawColor]; rawColor += 1 }
        else { color = Figures.seriesColors[otherColor % Figures.seriesColors.count]; otherColor += 1 }
        return Figures.Series(label: "\(line.model) (\(line.input == .features ? "features" : "raw"))", color: color, dashed: line.input == .raw,
                              points: line.points.map { (Double($0.trainSubjects), $0.accuracy, $0.interval) })
      }
      out.append((learningCurveFile, Figures.lineChart(
        title: "Learning curve: test accuracy on the official test subjects (95 % CI)", series: series,
        xLabel: "Training subjects (log scale)")))
    }
    if let ablation = report.ablation {
      var bars: [Figures.Bar] = []
      for full in ablation.fullModels {
        let unit = ablation.rows.first { $0.full.model.name == full.model.name }?.subset.unit ?? "features"
        bars.append(.init(label: "\(full.model.name): \(ablation.allInputs(unit))", value: full.accuracy.mean, interval: full.accuracyInterval, color: Palette.other))
        for r in ablation.rows where r.full.model.name == full.model.name {
          bars.append(.init(label: "\(full.model.name): \(r.subset.name) (\(r.subset.size))", value: r.summary.accuracy.mean,
                            interval: r.summary.accuracyInterval, color: r.subset.unit == "features" ? Palette.features : Palette.raw))
        }
      }
      out.append((ablationFile, Figures.barChart(
        title: "Ablation: accuracy on part of the input (official split, 95 % CI)", bars: bars,
        legend: [("all of the input", Palette.other), ("a feature family", Palette.features), ("a channel subset", Palette.raw)])))
    }
    return out
  }
}
