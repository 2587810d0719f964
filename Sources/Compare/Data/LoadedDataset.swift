// A dataset as `DatasetLoader` hands it to every command.
import Features

/// A loaded dataset: where it came from, the pipeline's windows, and the comparison data.
public struct LoadedDataset: Sendable {
  /// The HAPT folder that was read.
  public let directory: String
  /// How the folder was found, e.g. "--data", "$HAR_DATA".
  public let source: String
  /// The UCI-HAR folder beside the data (official counts and split), if there is one.
  public let uciHARDirectory: String?
  /// The pipeline's output: windows, (n, 561) unscaled features, (n, T, C) signals.
  public let windows: HARWindows
  /// The same windows as the runner and models read them.
  public let data: ComparisonData
  /// Wall-clock seconds from the first read to the last feature.
  public let seconds: Double

  /// The number of windows.
  public var count: Int { data.count }
  /// Features per window (561), or 0 when features were not computed.
  public var featureCount: Int { data.features?.columns ?? 0 }
  /// Samples per window (T).
  public var timeSteps: Int { windows.windowLength }
  /// Channels per sample (C).
  public var channels: Int { DatasetLoader.channels }
  /// Segments shorter than one window (they give no window).
  public var skippedShortSegments: Int { windows.skippedShortSegments }
}
