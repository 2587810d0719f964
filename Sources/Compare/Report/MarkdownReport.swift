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
    out.append("Every model ran on the same \(m.windowCount) windows of \(m.subjects.count) subjects and \(m.classNames.count) activities, on the \(report.primarySplitKind.summary). \(inputsText(m)) \(trainingSetText(report)) Rates are percentages of test windows; ± is the sample standard deviation over runs (seeds\(report.primarySplitKind == .official ? "" : " and folds")); CI is a 95 % subject-bootstrap interval: test subjects and seeds resampled (\(SubjectBootstrap.defaultDraws) draws), the same method for every model (docs/compare.md).")
    if report.missingCellCount > 0 {
      out.append("")
      out.append("> **Partial report**: \(report.missingCellCount) planned cell(s) have no result yet. Rerun the same command with `--resume` (or, for a plan, rerun its missing cells and `--merge`) to finish them.")
      for failure in report.results.failedCells {
        out.append(">")
        out.append("> Failed: `\(failure.cell)`: \(failure.message.split(separator: "\n").first.map(String.init) ?? "")")
      }
    }
    out.append("")
    out.append("Contents: [Features vs. featureless](#features-vs-featureless) · [Table I](#table-i-classical-classifiers-on-handcrafted-features) · [Table II](#table-ii-deep-models-on-raw-signals) · [Published claims](#published-claims) · [Claim replicas](#claim-replicas) · [Leakage check](#leakage-check)\(report.learningCurve == nil ? "" : " · [Learning curve](#learning-curve)")\(report.ablation == nil ? "" : " · [Feature-family ablation](#feature-family-ablation)") · [Per-class results](#per-class-results) · [How this was made](#how-this-was-made)")
    out.append("")

    // Features vs. featureless.
    out.append("## Features vs. featureless")
    out.append("")
    out.append(report.findings)
    out.append("")
    if !report.summaries.isEmpty {
      out.append(table(["Model", "Input", "Accuracy (%)", "95 % CI (%)", "Balanced accuracy (%)", "Macro F1 (%)", "Trained on", "Runs"], report.summaries.map { s in
        [s.model.name, s.model.name == "majority-class" ? "baseline" : (s.model.input == .features ? "features" : "raw"), meanSD(s.accuracy),
         ciText(s.accuracyInterval), meanSD(s.balancedAccuracy), meanSD(s.macroF1), trainedOn(s), "\(s.accuracy.count)"]
      }))
      out.append("")
      out.append("![Accuracy of every model with 95 % subject-bootstrap intervals](figures/comparison.svg)")
      out.append("")
    }
    if let best = report.pairedWithBest.first?.a, !report.pairedWithBest.isEmpty {
      out.append("### Paired comparisons with \(best.model.name)")
      out.append("")
      out.append("Each model against the most accurate one on the same test windows: the difference of accuracies with a paired subject-bootstrap interval (the same subjects resampled for both models in every draw) and the test subjects on which \(best.model.name) is more accurate (mean over seeds). **Separated** only when the interval excludes 0.")
      out.append("")
      out.append(table(["Model", "\(best.model.name) − model (points)", "Paired 95 % CI (points)", "\(best.model.name) better on", "Separated"], report.pairedWithBest.map { p in
        let r = p.result, n = r.subjectWins + r.subjectLosses + r.subjectTies
        return [p.b.model.name, String(format: "%+.2f", 100 * r.difference),
                String(format: "%+.2f to %+.2f", 100 * r.interval.lower, 100 * r.interval.upper),
                "\(r.subjectWins) of \(n) subjects" + (r.subjectTies > 0 ? " (\(r.subjectTies) tied)" : ""), r.isSeparated ? "yes" : "no"]
      }))
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
      out.append(table(["Method", "Accuracy (%)", "Error (%)", "95 % CI (%)", "Macro F1 (%)", "Training accuracy (%)", "Fit time (s)", "Notes"], classical.map { s in
        [s.model.name, meanSD(s.accuracy), pct(1 - s.accuracy.mean), ciText(s.accuracyInterval), meanSD(s.macroF1),
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
      out.append(table(["Model", "Accuracy (%)", "95 % CI (%)", "F1 (%)", "Precision (%)", "Recall (%)", "Training accuracy (%)", "Parameters", "Epochs", "Training time (s)"], deep.map { s in
        [s.model.name, meanSD(s.accuracy), ciText(s.accuracyInterval), meanSD(s.macroF1), meanSD(s.macroPrecision), meanSD(s.macroRecall),
         s.trainingAccuracy.map(meanSD) ?? "—", "\(s.parameters)", number(s.epochs, decimals: 1),
         number(s.fitSeconds, decimals: 1)]
      }))
      out.append("")
      out.append("F1, precision and recall are macro averages over the \(m.classNames.count) activities. Training accuracy is measured in inference mode on the windows trained on. Epochs are those run (fewer than the preset's only with early stopping)\(m.epochs.map { " (capped at \($0) by the profile)" } ?? ""). Architectures:")
      out.append("")
      for s in deep { out.append("- `\(s.model.name)`: \(s.model.summary)") }
      let notes = deep.filter { !$0.notes.isEmpty }
      for s in notes { out.append("- `\(s.model.name)` notes: \(s.notes.joined(separator: "; "))") }
    }
    out.append("")

    // Published claims.
    out.append("## Published claims")
    out.append("")
    out.append("Each published number beside ours twice: under the **honest protocol** (the \(report.primarySplit) subject split, a test metric) and under **its own protocol** (its split, channels, training and metric: the claim's replica, see below). Verdict, with no hidden margin: **consistent** when the claim lies inside our 95 % interval under its own protocol, **higher than we reproduce** when above it, **lower than we reproduce** when below; *architecture guessed* when the source left parts of the model or protocol unstated and we chose them. **Explained by** names what accounts for the number: nothing (the honest protocol gives it), the protocol (the replica's test metric gives it), training accuracy or Keras's binary accuracy reported as accuracy, or not explained. Known differences that no replica removes are listed beside each.")
    out.append("")
    // Claims whose model or replica did not run (e.g. a --models subset, the teaching
    // profile) are named in one sentence, not as rows of dashes.
    let checked = report.claims.filter { $0.verdict != .notRun }
    let unchecked = report.claims.filter { $0.verdict == .notRun }
    if checked.isEmpty {
      out.append("No claim's model ran in this comparison.")
    } else {
      out.append(table(["Source", "Model", "Metric", "Claim", "Its protocol", "Ours, honest protocol", "Ours, its protocol", "Verdict", "Explained by", "Known differences"], checked.map { c in
        [c.claim.citation.short, c.claim.model, c.claim.metric.label + (c.claim.threshold.map { " \(pct($0)) %" } ?? ""), c.claim.valueText,
         c.claim.setup.summary, c.honest?.text(isRate: c.claim.metric.isRate) ?? "—",
         c.replicaModel == c.claim.model && c.replicaSplit == report.primarySplit && c.claim.metric == .testAccuracy && c.replica != nil
           ? "the same (honest protocol)"
           : c.replica.map { $0.text(isRate: c.claim.metric.isRate) + (c.replicaModel != c.claim.model || c.replicaSplit != report.primarySplit ? " [\(c.replicaModel ?? "")/\(c.replicaSplit ?? "")]" : "") } ?? "—",
         "**\(c.verdictText)**", c.explainedBy, c.claim.knownDifferences.isEmpty ? "—" : c.claim.knownDifferences.joined(separator: "; ")]
      }))
    }
    out.append("")
    if !unchecked.isEmpty {
      var models: [String] = []
      for c in unchecked where !models.contains(c.claim.model) { models.append(c.claim.model) }
      let listed = models.map { model in
        let claims = unchecked.filter { $0.claim.model == model }
        let sources = Array(Set(claims.map(\.claim.citation.short))).sorted().joined(separator: ", ")
        return "\(model) (\(claims.count) claim\(claims.count == 1 ? "" : "s") of \(sources))"
      }
      out.append("Not checked in this run, because the model or its protocol's replica did not run (`har compare --all` checks every claim): \(unchecked.count) claim\(unchecked.count == 1 ? "" : "s"): \(listed.joined(separator: "; ")).")
      out.append("")
    }
    out.append("Sources:")
    out.append("")
    var cited: [Citation] = []
    for c in report.claims where !cited.contains(c.claim.citation) { cited.append(c.claim.citation) }
    for citation in cited {
      let ids = report.claims.filter { $0.claim.citation == citation }
      let guessed = Array(Set(ids.flatMap(\.claim.guessed))).sorted()
      let notes = Array(Set(ids.compactMap(\.claim.note))).sorted()
      var line = "- \(citation.short): \(citation.reference)."
      if !guessed.isEmpty { line += " Our choices where it is silent: \(guessed.joined(separator: "; "))." }
      if !notes.isEmpty { line += " " + notes.map { $0.hasSuffix(".") ? $0 : $0 + "." }.joined(separator: " ") }
      out.append(line)
    }
    out.append("")

    // Claim replicas.
    out.append("## Claim replicas")
    out.append("")
    if report.replicas.isEmpty {
      out.append("Every claim's protocol is the honest one here (or replicas were not run), so its own-protocol numbers come from the tables above.")
    } else {
      out.append("The models trained and tested the way the sources did, beside the metrics the sources may have reported: test accuracy, Keras's binary accuracy (what `metrics=['accuracy']` reports with `binary_crossentropy`), the running training accuracy of the last epoch (what Keras prints during `fit`), and inference-mode training accuracy.")
      out.append("")
      out.append(table(["Model", "Split", "Test accuracy (%)", "95 % CI (%)", "Keras binary accuracy (%)", "Last-epoch training accuracy (%)", "Last-epoch binary training accuracy (%)", "Training accuracy, inference (%)", "Trained on", "Runs"], report.replicas.map { s in
        [s.model.name, s.split, meanSD(s.accuracy), ciText(s.accuracyInterval), s.binaryAccuracy.map(meanSD) ?? "—",
         s.kerasTrainingAccuracy.map(meanSD) ?? "—", s.kerasTrainingBinaryAccuracy.map(meanSD) ?? "—", s.trainingAccuracy.map(meanSD) ?? "—",
         trainedOn(s), "\(s.cells.count)"]
      }))
      out.append("")
      for s in report.replicas where s.model.summary.contains(" with ") { out.append("- `\(s.model.name)`: \(s.model.summary)") }
    }
    out.append("")

    // Leakage.
    out.append("## Leakage check")
    out.append("")
    if report.leakage.isEmpty {
      out.append("Not run in this profile.")
    } else {
      let leakySplits = report.leakage[0].leaky.map(\.split)
      out.append("The same models on leaky splits with the subject split's sizes — as many training windows and test windows — where windows of one person fall on both sides: \(leakySplits.map(\.summary).joined(separator: "; ")). The inflation is leaky minus subject-split accuracy, with a 95 % interval from resampling each side's subjects and seeds independently (the test sets differ, so no pairing is possible).")
      out.append("")
      var header = ["Model", "Subject split (%)"]
      for k in leakySplits { header += ["\(k.name) (%)", "Inflation, \(k.name) (points, 95 % CI)"] }
      header.append("Training / test windows")
      out.append(table(header, report.leakage.map { l in
        var row = [l.subject.model.name, meanSD(l.subject.accuracy)]
        for k in leakySplits {
          if let x = l.leaky.first(where: { $0.split == k }) {
            row += [meanSD(x.summary.accuracy), String(format: "%+.2f", 100 * x.inflation) + (x.interval.map { String(format: " (%+.2f to %+.2f)", 100 * $0.lower, 100 * $0.upper) } ?? "")]
          } else { row += ["—", "—"] }
        }
        row.append(([l.subject] + l.leaky.map(\.summary)).map { "\($0.trainWindows) / \($0.cells[0].testWindows)" }.joined(separator: ", "))
        return row
      }))
      out.append("")
      out.append("![Subject split vs. leaky splits](figures/leakage.svg)")
    }
    out.append("")

    // The teaching studies (MarkdownReport+Teaching.swift).
    out += learningCurveSection(report)
    out += ablationSection(report)

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
    out.append("- CPU: \(e.cpuModel), \(e.logicalCPUs) logical CPUs; OpenBLAS threads: \(e.blasThreads); OpenBLAS kernel: \(m.blasKernel ?? e.blasKernel ?? "not recorded")")
    out.append("- Swift: \(e.swiftVersion)")
    out.append("- OpenBLAS: \(e.blasConfiguration)")
    out.append("- Data: `\(e.dataLocation)`, checksum \(e.dataChecksum?.summary ?? "not computed") (FNV-1a 64 over the files read, see docs/compare.md)")
    out.append("- Feature pipeline: \(m.featurePipeline ?? "2026-11 (not recorded by this run)")\((m.featurePipeline ?? "2026-11") == "current" ? " (0.1 Hz gyroscope high-pass, windows one sample earlier; docs/features.md)" : "")")
    out.append("- Windows: \(m.windowCount) of \(m.subjects.count) subjects (\(CompareError.ranges(m.subjects))), activities \(m.classNames.joined(separator: ", "))")
    let splitSeeds = m.splitKinds.map { "\($0.name) \(m.splitSeeds[$0.name] ?? "?")" }.joined(separator: ", ")
    out.append("- Seeds: master seed \(m.masterSeed); \(m.deepSeeds) per deep model, \(m.classicSeeds) per classical model, \(m.leakageSeeds) per leakage-check model; claim replicas as planned in run.json (`groups`); bootstrap draws seeded from the master seed; split seeds \(splitSeeds); each cell's seed is derived from the master seed and (model, split, fold, seed index) and stored in results.csv")
    out.append("- Profile: \(m.profile); epochs: \(m.epochs.map { "\($0) for every deep model" } ?? "each model's own"); \(m.validationFraction > 0 ? "validation: \(String(format: "%.0f", m.validationFraction * 100)) % of the training subjects held out from every model's training (training curves; early stopping only when the model's summary says so)" : "no validation subjects: every model trains on every training subject")")
    out.append("- Files: `results.csv` (one line per cell), `results.json`, `cells/*.json` (confusion matrices, histories), `run.json`, `figures/*.svg`")
    let sessions = m.sessions.count
    if m.sessions.count == 1, m.sessions[0].command.hasPrefix("cells of plan.json") {
      out.append("- Total run time: \(formatDuration(m.totalSeconds)), the sum of the cells' own wall-clock times (a plan's cells run as separate processes, possibly several at once; the command's wall clock is shorter with --jobs or an array)")
    } else {
      out.append("- Total run time: \(formatDuration(m.totalSeconds)) of wall clock over \(sessions) session\(sessions == 1 ? "" : "s")\(sessions > 1 ? " (resumed with --resume; every session is listed in run.json)" : "")")
    }
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

  /// "7415 windows of 21 subjects".
  static func trainedOn(_ s: ModelSummary) -> String {
    "\(s.trainWindows) windows" + (s.trainSubjects.map { " of \($0) subjects" } ?? "")
  }

  /// Whether every comparison model was fitted on the same windows, said in one sentence.
  static func trainingSetText(_ report: ComparisonReport) -> String {
    let sets = Set(report.summaries.map { "\($0.trainWindows)/\($0.trainSubjects ?? -1)" })
    guard let first = report.summaries.first else { return "" }
    return sets.count == 1
      ? "Every model was fitted on the same \(trainedOn(first)) (no validation hold-out differs between models)."
      : "Models were fitted on different training sets: \(report.summaries.map { "\($0.model.name) \(trainedOn($0))" }.joined(separator: ", "))."
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
    "\(pct(ci.lower))–\(pct(ci.upper))" + (ci.method == "subject bootstrap" ? "" : " (\(ci.method))")
  }
}
