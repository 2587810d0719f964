// `har features`: the 561 features and the raw windows of a loaded dataset in the UCI
// HAR v1.0 text layout, as NumPy `.npy` files, or both, split by the official test
// subjects, so any other tool can consume what we compute. The writing is Features'
// `UCIHARWriter`; this file only names the choices for the command line.
import Features

/// Writes a loaded dataset in the UCI HAR v1.0 layout and/or as NumPy files.
public enum FeatureExport {
  /// What was written.
  public struct Summary: Sendable, Equatable {
    /// Windows in the train and test parts.
    public var trainWindows: Int, testWindows: Int
  }

  /// Which files to write.
  public enum Format: String, CaseIterable, Sendable {
    /// The UCI HAR v1.0 text files (default).
    case text
    /// NumPy `.npy` files: X, y, subject and windows per part (docs/features.md).
    case npy
    /// Both, side by side in the same folders.
    case both
  }

  /// The element type of the NumPy files' floating-point arrays.
  public enum Precision: String, CaseIterable, Sendable {
    case float64, float32
  }

  /// Writes `dataset` into `directory` (created if needed), replacing an earlier export
  /// there as a whole.
  ///
  /// - Parameters:
  ///   - dataset: loaded with features (`DatasetRequest.inputs` containing `.features`).
  ///   - scaled: min–max to [-1, 1] with the train part's statistics, as the official
  ///     files are; false writes the features unscaled. Applies to every format.
  ///   - format: text (default), npy or both.
  ///   - precision: the element type of X_*.npy and windows_*.npy; nil (default) writes
  ///     X as float64 and the windows as float32, each its own precision. Ignored for text.
  /// - Throws: `FeatureError.invalidOption` without features, `InputError` when a file
  ///   cannot be written.
  @discardableResult
  public static func write(
    _ dataset: LoadedDataset, to directory: String, scaled: Bool = true, format: Format = .text, precision: Precision? = nil
  ) throws -> Summary {
    let numPy: UCIHARWriter.NumPyLayout? = switch (format, precision) {
    case (.text, _): nil
    case (_, nil): UCIHARWriter.NumPyLayout()
    case (_, .float64?): UCIHARWriter.NumPyLayout(features: .float64, windows: .float64)
    case (_, .float32?): UCIHARWriter.NumPyLayout(features: .float32, windows: .float32)
    }
    let split = try UCIHARWriter.write(
      dataset.windows, to: directory, scaling: scaled ? .minMaxFittedOnTrain : .none,
      layouts: UCIHARWriter.Layouts(text: format != .npy, numPy: numPy))
    return Summary(trainWindows: split.train.count, testWindows: split.test.count)
  }
}
