// `har features`: the 561 features and the raw windows of a loaded dataset in the UCI
// HAR v1.0 text layout, split by the official test subjects, so any other tool can
// consume what we compute.
import Features

/// Writes a loaded dataset in the UCI HAR v1.0 layout.
public enum FeatureExport {
  /// What was written.
  public struct Summary: Sendable, Equatable {
    /// Windows in the train and test parts.
    public var trainWindows: Int, testWindows: Int
  }

  /// Writes `dataset` into `directory` (created if needed).
  ///
  /// - Parameters:
  ///   - dataset: loaded with features (`DatasetRequest.inputs` containing `.features`).
  ///   - scaled: min–max to [-1, 1] with the train part's statistics, as the official
  ///     files are; false writes the features unscaled.
  /// - Throws: `FeatureError.invalidOption` without features, `InputError` when a file
  ///   cannot be written.
  @discardableResult
  public static func write(_ dataset: LoadedDataset, to directory: String, scaled: Bool = true) throws -> Summary {
    let split = try UCIHARWriter.write(dataset.windows, to: directory, scaling: scaled ? .minMaxFittedOnTrain : .none)
    return Summary(trainWindows: split.train.count, testWindows: split.test.count)
  }
}
