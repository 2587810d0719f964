// The teaching studies on the synthetic mock data: the learning curve's split and plan,
// the feature-family ablation's plan and column subsets, their report sections and
// figures, and the crossing paragraph on hand-made curves.
import Classic
import Compare
import Features
import Foundation
import LinearAlgebra
import Testing
import _TestSupport

/// Six feature names, one column each, so that every `FeatureFamily` is non-empty on the
/// synthetic data's 6 features: time 0, 1, 3; frequency 2, 4; angle 5; accelerometer 0,
/// 1, 4; gyroscope 2, 3; body 0, 2, 3, 4; gravity 1.
let syntheticFeatureNames = ["tBodyAcc-mean()-X", "tGravityAcc-mean()-X", "fBodyGyro-mean()-X", "tBodyGyro-std()-X",
                             "fBodyAcc-std()-X", "angle(X,gravityMean)"]

/// A nearest-centroid features model that can read a column subset and writes the width
/// of the matrix it was given into its notes ("width 3"), so a test sees what it read.
struct SubsettableCentroid: FeatureColumnSubsetting {
  var name = "linear-svc"
  var columns: [Int]? = nil
  var input: ModelInput { .features }
  var isDeep: Bool { false }

  func selectingColumns(_ columns: [Int], named name: String) throws -> any ComparableModel {
    SubsettableCentroid(name: name, columns: columns)
  }

  func run(_ task: CellTask, progress: @Sendable (CellProgress) -> Void) throws -> CellOutcome {
    func pick(_ m: Matrix<Double>) -> Matrix<Double> {
      guard let columns else { return m }
      return Matrix((0..<m.rows).map { r in columns.map { m.row(r)[m.row(r).startIndex + $0] } })
    }
    let train = pick(task.trainFeatures!), test = pick(task.testFeatures!)
    let sliced = CellTask(key: task.key, seed: task.seed, weightsSeed: task.weightsSeed, shuffleSeed: task.shuffleSeed, input: task.input,
                          classCount: task.classCount, classNames: task.classNames, trainFeatures: train, testFeatures: test,
                          trainSignals: nil, testSignals: nil, trainLabels: task.trainLabels, validation: task.validation, epochs: task.epochs)
    var outcome = try MockCentroid(name: name).run(sliced, progress: progress)
    outcome.notes = ["width \(train.columns)"]
    return outcome
  }
}

/// A raw-signal mock whose variants carry channel overrides (recorded in the notes; the
/// synthetic data has 3 channels, so they are not applied).
struct ChannelMockDeep: ComparableModel {
  var name = "cnn"
  var channels: ChannelSelection? = nil
  var input: ModelInput { .raw }
  var isDeep: Bool { true }
  var summary: String { "mock deep" + (channels.map { " on \($0.summary)" } ?? "") }

  func run(_ task: CellTask, progress: @Sendable (CellProgress) -> Void) throws -> CellOutcome {
    var outcome = try MockDeep(name: name).run(task, progress: progress)
    outcome.notes = ["channels \(channels?.count ?? task.trainSignals!.channels)"]
    return outcome
  }

  func variant(named name: String, overrides: TrainingOverrides) throws -> (any ComparableModel)? {
    ChannelMockDeep(name: name, channels: overrides.channels)
  }
}

let teachingMockModels: [any ComparableModel] = [SubsettableCentroid(name: "linear-svc"), MockCentroid(name: "centroid"),
                                                 ChannelMockDeep(name: "cnn")]

/// The mock plan with the teaching studies: 2 deep seeds, 1 classic seed, no leakage or claims.
let teachingMockConfiguration = ExperimentConfiguration(
  profile: "teaching", deepSeeds: 2, classicSeeds: 1, leakageCheck: false, claimReplicas: false,
  learningCurve: true, learningCurveDraws: 3, ablation: true)

func teachingExperiment(_ configuration: ExperimentConfiguration = teachingMockConfiguration,
                        models: [any ComparableModel] = teachingMockModels) throws -> Experiment {
  try Experiment(data: try syntheticData(), models: models, configuration: configuration, featureNames: syntheticFeatureNames)
}

@Suite struct OfficialSubsetSplitTests {
  let windows = try! syntheticData().windows
  let official = UCIHARDataset.officialTestSubjects.sorted()

  @Test func foldsTestTheOfficialSubjectsAndTrainOnKOfTheOthers() throws {
    let split = try SubjectSplit(.officialSubset(trainSubjects: 4, draws: 3), windows: windows, runSeed: 2024)
    #expect(split.kind.name == "official-n4x3")
    #expect(split.folds.count == 3 && split.kind.foldCount(subjects: 30) == 3)
    for fold in split.folds {
      #expect(fold.testSubjects == official)
      let train = Set(fold.train.map { windows[$0].subject })
      #expect(train.count == 4 && train.isDisjoint(with: official))
      #expect(Set(fold.test.map { windows[$0].subject }) == Set(official))
    }
    // Draws differ from one another.
    let sets = split.folds.map { Set($0.train.map { windows[$0].subject }) }
    #expect(Set(sets).count == 3, "draws \(sets)")
  }

  @Test func sameRunSeedSameDrawsAndAnotherSeedOthers() throws {
    let a = try SubjectSplit(.officialSubset(trainSubjects: 2, draws: 3), windows: windows, runSeed: 7)
    let b = try SubjectSplit(.officialSubset(trainSubjects: 2, draws: 3), windows: windows, runSeed: 7)
    let c = try SubjectSplit(.officialSubset(trainSubjects: 2, draws: 3), windows: windows, runSeed: 8)
    #expect(a == b)
    #expect(a.folds.map(\.train) != c.folds.map(\.train))
  }

  @Test func allTrainingSubjectsIsTheOfficialFold() throws {
    let all = try SubjectSplit(.officialSubset(trainSubjects: 21, draws: 1), windows: windows, runSeed: 2024)
    let official = try SubjectSplit(.official, windows: windows, runSeed: 2024)
    #expect(all.folds[0].train == official.folds[0].train && all.folds[0].test == official.folds[0].test)
  }

  @Test func moreSubjectsThanTheOfficialTrainingOnesIsAnError() {
    #expect(throws: CompareError.self) { try SubjectSplit(.officialSubset(trainSubjects: 22, draws: 1), windows: windows, runSeed: 1) }
    #expect(throws: CompareError.self) { try SubjectSplit(.officialSubset(trainSubjects: 0, draws: 1), windows: windows, runSeed: 1) }
  }
}

@Suite struct TeachingPlanTests {
  @Test func learningCurvePlansEveryDrawOfTheCurveModels() throws {
    var configuration = teachingMockConfiguration
    configuration.ablation = false
    let e = try teachingExperiment(configuration)
    let curve = e.groups.filter { $0.role == .learningCurve }
    // linear-svc and cnn are curve models; centroid is not. Their official cells are the
    // comparison's, so the curve adds the six smaller sizes only.
    #expect(Set(curve.map(\.model)) == ["linear-svc", "cnn"])
    #expect(curve.filter { $0.model == "cnn" }.map(\.split) == ["official-n1x3", "official-n2x3", "official-n4x3", "official-n8x3", "official-n12x3", "official-n16x3"])
    #expect(curve.allSatisfy { $0.seeds == 1 })
    let cells = e.cells.filter { $0.key.split.hasPrefix("official-n") }
    #expect(cells.count == 2 * 6 * 3)
    #expect(e.cells.filter { $0.key.split == "official" }.count == 1 + 1 + 2)
  }

  @Test func curveWithoutAnyCurveModelIsAnError() throws {
    var configuration = teachingMockConfiguration
    configuration.ablation = false
    #expect(throws: CompareError.self) { try teachingExperiment(configuration, models: [MockCentroid(name: "centroid")]) }
  }

  @Test func ablationPlansEveryFamilyAndChannelSubset() throws {
    var configuration = teachingMockConfiguration
    configuration.learningCurve = false
    let e = try teachingExperiment(configuration)
    let ablation = e.groups.filter { $0.role == .ablation }
    #expect(ablation.map(\.model) == FeatureFamily.allCases.map { "linear-svc-\($0.rawValue)" } + ["cnn-body-acc", "cnn-body-gyro", "cnn-total-acc", "cnn-acc"])
    #expect(ablation.allSatisfy { $0.split == "official" })
    #expect(ablation.first { $0.model == "linear-svc-time" }?.subset == .init(baseModel: "linear-svc", name: "time", size: 3, unit: "features"))
    #expect(ablation.first { $0.model == "cnn-acc" }?.subset == .init(baseModel: "cnn", name: "body_acc + total_acc", size: 6, unit: "channels"))
    #expect(ablation.first { $0.model == "cnn-acc" }?.seeds == 2)
    #expect(e.cells.filter { $0.key.model.hasPrefix("linear-svc-") }.count == 7)
    #expect(e.cells.filter { $0.key.model.hasPrefix("cnn-") }.count == 4 * 2)
  }

  @Test func ablationPlansTheFullModelWhenTheComparisonRunsElsewhere() throws {
    var configuration = teachingMockConfiguration
    configuration.learningCurve = false
    configuration.splits = [.kFold(3)]
    let e = try teachingExperiment(configuration)
    #expect(e.groups.contains(CellGroup(role: .ablation, model: "linear-svc", split: "official", seeds: 1)))
    #expect(e.groups.contains(CellGroup(role: .ablation, model: "cnn", split: "official", seeds: 2)))
  }

  @Test func ablationNeedsNamesForEveryColumn() throws {
    var configuration = teachingMockConfiguration
    configuration.learningCurve = false
    // The default names are the 561 of features.txt; the synthetic data has 6 columns.
    #expect(throws: CompareError.self) {
      try Experiment(data: try syntheticData(), models: teachingMockModels, configuration: configuration)
    }
  }

  @Test func teachingRequestRunsItsModelsWithoutLeakageOrClaims() throws {
    let request = ComparisonRequest(quick: false)
    var teaching = request
    teaching.teaching = true
    let c = try teaching.configuration()
    #expect(c.profile == "teaching" && c.learningCurve && c.ablation && !c.leakageCheck && !c.claimReplicas)
    #expect(c.deepSeeds == ExperimentConfiguration.Teaching.seeds && c.classicSeeds == ExperimentConfiguration.Teaching.seeds)
    #expect(try teaching.selectedModels(from: ModelRegistry.all()).map(\.name) == ExperimentConfiguration.Teaching.models)
    teaching.quick = true
    let q = try teaching.configuration()
    #expect(q.profile == "teaching-quick" && q.deepSeeds == 1 && q.epochs == 2 && q.learningCurveDraws == 1)
    // The studies as flags of another profile.
    var flags = request
    flags.learningCurve = true
    let f = try flags.configuration()
    #expect(f.learningCurve && !f.ablation && f.leakageCheck && f.profile == "full")
    flags.quick = true
    #expect(try flags.configuration().learningCurveDraws == 1)
  }
}

@Suite struct ColumnSubsetTests {
  /// A cell task of the synthetic data's official fold, features scaled as the runner does.
  func task(columns: [Int]?) throws -> CellTask {
    let data = try syntheticData()
    let fold = try SubjectSplit(.official, windows: data.windows, runSeed: 1).folds[0]
    let x = data.features!
    let scaling = FeatureScaler.fit(x, rows: fold.train)
    func cut(_ m: Matrix<Double>) -> Matrix<Double> {
      guard let columns else { return m }
      return Matrix((0..<m.rows).map { r in columns.map { m.row(r)[m.row(r).startIndex + $0] } })
    }
    return CellTask(key: CellKey(model: "m", split: "official", fold: 0, seedIndex: 0), seed: 1, weightsSeed: 2, shuffleSeed: 3,
                    input: .features, classCount: data.classCount, classNames: data.classNames,
                    trainFeatures: cut(scaling.transform(x.rows(fold.train))), testFeatures: cut(scaling.transform(x.rows(fold.test))),
                    trainSignals: nil, testSignals: nil, trainLabels: fold.train.map { data.labels[$0] }, validation: [], epochs: nil)
  }

  @Test(arguments: [ClassifierKind.logisticRegression, .linearSVC])
  func subsetModelEqualsTheModelOnAHandSlicedMatrix(kind: ClassifierKind) throws {
    let columns = [0, 2, 5]
    let subset = try ClassicModel(kind).selectingColumns(columns, named: "\(kind.rawValue)-sub")
    let onSubset = try subset.run(try task(columns: nil)) { _ in }
    let onSliced = try ClassicModel(kind).run(try task(columns: columns)) { _ in }
    let onAll = try ClassicModel(kind).run(try task(columns: nil)) { _ in }
    #expect(subset.name == "\(kind.rawValue)-sub" && subset.summary.contains("3 feature columns (0-based 0, 2, 5)"))
    #expect(onSubset.predictions == onSliced.predictions)
    #expect(onSubset.parameterCount == onSliced.parameterCount)
    // Reading fewer columns changes the model: 6 classes × (3 + 1) vs × (6 + 1) weights.
    #expect(onSubset.parameterCount < onAll.parameterCount, "\(onSubset.parameterCount) vs \(onAll.parameterCount)")
  }

  @Test func badColumnListsAreErrors() throws {
    let model = ClassicModel(.logisticRegression)
    #expect(throws: CompareError.self) { try model.selectingColumns([], named: "x") }
    #expect(throws: CompareError.self) { try model.selectingColumns([2, 1], named: "x") }
    #expect(throws: CompareError.self) { try model.selectingColumns([1, 1], named: "x") }
    #expect(throws: CompareError.self) { try model.selectingColumns([-1, 1], named: "x") }
    // A column outside the data fails the cell with a message, never a trap.
    let outside = try model.selectingColumns([0, 6], named: "x")
    #expect(throws: CompareError.self) { try outside.run(try task(columns: nil)) { _ in } }
  }
}

@Suite struct TeachingReportTests {
  @Test func reportHasBothSectionsAndWellFormedFigures() throws {
    let dir = try RealData.temporaryDirectory("teaching-report")
    let results = try teachingExperiment().run(in: dir, environment: testEnvironment)
    // Every ablation model read its subset: the widths of the families, the channel counts.
    for family in FeatureFamily.allCases {
      let cell = results.cells.first { $0.key.model == "linear-svc-\(family.rawValue)" }!
      #expect(cell.notes == ["width \(family.columns(in: syntheticFeatureNames).count)"])
    }
    #expect(results.cells.first { $0.key.model == "linear-svc" }!.notes == ["width 6"])
    #expect(results.cells.first { $0.key.model == "cnn-acc" }!.notes == ["channels 6"])
    let readme = try String(contentsOf: try ReportWriter.write(results), encoding: .utf8)
    for text in ["## Learning curve", "## Feature-family ablation", "[Learning curve](#learning-curve)",
                 "| Training subjects | linear-svc (features) | cnn (raw) |", "figures/learning-curve.svg", "figures/ablation.svg",
                 "| Family / channels | Reads | Model | Accuracy (%) | 95 % CI (%) | − full model (points) | Paired 95 % CI (points) |",
                 "| time | 3 features | linear-svc-time |", "| body_acc + total_acc | 6 channels | cnn-acc |",
                 "The 3 time-domain features alone reach", "The 1 gravity feature alone reaches", "cnn on body_gyro alone (3 channels) reaches"] {
      #expect(readme.contains(text), "README lacks \(text)")
    }
    // One table row per size (1 … 16 and the official 21).
    for k in [1, 2, 4, 8, 12, 16, 21] { #expect(readme.contains("\n| \(k) | "), "no row for \(k) subjects") }
    // Ablation variants are not comparison models: the main table keeps its three.
    #expect(ComparisonReport(results: results).summaries.map(\.model.name) == ["linear-svc", "centroid", "cnn"])
    let curve = try SVGInspector.inspect(dir.appendingPathComponent("figures/learning-curve.svg"))
    #expect(curve.rootAttributes["viewBox"] != nil && curve.elements["external", default: 0] == 0)
    #expect(curve.elements["polyline", default: 0] == 2 && curve.elements["circle", default: 0] == 2 * 7)
    #expect(curve.texts.contains("Training subjects (log scale)") && curve.texts.contains("cnn (raw)") && curve.texts.contains("16"))
    let bars = try SVGInspector.inspect(dir.appendingPathComponent("figures/ablation.svg"))
    #expect(bars.texts.contains("linear-svc: gravity (1)") && bars.texts.contains("cnn: all 3 channels") && bars.texts.contains("a channel subset"))
    // The curve's points: 3 draws below 21 subjects, the 2 official seeds of cnn at 21.
    let report = ComparisonReport(results: results)
    let cnn = report.learningCurve!.lines.first { $0.model == "cnn" }!
    #expect(cnn.points.map(\.trainSubjects) == [1, 2, 4, 8, 12, 16, 21] && cnn.points.map(\.runs) == [3, 3, 3, 3, 3, 3, 2])
    for p in cnn.points { #expect(p.interval!.lower <= p.accuracy && p.accuracy <= p.interval!.upper) }
    // The official point is the main table's summary: same mean, same interval.
    let main = report.summaries.first { $0.model.name == "cnn" }!
    #expect(cnn.point(21)!.accuracy == main.accuracy.mean && cnn.point(21)!.interval == main.accuracyInterval)
    // results.json carries both studies.
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("results.json"))) as! [String: Any]
    #expect((json["learningCurve"] as? [Any])?.count == 2 * 7 && (json["ablation"] as? [Any])?.count == 7 + 4)
    #expect((json["ablationSentences"] as? [String])?.count == 7 + 4 && json["learningCurveParagraph"] is String)
  }

  /// A line of hand-made points without intervals.
  func line(_ model: String, _ input: ModelInput, _ values: [Int: Double]) -> LearningCurve.Line {
    LearningCurve.Line(model: model, input: input, points: values.map {
      LearningCurve.Point(trainSubjects: $0.key, split: "s\($0.key)", accuracy: $0.value, interval: nil, runs: 1)
    })
  }

  @Test func crossingIsTheFirstSizeWhereTheRawModelReachesTheFeaturesModel() {
    let curve = LearningCurve(lines: [
      line("linear-svc", .features, [1: 0.80, 4: 0.85, 8: 0.88, 21: 0.90]),
      line("logistic-regression", .features, [1: 0.70, 4: 0.75, 8: 0.80, 21: 0.85]),
      line("cnn", .raw, [1: 0.60, 4: 0.80, 8: 0.88, 21: 0.92]),
      line("lstm", .raw, [1: 0.50, 4: 0.60, 8: 0.70, 21: 0.80]),
      line("cnn-lstm", .raw, [1: 0.85, 4: 0.90, 8: 0.90, 21: 0.95]),
    ])
    let text = curve.crossings
    // cnn ties linear-svc at 8 (0.88 = 0.88: "reaches"), the best features model at 21.
    #expect(text.contains("**cnn** (raw signals) first reaches or passes **linear-svc** (features) with 8 training subjects: 88.00 % against 88.00 %."), "\(text)")
    #expect(text.contains("The gap (linear-svc − cnn) is +20.00 points with 1 training subject and -2.00 points with 21 training subjects."), "\(text)")
    #expect(text.contains("**lstm** (raw signals) stays below **linear-svc** (features) at every size from 1 training subject to 21 training subjects."), "\(text)")
    #expect(text.contains("**cnn-lstm** (raw signals) already reaches or passes **linear-svc** (features) with 1 training subject"), "\(text)")
    #expect(!text.contains("**logistic-regression**"))
  }

  @Test func crossingWithoutOneSideSaysSo() {
    #expect(LearningCurve(lines: [line("cnn", .raw, [1: 0.5])]).crossings.contains("No model on handcrafted features"))
    #expect(LearningCurve(lines: [line("linear-svc", .features, [1: 0.5])]).crossings.contains("No raw-signal model"))
  }
}
