import Compare
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import _TestSupport

/// Parses an SVG with XMLParser and records the elements and the root's attributes.
final class SVGInspector: NSObject, XMLParserDelegate {
  var elements: [String: Int] = [:]
  var rootAttributes: [String: String] = [:]
  var texts: [String] = []
  private var inText = false
  private var current = ""

  func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
    if elements.isEmpty { rootAttributes = attributes }
    elements[name, default: 0] += 1
    if name == "text" { inText = true; current = "" }
    if name == "image" || attributes["href"] != nil || attributes["xlink:href"] != nil { elements["external", default: 0] += 1 }
  }
  func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
    if name == "text" { texts.append(current); inText = false }
  }

  static func inspect(_ url: URL) throws -> SVGInspector {
    let parser = XMLParser(data: try Data(contentsOf: url))
    let inspector = SVGInspector()
    parser.delegate = inspector
    let ok = parser.parse()
    #expect(ok, "\(url.lastPathComponent) is not well-formed XML: \(String(describing: parser.parserError))")
    return inspector
  }
}

@Test func endToEndReportFolderIsComplete() throws {
  let dir = try RealData.temporaryDirectory("compare-report")
  let results = try runMock(in: dir)
  let readmeURL = try ReportWriter.write(results)
  let readme = try String(contentsOf: readmeURL, encoding: .utf8)
  for heading in ["# HAR comparison", "## Features vs. featureless", "## Table I: classical classifiers on handcrafted features",
                  "## Table II: deep models on raw signals", "## Published claims", "## Leakage check", "## Per-class results",
                  "### linear-svc", "### cnn", "## How this was made"] {
    #expect(readme.contains(heading), "README lacks \(heading)")
  }
  for field in ["- Command: `har compare --all --name test`", "- Git commit: `0123abc`", "- CPU: Test CPU, 2 logical CPUs; OpenBLAS threads: 1",
                "- Swift: Swift 6.3 (test)", "- OpenBLAS: OpenBLAS (test)", "fnv1a64:00000000deadbeef", "master seed 2024", "- Total run time:"] {
    #expect(readme.contains(field), "README lacks \(field)")
  }
  // Table I has Accuracy, Error and the subject-bootstrap interval; Table II the four macro metrics.
  #expect(readme.contains("| Method | Accuracy (%) | Error (%) | 95 % CI (%) | Macro F1 (%) |"))
  #expect(readme.contains("| Model | Accuracy (%) | 95 % CI (%) | F1 (%) | Precision (%) | Recall (%) | Training accuracy (%) | Parameters | Epochs | Training time (s) |"))
  // The generated paragraph names the best models, the paired comparison and the confusion.
  #expect(readme.contains("the most accurate model is **"))
  #expect(readme.contains("paired 95 % CI") && readme.contains("test subjects"))
  #expect(readme.contains("The activities confused most"))
  #expect(readme.contains("### Paired comparisons with "))
  // Like-for-like: every model fitted on the same windows (validation held out of all).
  let report = ComparisonReport(results: results)
  #expect(Set(report.summaries.map(\.trainWindows)).count == 1)
  #expect(readme.contains("Every model was fitted on the same"))
  // Every interval is a subject bootstrap inside [0, 1].
  for s in report.summaries {
    #expect(s.accuracyInterval.method == "subject bootstrap" && s.accuracyInterval.lower >= 0 && s.accuracyInterval.upper <= 1)
  }
  // Claims: run models get verdicts, the others are named in one sentence; every claim has a citation.
  #expect(readme.contains("| Bhandari & Annamalai | linear-svc | test accuracy | 96.67 % |"))
  #expect(readme.contains("Not checked in this run, because the model or its protocol's replica did not run"))
  #expect(readme.contains("lstm (4 claims of Bhandari & Annamalai)") && !readme.contains("**not run**"))
  #expect(report.claims.count == BuiltInClaims.all.count)
  #expect(report.claims.first { $0.claim.id == "bhandari-linear-svc" }!.replica!.interval!.method == "subject bootstrap")
  #expect(report.claims.filter { $0.claim.model == "lstm" }.allSatisfy { $0.verdict == .notRun })
  #expect(report.leakage.map(\.subject.model.name) == ["linear-svc", "cnn"])
  #expect(report.leakage.allSatisfy { $0.leaky.map(\.split) == [.matchedRandomWindows, .matchedRandomRecordings] })
  #expect(readme.contains("| Model | Subject split (%) | random-matched (%) | Inflation, random-matched (points, 95 % CI) |"))

  // Every figure the README links exists and is valid standalone SVG.
  let linked = readme.components(separatedBy: "](figures/").dropFirst().map { String($0.prefix { $0 != ")" }) }
  #expect(Set(linked) == ["comparison.svg", "leakage.svg", "confusion-linear-svc.svg", "confusion-centroid.svg", "confusion-cnn.svg", "curves-cnn.svg"])
  for name in linked {
    let svg = try SVGInspector.inspect(dir.appendingPathComponent("figures").appendingPathComponent(name))
    #expect(svg.rootAttributes["xmlns"] == "http://www.w3.org/2000/svg", "\(name) lacks xmlns")
    #expect(svg.rootAttributes["viewBox"] != nil, "\(name) lacks a viewBox")
    #expect(svg.elements["title", default: 0] >= 1 && svg.elements["text", default: 0] >= 5, "\(name) lacks text labels")
    #expect(svg.elements["external", default: 0] == 0, "\(name) refers to an external resource")
  }
  let comparison = try SVGInspector.inspect(dir.appendingPathComponent("figures/comparison.svg"))
  #expect(comparison.texts.contains("linear-svc") && comparison.texts.contains("cnn") && comparison.texts.contains("raw signals"))
  let heatmap = try SVGInspector.inspect(dir.appendingPathComponent("figures/confusion-cnn.svg"))
  #expect(heatmap.elements["rect", default: 0] >= 36 + 1 && heatmap.texts.contains("WALKING_UPSTAIRS"))
  let curves = try SVGInspector.inspect(dir.appendingPathComponent("figures/curves-cnn.svg"))
  #expect(curves.elements["polyline", default: 0] == 4 && curves.texts.contains("Loss"))

  // results.json is JSON with the summaries and claims.
  let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("results.json"))) as! [String: Any]
  #expect((json["models"] as! [Any]).count == 3)
  #expect((json["claims"] as! [Any]).count == BuiltInClaims.all.count)
  #expect(json["run"] != nil && json["leakage"] != nil && json["findings"] != nil)
}

@Test func partialResultsGiveAPartialReport() throws {
  let dir = try RealData.temporaryDirectory("compare-partial")
  _ = try runMock(in: dir)
  let csvURL = dir.appendingPathComponent("results.csv")
  let lines = try String(contentsOf: csvURL, encoding: .utf8).split(separator: "\n")
  try (lines[0..<3].joined(separator: "\n") + "\n").write(to: csvURL, atomically: true, encoding: .utf8)
  let readme = ReportWriter.markdown(try ExperimentResults.load(from: dir))
  #expect(readme.contains("**Partial report**: 7 planned cell(s) have no result yet"))
}

@Test func malformedResultsNameFileAndLine() throws {
  let dir = try RealData.temporaryDirectory("compare-bad")
  let url = dir.appendingPathComponent("results.csv")
  try (ResultsTable.header + "lstm,raw,official,0,0,12,0.9\nmore\n").write(to: url, atomically: true, encoding: .utf8)
  #expect {
    try ResultsTable.read(url)
  } throws: { error in
    "\(error)".hasPrefix("\(url.path):2: expected 20 comma-separated fields, found 7")
  }
  try "model,accuracy\n".write(to: url, atomically: true, encoding: .utf8)
  #expect {
    try ResultsTable.read(url)
  } throws: { error in
    "\(error)".hasPrefix("\(url.path):1: expected the header")
  }
}

@Test func checksumIsFNV1a() throws {
  // FNV-1a 64 reference values: "" → cbf29ce484222325, "a" → af63dc4c8601ec8c.
  #expect(FNV1a64().hex == "cbf29ce484222325")
  #expect(FNV1a64.hash("a") == 0xAF63_DC4C_8601_EC8C)
  let dir = try RealData.temporaryDirectory("compare-sum")
  try "x".write(to: dir.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
  try "y".write(to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
  let first = try DataChecksum.compute(directory: dir)
  #expect(first.fileCount == 2 && first.byteCount == 2)
  try "z".write(to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
  #expect(try DataChecksum.compute(directory: dir).value != first.value)
}
