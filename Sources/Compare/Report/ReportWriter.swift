// Writes a report folder: README.md, results.json and figures/*.svg, each atomically,
// from an `ExperimentResults` (usually read back from the same folder).
import Foundation

/// Writes the Markdown/SVG/JSON report of a run.
public enum ReportWriter {
  /// Writes `README.md`, `results.json` and `figures/*.svg` into `directory` (and copies
  /// `results.csv` there if the results live elsewhere).
  ///
  /// - Parameters:
  ///   - results: the run's results, e.g. from `Experiment.run` or `ExperimentResults.load`.
  ///   - directory: the report folder; nil = the results' own folder.
  ///   - claims: the published claims to check; default `PublishedClaim.all`.
  /// - Returns: the path of the README.
  /// - Throws: `CompareError.io`.
  @discardableResult
  public static func write(_ results: ExperimentResults, to directory: URL? = nil,
                           claims: [PublishedClaim] = PublishedClaim.all) throws -> URL {
    let directory = directory ?? results.directory
    let report = ComparisonReport(results: results, claims: claims)
    let files = ResultFiles(directory: directory)
    try FileIO.createDirectory(files.figures)
    for (name, svg) in figures(report) {
      try FileIO.writeAtomically(svg, to: files.figures.appendingPathComponent(name))
    }
    try FileIO.writeAtomically(try JSON.encode(ResultsDocument(report)), to: files.resultsJSON)
    let source = ResultFiles(directory: results.directory).resultsCSV
    if source.standardizedFileURL.path != files.resultsCSV.standardizedFileURL.path && FileIO.exists(source) {
      try FileIO.writeAtomically(try FileIO.read(source), to: files.resultsCSV)
    }
    try FileIO.writeAtomically(MarkdownReport.render(report), to: files.readme)
    return files.readme
  }

  /// The README text of a report (what `write` puts in README.md).
  public static func markdown(_ results: ExperimentResults, claims: [PublishedClaim] = PublishedClaim.all) -> String {
    MarkdownReport.render(ComparisonReport(results: results, claims: claims))
  }

  static func confusionFile(_ model: String) -> String { "confusion-\(model).svg" }
  static func curvesFile(_ model: String) -> String { "curves-\(model).svg" }

  /// Every figure of a report, by file name.
  static func figures(_ report: ComparisonReport) -> [(String, String)] {
    var out: [(String, String)] = []
    let names = report.results.metadata.classNames
    func color(_ s: ModelSummary) -> String { s.model.input == .features ? Palette.features : Palette.raw }
    let legend = [("handcrafted features", Palette.features), ("raw signals", Palette.raw)]
    if !report.summaries.isEmpty {
      out.append(("comparison.svg", Figures.barChart(
        title: "Test accuracy on the \(report.primarySplit) split (95 % CI)",
        bars: report.summaries.map { .init(label: $0.model.name, value: $0.accuracy.mean, interval: $0.accuracyInterval, color: color($0)) },
        legend: legend)))
    }
    if !report.leakage.isEmpty {
      var bars: [Figures.Bar] = []
      for l in report.leakage {
        bars.append(.init(label: "\(l.subject.model.name) (subjects)", value: l.subject.accuracy.mean, interval: l.subject.accuracyInterval, color: color(l.subject)))
        bars.append(.init(label: "\(l.random.model.name) (random windows)", value: l.random.accuracy.mean, interval: l.random.accuracyInterval, color: Palette.other))
      }
      out.append(("leakage.svg", Figures.barChart(
        title: "Leakage: subject split vs. random window split", bars: bars,
        legend: legend + [("random window split (leaky)", Palette.other)])))
    }
    for s in report.summaries {
      out.append((confusionFile(s.model.name), Figures.heatmap(
        title: "\(s.model.name): confusion matrix (\(report.primarySplit), \(runs(s.cells.count)))", matrix: s.confusion, classNames: names)))
      if let cell = s.cells.first(where: { !$0.history.isEmpty }) {
        out.append((curvesFile(s.model.name), Figures.trainingCurves(
          title: "\(s.model.name): training curves (\(cell.key.split) fold \(cell.key.fold), seed \(cell.key.seedIndex))", history: cell.history)))
      }
    }
    return out
  }
}

/// The contents of `results.json`: the run, every model's summary, claims, leakage, cells.
struct ResultsDocument: Encodable {
  struct Interval: Encodable { var lower: Double; var upper: Double; var method: String }
  struct Stat: Encodable {
    var mean: Double; var sd: Double?; var ci: Interval?; var runs: Int
    init(_ s: RunSummary, ci: ConfidenceInterval? = nil) {
      mean = s.mean; sd = s.standardDeviation; runs = s.count
      let c = ci ?? s.interval
      self.ci = c.map { Interval(lower: $0.lower, upper: $0.upper, method: $0.method) }
    }
  }
  struct Model: Encodable {
    var name: String; var input: String; var isDeep: Bool; var split: String; var summary: String
    var accuracy: Stat; var macroPrecision: Stat; var macroRecall: Stat; var macroF1: Stat
    var trainingAccuracy: Stat?; var parameters: Int; var epochs: Stat; var fitSeconds: Stat
    var precision: [Double]; var recall: [Double]; var f1: [Double]; var support: [Int]
    var confusion: [[Int]]; var notes: [String]
    init(_ s: ModelSummary) {
      name = s.model.name; input = s.model.input.rawValue; isDeep = s.model.isDeep; split = s.split; summary = s.model.summary
      accuracy = Stat(s.accuracy, ci: s.accuracyInterval); macroPrecision = Stat(s.macroPrecision)
      macroRecall = Stat(s.macroRecall); macroF1 = Stat(s.macroF1)
      trainingAccuracy = s.trainingAccuracy.map { Stat($0, ci: s.trainingAccuracyInterval) }
      parameters = s.parameters; epochs = Stat(s.epochs); fitSeconds = Stat(s.fitSeconds)
      precision = s.pooled.precision; recall = s.pooled.recall; f1 = s.pooled.f1; support = s.pooled.support
      confusion = (0..<s.confusion.classCount).map { t in (0..<s.confusion.classCount).map { s.confusion[t, $0] } }
      notes = s.notes
    }
  }
  struct Claim: Encodable {
    var model: String; var architecture: String; var claimed: Double; var measuredOn: String
    var comparedWith: String; var ours: Stat?; var verdict: String; var source: String
  }
  struct Leak: Encodable { var model: String; var subjectSplit: Stat; var randomSplit: Stat; var inflationPoints: Double }

  var format = 1
  var run: RunMetadata
  var primarySplit: String
  var classNames: [String]
  var findings: String
  var models: [Model]
  var otherSplits: [String: [Model]]
  var claims: [Claim]
  var leakage: [Leak]
  var claimMargin: Double

  init(_ r: ComparisonReport) {
    run = r.results.metadata
    primarySplit = r.primarySplit
    classNames = r.results.metadata.classNames
    findings = r.findings
    models = r.summaries.map(Model.init)
    otherSplits = Dictionary(r.otherSplits.map { ($0.split, $0.summaries.map(Model.init)) }, uniquingKeysWith: { a, _ in a })
    claims = r.claims.map { c in
      Claim(model: c.claim.model, architecture: c.claim.architecture, claimed: c.claim.accuracy, measuredOn: c.claim.measuredOn,
            comparedWith: c.claim.comparedWith.rawValue, ours: c.reproduction.map { Stat($0, ci: c.interval) },
            verdict: c.verdict.rawValue, source: c.claim.source)
    }
    leakage = r.leakage.map {
      Leak(model: $0.subject.model.name, subjectSplit: Stat($0.subject.accuracy, ci: $0.subject.accuracyInterval),
           randomSplit: Stat($0.random.accuracy, ci: $0.random.accuracyInterval), inflationPoints: $0.inflationPoints)
    }
    claimMargin = ClaimVerdict.margin
  }
}
