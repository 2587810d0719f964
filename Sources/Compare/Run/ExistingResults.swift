// What a run does with results already in its folder.

/// What to do when the output folder already holds results.
public enum ExistingResults: Sendable, Equatable {
  /// Throw `CompareError.resultsExist` (the default: never clobber silently).
  case fail
  /// Keep finished cells and compute only the missing ones (`--resume`).
  case resume
  /// Delete the old results first.
  case overwrite
}
