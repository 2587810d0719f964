// Every model `har compare` can run, in report order: the classic models on handcrafted
// features first, then the deep models on raw signals.
import Classic
import Deep

public enum ModelRegistry {
  /// All models, with optional progress handlers for solver lines (`--verbose`) and an
  /// optional early-stopping patience for the deep presets (`--patience`).
  public static func all(solverProgress: ProgressHandler? = nil, deepPatience: Int? = nil) -> [any ComparableModel] {
    let classic: [any ComparableModel] = ClassifierKind.allCases.map { ClassicModel($0, progress: solverProgress) }
    // Preset.names are all valid, so DeepModel(preset:) cannot throw here.
    let deep: [any ComparableModel] = Preset.names.compactMap { try? DeepModel(preset: $0, patience: deepPatience) }
    return classic + deep
  }

  /// The names of all models, in report order.
  public static var names: [String] { all().map(\.name) }
}
