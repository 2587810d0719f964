// A Keras `Sequential` model read from the JSON that `model.to_json()` writes, mapped onto
// Deep's layer descriptions.
//
// Three generations of the format are read:
// - Keras 3: every object is `{"module", "class_name", "config", "registered_name"}`, the
//   input is an `InputLayer` with `batch_shape`, layers carry a `build_config`, dtypes are
//   `DTypePolicy` objects, and a compiled model carries a `compile_config`.
// - tf.keras 2.x (Keras 2.3–2.15): `config` is an object with `layers`; the input is an
//   `InputLayer` with `batch_input_shape` (the first layer usually repeats it).
// - Keras ≤ 2.2.2: `config` is the bare list of layers, and the first layer carries
//   `batch_input_shape`.
// Decisions, in priority order:
// 1. A file that asks for anything Deep does not build is refused with a message naming the
//    layer, the option and its value — never loaded as a silently different model.
// 2. The parameter count equals Keras's `count_params()` for the same file (tested against
//    Keras's own numbers in Tests/DeepTests/Fixtures).
// 3. The input shape comes from the file, so a caller can check it against its data before
//    building anything.

import Foundation

/// Which generation of Keras wrote a model file.
public enum KerasFormat: String, Sendable, Hashable, CustomStringConvertible {
  /// Keras 3: `module`/`registered_name` wrappers, `InputLayer` with `batch_shape`.
  case keras3
  /// tf.keras 2.x: `config` is an object holding `layers`, `InputLayer` with `batch_input_shape`.
  case tfKeras2
  /// Keras ≤ 2.2.2: `config` is the bare list of layers.
  case keras2Legacy

  public var description: String {
    switch self {
    case .keras3: "Keras 3"
    case .tfKeras2: "tf.keras 2.x"
    case .keras2Legacy: "Keras ≤ 2.2.2"
    }
  }
}

/// A Keras `Sequential` model file, read and mapped onto `LayerSpec`s.
///
/// ```swift
/// let file = try KerasModelFile(contentsOf: URL(fileURLWithPath: "net.json"))
/// print(file.summary())                        // Keras-style, from the file alone
/// guard file.inputShape == .sequence(time: 128, channels: 9) else { … }
/// let model = try file.makeModel(seed: 1)
/// ```
public struct KerasModelFile: Sendable {
  /// One layer of the file (InputLayer excluded) and what it became.
  public struct Layer: Sendable, Hashable {
    /// The layer's Keras name, e.g. `conv1d_1`.
    public var name: String
    /// The Keras class, e.g. `Conv1D`.
    public var className: String
    /// Deep's layers for it: a Conv1D or Dense with ReLU becomes two, a final softmax Dense one.
    public var specs: [LayerSpec]
    /// The shape it produces.
    public var outputShape: FeatureShape
    /// Trainable parameters (weights and biases; γ and β).
    public var trainableParameterCount: Int
    /// Non-trainable parameters (batch normalisation's moving mean and variance), as Keras counts them.
    public var nonTrainableParameterCount: Int
  }

  /// The file as given.
  public let path: String
  /// Which generation of Keras wrote it.
  public let format: KerasFormat
  /// The model's name in the file (`config.name`), if it has one.
  public let modelName: String?
  /// The shape of one example, from the file: `.sequence(time: 128, channels: 9)` for
  /// `batch_shape` `[null, 128, 9]`.
  public let inputShape: FeatureShape
  /// The file's layers, in order, without the InputLayer.
  public let kerasLayers: [Layer]
  /// Deep's description of the model: every Keras layer's `specs`, in order. Ends in
  /// `.dense(units: K)` giving logits; the softmax is the loss's.
  public let layers: [LayerSpec]
  /// Whether the last Dense layer applied softmax in Keras (else it is linear and its outputs are logits).
  public let outputHasSoftmax: Bool
  /// Optimiser, learning rate and loss from a Keras 3 `compile_config`; nil when the file has none.
  public let trainingSettings: KerasTrainingSettings?
  /// What the file asks for that Deep does differently without changing the model
  /// (another initialiser, another dtype), one line each.
  public let notes: [String]

  /// The name to show for this model: the file's model name, unless it is one Keras chose
  /// itself (`sequential`, `sequential_3`), else the file's stem (`net` for `net.json`).
  public var name: String {
    if let modelName, !modelName.isEmpty, modelName.range(of: #"^sequential(_\d+)?$"#, options: .regularExpression) == nil {
      return modelName
    }
    return URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
  }

  /// Trainable parameters, as Keras's `model.count_params()` minus the non-trainable ones.
  public var trainableParameterCount: Int { kerasLayers.map(\.trainableParameterCount).reduce(0, +) }
  /// All parameters, as Keras's `model.count_params()`.
  public var parameterCount: Int { kerasLayers.map { $0.trainableParameterCount + $0.nonTrainableParameterCount }.reduce(0, +) }
  /// K, the number of classes.
  public var classCount: Int { layers.isEmpty ? 0 : kerasLayers.last!.outputShape.elementCount }

  /// Reads a model file.
  /// - Throws: `KerasModelFileError` (`path:line: … expected …, found …`) when the file
  ///   cannot be read, is not JSON, is not a Sequential model, or asks for something Deep
  ///   does not build.
  public init(contentsOf url: URL) throws {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw KerasModelFileError(path: url.path, line: 0, context: nil, expected: "a readable Keras model JSON file",
                                found: "an unreadable file (\((error as NSError).localizedDescription))")
    }
    try self.init(json: data, path: url.path)
  }

  /// Reads a model from the text of a model file; `path` is used in messages.
  /// - Throws: `KerasModelFileError`, as `init(contentsOf:)`.
  public init(json: Data, path: String) throws {
    self.path = path
    let root = try KerasJSON.parse(Array(json), path: path)
    func fail(_ at: KerasJSON?, _ context: String?, _ expected: String, _ found: String) -> KerasModelFileError {
      KerasModelFileError(path: path, line: at?.line ?? 1, context: context, expected: expected, found: found)
    }

    // The model.
    guard root.members != nil else { throw fail(root, nil, "a JSON object written by model.to_json()", root.description) }
    let modelClass = root["class_name"]?.string ?? "no class_name"
    guard modelClass == "Sequential" else {
      let hint = ["Functional", "Model"].contains(modelClass)
        ? " (a functional-API model; rebuild it as keras.Sequential([...]) if it is a plain stack of layers)" : ""
      throw fail(root["class_name"] ?? root, nil, "a Sequential model", "\(modelClass)\(hint)")
    }
    guard let config = root["config"] else { throw fail(root, nil, "a \"config\" holding the layers", "none") }
    let layerList: [KerasJSON]
    if let list = config.array {
      format = .keras2Legacy
      layerList = list
      modelName = nil
    } else if let list = config["layers"]?.array {
      let isKeras3 = root["module"] != nil || list.contains { $0["module"] != nil }
      format = isKeras3 ? .keras3 : .tfKeras2
      layerList = list
      modelName = config["name"]?.string
    } else {
      throw fail(config, nil, "config to be a list of layers or an object with \"layers\"", config.description)
    }

    // The input shape: an InputLayer, else batch_input_shape on the first layer, else the
    // model's own build shape (Keras 3 `build_config`, tf.keras 2 `build_input_shape`).
    var shapeJSON: KerasJSON?
    var body = layerList
    if let first = layerList.first, first["class_name"]?.string == "InputLayer" {
      let inputConfig = first["config"]
      shapeJSON = inputConfig?["batch_shape"] ?? inputConfig?["batch_input_shape"]
      if let sparse = inputConfig?["sparse"]?.bool, sparse {
        throw fail(inputConfig?["sparse"], "layers[0] (InputLayer)", "sparse false", "sparse = true")
      }
      body.removeFirst()
    }
    if shapeJSON == nil { shapeJSON = body.first?["config"]?["batch_input_shape"] }
    if shapeJSON == nil { shapeJSON = root["build_config"]?["input_shape"] ?? config["build_input_shape"] }
    guard let shapeJSON, !shapeJSON.isNull else {
      throw fail(root, nil, "an input shape (an InputLayer, or batch_input_shape on the first layer; build the model with keras.Input(shape=(128, 9)))", "none")
    }
    guard let dims = shapeJSON.array, (2...3).contains(dims.count), dims[0].isNull || dims[0].integer != nil,
          dims.dropFirst().allSatisfy({ ($0.integer ?? 0) > 0 }) else {
      throw fail(shapeJSON, "input shape", "[null, T, C] or [null, F] with positive sizes", shapeJSON.description)
    }
    let input: FeatureShape = dims.count == 3
      ? .sequence(time: dims[1].integer!, channels: dims[2].integer!) : .flat(features: dims[1].integer!)
    inputShape = input

    // The layers.
    guard !body.isEmpty else { throw fail(config, nil, "at least one layer after the input", "none") }
    let offset = layerList.count - body.count
    var kerasLayers: [Layer] = []
    var notes: [String] = []
    var softmax = false
    var shape = input
    var specIndex = 0
    for (i, layerJSON) in body.enumerated() {
      let position = i + offset
      let className = layerJSON["class_name"]?.string ?? "?"
      let layerConfig = layerJSON["config"] ?? KerasJSON(value: .object([]), line: layerJSON.line)
      let name = layerConfig["name"]?.string ?? className.lowercased()
      let context = "layers[\(position)] \"\(name)\" (\(className))"
      guard layerJSON.members != nil, layerJSON["class_name"]?.string != nil, layerConfig.members != nil else {
        throw fail(layerJSON, "layers[\(position)]", "a layer object with class_name and config", layerJSON.description)
      }
      if className == "InputLayer" {
        throw fail(layerJSON, context, "an InputLayer only as the first layer", "one at position \(position)")
      }
      var reader = KerasLayerConfig(path: path, context: context, className: className, config: layerConfig, line: layerJSON.line)
      let isLast = i == body.count - 1
      let (specs, activation) = try reader.layerSpecs(isLast: isLast, input: shape)
      if className == "BatchNormalization" {
        try reader.requireLastAxis(rank: shape.rank + 1)
      }
      try reader.finish()
      notes += reader.notes
      if activation == .softmax { softmax = true }
      // Shapes, with the Keras layer named in the message.
      for spec in specs {
        do {
          shape = try spec.outputShape(for: shape, index: specIndex)
        } catch let error as ModelError {
          guard case let .invalidLayer(_, _, inputShape, reason) = error else { throw error }
          throw fail(layerJSON, context, "an input this layer can take (\(reason))", inputShape)
        }
        specIndex += 1
      }
      kerasLayers.append(Layer(name: name, className: className, specs: specs, outputShape: shape,
                               trainableParameterCount: 0, nonTrainableParameterCount: 0))
    }
    let last = kerasLayers.last!
    guard last.className == "Dense", case let .flat(k) = last.outputShape, k >= 2, last.specs.count == 1 else {
      throw fail(body.last!, "layers[\(layerList.count - 1)] \"\(last.name)\" (\(last.className))",
                 "the last layer to be a Dense layer of K ≥ 2 units with softmax or linear activation (the class scores)",
                 "\(last.specs.map(\.description).joined(separator: " + ")) giving \(last.outputShape)")
    }
    layers = kerasLayers.flatMap(\.specs)
    outputHasSoftmax = softmax

    // Parameter counts, from the model Deep builds (so they are Deep's, checked against Keras's in tests).
    let model = try Sequential<Float>(input: input, layers: layers, seed: 0)
    let counts = model.parameterCounts
    var next = 0
    for i in kerasLayers.indices {
      let n = kerasLayers[i].specs.count
      kerasLayers[i].trainableParameterCount = counts[next..<(next + n)].reduce(0, +)
      if kerasLayers[i].className == "BatchNormalization" {
        kerasLayers[i].nonTrainableParameterCount = kerasLayers[i].trainableParameterCount  // moving mean and variance
      }
      next += n
    }
    self.kerasLayers = kerasLayers

    // An uncompiled Keras 3 model writes `"compile_config": {}`.
    if let compileConfig = root["compile_config"], !compileConfig.isNull, compileConfig.members?.isEmpty != true {
      trainingSettings = try KerasTrainingSettings(compileConfig: compileConfig, path: path, outputIsLogits: !softmax)
    } else {
      trainingSettings = nil
    }
    self.notes = notes
  }

  /// Builds the model, its weights drawn from `seed` (Deep's initialisers, Keras's defaults).
  /// - Throws: `ModelError` (not expected: the description was validated when the file was read).
  public func makeModel(seed: UInt64) throws -> Model {
    try Model(input: inputShape, layers: layers, seed: seed, name: name)
  }
}

extension FeatureShape {
  /// The number of axes of one example: 2 for (T, C), 1 for (F).
  var rank: Int {
    switch self {
    case .sequence: 2
    case .flat: 1
    }
  }
}
