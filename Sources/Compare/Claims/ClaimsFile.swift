// A user's claims file: published numbers about any model of a run (a preset, a classic
// model or a model file), in the JSON form of `PublishedClaim`, so they join the built-in
// claims and get the same replicas, verdicts and "explained by" (docs/claims.schema.json,
// docs/your-model.md).
//
//   {"claims": [{"id": "…", "citation": {"authors": "…", "title": "…"}, "model": "…",
//                "metric": "test_accuracy", "value": 0.9237,
//                "protocol": {"name": "…", "data": "…", "split": {"kind": "official"}}}, …]}
//
// Decisions, in priority order:
// 1. Every error names the file and the JSON path of the field (`claims[2].protocol.split.kind`)
//    with what was expected and what was found, as a compiler would; nothing is dropped or
//    guessed. An unknown field is an error too (a misspelt optional field would otherwise be
//    silently ignored).
// 2. The top level is an object with one field, `claims`, never a bare array: one shape to
//    document, and room for fields later.
// 3. Rates are fractions in [0, 1], as in `BuiltInClaims`; a percentage (92.3) is refused
//    with the fraction it probably means, never divided by 100 silently.
import Foundation

/// Reads and validates users' claims files.
public enum ClaimsFile {
  /// The top-level field holding the claims.
  static let claimsKey = "claims"
  /// The fields of each object, as `PublishedClaim`, `Citation`, `ClaimProtocol` and
  /// `ClaimSplit` encode them (their `CodingKeys`).
  static let claimFields: Set<String> = ["id", "citation", "model", "architecture", "metric", "value", "threshold", "protocol",
                                         "guessed", "known_differences", "note"]
  static let citationFields: Set<String> = ["authors", "title", "venue", "year", "url"]
  static let protocolFields: Set<String> = ["name", "data", "split", "channels", "epochs", "batch_size", "optimizer",
                                            "learning_rate", "loss", "validation_split", "test_windows"]
  static let splitFields: Set<String> = ["kind", "test_fraction", "train_subjects", "test_subjects", "draws", "folds"]

  /// The claims of the file at `path`, validated.
  ///
  /// - Parameters:
  ///   - models: the names a claim may name (every model of the run that could be asked for).
  ///   - takenIDs: ids already used (the built-in claims', earlier files'), with where.
  /// - Throws: `CompareError.invalidClaimsFile` naming the file and the JSON path of the
  ///   first bad field, or `.io` when the file cannot be read.
  public static func load(path: String, models: [String], takenIDs: [String: String] = [:]) throws -> [PublishedClaim] {
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw CompareError.io(path: path, reason: "cannot read the claims file (\((error as NSError).localizedDescription))")
    }
    let claims = try decode(data, file: path)
    try validate(claims, file: path, models: models, takenIDs: takenIDs)
    return claims
  }

  /// The claims of the JSON text `data`, decoded (not yet validated); `file` names it in messages.
  ///
  /// - Throws: `CompareError.invalidClaimsFile`.
  public static func decode(_ data: Data, file: String) throws -> [PublishedClaim] {
    let root: Any
    do { root = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
      let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
      throw CompareError.invalidClaimsFile(file: file, path: "", expected: "JSON", found: "invalid JSON (\(reason))")
    }
    guard let object = root as? [String: Any], let list = object[claimsKey] else {
      throw CompareError.invalidClaimsFile(file: file, path: "", expected: "an object {\"claims\": [...]}", found: describe(root))
    }
    for key in object.keys.sorted() where key != claimsKey {
      throw CompareError.invalidClaimsFile(file: file, path: "", expected: "only the field \"claims\"", found: "the field \"\(key)\"")
    }
    guard let array = list as? [Any] else {
      throw CompareError.invalidClaimsFile(file: file, path: claimsKey, expected: "a list of claims", found: describe(list))
    }
    for (i, element) in array.enumerated() {
      try checkFields(element, path: "claims[\(i)]", allowed: claimFields, file: file)
      guard let claim = element as? [String: Any] else { continue }
      try checkFields(claim["citation"], path: "claims[\(i)].citation", allowed: citationFields, file: file)
      try checkFields(claim["protocol"], path: "claims[\(i)].protocol", allowed: protocolFields, file: file)
      try checkFields((claim["protocol"] as? [String: Any])?["split"], path: "claims[\(i)].protocol.split", allowed: splitFields, file: file)
    }
    do {
      return try JSONDecoder().decode(Wrapper.self, from: data).claims
    } catch let error as DecodingError {
      throw message(for: error, root: root, file: file)
    }
  }

  /// Checks values the types cannot: rates in [0, 1], thresholds, known models, unique
  /// ids, channel names, training settings and split sizes.
  ///
  /// - Throws: `CompareError.invalidClaimsFile` for the first bad field.
  public static func validate(_ claims: [PublishedClaim], file: String, models: [String], takenIDs: [String: String] = [:]) throws {
    var taken = takenIDs
    for (i, claim) in claims.enumerated() {
      func fail(_ field: String, _ expected: String, _ found: String) -> CompareError {
        CompareError.invalidClaimsFile(file: file, path: "claims[\(i)]" + (field.isEmpty ? "" : ".\(field)"), expected: expected, found: found)
      }
      guard isUsableName(claim.id) else { throw fail("id", "lower-case letters, digits and hyphens", "'\(claim.id)'") }
      if let other = taken[claim.id] { throw fail("id", "an id no other claim has", "'\(claim.id)', also \(other)") }
      taken[claim.id] = "claims[\(i)] of \(file)"
      guard models.contains(claim.model) else {
        throw fail("model", "one of the run's models (\(models.joined(separator: ", ")))", "'\(claim.model)'")
      }
      if claim.metric.isRate {
        guard claim.value >= 0 && claim.value <= 1 else {
          let hint = claim.value > 1 && claim.value <= 100 ? " (\(shortNumber(claim.value)) % is \(String(format: "%g", claim.value / 100)))" : ""
          throw fail("value", "a fraction in [0, 1]\(hint)", shortNumber(claim.value))
        }
      } else {
        guard claim.value >= 1 && claim.value.isFinite else { throw fail("value", "a number of epochs ≥ 1", shortNumber(claim.value)) }
        guard let threshold = claim.threshold else {
          throw fail("threshold", "the training accuracy the epochs count to, a fraction in (0, 1], for metric \(claim.metric.rawValue)", "none")
        }
        guard threshold > 0 && threshold <= 1 else { throw fail("threshold", "a fraction in (0, 1]", shortNumber(threshold)) }
      }
      let setup = claim.setup
      guard isUsableName(setup.name) else { throw fail("protocol.name", "lower-case letters, digits and hyphens", "'\(setup.name)'") }
      switch setup.split {
      case .official: break
      case let .randomWindows(f):
        guard f > 0 && f < 1 else { throw fail("protocol.split.test_fraction", "a fraction in (0, 1)", shortNumber(f)) }
      case let .randomSubjects(train, test, draws):
        guard train >= 1 else { throw fail("protocol.split.train_subjects", "an integer ≥ 1", "\(train)") }
        guard test >= 1 else { throw fail("protocol.split.test_subjects", "an integer ≥ 1", "\(test)") }
        guard draws >= 1 else { throw fail("protocol.split.draws", "an integer ≥ 1", "\(draws)") }
      case let .kFold(k):
        guard k >= 2 else { throw fail("protocol.split.folds", "an integer ≥ 2", "\(k)") }
      }
      if let channels = setup.channels {
        do { _ = try ChannelSelection(channels) } catch let CompareError.invalidOption(_, expected, found) {
          throw fail("protocol.channels", expected, found)
        }
      }
      let overrides = TrainingOverrides(epochs: setup.epochs, batchSize: setup.batchSize, learningRate: setup.learningRate,
                                        loss: setup.loss, validationSplit: setup.validationSplit)
      do { try overrides.validate() } catch let CompareError.invalidOption(name, expected, found) {
        let field = ["batchSize": "batch_size", "learningRate": "learning_rate", "validationSplit": "validation_split"][name] ?? name
        throw fail("protocol.\(field)", expected, found)
      }
      if let n = setup.testWindows, n < 1 { throw fail("protocol.test_windows", "an integer ≥ 1", "\(n)") }
    }
  }

  // MARK: - Messages

  struct Wrapper: Decodable { var claims: [PublishedClaim] }

  static func isUsableName(_ s: String) -> Bool {
    !s.isEmpty && s.first != "-" && s.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
  }

  /// "92.3", "0.923", "20": a number without a trailing ".0".
  static func shortNumber(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
  }

  /// Refuses a field of an object that its type does not have.
  static func checkFields(_ value: Any?, path: String, allowed: Set<String>, file: String) throws {
    guard let object = value as? [String: Any] else { return }  // wrong types are the decoder's to report
    for key in object.keys.sorted() where !allowed.contains(key) {
      throw CompareError.invalidClaimsFile(file: file, path: path, expected: "fields \(allowed.sorted().joined(separator: ", "))",
                                           found: "unknown field \"\(key)\"")
    }
  }

  /// "claims[2].protocol.split.kind" for a coding path.
  static func jsonPath(_ codingPath: [any CodingKey]) -> String {
    var path = ""
    for key in codingPath {
      if let index = key.intValue { path += "[\(index)]" } else { path += path.isEmpty ? key.stringValue : ".\(key.stringValue)" }
    }
    return path
  }

  /// The JSON value at `codingPath` in `root`, if there is one.
  static func value(at codingPath: [any CodingKey], in root: Any) -> Any? {
    var current: Any? = root
    for key in codingPath {
      if let index = key.intValue, let array = current as? [Any] { current = index < array.count ? array[index] : nil }
      else if let object = current as? [String: Any] { current = object[key.stringValue] }
      else { return nil }
    }
    return current
  }

  /// A JSON value as a message shows it: "'randomwindows'", "92.3", "a list", "null".
  static func describe(_ value: Any?) -> String {
    switch value {
    case nil: return "nothing"
    case is NSNull: return "null"
    case let s as String: return "'\(s)'"
    case let n as NSNumber: return shortNumber(n.doubleValue)  // true and false show as 1 and 0
    case is [Any]: return "a list"
    case is [String: Any]: return "an object"
    default: return "\(value!)"
    }
  }

  /// What a Swift type is called in a message.
  static func expectedName(_ type: Any.Type) -> String {
    switch type {
    case is Double.Type, is Float.Type: "a number"
    case is Int.Type: "an integer"
    case is String.Type: "a string"
    case is Bool.Type: "true or false"
    case is [String].Type: "a list of strings"
    default:
      String(describing: type).hasPrefix("Array<") ? "a list"
        : (String(describing: type).hasPrefix("Dictionary<") ? "an object" : "\(type)")
    }
  }

  /// A decoding error as `file: path: expected …, found …`.
  static func message(for error: DecodingError, root: Any, file: String) -> CompareError {
    switch error {
    case let .keyNotFound(key, context):
      let path = jsonPath(context.codingPath)
      return CompareError.invalidClaimsFile(file: file, path: path, expected: "a field \"\(key.stringValue)\"", found: "none")
    case let .valueNotFound(type, context):
      return CompareError.invalidClaimsFile(file: file, path: jsonPath(context.codingPath), expected: expectedName(type), found: "null")
    case let .typeMismatch(type, context):
      return CompareError.invalidClaimsFile(file: file, path: jsonPath(context.codingPath), expected: expectedName(type),
                                            found: describe(value(at: context.codingPath, in: root)))
    case let .dataCorrupted(context):
      let path = jsonPath(context.codingPath)
      let found = describe(value(at: context.codingPath, in: root))
      if context.codingPath.last?.stringValue == "metric" {
        return CompareError.invalidClaimsFile(file: file, path: path, expected: "one of \(ClaimMetric.allCases.map(\.rawValue).joined(separator: ", "))", found: found)
      }
      // `ClaimSplit` writes its own "expected …, found …".
      let text = context.debugDescription
      if text.hasPrefix("expected "), let range = text.range(of: ", found ") {
        return CompareError.invalidClaimsFile(file: file, path: path, expected: String(text[text.index(text.startIndex, offsetBy: 9)..<range.lowerBound]),
                                              found: String(text[range.upperBound...]))
      }
      return CompareError.invalidClaimsFile(file: file, path: path, expected: "a valid value (\(text))", found: found)
    @unknown default:
      return CompareError.invalidClaimsFile(file: file, path: "", expected: "a claims file", found: "\(error)")
    }
  }
}
