/// The twelve activities of the HAPT dataset (`activity_labels.txt`), with their 1-based
/// ids. Ids 1–6 are the activities of UCI HAR v1.0; 7–12 are postural transitions, which
/// v1.0 left out.
public enum Activity: Int, CaseIterable, Sendable, Codable, Comparable {
  case walking = 1, walkingUpstairs, walkingDownstairs, sitting, standing, laying
  case standToSit, sitToStand, sitToLie, lieToSit, standToLie, lieToStand

  /// The dataset's own name, e.g. `WALKING_UPSTAIRS`.
  public var name: String {
    switch self {
    case .walking: "WALKING"
    case .walkingUpstairs: "WALKING_UPSTAIRS"
    case .walkingDownstairs: "WALKING_DOWNSTAIRS"
    case .sitting: "SITTING"
    case .standing: "STANDING"
    case .laying: "LAYING"
    case .standToSit: "STAND_TO_SIT"
    case .sitToStand: "SIT_TO_STAND"
    case .sitToLie: "SIT_TO_LIE"
    case .lieToSit: "LIE_TO_SIT"
    case .standToLie: "STAND_TO_LIE"
    case .lieToStand: "LIE_TO_STAND"
    }
  }

  /// Whether this is one of the six basic activities of UCI HAR v1.0.
  public var isBasic: Bool { rawValue <= 6 }

  /// The six activities of UCI HAR v1.0, in id order.
  public static let basic: [Activity] = allCases.filter(\.isBasic)

  public static func < (a: Activity, b: Activity) -> Bool { a.rawValue < b.rawValue }
}
