// Keras model files: real `model.to_json()` output of Keras 3 and hand-written files of the
// two older formats, checked against Keras's own numbers. The files and the numbers come
// from Fixtures/make_keras_fixtures.py (its docstring and the manifest header give the tool,
// version, command and date); Keras itself is never needed to run these tests.
import Deep
import Foundation
import LinearAlgebra
import Testing
import _TestSupport

/// Fixtures/keras_fixtures.json: Keras's numbers for every fixture file.
struct KerasFixtures: Decodable {
  struct Header: Decodable { var tool: String; var command: String; var date: String }
  struct LayerCounts: Decodable {
    var name: String
    var class_name: String
    var count_params: Int
    var output_shape: [Int]
  }
  struct Accepted: Decodable {
    var file: String
    var format: String
    var preset: String?
    var count_params: Int
    var trainable_params: Int
    var layers: [LayerCounts]
    var output_shape: [Int]
  }
  struct Refused: Decodable {
    var file: String
    var message_contains: [String]
  }
  var header: Header
  var accepted: [Accepted]
  var refused: [Refused]

  static let directory = RealData.packageRoot.appendingPathComponent("Tests/DeepTests/Fixtures")
  static let shared: KerasFixtures = {
    let data = try! Data(contentsOf: directory.appendingPathComponent("keras_fixtures.json"))
    return try! JSONDecoder().decode(KerasFixtures.self, from: data)
  }()

  static func url(_ file: String) -> URL { directory.appendingPathComponent("keras/\(file)") }
}

/// Keras's output shape without the batch axis, as Deep writes it.
func featureShape(_ dims: [Int]) -> FeatureShape {
  dims.count == 2 ? .sequence(time: dims[0], channels: dims[1]) : .flat(features: dims[0])
}

/// The message of the error thrown by reading `json` (nil when it reads).
func readingError(_ json: String, path: String = "net.json") -> String? {
  do {
    _ = try KerasModelFile(json: Data(json.utf8), path: path)
    return nil
  } catch {
    return "\(error)"
  }
}

@Suite("Keras model files")
struct KerasModelFileTests {
  @Test("the fixtures cover the three formats, every preset and every refusal kind")
  func coverage() {
    let fixtures = KerasFixtures.shared
    #expect(Set(fixtures.accepted.map(\.format)) == ["keras3", "tfKeras2", "keras2Legacy"])
    #expect(Set(fixtures.accepted.compactMap(\.preset)) == Set(Preset.names))
    #expect(fixtures.refused.count >= 17)
  }

  @Test("each accepted file reads, with Keras's parameter counts and output shapes",
        arguments: KerasFixtures.shared.accepted.map(\.file))
  func accepted(file: String) throws {
    let expected = KerasFixtures.shared.accepted.first { $0.file == file }!
    let model = try KerasModelFile(contentsOf: KerasFixtures.url(file))
    #expect(model.format.rawValue == expected.format)
    #expect(model.parameterCount == expected.count_params)
    #expect(model.trainableParameterCount == expected.trainable_params)
    if model.format == .keras3 {  // the hand-written older files use their own generation's names
      #expect(model.kerasLayers.map(\.name) == expected.layers.map(\.name))
    }
    #expect(model.kerasLayers.map(\.className) == expected.layers.map(\.class_name))
    #expect(model.kerasLayers.map { $0.trainableParameterCount + $0.nonTrainableParameterCount } == expected.layers.map(\.count_params))
    #expect(model.kerasLayers.map(\.outputShape) == expected.layers.map { featureShape($0.output_shape) })
    #expect(model.classCount == expected.output_shape.last)
    #expect(model.summary().contains("Total params: \(expected.count_params.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US"))))"))
  }

  @Test("a file of a preset's architecture builds the preset's layers, parameters and shapes",
        arguments: KerasFixtures.shared.accepted.filter { $0.preset != nil }.map(\.file))
  func matchesPreset(file: String) throws {
    let presetName = KerasFixtures.shared.accepted.first { $0.file == file }!.preset!
    let preset = try Preset.named(presetName)
    let fromFile = try KerasModelFile(contentsOf: KerasFixtures.url(file))
    #expect(fromFile.inputShape == preset.input)
    #expect(fromFile.layers == preset.layers)
    let model = try fromFile.makeModel(seed: 3)
    let presetModel = try preset.makeModel(seed: 3)
    #expect(model.parameterCount == presetModel.parameterCount)
    #expect(model.stateCount == presetModel.stateCount)
    #expect(model.outputShapes == presetModel.outputShapes)
    #expect(model.parameters == presetModel.parameters)  // same description and seed → same weights
  }

  @Test("a forward pass of (2, T, C) inputs gives (2, 6) logits", arguments: KerasFixtures.shared.accepted.map(\.file))
  func forward(file: String) throws {
    let fromFile = try KerasModelFile(contentsOf: KerasFixtures.url(file))
    let model = try fromFile.makeModel(seed: 1)
    var generator = SeededGenerator(seed: 2)
    let inputs = (0..<(2 * fromFile.inputShape.elementCount)).map { _ in Float.random(in: -1...1, using: &generator) }
    let logits = model.logits(inputs, generator: &generator)
    #expect(logits.count == 2 * 6)
    #expect(logits.allSatisfy { $0.isFinite })
  }

  @Test("each refused file names the layer, the option and its value", arguments: KerasFixtures.shared.refused.map(\.file))
  func refused(file: String) throws {
    let expected = KerasFixtures.shared.refused.first { $0.file == file }!
    let url = KerasFixtures.url(file)
    do {
      let model = try KerasModelFile(contentsOf: url)
      Issue.record("\(file) was read as \(model.layers)")
    } catch let error as KerasModelFileError {
      let message = error.description
      #expect(message.hasPrefix("\(url.path):1: "), "\(message)")
      #expect(message.contains("expected"), "\(message)")
      for piece in expected.message_contains {
        #expect(message.contains(piece), "\(message) lacks \(piece)")
      }
    }
  }

  @Test("the input shape, the name and the training settings come from the file")
  func settingsAndShape() throws {
    let cnnLSTM = try KerasModelFile(contentsOf: KerasFixtures.url("cnn_lstm.json"))
    #expect(cnnLSTM.inputShape == .sequence(time: 128, channels: 9))
    #expect(cnnLSTM.modelName == "sequential")
    #expect(cnnLSTM.name == "cnn_lstm")  // Keras's automatic name gives way to the file's stem
    #expect(cnnLSTM.outputHasSoftmax)
    #expect(cnnLSTM.trainingSettings == KerasTrainingSettings(optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-7),
                                                               learningRate: 0.001, loss: .sparseCategoricalCrossentropy))
    #expect(cnnLSTM.notes.isEmpty)

    let lstmBN = try KerasModelFile(contentsOf: KerasFixtures.url("lstm_bn.json"))
    #expect(lstmBN.trainingSettings?.learningRate == 0.002)

    let six = try KerasModelFile(contentsOf: KerasFixtures.url("every_layer.json"))
    #expect(six.inputShape == .sequence(time: 128, channels: 6))
    #expect(six.name == "har_six_channels")
    #expect(!six.outputHasSoftmax)
    #expect(six.trainingSettings == KerasTrainingSettings(optimizer: .sgd(momentum: 0.9), learningRate: 0.01,
                                                           loss: .sparseCategoricalCrossentropy))
    #expect(six.layers == [.conv1D(filters: 16, kernelSize: 5, padding: .same), .relu, .batchNorm(momentum: 0.9, epsilon: 1e-5),
                           .maxPool1D(poolSize: 4), .conv1D(filters: 8, kernelSize: 3, padding: .valid),
                           .lstm(units: 12, returnSequences: true), .flatten, .dense(units: 32),
                           .batchNorm(momentum: 0.99, epsilon: 1e-3), .dropout(rate: 0.2), .dense(units: 6)])

    for file in ["lstm.json", "tf_keras2_cnn_lstm.json", "keras2_legacy_cnn.json"] {
      #expect(try KerasModelFile(contentsOf: KerasFixtures.url(file)).trainingSettings == nil)  // no compile_config
    }
  }

  @Test("the summary has one row per Keras layer with Keras's names and counts")
  func summary() throws {
    let text = try KerasModelFile(contentsOf: KerasFixtures.url("cnn_lstm.json")).summary()
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines[0] == "Model: \"cnn_lstm\"")
    #expect(lines.contains { $0.hasPrefix(" conv1d_1 (Conv1D)") && $0.contains("(None, 61, 64)") && $0.hasSuffix("12,352") })
    #expect(lines.contains { $0.hasPrefix(" lstm (LSTM)") && $0.contains("(None, 128)") && $0.hasSuffix("98,816") })
    #expect(!text.contains("ReLU"))  // the activation is part of its Conv1D row, as in Keras
    #expect(lines.contains("Total params: 113,734"))
    let bn = try KerasModelFile(contentsOf: KerasFixtures.url("lstm_bn.json")).summary()
    #expect(bn.contains("Non-trainable params: 120"))  // 2 × 30 moving means + 2 × 30 moving variances
  }

  @Test("syntax errors and misplaced values give the file and line")
  func lines() throws {
    let missingComma = """
    {"class_name": "Sequential",
     "config": {"layers": [
       {"class_name": "InputLayer" "config": {}}]}}
    """
    #expect(readingError(missingComma, path: "bad.json")?.hasPrefix("bad.json:3: expected \",\" or \"}\", found") == true)

    let multiLine = """
    {"class_name": "Sequential", "config": {"name": "net", "layers": [
      {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 128, 9]}},
      {"class_name": "LSTM", "config": {"name": "lstm", "units": 32,
        "recurrent_dropout": 0.25}},
      {"class_name": "Dense", "config": {"name": "dense", "units": 6, "activation": "softmax"}}]}}
    """
    #expect(readingError(multiLine) == "net.json:4: layers[1] \"lstm\" (LSTM): expected recurrent_dropout 0 (Deep's LSTM has no recurrent dropout), found recurrent_dropout = 0.25")
    #expect(readingError(multiLine.replacingOccurrences(of: "0.25", with: "0.0")) == nil)

    #expect(readingError("[1, 2]")?.hasPrefix("net.json:1: expected a JSON object") == true)
    #expect(readingError("")?.hasPrefix("net.json:1: expected a JSON value, found the end of the file") == true)
    #expect(readingError("{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"Dense\", \"config\": {\"units\": 6}}]}}")?
      .contains("expected an input shape") == true)
    #expect(readingError("{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, null, 9]}}, {\"class_name\": \"Dense\", \"config\": {\"units\": 6}}]}}")?
      .contains("input shape: expected [null, T, C] or [null, F] with positive sizes, found [null, null, 9]") == true)
    // A last layer that is not the class scores.
    #expect(readingError("{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 128, 9]}}, {\"class_name\": \"LSTM\", \"config\": {\"name\": \"l\", \"units\": 6}}]}}")?
      .contains("expected the last layer to be a Dense layer") == true)
    // A Dense layer on a sequence is applied per time step, as in Keras, so as the last layer
    // it gives (None, 128, 6), not the class scores.
    #expect(readingError("{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 128, 9]}}, {\"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"units\": 6}}]}}")?
      .contains("layers[1] \"d\" (Dense): expected the last layer to be a Dense layer of K ≥ 2 units with softmax or linear activation (the class scores), found Dense(6, per time step) giving (None, 128, 6)") == true)
  }

  @Test("an unreadable file is an error naming it, not a crash")
  func unreadable() {
    #expect(throws: KerasModelFileError.self) { try KerasModelFile(contentsOf: URL(fileURLWithPath: "/nonexistent/net.json")) }
  }

  @Test("an unknown option is accepted when off (null, false, 0) and refused by name when on")
  func unknownOptions() {
    func dense(_ extra: String) -> String {
      "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 4]}}, {\"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"units\": 3, \(extra)}}]}}"
    }
    #expect(readingError(dense("\"lora_rank\": null")) == nil)
    #expect(readingError(dense("\"lora_rank\": 4")) == "net.json:1: layers[1] \"d\" (Dense): expected no option lora_rank (Deep's Dense does not implement it), or null, found lora_rank = 4")
    #expect(readingError(dense("\"trainable\": false"))?.contains("expected trainable true") == true)
  }

  @Test("another initialiser or dtype is a note, not a refusal")
  func notes() throws {
    let json = "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 4]}}, {\"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"units\": 3, \"dtype\": \"float64\", \"kernel_initializer\": {\"class_name\": \"HeNormal\", \"config\": {}}}}]}}"
    let file = try KerasModelFile(json: Data(json.utf8), path: "net.json")
    #expect(file.notes.count == 2)
    #expect(file.notes.contains { $0.contains("kernel_initializer HeNormal") })
    #expect(file.summary().contains("Note: layers[1] \"d\" (Dense): dtype float64"))
  }
}
