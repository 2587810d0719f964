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
  ///   - claims: the claims to check; nil = those recorded in run.json.
  /// - Returns: the path of the README.
  /// - Throws: `CompareError.io`.
  @discardableResult
  public static func write(_ results: ExperimentResults, to directory: URL? = nil,
                           claims: [PublishedClaim]? = nil) throws -> URL {
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
  public static func markdown(_ results: ExperimentResults, claims: [PublishedClaim]? = nil) -> String {
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
        for x in l.leaky {
          bars.append(.init(label: "\(l.subject.model.name) (\(x.split.name))", value: x.summary.accuracy.mean, interval: x.summary.accuracyInterval, color: Palette.other))
        }
      }
      out.append(("leakage.svg", Figures.barChart(
        title: "Leakage: subject split vs. leaky splits of the same sizes", bars: bars,
        legend: legend + [("leaky split (same person on both sides)", Palette.other)])))
    }
    out += teachingFigures(report)
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
      self.ci = ci.map { Interval(lower: $0.lower, upper: $0.upper, method: $0.method) }
    }
  }
  struct Model: Encodable {
    var name: String; var input: String; var isDeep: Bool; var split: String; var summary: String
    var accuracy: Stat; var balancedAccuracy: Stat; var macroPrecision: Stat; var macroRecall: Stat; var macroF1: Stat
    var trainingAccuracy: Stat?; var kerasTrainingAccuracy: Stat?; var binaryAccuracy: Stat?
    var parameters: Int; var epochs: Stat; var fitSeconds: Stat
    var trainWindows: Int; var trainSubjects: Int?
    var precision: [Double]; var recall: [Double]; var f1: [Double]; var support: [Int]
    var confusion: [[Int]]; var notes: [String]
    init(_ s: ModelSummary) {
      name = s.model.name; input = s.model.input.rawValue; isDeep = s.model.isDeep; split = s.split; summary = s.model.summary
      accuracy = Stat(s.accuracy, ci: s.accuracyInterval); balancedAccuracy = Stat(s.balancedAccuracy)
      macroPrecision = Stat(s.macroPrecision); macroRecall = Stat(s.macroRecall); macroF1 = Stat(s.macroF1)
      trainingAccuracy = s.trainingAccuracy.map { Stat($0) }; kerasTrainingAccuracy = s.kerasTrainingAccuracy.map { Stat($0) }
      binaryAccuracy = s.binaryAccuracy.map { Stat($0) }
      parameters = s.parameters; epochs = Stat(s.epochs); fitSeconds = Stat(s.fitSeconds)
      trainWindows = s.trainWindows; trainSubjects = s.trainSubjects
      precision = s.pooled.precision; recall = s.pooled.recall; f1 = s.pooled.f1; support = s.pooled.support
      confusion = (0..<s.confusion.classCount).map { t in (0..<s.confusion.classCount).map { s.confusion[t, $0] } }
      notes = s.notes
    }
  }
  struct Measurement: Encodable {
    var value: Double; var ci: Interval?; var label: String; var notReached: Int
    init(_ m: ClaimMeasurement) {
      value = m.value; label = m.label; notReached = m.notReached
      ci = m.interval.map { Interval(lower: $0.lower, upper: $0.upper, method: $0.method) }
    }
  }
  struct Claim: Encodable {
    var claim: PublishedClaim; var honest: Measurement?; var ownProtocol: Measurement?
    var replicaModel: String?; var replicaSplit: String?; var verdict: String; var architectureGuessed: Bool; var explainedBy: String
  }
  struct Paired: Encodable {
    var a: String; var b: String; var difference: Double; var ci: Interval
    var subjectWins: Int; var subjectLosses: Int; var subjectTies: Int; var separated: Bool
    init(_ p: PairedComparison) {
      a = p.a.model.name; b = p.b.model.name; difference = p.result.difference
      ci = Interval(lower: p.result.interval.lower, upper: p.result.interval.upper, method: p.result.interval.method)
      subjectWins = p.result.subjectWins; subjectLosses = p.result.subjectLosses; subjectTies = p.result.subjectTies
      separated = p.result.isSeparated
    }
  }
  struct Leak: Encodable {
    struct Side: Encodable { var split: String; var accuracy: Stat; var inflation: Double; var inflationCI: Interval? }
    var model: String; var subjectSplit: Stat; var leaky: [Side]
  }

  var format = 2
  var run: RunMetadata
  var primarySplit: String
  var classNames: [String]
  var findings: String
  var models: [Model]
  var otherSplits: [String: [Model]]
  var featuresVersusRaw: Paired?
  var pairedWithBest: [Paired]
  var claims: [Claim]
  var replicas: [Model]
  var leakage: [Leak]
  /// The teaching studies (MarkdownReport+Teaching.swift); absent when not run.
  struct CurvePoint: Encodable {
    var model: String; var input: String; var trainSubjects: Int; var split: String; var accuracy: Double; var ci: Interval?; var runs: Int
  }
  struct AblationRow: Encodable {
    var model: String; var baseModel: String; var subset: String; var size: Int; var unit: String
    var accuracy: Stat; var difference: Double?; var differenceCI: Interval?; var separated: Bool?
  }
  var learningCurve: [CurvePoint]?
  var learningCurveParagraph: String?
  var ablation: [AblationRow]?
  var ablationSentences: [String]?

  init(_ r: ComparisonReport) {
    run = r.results.metadata
    primarySplit = r.primarySplit
    classNames = r.results.metadata.classNames
    findings = r.findings
    models = r.summaries.map(Model.init)
    otherSplits = Dictionary(r.otherSplits.map { ($0.split, $0.summaries.map(Model.init)) }, uniquingKeysWith: { a, _ in a })
    featuresVersusRaw = r.featuresVersusRaw.map(Paired.init)
    pairedWithBest = r.pairedWithBest.map(Paired.init)
    claims = r.claims.map { c in
      Claim(claim: c.claim, honest: c.honest.map(Measurement.init), ownProtocol: c.replica.map(Measurement.init),
            replicaModel: c.replicaModel, replicaSplit: c.replicaSplit, verdict: c.verdict.rawValue,
            architectureGuessed: c.claim.architectureGuessed, explainedBy: c.explainedBy)
    }
    replicas = r.replicas.map(Model.init)
    leakage = r.leakage.map { l in
      Leak(model: l.subject.model.name, subjectSplit: Stat(l.subject.accuracy, ci: l.subject.accuracyInterval),
           leaky: l.leaky.map { x in
             Leak.Side(split: x.split.name, accuracy: Stat(x.summary.accuracy, ci: x.summary.accuracyInterval), inflation: x.inflation,
                       inflationCI: x.interval.map { Interval(lower: $0.lower, upper: $0.upper, method: $0.method) })
           })
    }
    if let curve = r.learningCurve {
      learningCurve = curve.lines.flatMap { line in
        line.points.map { p in
          CurvePoint(model: line.model, input: line.input.rawValue, trainSubjects: p.trainSubjects, split: p.split, accuracy: p.accuracy,
                     ci: p.interval.map { Interval(lower: $0.lower, upper: $0.upper, method: $0.method) }, runs: p.runs)
        }
      }
      learningCurveParagraph = curve.crossings
    }
    if let a = r.ablation {
      ablation = a.rows.map { row in
        AblationRow(model: row.summary.model.name, baseModel: row.subset.baseModel, subset: row.subset.name, size: row.subset.size,
                    unit: row.subset.unit, accuracy: Stat(row.summary.accuracy, ci: row.summary.accuracyInterval),
                    difference: row.difference?.difference,
                    differenceCI: row.difference.map { Interval(lower: $0.interval.lower, upper: $0.interval.upper, method: $0.interval.method) },
                    separated: row.difference?.isSeparated)
      }
      ablationSentences = a.sentences
    }
  }
}
