// The report's README.md: the papers' tables, the side-by-side comparison with its
// generated paragraph, per-class results, claims, the leakage check, and how it was made.
//
// Timing fields (they differ between runs of the same cells): the "Fit time" and
// "Training time" columns, which come from the cell files (so a resumed run shows the
// times of the session that computed each cell), and the "Total run time" line of
// "How this was made", from run.json's sessions. Everything else is a function of the
// cell results and the plan, so a resumed run writes the same README apart from those.
import Foundation

enum MarkdownReport {
  static func render(_ report: ComparisonReport) -> String {
    let m = report.results.metadata
    var out: [String] = []
    out.append("# HAR comparison: handcrafted features vs. raw signals (\(m.profile) profile)")
    out.append("")
    out.append("Every model ran on the same \(m.windowCount) windows of \(m.subjects.count) subjects and \(m.classNames.count) activities, on the \(report.primarySplitKind.summary). \(inputsText(m)) Rates are percentages of test windows; ± is the sample standard deviation over runs (seeds\(report.primarySplitKind == .official ? "" : " and folds")); CI is a 95 % confidence interval (Student t over runs, or Wilson over test windows for a single run).")
    if report.missingCellCount > 0 {
      out.append("")
      out.append("> **Partial report**: \(report.missingCellCount) planned cell(s) have no result yet. Rerun the same command with `--resume` to finish them.")
    }
    out.append("")
    out.append("Contents: [Features vs. featureless](#features-vs-featureless) · [Table I](#table-i-classical-classifiers-on-handcrafted-features) · [Table II](#table-ii-deep-models-on-raw-signals) · [Published claims](#published-claims) · [Leakage check](#leakage-check) · [Per-class results](#per-class-results) · [How this was made](#how-this-was-made)")
    out.append("")

    // Features vs. featureless.
    out.append("## Features vs. featureless")
    out.append("")
    out.append(report.findings)
    out.append("")
    if !report.summaries.isEmpty {
      out.append(table(["Model", "Input", "Accuracy (%)", "95 % CI (%)", "Macro F1 (%)", "Runs"], report.summaries.map { s in
        [s.model.name, s.model.input == .features ? "features" : "raw", meanSD(s.accuracy), ciText(s.accuracyInterval),
         meanSD(s.macroF1), "\(s.accuracy.count)"]
      }))
      out.append("")
      out.append("![Accuracy of every model with 95 % confidence intervals](figures/comparison.svg)")
      out.append("")
    }
    if !report.missingModels.isEmpty {
      out.append("Not run on this split: \(report.missingModels.joined(separator: ", ")).")
      out.append("")
    }

    // Table I.
    out.append("## Table I: classical classifiers on handcrafted features")
    out.append("")
    let classical = report.summaries.filter { $0.model.input == .features }
    if classical.isEmpty {
      out.append("No classical model was run.")
    } else {
      out.append(table(["Method", "Accuracy (%)", "Error (%)", "Macro F1 (%)", "Training accuracy (%)", "Fit time (s)", "Notes"], classical.map { s in
        [s.model.name, meanSD(s.accuracy), pct(1 - s.accuracy.mean), meanSD(s.macroF1),
         s.trainingAccuracy.map(meanSD) ?? "—", String(format: "%.2f", s.fitSeconds.mean),
         s.notes.isEmpty ? "" : s.notes.joined(separator: "; ")]
      }))
    }
    out.append("")

    // Table II.
    out.append("## Table II: deep models on raw signals")
    out.append("")
    let deep = report.summaries.filter { $0.model.input == .raw }
    if deep.isEmpty {
      out.append("No deep model was run.")
    } else {
      out.append(table(["Model", "Accuracy (%)", "F1 (%)", "Precision (%)", "Recall (%)", "Training accuracy (%)", "Parameters", "Epochs", "Training time (s)"], deep.map { s in
        [s.model.name, meanSD(s.accuracy), meanSD(s.macroF1), meanSD(s.macroPrecision), meanSD(s.macroRecall),
         s.trainingAccuracy.map(meanSD) ?? "—", "\(s.parameters)", number(s.epochs, decimals: 1),
         number(s.fitSeconds, decimals: 1)]
      }))
      out.append("")
      out.append("F1, precision and recall are macro averages over the \(m.classNames.count) activities. Epochs are those run (fewer than the preset's only with early stopping)\(m.epochs.map { " (capped at \($0) by the profile)" } ?? ""). Architectures:")
      out.append("")
      for s in deep { out.append("- `\(s.model.name)`: \(s.model.summary)") }
      let notes = deep.filter { !$0.notes.isEmpty }
      for s in notes { out.append("- `\(s.model.name)` notes: \(s.notes.joined(separator: "; "))") }
    }
    out.append("")

    // Published claims.
    out.append("## Published claims")
    out.append("")
    out.append("Each claim beside our reproduction on the \(report.primarySplit) split. Verdict: **consistent** when the claim lies inside our 95 % CI widened by \(String(format: "%.0f", ClaimVerdict.margin * 100)) point on each side (for data and protocol differences we cannot remove); **above what we reproduce** when it lies above; **below what we reproduce** when below.")
    out.append("")
    out.append(table(["Model", "Architecture", "Claim (%)", "Measured on", "Ours (%)", "Our 95 % CI (%)", "Verdict"], report.claims.map { c in
      var ours = c.reproduction.map(meanSD) ?? "—"
      if c.claim.comparedWith == .trainingAccuracy {
        ours = "training: " + ours + (c.testAccuracy.map { "; test: " + meanSD($0) } ?? "")
      }
      return [c.claim.model, c.claim.architecture, String(format: "%.2f", c.claim.accuracy * 100), c.claim.measuredOn,
              ours, c.interval.map(ciText) ?? "—", "**\(c.verdict.rawValue)**"]
    }))
    out.append("")
    out.append("Sources and notes:")
    out.append("")
    // Claims sharing one source are listed together.
    var sources: [(source: String, claims: [PublishedClaim])] = []
    for c in report.claims {
      if let i = sources.firstIndex(where: { $0.source == c.claim.source }) { sources[i].claims.append(c.claim) }
      else { sources.append((c.claim.source, [c.claim])) }
    }
    for (source, claims) in sources {
      let names = claims.map { "`\($0.model)` \(String(format: "%.2f", $0.accuracy * 100)) %" }.joined(separator: ", ")
      out.append("- \(names): \(source)")
    }
    out.append("")

    // Leakage.
    out.append("## Leakage check")
    out.append("")
    if report.leakage.isEmpty {
      out.append("Not run in this profile.")
    } else {
      out.append("The same models trained and tested on a random 80/20 split of windows, where overlapping windows of the same person fall on both sides, beside the subject split. The difference is how much a leaky split inflates accuracy.")
      out.append("")
      out.append(table(["Model", "Input", "Subject split (%)", "Random window split (%)", "Inflation (points)"], report.leakage.map { l in
        [l.subject.model.name, l.subject.model.input.rawValue, meanSD(l.subject.accuracy), meanSD(l.random.accuracy),
         String(format: "%+.2f", l.inflationPoints)]
      }))
      out.append("")
      out.append("![Subject split vs. random window split](figures/leakage.svg)")
    }
    out.append("")

    // Other subject splits.
    for (split, summaries) in report.otherSplits where !summaries.isEmpty {
      out.append("## Results on the \(split) split")
      out.append("")
      out.append(table(["Model", "Input", "Accuracy (%)", "95 % CI (%)", "Macro F1 (%)", "Runs"], summaries.map { s in
        [s.model.name, s.model.input.rawValue, meanSD(s.accuracy), ciText(s.accuracyInterval), meanSD(s.macroF1), "\(s.accuracy.count)"]
      }))
      out.append("")
    }

    // Per-class results.
    out.append("## Per-class results")
    out.append("")
    out.append("Per model on the \(report.primarySplit) split, from the confusion matrix summed over its runs (rows: true activity; columns: predicted).")
    out.append("")
    for s in report.summaries {
      out.append("### \(s.model.name)")
      out.append("")
      out.append(table(["Activity", "Precision (%)", "Recall (%)", "F1 (%)", "Support"], m.classNames.indices.map { k in
        [m.classNames[k], pct(s.pooled.precision[k]), pct(s.pooled.recall[k]), pct(s.pooled.f1[k]), "\(s.pooled.support[k])"]
      }))
      out.append("")
      out.append(table(["True \\ Predicted"] + m.classNames, m.classNames.indices.map { t in
        [m.classNames[t]] + m.classNames.indices.map { "\(s.confusion[t, $0])" }
      }))
      out.append("")
      out.append("![Confusion matrix of \(s.model.name)](figures/\(ReportWriter.confusionFile(s.model.name)))")
      out.append("")
      if s.cells.contains(where: { !$0.history.isEmpty }) {
        out.append("![Training curves of \(s.model.name)](figures/\(ReportWriter.curvesFile(s.model.name)))")
        out.append("")
      }
    }

    // How this was made.
    let e = m.environment
    out.append("## How this was made")
    out.append("")
    out.append("- Command: `\(e.command)`")
    out.append("- Git commit: `\(e.gitCommit)`")
    out.append("- Started: \(m.started) (UTC)")
    out.append("- CPU: \(e.cpuModel), \(e.logicalCPUs) logical CPUs; OpenBLAS threads: \(e.blasThreads)")
    out.append("- Swift: \(e.swiftVersion)")
    out.append("- OpenBLAS: \(e.blasConfiguration)")
    out.append("- Data: `\(e.dataLocation)`, checksum \(e.dataChecksum?.summary ?? "not computed") (FNV-1a 64 over the files read, see docs/compare.md)")
    out.append("- Feature pipeline: \(m.featurePipeline ?? "2026-11 (not recorded by this run)")\((m.featurePipeline ?? "2026-11") == "current" ? " (0.1 Hz gyroscope high-pass, windows one sample earlier; docs/features.md)" : "")")
    out.append("- Windows: \(m.windowCount) of \(m.subjects.count) subjects (\(CompareError.ranges(m.subjects))), activities \(m.classNames.joined(separator: ", "))")
    let splitSeeds = m.splitKinds.map { "\($0.name) \(m.splitSeeds[$0.name] ?? "?")" }.joined(separator: ", ")
    out.append("- Seeds: master seed \(m.masterSeed); \(m.deepSeeds) per deep model, \(m.classicSeeds) per classical model, \(m.leakageSeeds) per leakage-check model; split seeds \(splitSeeds); each cell's seed is derived from the master seed and (model, split, fold, seed index) and stored in results.csv")
    out.append("- Profile: \(m.profile); epochs: \(m.epochs.map { "\($0) for every deep model" } ?? "each model's own"); \(m.validationFraction > 0 ? "validation: \(String(format: "%.0f", m.validationFraction * 100)) % of the training subjects held out from deep training (training curves; early stopping only when the model's summary says so)" : "no validation subjects: deep models train on every training subject")")
    out.append("- Files: `results.csv` (one line per cell), `results.json`, `cells/*.json` (confusion matrices, histories), `run.json`, `figures/*.svg`")
    let sessions = m.sessions.count
    out.append("- Total run time: \(formatDuration(m.totalSeconds)) of wall clock over \(sessions) session\(sessions == 1 ? "" : "s")\(sessions > 1 ? " (resumed with --resume; every session is listed in run.json)" : "")")
    out.append("")
    return out.joined(separator: "\n")
  }

  static func inputsText(_ m: RunMetadata) -> String {
    switch (m.featureCount, m.signalShape) {
    case let (d?, shape?) where shape.count == 2:
      "Classical models read the \(d) handcrafted features (min–max scaled to [-1, 1] with training-subject statistics) of exactly the windows that deep models read as raw \(shape[0]) × \(shape[1]) signals (standardised per channel with training-subject statistics)."
    case let (d?, _): "Models read \(d) handcrafted features per window (min–max scaled with training-subject statistics)."
    case let (_, shape?) where shape.count == 2: "Models read raw \(shape[0]) × \(shape[1]) signal windows (standardised per channel with training-subject statistics)."
    default: ""
    }
  }

  static func table(_ header: [String], _ rows: [[String]]) -> String {
    func row(_ cells: [String]) -> String {
      "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }.joined(separator: " | ") + " |"
    }
    return ([row(header), "|" + header.map { _ in "---" }.joined(separator: "|") + "|"] + rows.map(row)).joined(separator: "\n")
  }

  /// "92.31 ± 0.54" (percent), or "92.31" for a single run.
  static func meanSD(_ s: RunSummary) -> String {
    pct(s.mean) + (s.standardDeviation.map { " ± " + pct($0) } ?? "")
  }

  static func number(_ s: RunSummary, decimals: Int) -> String {
    String(format: "%.\(decimals)f", s.mean) + (s.standardDeviation.map { String(format: " ± %.\(decimals)f", $0) } ?? "")
  }

  static func ciText(_ ci: ConfidenceInterval) -> String {
    "\(pct(ci.lower))–\(pct(ci.upper))" + (ci.method == "wilson" ? " (Wilson)" : "")
  }
}
