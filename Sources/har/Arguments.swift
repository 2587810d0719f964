import Foundation

// A small declarative command-line parser: each command declares its options (with
// help, and defaults printed from the library's constants), and parsing either yields
// the values or a `UsageError` (exit 2).
// We write our own because the package takes no third-party Swift packages.

/// A command-line mistake: unknown command or option, missing or malformed value.
struct UsageError: Error, CustomStringConvertible {
  var message: String
  /// The command whose `--help` the user should read.
  var command: String
  var description: String { "\(message)\nRun '\(command) --help' for usage." }
}

/// One option of a command.
struct OptionSpec: Sendable {
  /// The long name, without dashes: "data" for `--data`.
  var name: String
  /// The value's placeholder ("PATH"); nil for a flag.
  var valueName: String?
  /// One line of help.
  var help: String
  /// The default, as shown in `--help`; nil when there is none.
  var defaultValue: String?
  /// Whether the option may be given several times (its values are kept in order).
  var repeatable: Bool = false

  static func flag(_ name: String, _ help: String) -> OptionSpec {
    OptionSpec(name: name, valueName: nil, help: help, defaultValue: nil)
  }
  static func value(_ name: String, _ valueName: String, _ help: String, default defaultValue: String? = nil) -> OptionSpec {
    OptionSpec(name: name, valueName: valueName, help: help, defaultValue: defaultValue)
  }
  /// A value option that may be repeated: `--claims a.json --claims b.json`.
  static func repeated(_ name: String, _ valueName: String, _ help: String) -> OptionSpec {
    OptionSpec(name: name, valueName: valueName, help: help + " Repeatable.", defaultValue: nil, repeatable: true)
  }
}

/// Parsed options of one command.
struct ParsedOptions: Sendable {
  var command: String
  var values: [String: String] = [:]
  /// Every value of a repeatable option, in the order given.
  var repeatedValues: [String: [String]] = [:]
  var flags: Set<String> = []
  var positional: [String] = []

  func has(_ flag: String) -> Bool { flags.contains(flag) }
  func string(_ name: String) -> String? { values[name] }
  /// Every value of a repeatable option, in order; empty when absent.
  func all(_ name: String) -> [String] { repeatedValues[name] ?? [] }

  // Parsing checks only that a value has the right type; every range is checked once,
  // by `ExperimentConfiguration.validate()`, and its errors are mapped back to the
  // option the user typed (`OptionTable`).

  /// An integer option, or nil when absent.
  func int(_ name: String) throws -> Int? {
    guard let s = values[name] else { return nil }
    guard let v = Int(s) else { throw UsageError(message: "--\(name) expects an integer, got '\(s)'", command: command) }
    return v
  }

  /// A non-negative 64-bit integer option (a seed), or nil when absent.
  func seed(_ name: String) throws -> UInt64? {
    guard let s = values[name] else { return nil }
    guard let v = UInt64(s) else { throw UsageError(message: "--\(name) expects a non-negative integer, got '\(s)'", command: command) }
    return v
  }

  /// A decimal number option, or nil when absent.
  func double(_ name: String) throws -> Double? {
    guard let s = values[name] else { return nil }
    guard let v = Double(s), v.isFinite else { throw UsageError(message: "--\(name) expects a number, got '\(s)'", command: command) }
    return v
  }

  /// A comma-separated list option, or nil when absent.
  func list(_ name: String) -> [String]? {
    values[name].map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
  }
}

/// A (sub)command: its words, summary, options and action.
struct Command: Sendable {
  /// e.g. ["data", "info"].
  var words: [String]
  var summary: String
  /// Longer help shown by `--help`, after the usage line.
  var details: String = ""
  var options: [OptionSpec]
  /// Placeholder for positional arguments in the usage line; nil when none are accepted.
  var positionalName: String? = nil
  var run: @Sendable (ParsedOptions) throws -> Void

  var fullName: String { (["har"] + words).joined(separator: " ") }

  var help: String {
    var s = "\(summary)\n\nUsage: \(fullName)"
    if !options.isEmpty { s += " [options]" }
    if let positionalName { s += " \(positionalName)" }
    s += "\n"
    if !details.isEmpty { s += "\n\(details)\n" }
    if !options.isEmpty {
      s += "\nOptions:\n"
      let rows = (options + [.flag("help", "Show this help.")]).map { o -> (String, String) in
        let left = "  --\(o.name)" + (o.valueName.map { " \($0)" } ?? "")
        let right = o.help + (o.defaultValue.map { " (default: \($0))" } ?? "")
        return (left, right)
      }
      let width = min(32, rows.map(\.0.count).max() ?? 0)
      for (l, r) in rows {
        s += l.padding(toLength: max(width, l.count), withPad: " ", startingAt: 0) + "  " + r + "\n"
      }
    }
    return s
  }

  /// Parses `arguments` (what follows the command words).
  func parse(_ arguments: [String]) throws -> ParsedOptions {
    var parsed = ParsedOptions(command: fullName)
    var i = 0
    while i < arguments.count {
      let a = arguments[i]
      if a.hasPrefix("--") {
        var name = String(a.dropFirst(2))
        var inlineValue: String? = nil
        if let eq = name.firstIndex(of: "=") {
          inlineValue = String(name[name.index(after: eq)...])
          name = String(name[..<eq])
        }
        guard let spec = options.first(where: { $0.name == name }) else {
          let close = options.map(\.name).filter { editDistance($0, name) <= 2 }
          let hint = close.isEmpty ? "" : " (did you mean --\(close[0])?)"
          throw UsageError(message: "unknown option '--\(name)' for '\(fullName)'\(hint)", command: fullName)
        }
        if spec.valueName == nil {
          if inlineValue != nil { throw UsageError(message: "--\(name) takes no value", command: fullName) }
          parsed.flags.insert(name)
        } else {
          let value: String
          if let inlineValue { value = inlineValue } else {
            guard i + 1 < arguments.count, !arguments[i + 1].hasPrefix("--") else {
              throw UsageError(message: "--\(name) expects a value (\(spec.valueName!))", command: fullName)
            }
            i += 1
            value = arguments[i]
          }
          if spec.repeatable {
            parsed.repeatedValues[name, default: []].append(value)
          } else {
            if parsed.values[name] != nil { throw UsageError(message: "--\(name) given twice", command: fullName) }
            parsed.values[name] = value
          }
        }
      } else if a.hasPrefix("-") && a.count > 1 && Double(a) == nil {
        throw UsageError(message: "unknown option '\(a)' for '\(fullName)' (options start with --)", command: fullName)
      } else {
        guard positionalName != nil else {
          throw UsageError(message: "unexpected argument '\(a)' for '\(fullName)'", command: fullName)
        }
        parsed.positional.append(a)
      }
      i += 1
    }
    return parsed
  }
}

/// Levenshtein distance, for "did you mean" hints.
func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a), b = Array(b)
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var previous = Array(0...b.count)
  for i in 1...a.count {
    var current = [i] + [Int](repeating: 0, count: b.count)
    for j in 1...b.count {
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.count]
}
