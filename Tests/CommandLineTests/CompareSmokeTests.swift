// The CI smoke test: the README's first command, `har compare --all` (with `--quick`),
// run as a new user runs it — in a fresh clone that holds the committed reports — on the
// real recordings. It must work as written, write a new report folder beside the
// committed `reports/full` without touching it, and that report must be complete. It
// checks the report's structure, not its accuracy (the quick profile trains deep models
// for two epochs).
import Foundation
import Testing
import _TestSupport

@Suite struct CompareSmokeTests {
  // Needs the real recordings ($HAR_DATA); skipped, visibly, without them.
  @Test(.enabled(if: RealData.haptDirectory != nil)) func quickProfileWritesACompleteReport() throws {
    let dir = RealData.haptDirectory!
    let clone = try FreshClone.make()
    let committed = clone.appendingPathComponent("reports/full")
    let before = try FreshClone.contents(of: committed)
    #expect(!before.isEmpty, "the clone holds the committed reports/full")
    let r = try HarExecutable.run(["compare", "--all", "--quick", "--data", dir.path], workingDirectory: clone)
    #expect(r.status == 0, "\(r.stderr.suffix(2000))")
    #expect(try FreshClone.contents(of: committed) == before, "reports/full was modified")
    let out = clone.appendingPathComponent("reports")
    // stdout is the report's README path: reports/quick-YYYY-MM-DD/README.md in the clone.
    let printed = URL(fileURLWithPath: r.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    let report = printed.deletingLastPathComponent()
    #expect(printed.lastPathComponent == "README.md" && report.deletingLastPathComponent().lastPathComponent == "reports", "\(r.stdout)")
    #expect(report.lastPathComponent.range(of: #"^quick-\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil, "\(report.path)")
    #expect(r.stderr.contains("a new dated folder"), "\(r.stderr.prefix(2000))")
    let readme = try String(contentsOf: report.appendingPathComponent("README.md"), encoding: .utf8)
    for section in ["## Features vs. featureless", "### Paired comparisons with ", "## Table I: classical classifiers on handcrafted features",
                    "## Table II: deep models on raw signals", "## Published claims", "## Claim replicas", "## Leakage check",
                    "## Per-class results", "## How this was made"] {
      #expect(readme.contains(section), "missing section \(section)")
    }
    let models = ["majority-class", "linear-svc", "logistic-regression", "decision-tree", "lstm", "lstm2", "cnn", "cnn-lstm",
                  "cnn-lstm-deep", "cnn-lstm-wide", "lstm-bn", "lstm-nobn", "lstm-tutorial"]
    for m in models { #expect(readme.contains("| \(m) |"), "model \(m) missing from the tables") }
    // Every claim of the five sources, with its citation, a verdict and an explanation.
    for claim in ["92.37 %", "92.05 %", "91.52 %", "90.91 %", "92.44 %", "94.70 %", "98.00 %", "98.80 %", "95.60 %", "99.00 %",
                  "92.00 %", "88.00 %", "93.40 %", "96.67 %", "95.83 %", "87.17 %", "20 epochs", "80 epochs"] {
      #expect(readme.contains(claim), "claim \(claim) missing")
    }
    for source in ["Bhandari & Annamalai", "Sharma et al.", "healthcare monitoring", "Using Deep Learning Model", "Zebin et al. (2018)"] {
      #expect(readme.contains(source), "source \(source) missing")
    }
    #expect(!readme.contains("| **not run** |") && !readme.contains("Not checked in this run"), "a claim was not run")
    #expect(readme.contains("paired 95 % CI") && readme.contains("Every model was fitted on the same"))
    // Intervals never leave [0, 100] %: no number above 100.00 in a CI column.
    #expect(readme.range(of: #"–(10[1-9]|1[1-9]\d|100\.(0[1-9]|[1-9]\d))"#, options: .regularExpression) == nil, "an interval above 100 %")
    // One CSV line per cell: 13 models on the official split, 5 models on 2 leaky splits,
    // the tutorial's random-split replica, and 2 Zebin replicas on 3 subject draws.
    let csv = try String(contentsOf: report.appendingPathComponent("results.csv"), encoding: .utf8)
    let lines = csv.split(separator: "\n")
    #expect(lines.first?.hasPrefix("model,input,split,fold,seed,") == true)
    #expect(lines.count == 1 + 13 + 10 + 1 + 6, "\(lines.count - 1) cells")
    // Like for like: every official-split cell was fitted on the same windows and subjects.
    let header = lines[0].split(separator: ",").map(String.init)
    let (split, windows, subjects) = (header.firstIndex(of: "split")!, header.firstIndex(of: "train_windows")!, header.firstIndex(of: "train_subjects")!)
    let official = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }.filter { $0[split] == "official" }
    #expect(official.count == 13 && Set(official.map { $0[windows] + "/" + $0[subjects] }) == ["7415/21"])
    let fm = FileManager.default
    for file in ["results.json", "run.json", "figures/comparison.svg", "figures/leakage.svg",
                 "figures/confusion-cnn-lstm.svg", "figures/curves-lstm.svg"] {
      #expect(fm.fileExists(atPath: report.appendingPathComponent(file).path), "\(file) missing")
    }
    // Every figure the README links exists.
    for line in readme.split(separator: "\n") where line.hasPrefix("![") {
      if let open = line.firstIndex(of: "("), let close = line.lastIndex(of: ")") {
        let path = String(line[line.index(after: open)..<close])
        #expect(fm.fileExists(atPath: report.appendingPathComponent(path).path), "linked figure \(path) missing")
      }
    }
    // A second run into the same named folder refuses to clobber it.
    let again = try HarExecutable.run(["compare", "--quick", "--data", dir.path, "--out", out.path, "--name", report.lastPathComponent, "--models", "linear-svc"])
    #expect(again.status != 0 && again.stderr.contains("--resume"), "\(again.stderr)")
  }
}
