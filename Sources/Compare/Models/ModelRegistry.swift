// Every model a comparison can run, in report order: the majority-class baseline, the
// classic models on handcrafted features, then the deep models on raw signals. The registry builds each adapter
// with the settings of the configuration it will run under.
import Classic
import Deep

public enum ModelRegistry {
  /// All models, built for `configuration` (the deep presets' early-stopping patience),
  /// with an optional handler for solver progress lines.
  public static func all(configuration: ExperimentConfiguration = .full,
                         solverProgress: ProgressHandler? = nil) -> [any ComparableModel] {
    let classic: [any ComparableModel] = [MajorityClassModel()] + ClassifierKind.allCases.map { ClassicModel($0, progress: solverProgress) }
    // Preset.names are all valid, so DeepModel(preset:) cannot throw here.
    let deep: [any ComparableModel] = Preset.names.compactMap { try? DeepModel(preset: $0, patience: configuration.patience) }
    return classic + deep
  }

  /// The names of all models, in report order.
  public static var names: [String] { all().map(\.name) }

  /// The model called `name`.
  /// - Throws: `CompareError.unknownModel` listing the valid names.
  public static func model(named name: String, configuration: ExperimentConfiguration = .full,
                           solverProgress: ProgressHandler? = nil) throws -> any ComparableModel {
    guard let model = all(configuration: configuration, solverProgress: solverProgress).first(where: { $0.name == name }) else {
      throw CompareError.unknownModel(name: name, valid: names)
    }
    return model
  }
}
