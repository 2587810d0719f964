// What `har data info` prints: the size of the recordings, the labelled time per
// activity, and our window counts beside the official UCI HAR v1.0 counts.

/// Counts that describe a raw dataset and its windows.
public struct DatasetSummary: Sendable {
  public struct ActivityRow: Sendable {
    public var activity: Activity
    public var segments: Int
    public var seconds: Double
    /// Windows cut by the rule of `windowing` (nil for transitions when not cut).
    public var windows: Int
    /// Windows of this activity in UCI HAR v1.0 (train + test), when known.
    public var officialWindows: Int?
  }

  public var experiments: Int
  public var users: Int
  public var samples: Int
  public var hours: Double
  public var segments: Int
  public var rows: [ActivityRow]
  public var windowing: WindowingOptions
  public var skippedShortSegments: Int
  /// Σ over (subject, activity) of |ours − official|, when the official split is known.
  public var perSubjectActivityDifference: Int?
  /// The official total (train + test windows), when known.
  public var officialTotal: Int?

  /// Summarises `data`, comparing window counts with `official` when given.
  public init(_ data: RawDataset, official: UCIHARDataset?, windowing: WindowingOptions = .init()) {
    experiments = data.recordings.count
    users = data.users.count
    samples = data.recordings.reduce(0) { $0 + $1.sampleCount }
    hours = Double(samples) / Recording.sampleRateHz / 3600
    segments = data.segments.count
    self.windowing = windowing
    let allActivities = WindowingOptions(length: windowing.length, step: windowing.step, activities: Set(Activity.allCases))
    let cut = cutWindows(data.segments, options: allActivities)
    skippedShortSegments = cutWindows(data.segments, options: windowing).skippedShortSegments
    var officialCounts: [Activity: Int] = [:]
    var officialPairs: [SubjectActivity: Int] = [:]
    if let official {
      for part in [official.train, official.test] {
        for (s, a) in zip(part.subjects, part.activities) {
          officialCounts[a, default: 0] += 1
          officialPairs[SubjectActivity(subject: s, activity: a), default: 0] += 1
        }
      }
      officialTotal = official.train.count + official.test.count
    }
    rows = Activity.allCases.map { activity in
      let segs = data.segments.filter { $0.activity == activity }
      return ActivityRow(
        activity: activity, segments: segs.count,
        seconds: Double(segs.reduce(0) { $0 + $1.sampleCount }) / Recording.sampleRateHz,
        windows: cut.windows.filter { $0.activity == activity }.count,
        officialWindows: official == nil ? nil : (activity.isBasic ? officialCounts[activity, default: 0] : nil))
    }
    if official != nil {
      var ours: [SubjectActivity: Int] = [:]
      for w in cut.windows where windowing.activities.contains(w.activity) {
        ours[SubjectActivity(subject: w.subject, activity: w.activity), default: 0] += 1
      }
      let keys = Set(ours.keys).union(officialPairs.keys)
      perSubjectActivityDifference = keys.reduce(0) { $0 + abs(ours[$1, default: 0] - officialPairs[$1, default: 0]) }
    }
  }

  /// Windows of the selected activities.
  public var selectedWindows: Int { rows.filter { windowing.activities.contains($0.activity) }.reduce(0) { $0 + $1.windows } }
}

/// A (subject, activity) pair, the unit of the official window counts.
public struct SubjectActivity: Hashable, Sendable {
  public var subject: Int
  public var activity: Activity
  public init(subject: Int, activity: Activity) { self.subject = subject; self.activity = activity }
}
