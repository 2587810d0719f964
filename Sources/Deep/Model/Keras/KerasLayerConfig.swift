// Reading one layer's `config` object of a Keras model file, option by option.
//
// Decisions, in priority order:
// 1. Never a silently different model. Every option of the layer is either read, checked
//    against the one value Deep builds, or known to change nothing Deep computes (names,
//    seeds, `unroll`, `implementation`). An option we do not know is accepted only when it
//    is null, false or 0 (how Keras writes "off"), so a newer Keras that adds an off-by-
//    default option still loads, and one that is on is refused by name with its value.
// 2. Initialisers change the starting point, not the model: Deep always draws Keras's
//    defaults (Glorot-uniform kernels, orthogonal recurrent kernels, zero biases, forget
//    bias 1, γ = 1, β = 0). Another initialiser is kept as a note, not refused.
// 3. Messages name the layer as `layers[i] "name" (Class)` — i is the position in the
//    file's `layers` list — then the option and its value.

/// One layer's `config`, with a record of which options were looked at.
struct KerasLayerConfig {
  let path: String
  /// `layers[i] "name" (Class)`.
  let context: String
  let className: String
  /// The `config` object (an empty object when the layer has none).
  let config: KerasJSON
  /// Line of the layer, for options that are missing.
  let line: Int
  private(set) var readKeys: Set<String> = []
  /// Initialisers that differ from the defaults Deep draws.
  private(set) var notes: [String] = []

  init(path: String, context: String, className: String, config: KerasJSON, line: Int) {
    self.path = path
    self.context = context
    self.className = className
    self.config = config
    self.line = line
  }

  func error(_ key: String?, expected: String, found: String) -> KerasModelFileError {
    KerasModelFileError(path: path, line: key.flatMap { config[$0]?.line } ?? line, context: context,
                        expected: expected, found: found)
  }

  /// The value of `key` and marks it read; nil when absent.
  mutating func value(_ key: String) -> KerasJSON? {
    readKeys.insert(key)
    return config[key]
  }

  /// Marks options that change nothing Deep computes.
  mutating func ignore(_ keys: String...) {
    readKeys.formUnion(keys)
  }

  /// A positive integer option, given as `n` or `[n]` (Keras writes 1-D sizes as one-element lists).
  mutating func positiveInteger(_ key: String, default defaultValue: Int? = nil) throws -> Int {
    guard let v = value(key), !v.isNull else {
      if let defaultValue { return defaultValue }
      throw error(key, expected: "option \(key) (a positive integer)", found: "none")
    }
    let scalar = v.array.flatMap { $0.count == 1 ? $0[0] : nil } ?? v
    guard let n = scalar.integer, n > 0 else {
      throw error(key, expected: "\(key) a positive integer or a one-element list of one", found: "\(key) = \(v)")
    }
    return n
  }

  /// A number option.
  mutating func number(_ key: String, default defaultValue: Double) throws -> Double {
    guard let v = value(key), !v.isNull else { return defaultValue }
    guard let x = v.number, x.isFinite else { throw error(key, expected: "\(key) a finite number", found: "\(key) = \(v)") }
    return x
  }

  /// A Boolean option.
  mutating func bool(_ key: String, default defaultValue: Bool) throws -> Bool {
    guard let v = value(key), !v.isNull else { return defaultValue }
    guard let b = v.bool else { throw error(key, expected: "\(key) true or false", found: "\(key) = \(v)") }
    return b
  }

  /// A string option.
  mutating func string(_ key: String, default defaultValue: String) throws -> String {
    guard let v = value(key), !v.isNull else { return defaultValue }
    guard let s = v.string else { throw error(key, expected: "\(key) a string", found: "\(key) = \(v)") }
    return s
  }

  /// Requires the option, when present, to equal `required` (compared as JSON text after
  /// unwrapping one-element lists), explaining `why` otherwise.
  mutating func require(_ key: String, equals required: KerasJSON.Value, why: String) throws {
    guard let v = value(key), !v.isNull else { return }
    let scalar = v.array.flatMap { $0.count == 1 ? $0[0] : nil } ?? v
    let expected = KerasJSON(value: required, line: 0)
    if case let .number(x, _) = scalar.value, case let .number(y, _) = required, x == y { return }
    guard scalar.description == expected.description else {
      throw error(key, expected: "\(key) \(expected) (\(why))", found: "\(key) = \(v)")
    }
  }

  /// Requires a Boolean option, when present, to be `false`.
  mutating func requireFalse(_ key: String, why: String) throws {
    if try bool(key, default: false) {
      throw error(key, expected: "\(key) false (\(why))", found: "\(key) = true")
    }
  }

  /// Requires a number option, when present, to be 0.
  mutating func requireZero(_ key: String, why: String) throws {
    let x = try number(key, default: 0)
    guard x == 0 else { throw error(key, expected: "\(key) 0 (\(why))", found: "\(key) = \(config[key]!)") }
  }

  /// Notes an initialiser that is not the default Deep draws. `accepted` lists the Keras
  /// class names of the default (Keras 3 / tf.keras 2 and Keras ≤ 2.2.2 spellings).
  mutating func checkInitializer(_ key: String, accepted: [String]) {
    guard let v = value(key), !v.isNull else { return }
    let name = v.string ?? v["class_name"]?.string ?? v.description
    let normalized = name.lowercased().replacingOccurrences(of: "_", with: "")
    if accepted.contains(where: { $0.lowercased().replacingOccurrences(of: "_", with: "") == normalized }) { return }
    // Keras ≤ 2.2.2 writes Glorot-uniform as VarianceScaling(scale 1, fan_avg, uniform).
    if normalized == "variancescaling", accepted.contains("GlorotUniform"),
       v["config"]?["scale"]?.number == 1, v["config"]?["mode"]?.string == "fan_avg",
       v["config"]?["distribution"]?.string == "uniform" { return }
    notes.append("\(context): \(key) \(name) is not used; Deep draws \(accepted[0])")
  }

  /// The checks every layer shares: `trainable`, the dtype, and the options nobody read.
  /// Call last.
  mutating func finish() throws {
    if let t = value("trainable"), t.bool == false {
      throw error("trainable", expected: "trainable true (Deep trains every layer)", found: "trainable = false")
    }
    if let dtype = value("dtype"), !dtype.isNull {
      // Keras 3: a DTypePolicy object; tf.keras 2 and older: a string.
      let name = dtype.string ?? dtype["config"]?["name"]?.string ?? dtype.description
      if name != "float32" { notes.append("\(context): dtype \(name); Deep computes in float32") }
    }
    ignore("name", "seed", "batch_input_shape", "batch_size", "input_dim", "input_length")
    for (key, v) in config.members ?? [] where !readKeys.contains(key) {
      switch v.value {
      case .null, .bool(false): continue
      case let .number(x, _) where x == 0: continue
      default:
        throw error(key, expected: "no option \(key) (Deep's \(className) does not implement it), or null",
                    found: "\(key) = \(v)")
      }
    }
  }
}
