// Families of the 561 features, for ablations ("what do the frequency-domain features
// buy?"): each family is a set of columns of X, found from the feature names of
// `features.txt` (features_info.txt: the prefix 't' denotes time, 'f' frequency; the
// signal names say the sensor, Acc or Gyro, and the component, Body or Gravity).
//
// Decisions, in priority order:
// 1. The 7 `angle(…)` features form their own family and belong to no other, although
//    their arguments name time-domain accelerometer and gyroscope means: an angle between
//    two vectors is neither a time statistic of one signal nor a spectrum, and keeping it
//    apart makes two partitions of the 561 columns:
//      time + frequency + angle = 561      accelerometer + gyroscope + angle = 561
//      body + gravity + angle = 561
//    (the counts are in docs/features.md and checked by the tests).
// 2. A name is classified by substrings, so `fBodyBodyAccJerkMag` is frequency,
//    accelerometer and body; `tGravityAcc-mean()-X` is time, accelerometer and gravity.
// 3. Column indices are 0-based (for X as a matrix or a NumPy array); features.txt
//    numbers the same columns from 1.

/// A family of the 561 UCI HAR features.
public enum FeatureFamily: String, CaseIterable, Sendable {
  /// Time-domain statistics: names starting with `t` (265 of the UCI names).
  case timeDomain = "time"
  /// Frequency-domain statistics: names starting with `f` (289).
  case frequencyDomain = "frequency"
  /// Accelerometer signals: `Acc` in the name (343).
  case accelerometer
  /// Gyroscope signals: `Gyro` in the name (211).
  case gyroscope
  /// Body component (gravity removed, or the gyroscope): `Body` in the name (501).
  case body
  /// Gravity component of the acceleration: `Gravity` in the name (53).
  case gravity
  /// The 7 `angle(…)` features, in no other family.
  case angle

  /// Whether the feature named `name` (as in features.txt) belongs to this family.
  public func contains(featureNamed name: String) -> Bool {
    let isAngle = name.hasPrefix("angle(")
    if self == .angle { return isAngle }
    if isAngle { return false }
    switch self {
    case .timeDomain: return name.hasPrefix("t")
    case .frequencyDomain: return name.hasPrefix("f")
    case .accelerometer: return name.contains("Acc")
    case .gyroscope: return name.contains("Gyro")
    case .body: return name.contains("Body")
    case .gravity: return name.contains("Gravity")
    case .angle: return isAngle
    }
  }

  /// The 0-based column indices, ascending, of the features of this family among `names`.
  ///
  /// - Parameter names: feature names in column order (default: the 561 of
  ///   `FeatureCatalog`, identical to features.txt).
  public func columns(in names: [String] = FeatureCatalog.names) -> [Int] {
    names.indices.filter { contains(featureNamed: names[$0]) }
  }
}
