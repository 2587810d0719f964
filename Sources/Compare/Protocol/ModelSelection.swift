// Which models a comparison runs.

/// Which models to run: all of them, or a named list.
public enum ModelSelection: Sendable, Equatable {
  case all
  case named([String])
}
