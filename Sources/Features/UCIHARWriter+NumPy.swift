// The NumPy layout of an export, for tools that read arrays rather than text:
//
//   DIR/features.txt, DIR/activity_labels.txt   (as in the text layout)
//   DIR/channels.txt                            the last axis of windows_*.npy, one name a line
//   DIR/train/X_train.npy        (N, 561)       features, float64 (or float32)
//   DIR/train/y_train.npy        (N,)   int32   activity ids as in y_train.txt and
//                                               activity_labels.txt (1…6; 1…12 when the
//                                               postural transitions are kept)
//   DIR/train/subject_train.npy  (N,)   int32   subject ids 1…30
//   DIR/train/windows_train.npy  (N, 128, 9)    the raw windows [window][time][channel],
//                                               float32 (or float64)
//   … and the same for test/.
//
// Decisions, in priority order:
// 1. One folder per part, as the text layout: `--format both` puts X_train.txt and
//    X_train.npy side by side, and the rows of every file of a part are the same windows
//    in the same order as the text files.
// 2. The features are the same numbers as X_*.txt (scaled or not); float32 only rounds.
// 3. The windows are written float32 by default because the pipeline computes them in
//    Float: float64 would double the file without adding a digit.
// 4. The windows keep the pipeline's (N, T, 9) order, which is also Keras's
//    (batch, steps, channels); channels in `InertialChannel` order, which is the order
//    of the text layout's Inertial Signals: body_acc x y z, body_gyro x y z, total_acc x y z.
import Foundation
import LinearAlgebra

extension UCIHARWriter {
  /// Element types of the NumPy files.
  public struct NumPyLayout: Sendable, Equatable {
    /// X_*.npy: `.float64` (default, the features' own precision) or `.float32`.
    public var features: NumPyArrayFile.ElementType
    /// windows_*.npy: `.float32` (default, the signals' own precision) or `.float64`.
    public var windows: NumPyArrayFile.ElementType

    /// - Precondition: both are float types.
    public init(features: NumPyArrayFile.ElementType = .float64, windows: NumPyArrayFile.ElementType = .float32) {
      precondition(features != .int32 && windows != .int32, "features and windows are written as float64 or float32")
      self.features = features; self.windows = windows
    }
  }

  /// The name of each channel of windows_*.npy's last axis, in order (`channels.txt`).
  public static var channelNames: [String] { InertialChannel.allCases.map(\.fileStem) }

  /// The relative paths the NumPy layout writes.
  static var numPyContents: Set<String> {
    var paths: Set<String> = ["channels.txt"]
    for part in ["train", "test"] {
      paths.insert(part)
      for stem in ["X", "y", "subject", "windows"] { paths.insert("\(part)/\(stem)_\(part).npy") }
    }
    return paths
  }

  /// Writes `channels.txt` and the `.npy` files of both parts into `directory` (which exists).
  ///
  /// - Parameters:
  ///   - features: (N, 561), already scaled as the export asks.
  ///   - split: the window numbers of each part, in file order.
  static func writeNumPyFiles(
    _ windows: HARWindows, features: Matrix<Double>, split: (train: [Int], test: [Int]),
    layout: NumPyLayout, into directory: String
  ) throws {
    try writeAtomically(channelNames.map { $0 + "\n" }.joined(), to: path(directory, "channels.txt"))
    let d = features.columns, t = windows.windowLength, c = InertialChannel.allCases.count
    for (part, rows) in [("train", split.train), ("test", split.test)] {
      let folder = path(directory, part)
      try makeDirectory(folder)
      let n = rows.count
      try writeAtomically(
        bytes: NumPyArrayFile.contents(rows.map { Int32(windows.windows[$0].activity.rawValue) }, shape: [n]),
        to: path(folder, "y_\(part).npy"))
      try writeAtomically(
        bytes: NumPyArrayFile.contents(rows.map { Int32(windows.windows[$0].subject) }, shape: [n]),
        to: path(folder, "subject_\(part).npy"))
      try writeAtomically(
        bytes: NumPyArrayFile.contents(gather(features.elements, rows: rows, rowLength: d), shape: [n, d], as: layout.features),
        to: path(folder, "X_\(part).npy"))
      try writeAtomically(
        bytes: NumPyArrayFile.contents(gather(windows.signals, rows: rows, rowLength: t * c), shape: [n, t, c], as: layout.windows),
        to: path(folder, "windows_\(part).npy"))
    }
  }

  /// The rows `rows` of a row-major array with rows of `rowLength` values, in that order.
  static func gather<T>(_ values: [T], rows: [Int], rowLength: Int) -> [T] {
    var out: [T] = []
    out.reserveCapacity(rows.count * rowLength)
    for r in rows { out.append(contentsOf: values[r * rowLength ..< (r + 1) * rowLength]) }
    return out
  }
}
