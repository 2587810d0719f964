// The plan of the teaching studies: the learning curve and the feature-family ablation
// (`ExperimentConfiguration.learningCurve`, `.ablation`; what runs is written once in
// `ExperimentConfiguration.Teaching`).
//
// Decisions, in priority order:
// 1. Both studies test on the official test subjects, so every point of the curve and
//    every ablation row is compared on the same people as the main table.
// 2. The learning curve's last point (all training subjects) is the model's cells on the
//    official split: planned once, shared with the comparison when it runs there, so the
//    most expensive trainings are not repeated. Smaller sizes run one seed per draw on
//    `SplitKind.officialSubset`; every model gets the same draws.
// 3. An ablation row is a variant model (`linear-svc-time`, `cnn-body-acc`) on the
//    official split, beside the full model on the same split (planned with the ablation
//    role if the comparison does not already run it), so the report can pair them.
import Features

extension Experiment {
  /// Adds the learning curve's groups (and splits) when `configuration.learningCurve`.
  ///
  /// - Throws: `CompareError.invalidOption` (property `learningCurve`) when none of
  ///   `Teaching.learningCurveModels` is among `asked`.
  static func planLearningCurve(_ configuration: ExperimentConfiguration, data: ComparisonData, asked: [any ComparableModel],
                                groups: inout [CellGroup], kinds: inout [SplitKind]) throws {
    guard configuration.learningCurve else { return }
    let teaching = ExperimentConfiguration.Teaching.self
    let curveModels = asked.filter { teaching.learningCurveModels.contains($0.name) }
    guard !curveModels.isEmpty else {
      throw CompareError.invalidOption(name: "learningCurve", expected: "at least one of \(teaching.learningCurveModels.joined(separator: ", ")) among the models",
                                       found: asked.map(\.name).joined(separator: ", "))
    }
    let testSubjects = Set(UCIHARDataset.officialTestSubjects)
    let trainingSubjects = data.subjects.filter { !testSubjects.contains($0) }.count
    for k in teaching.learningCurveSizes {
      let kind: SplitKind = k >= trainingSubjects ? .official : .officialSubset(trainSubjects: k, draws: configuration.learningCurveDraws)
      if !kinds.contains(where: { $0.name == kind.name }) { kinds.append(kind) }
      for m in curveModels where !groups.contains(where: { $0.model == m.name && $0.split == kind.name }) {
        let seeds = kind == .official ? (m.isDeep ? configuration.deepSeeds : configuration.classicSeeds) : 1
        groups.append(CellGroup(role: .learningCurve, model: m.name, split: kind.name, seeds: seeds))
      }
      if k >= trainingSubjects { break }
    }
  }

  /// Adds the ablation's variant models and groups when `configuration.ablation`.
  ///
  /// - Parameters:
  ///   - featureNames: the names of the feature columns, in order (features.txt's).
  /// - Throws: `CompareError.invalidOption` (property `ablation`) when no ablation model
  ///   is among `asked`, when the names do not match the feature columns, or when a
  ///   feature model cannot read a column subset; the errors of `variant(named:overrides:)`.
  static func planAblation(_ configuration: ExperimentConfiguration, data: ComparisonData, asked: [any ComparableModel],
                           featureNames: [String], models: inout [any ComparableModel], groups: inout [CellGroup],
                           kinds: inout [SplitKind]) throws {
    guard configuration.ablation else { return }
    let teaching = ExperimentConfiguration.Teaching.self
    let featureModels = asked.filter { teaching.ablationFeatureModels.contains($0.name) }
    let rawModel = asked.first { $0.name == teaching.ablationRawModel } ?? asked.first { $0.input == .raw }
    guard !featureModels.isEmpty || rawModel != nil else {
      throw CompareError.invalidOption(name: "ablation", expected: "\(teaching.ablationFeatureModels.joined(separator: " or ")) or a raw-signal model among the models",
                                       found: asked.map(\.name).joined(separator: ", "))
    }
    let split = SplitKind.official
    if !kinds.contains(where: { $0.name == split.name }) { kinds.append(split) }
    func seeds(_ m: any ComparableModel) -> Int { m.isDeep ? configuration.deepSeeds : configuration.classicSeeds }
    func addFull(_ m: any ComparableModel) {
      if !groups.contains(where: { $0.model == m.name && $0.split == split.name }) {
        groups.append(CellGroup(role: .ablation, model: m.name, split: split.name, seeds: seeds(m)))
      }
    }
    if let columns = data.features?.columns, !featureModels.isEmpty, featureNames.count != columns {
      throw CompareError.invalidOption(name: "ablation", expected: "\(featureNames.count) feature columns named as in features.txt", found: "\(columns) columns")
    }
    for m in featureModels {
      guard let subsetting = m as? any FeatureColumnSubsetting else {
        throw CompareError.invalidOption(name: "ablation", expected: "a model that can read a subset of the feature columns", found: m.name)
      }
      addFull(m)
      for family in FeatureFamily.allCases {
        let columns = family.columns(in: featureNames)
        // A family with no column among the names has nothing to fit (not so for the 561).
        guard !columns.isEmpty else { continue }
        let variant = try subsetting.selectingColumns(columns, named: "\(m.name)-\(family.rawValue)")
        models.append(variant)
        groups.append(CellGroup(role: .ablation, model: variant.name, split: split.name, seeds: seeds(variant),
                                subset: .init(baseModel: m.name, name: family.rawValue, size: columns.count, unit: "features")))
      }
    }
    if let raw = rawModel {
      addFull(raw)
      for subset in teaching.channelSubsets {
        let channels = try ChannelSelection(subset.channels)
        // nil: the model takes no channel overrides (a model file of fixed input), so it has no rows.
        guard let variant = try raw.variant(named: "\(raw.name)-\(subset.suffix)", overrides: TrainingOverrides(channels: channels)) else { continue }
        models.append(variant)
        groups.append(CellGroup(role: .ablation, model: variant.name, split: split.name, seeds: seeds(variant),
                                subset: .init(baseModel: raw.name, name: channels.summary, size: channels.count, unit: "channels")))
      }
    }
  }
}
