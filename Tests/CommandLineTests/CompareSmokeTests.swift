// The CI smoke test of issue 6: `har compare --quick` on the real recordings writes a
// complete report. It checks the report's structure, not its accuracy (the quick profile
// trains deep models for two epochs).
import Foundation
import Testing
import _TestSupport

@Suite struct CompareSmokeTests {
  @Test func quickProfileWritesACompleteReport() throws {
    guard let dir = RealData.haptDirectory else { print("skipped: no HAPT data"); return }
    let out = try RealData.temporaryDirectory("reports")
    let r = try HarExecutable.run(["compare", "--quick", "--data", dir.path, "--out", out.path, "--name", "smoke"])
    #expect(r.status == 0, "\(r.stderr.suffix(2000))")
    let report = out.appendingPathComponent("smoke")
    #expect(r.stdout.contains(report.appendingPathComponent("README.md").path))
    let readme = try String(contentsOf: report.appendingPathComponent("README.md"), encoding: .utf8)
    for section in ["## Features vs. featureless", "## Table I: classical classifiers on handcrafted features",
                    "## Table II: deep models on raw signals", "## Published claims", "## Leakage check",
                    "## Per-class results", "## How this was made"] {
      #expect(readme.contains(section), "missing section \(section)")
    }
    let models = ["linear-svc", "logistic-regression", "decision-tree", "lstm", "lstm2", "cnn", "cnn-lstm",
                  "cnn-lstm-deep", "cnn-lstm-wide", "lstm-bn"]
    for m in models { #expect(readme.contains("| \(m) |"), "model \(m) missing from the tables") }
    for claim in ["92.37", "92.05", "91.52", "90.91", "94.70", "98.80", "92.00", "96.67", "95.83", "87.17"] {
      #expect(readme.contains(claim), "claim \(claim) % missing")
    }
    // One CSV line per cell: 10 models on the official split + 2 leakage-check cells.
    let csv = try String(contentsOf: report.appendingPathComponent("results.csv"), encoding: .utf8)
    let lines = csv.split(separator: "\n")
    #expect(lines.first?.hasPrefix("model,input,split,fold,seed,") == true)
    #expect(lines.count == 1 + 12, "\(lines.count - 1) cells")
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
    // A second run into the same folder refuses to clobber it.
    let again = try HarExecutable.run(["compare", "--quick", "--data", dir.path, "--out", out.path, "--name", "smoke", "--models", "linear-svc"])
    #expect(again.status != 0 && again.stderr.contains("--resume"), "\(again.stderr)")
  }
}
