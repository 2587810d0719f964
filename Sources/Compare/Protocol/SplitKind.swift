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
  /// A random split of windows testing on this fraction (a claim's `train_test_split`).
  case randomWindowFraction(Double)
  /// Random subject splits: `train` + `test` subjects drawn from all, `draws` times
  /// (one fold per draw), as in papers that used a subset of the 30 people.
  case randomSubjects(train: Int, test: Int, draws: Int)
  /// The leakage check's window split, matched to the primary split: exactly as many
  /// training and test windows as its first fold (`SubjectSplit`'s `matching`).
  case matchedRandomWindows
  /// The leakage check's split by recording: whole recordings (a person's session) on
  /// one side, sizes matched like `matchedRandomWindows`. Each person has two
  /// recordings, so the same person is usually still on both sides.
  case matchedRandomRecordings
  /// The learning curve's split: the official test subjects, and `trainSubjects` of the
  /// official training subjects drawn at random, `draws` times (one fold per draw; the
  /// draws come from the split seed, so every model gets the same ones). With all 21
  /// training subjects there is one possible draw: the official split's fold.
  case officialSubset(trainSubjects: Int, draws: Int)

  /// The name used on the command line, in file names and in reports:
  /// `official`, `subjects`, `kfold5`, `loso`, `random`.
  public var name: String {
    switch self {
    case .official: "official"
    case .heldOut: "subjects"
    case let .kFold(k): "kfold\(k)"
    case .leaveOneSubjectOut: "loso"
    case .randomWindows: "random"
    case let .randomWindowFraction(f): "random\(Int((100 * f).rounded()))"
    case let .randomSubjects(train, test, draws): "subjects\(train)v\(test)x\(draws)"
    case .matchedRandomWindows: "random-matched"
    case .matchedRandomRecordings: "random-recordings"
    case let .officialSubset(k, draws): "official-n\(k)x\(draws)"
    }
  }

  public var description: String { name }

  /// Whether the split keeps each subject on one side.
  public var isBySubject: Bool {
    switch self {
    case .official, .heldOut, .kFold, .leaveOneSubjectOut, .randomSubjects, .officialSubset: true
    case .randomWindows, .randomWindowFraction, .matchedRandomWindows, .matchedRandomRecordings: false
    }
  }

  /// Whether the split needs the primary split's sizes (`SubjectSplit`'s `matching`).
  public var isMatched: Bool { self == .matchedRandomWindows || self == .matchedRandomRecordings }

  /// Folds of the split for `subjects` subjects.
  public func foldCount(subjects: Int) -> Int {
    switch self {
    case .official, .heldOut, .randomWindows, .randomWindowFraction, .matchedRandomWindows, .matchedRandomRecordings: 1
    case let .kFold(k): k
    case .leaveOneSubjectOut: subjects
    case let .randomSubjects(_, _, draws), let .officialSubset(_, draws): draws
    }
  }

  /// A one-line description for reports.
  public var summary: String {
    switch self {
    case .official: "official UCI HAR split (test subjects \(UCIHARDataset.officialTestSubjects.sorted().map(String.init).joined(separator: ", ")))"
    case let .heldOut(s): "held-out subjects \(s.sorted().map(String.init).joined(separator: ", "))"
    case let .kFold(k): "\(k)-fold cross-validation by subject"
    case .leaveOneSubjectOut: "leave-one-subject-out"
    case .randomWindows: "random 80/20 split of windows (leaky: same person in train and test)"
    case let .randomWindowFraction(f): "random \(Int((100 * (1 - f)).rounded()))/\(Int((100 * f).rounded())) split of windows (leaky: same person in train and test)"
    case let .randomSubjects(train, test, draws): "random subject splits, \(train) training and \(test) test subjects drawn from all (\(draws) draws)"
    case .matchedRandomWindows: "random split of windows with the subject split's training and test sizes (leaky)"
    case .matchedRandomRecordings: "random split of recordings with the subject split's sizes (leaky: a person's other recording is on the other side)"
    case let .officialSubset(k, draws): "official test subjects, \(k) of the official training subjects drawn at random (\(draws) draw\(draws == 1 ? "" : "s"))"
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
