// The kinds of split a comparison can run.
import Features

/// How to split windows into training and test parts.
public enum SplitKind: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The official UCI HAR split: test subjects 2, 4, 9, 10, 12, 13, 18, 20, 24.
  case official
  /// Held-out subjects of the user's choice (all others train).
  case heldOut(testSubjects: [Int])
  /// k-fold cross-validation by subject.
  case kFold(Int)
  /// Leave one subject out: one fold per subject.
  case leaveOneSubjectOut
  /// Random 80/20 split of windows, ignoring subjects. Leaky on purpose: it exists
  /// only to show how much a window split inflates accuracy.
  case randomWindows

  /// The name used on the command line, in file names and in reports:
  /// `official`, `subjects`, `kfold5`, `loso`, `random`.
  public var name: String {
    switch self {
    case .official: "official"
    case .heldOut: "subjects"
    case let .kFold(k): "kfold\(k)"
    case .leaveOneSubjectOut: "loso"
    case .randomWindows: "random"
    }
  }

  public var description: String { name }

  /// Whether the split keeps each subject on one side (every kind but `randomWindows`).
  public var isBySubject: Bool { self != .randomWindows }

  /// A one-line description for reports.
  public var summary: String {
    switch self {
    case .official: "official UCI HAR split (test subjects \(UCIHARDataset.officialTestSubjects.sorted().map(String.init).joined(separator: ", ")))"
    case let .heldOut(s): "held-out subjects \(s.sorted().map(String.init).joined(separator: ", "))"
    case let .kFold(k): "\(k)-fold cross-validation by subject"
    case .leaveOneSubjectOut: "leave-one-subject-out"
    case .randomWindows: "random 80/20 split of windows (leaky: same person in train and test)"
    }
  }

  /// Parses a split's name: `official`, `kfold`, `loso`, `random`.
  ///
  /// - Parameter folds: k for `kfold` (default `ExperimentConfiguration.Defaults.folds`);
  ///   giving it with another split is an error. Its range is checked by
  ///   `ExperimentConfiguration.validate()`.
  /// - Throws: `CompareError.invalidOption` for an unknown name, `.conflictingOptions`
  ///   for folds given with another split.
  public init(name: String, folds: Int? = nil) throws {
    switch name {
    case "official", "kfold", "loso", "random": break
    default:
      if name.hasPrefix("kfold"), let k = Int(name.dropFirst(5)) {
        guard folds == nil || folds == k else {
          throw CompareError.conflictingOptions("split \(name)", "folds \(folds!)", reason: "they name different fold counts")
        }
        try self.init(name: "kfold", folds: k)
        return
      }
      throw CompareError.invalidOption(name: "split", expected: "one of official, kfold, loso, random", found: "'\(name)'")
    }
    if let folds, name != "kfold" {
      throw CompareError.conflictingOptions("split \(name)", "folds \(folds)", reason: "folds apply to the k-fold split only")
    }
    switch name {
    case "official": self = .official
    case "loso": self = .leaveOneSubjectOut
    case "random": self = .randomWindows
    default:
      self = .kFold(folds ?? ExperimentConfiguration.Defaults.folds)
    }
  }
}
