// Every model `har compare` can run, in report order: the classic models on handcrafted
// features first, then the deep models on raw signals.
import Classic

public enum ModelRegistry {
  /// All models, with optional progress handlers for solver lines (`--verbose`).
  public static func all(solverProgress: ProgressHandler? = nil) -> [any ComparableModel] {
    ClassifierKind.allCases.map { ClassicModel($0, progress: solverProgress) }
  }

  /// The names of all models, in report order.
  public static var names: [String] { all().map(\.name) }
}
