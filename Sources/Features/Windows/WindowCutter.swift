// Cutting fixed-length windows inside labelled segments, as UCI HAR v1.0 did: 128
// samples (2.56 s at 50 Hz) with a step of 64 (50 % overlap). A window never straddles
// two segments, so every window has exactly one activity.
//
// An offset moves every window of a segment by the same number of samples, as if both
// ends of the label were read that much smaller (issue 11: −1 brings the features closer
// to the official v1.0 values, found by measurement; docs/features.md). The window counts
// do not change, except where a moved segment would begin before sample 0: it begins
// at 0 instead (HAPT has no such segment; its labels start at sample 136 or later).

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
/// labelled segment of a selected activity, the segment moved by `offset` samples:
/// starts `s + offset, s + offset + step, …` while the window ends before `e + offset`
/// (segment `s..<e`, 0-based; a start below 0 is raised to 0).
///
/// - Parameter offset: samples to move every segment by; 0 = the labels as they are,
///   −1 = `PipelineOptions.current` (see the file header). Whether a segment is too
///   short is decided on the segment as labelled.
/// - Precondition: `options.length > 0` and `options.step > 0` (validated by callers
///   that take them from outside), `offset <= 0` (so that no window reads past a label's end).
public func cutWindows(_ segments: [LabelledSegment], options: WindowingOptions = .init(), offset: Int = 0) -> WindowCut {
  precondition(options.length > 0 && options.step > 0, "window length and step must be positive")
  precondition(offset <= 0, "window offset must be ≤ 0, got \(offset)")
  var windows: [WindowIndex] = []
  var skipped = 0
  for segment in segments where options.activities.contains(segment.activity) {
    if segment.sampleCount < options.length { skipped += 1; continue }
    var start = max(segment.start + offset, 0)
    while start + options.length <= segment.end + offset {
      windows.append(WindowIndex(experiment: segment.experiment, subject: segment.user, activity: segment.activity, start: start))
      start += options.step
    }
  }
  return WindowCut(windows: windows, skippedShortSegments: skipped)
}
