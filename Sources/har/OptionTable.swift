// The one table from the library's property names to this tool's options, so that an
// error found by `ExperimentConfiguration.validate()` (or another Compare check) names
// the option the user typed: `--validation-fraction: expected …, found 2`.
import Compare

enum OptionTable {
  /// Property (as Compare's errors name it) → option.
  static let flags: [String: String] = [
    "models": "--models",
    "split": "--split",
    "folds": "--folds",
    "leaveOneSubjectOut": "--loso",
    "deepSeeds": "--seeds",
    "masterSeed": "--seed",
    "seedIndex": "--seed-index",
    "epochs": "--epochs",
    "patience": "--patience",
    "validationFraction": "--validation-fraction",
    "threads": "--threads",
    "pipeline": "--pipeline",
    "reportName": "--name",
    "cell": "--cell",
    "concurrentTasks": "--throttle",
    "cpusPerTask": "--cpus-per-task",
    "timeLimit": "--time",
    "partition": "--partition",
    "account": "--account",
    "extraDirectives": "--sbatch",
    "maxArraySize": "--max-array-size",
    "reportParent": "--out",
    "resume": "--resume",
    "checkpointPath": "--checkpoint",
    "trainingFiles": "--checkpoint/--history",
    "historyPath": "--history",
    "modelFiles": "--model-file",
    "channels": "--channels",
    "batchSize": "--batch-size",
    "learningRate": "--learning-rate",
    "claimsFiles": "--claims",
    "leakageModels": "--leakage-models",
    "learningCurve": "--learning-curve",
    "ablation": "--ablation",
    "teaching": "--teaching",
    "experiment": "--experiment",
    "subject": "--subject",
    "start": "--start",
    "channel": "--channel",
  ]

  /// "validationFraction 0" → "--validation-fraction 0"; unknown words stay as they are.
  static func flag(_ phrase: String) -> String {
    var words = phrase.split(separator: " ", maxSplits: 1).map(String.init)
    if words.first == "no", words.count == 2 { return "no " + flag(words[1]) }
    guard let first = words.first, let option = flags[first] else { return phrase }
    words[0] = option
    return words.joined(separator: " ")
  }

  /// A Compare error about settings, as a usage error naming options; other errors
  /// are returned unchanged.
  static func usage(_ error: any Error, command: String) -> any Error {
    guard let e = error as? CompareError else { return error }
    switch e {
    case let .invalidOption(name, expected, found):
      return UsageError(message: "\(flag(name)): expected \(expected), found \(found)", command: command)
    case let .conflictingOptions(a, b, reason):
      return UsageError(message: "\(flag(a)) and \(flag(b)) cannot be combined: \(reason)", command: command)
    case .unknownModel, .nothingToResume:
      return UsageError(message: "\(e)", command: command)
    default:
      return error
    }
  }

  /// Runs `body`, turning Compare's errors about settings into usage errors (exit 2).
  static func checking<T>(_ command: String, _ body: () throws -> T) throws -> T {
    do { return try body() } catch { throw usage(error, command: command) }
  }

  /// What to do next, for errors whose fix is an option of this tool.
  static func hint(for error: any Error) -> String? {
    guard let e = error as? CompareError else { return nil }
    switch e {
    case .resultsExist: return "pass --resume to finish it, --overwrite to replace it, or choose another --name or --out"
    case .resumeMismatch: return "rerun with the same options, or choose another --name"
    case .cellFailed: return "rerun the same command with --resume to continue"
    case .inputShapeMismatch: return "--channels A,B selects channel groups (\(ChannelSelection.groups.joined(separator: ", "))) or axes such as body_acc_x, in the order the model reads them"
    default: return nil
    }
  }
}
