/// Three synchronised channels x, y, z of one sensor, each of the same length.
public struct TriaxialSignal: Sendable, Equatable {
  /// (samples), one array per axis.
  public var x: [Double], y: [Double], z: [Double]

  public init(x: [Double], y: [Double], z: [Double]) {
    precondition(x.count == y.count && y.count == z.count, "axes differ in length: \(x.count), \(y.count), \(z.count)")
    self.x = x; self.y = y; self.z = z
  }

  /// The number of samples.
  public var count: Int { x.count }

  /// The axes in order x, y, z.
  public var axes: [[Double]] { [x, y, z] }
}

/// One experiment: a user wearing the phone on the waist for one session, sampled at
/// 50 Hz by the accelerometer (in g, 1 g = 9.80665 m/s²) and the gyroscope (in rad/s).
public struct Recording: Sendable {
  /// Experiment id (1-based, as in the file names `acc_expXX_userYY.txt`).
  public var experiment: Int
  /// User (subject) id, 1…30.
  public var user: Int
  /// Raw accelerometer signal in g, including gravity.
  public var acceleration: TriaxialSignal
  /// Raw gyroscope signal in rad/s.
  public var angularVelocity: TriaxialSignal

  /// Samples per second of every HAPT recording.
  public static let sampleRateHz = 50.0

  public init(experiment: Int, user: Int, acceleration: TriaxialSignal, angularVelocity: TriaxialSignal) {
    precondition(acceleration.count == angularVelocity.count,
                 "acc has \(acceleration.count) samples, gyro \(angularVelocity.count)")
    self.experiment = experiment
    self.user = user
    self.acceleration = acceleration
    self.angularVelocity = angularVelocity
  }

  /// The number of samples (both sensors have the same count).
  public var sampleCount: Int { acceleration.count }

  /// The duration in seconds.
  public var durationSeconds: Double { Double(sampleCount) / Recording.sampleRateHz }
}

/// A labelled stretch of one recording.
///
/// `labels.txt` gives 1-based sample indices with both ends included; here `start` is
/// 0-based and `end` exclusive, so the samples are `start..<end`.
public struct LabelledSegment: Sendable, Equatable, Hashable {
  public var experiment: Int
  public var user: Int
  public var activity: Activity
  /// First sample, 0-based.
  public var start: Int
  /// One past the last sample, 0-based.
  public var end: Int

  public init(experiment: Int, user: Int, activity: Activity, start: Int, end: Int) {
    self.experiment = experiment; self.user = user; self.activity = activity; self.start = start; self.end = end
  }

  /// The number of samples in the segment.
  public var sampleCount: Int { end - start }
}
