// Cutting fixed-length windows inside labelled segments, as UCI HAR v1.0 did: 128
// samples (2.56 s at 50 Hz) with a step of 64 (50 % overlap). A window never straddles
// two segments, so every window has exactly one activity.

/// Where one window lies: which recording, which samples, which activity.
public struct WindowIndex: Sendable, Equatable, Hashable {
  public var experiment: Int
  /// The subject (user) id.
  public var subject: Int
  public var activity: Activity
  /// First sample of the window in its recording, 0-based.
  public var start: Int

  public init(experiment: Int, subject: Int, activity: Activity, start: Int) {
    self.experiment = experiment; self.subject = subject; self.activity = activity; self.start = start
  }
}

/// The rule for cutting windows.
public struct WindowingOptions: Sendable, Equatable {
  /// Samples per window. Default 128 (2.56 s at 50 Hz), as UCI HAR.
  public var length: Int
  /// Samples between the starts of consecutive windows. Default 64 (50 % overlap).
  public var step: Int
  /// Which activities to cut. Default: the six basic ones (1–6); add 7–12 for transitions.
  public var activities: Set<Activity>

  public init(length: Int = 128, step: Int = 64, activities: Set<Activity> = Set(Activity.basic)) {
    self.length = length; self.step = step; self.activities = activities
  }
}

/// The windows of a dataset, and what was left out.
public struct WindowCut: Sendable {
  /// Windows in segment order (the order of `labels.txt`), then by start.
  public var windows: [WindowIndex]
  /// Segments of a selected activity too short for one window (skipped, not an error).
  public var skippedShortSegments: Int
}

/// Cuts windows of `options.length` samples every `options.step` samples inside each
/// labelled segment of a selected activity: starts `s, s + step, …` while the window
/// ends inside the segment.
///
/// - Precondition: `options.length > 0` and `options.step > 0` (validated by callers
///   that take them from outside).
public func cutWindows(_ segments: [LabelledSegment], options: WindowingOptions = .init()) -> WindowCut {
  precondition(options.length > 0 && options.step > 0, "window length and step must be positive")
  var windows: [WindowIndex] = []
  var skipped = 0
  for segment in segments where options.activities.contains(segment.activity) {
    if segment.sampleCount < options.length { skipped += 1; continue }
    var start = segment.start
    while start + options.length <= segment.end {
      windows.append(WindowIndex(experiment: segment.experiment, subject: segment.user, activity: segment.activity, start: start))
      start += options.step
    }
  }
  return WindowCut(windows: windows, skippedShortSegments: skipped)
}
