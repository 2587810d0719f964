// The losses a run can choose (`LossKind`): Keras's binary cross-entropy on softmax outputs
// against central differences, a value worked by hand and Keras's own numbers (fixture
// keras_bce.json, written by make_keras_bce_fixture.py); Keras's binary accuracy on a
// hand-made case and as `fit` records it; the loss in checkpoints and Keras compile settings.
import Deep
import Foundation
import LinearAlgebra
import Testing
import _TestSupport

/// Keras's numbers for binary cross-entropy after a softmax (see the fixture's header).
struct KerasBCEFixture: Decodable {
  struct Header: Decodable { var tool: String; var command: String; var date: String }
  struct Case: Decodable {
    var name: String
    var classes: Int
    var logits: [[Double]]
    var labels: [Int]
    var loss: Double
    var dlogits: [[Double]]
    var binary_accuracy: Double
  }
  var header: Header
  var cases: [Case]

  static let shared: KerasBCEFixture = {
    let url = RealData.packageRoot.appendingPathComponent("Tests/DeepTests/Fixtures/keras_bce.json")
    return try! JSONDecoder().decode(KerasBCEFixture.self, from: Data(contentsOf: url))
  }()
}

@Suite("Losses")
struct LossTests {
  @Test("Binary cross-entropy on softmax: gradient = central differences (Double, h = 1e-5)")
  func binaryGradient() {
    var g = SeededGenerator(seed: 21)
    let (B, K) = (4, 5)
    let z = (0..<(B * K)).map { _ in 2 * g.nextNormal() }
    let y = (0..<B).map { _ in g.nextInt(below: K) }
    let r = BinaryCrossEntropyOnSoftmax.lossAndGradient(logits: z, labels: y, classes: K)
    #expect(r.probabilities.allSatisfy { $0 > 1e-7 && $0 < 1 - 1e-7 }, "no output is clipped, so the loss is smooth here")
    let h = 1e-5
    let numeric = z.indices.map { i -> Double in
      var plus = z, minus = z
      plus[i] += h
      minus[i] -= h
      return (BinaryCrossEntropyOnSoftmax.lossAndGradient(logits: plus, labels: y, classes: K).loss
        - BinaryCrossEntropyOnSoftmax.lossAndGradient(logits: minus, labels: y, classes: K).loss) / (2 * h)
    }
    #expect(relativeError(r.dLogits, numeric) < 1e-8, "relative error \(relativeError(r.dLogits, numeric))")
    // The gradient is not softmax cross-entropy's (p − onehot)/B.
    let crossEntropy = SoftmaxCrossEntropy.lossAndGradient(logits: z, labels: y, classes: K)
    #expect(relativeError(r.dLogits, crossEntropy.dLogits) > 0.1)
  }

  @Test("Binary cross-entropy on softmax, K = 3, worked by hand")
  func binaryByHand() {
    // z = (ln 2, 0, 0) → p = (2, 1, 1)/4 = (1/2, 1/4, 1/4); label 1, so y = (0, 1, 0).
    // L = −(1/3)[log(1 − 1/2) + log(1/4) + log(1 − 1/4)] = (1/3)[ln 2 + 2 ln 2 + ln 4 − ln 3]
    //   = (5 ln 2 − ln 3)/3 = (3.4657359027997265 − 1.0986122886681098)/3 = 0.7890412047105389.
    // g = dL/dp = −(1/3)[y/p − (1 − y)/(1 − p)] = (1/3)(2, −4, 4/3) = (2/3, −4/3, 4/9);
    // Σ p·g = 1/3 − 1/3 + 1/9 = 1/9; dz = p (g − 1/9) = (5/18, −13/36, 1/12), summing to 0.
    let r = BinaryCrossEntropyOnSoftmax.lossAndGradient(logits: [log(2.0), 0, 0], labels: [1], classes: 3)
    expectClose(r.loss, 0.7890412047105389, relative: 1e-14)
    expectClose(r.probabilities, [0.5, 0.25, 0.25], relative: 1e-15)
    expectClose(r.dLogits, [5.0 / 18, -13.0 / 36, 1.0 / 12], relative: 1e-14)
    // Uniform outputs over K = 3, label 0: (1/3)[ln 3 + 2 ln(3/2)].
    let uniform = BinaryCrossEntropyOnSoftmax.lossAndGradient(logits: [0.7, 0.7, 0.7], labels: [0], classes: 3)
    expectClose(uniform.loss, (log(3.0) + 2 * log(1.5)) / 3, relative: 1e-14)
    // The batch mean: two copies of the first example give the same loss and half the gradient each.
    let twice = BinaryCrossEntropyOnSoftmax.lossAndGradient(logits: [log(2.0), 0, 0, log(2.0), 0, 0], labels: [1, 1], classes: 3)
    expectClose(twice.loss, r.loss, relative: 1e-14)
    expectClose(Array(twice.dLogits[0..<3]), r.dLogits.map { $0 / 2 }, relative: 1e-14)
  }

  @Test("Binary cross-entropy on softmax: outputs beyond the clip [1e-7, 1 − 1e-7] have zero gradient, as in Keras")
  func binaryClip() {
    // z = (30, 0, 0): p = (1 − 2e^−30, e^−30, e^−30), every output is clipped.
    // Label 0: L = −(1/3)[log(1 − ε) + 2 log(1 − ε)] = −log(1 − ε).
    let right = BinaryCrossEntropyOnSoftmax.lossAndGradient(logits: [30.0, 0, 0], labels: [0], classes: 3)
    expectClose(right.loss, -log(1 - 1e-7), relative: 1e-9)
    #expect(right.dLogits == [0, 0, 0])
    // Label 1: L = −(1/3)[log(1 − q₀) + log q₁ + log(1 − q₂)] = −(1/3)[2 log ε + log(1 − ε)] ≈ 10.7454.
    let wrong = BinaryCrossEntropyOnSoftmax.lossAndGradient(logits: [30.0, 0, 0], labels: [1], classes: 3)
    // (relative 1e-9: 1 − q₀ = 1 − (1 − ε) carries the rounding of 1 − ε, ~1e-16 against ε.)
    expectClose(wrong.loss, -(2 * log(1e-7) + log(1 - 1e-7)) / 3, relative: 1e-9)
    #expect(wrong.dLogits == [0, 0, 0], "a saturated wrong prediction stops learning (Keras's clip)")
    // In Float, 1 − ε rounds to 0.99999988 as in Keras's float32 clip; the loss stays finite.
    let float = BinaryCrossEntropyOnSoftmax.lossAndGradient(logits: [Float(30), 0, 0], labels: [1], classes: 3)
    #expect(float.loss.isFinite && float.dLogits == [0, 0, 0])
  }

  @Test("Binary cross-entropy and binary accuracy equal Keras's own (float32, jax backend)",
        arguments: KerasBCEFixture.shared.cases.map(\.name))
  func binaryMatchesKeras(_ name: String) {
    let c = KerasBCEFixture.shared.cases.first { $0.name == name }!
    let z = c.logits.flatMap { $0 }.map { Float($0) }
    let r = BinaryCrossEntropyOnSoftmax.lossAndGradient(logits: z, labels: c.labels, classes: c.classes)
    expectClose(Double(r.loss), c.loss, relative: 1e-6, "loss")
    expectClose(r.dLogits.map(Double.init), c.dlogits.flatMap { $0 }, relative: 1e-4, absolute: 1e-7, "dL/dz")
    expectClose(BinaryAccuracy.value(probabilities: r.probabilities, labels: c.labels, classes: c.classes), c.binary_accuracy,
                relative: 1e-6, "binary accuracy")
    // The same in Double from the float32 logits where no output is clipped. (Where one is,
    // the bounds differ: in Float, as in Keras, 1 − ε rounds to 0.99999988, so a clipped
    // 1 − q is 1.19e-7, not 1e-7.)
    let d = BinaryCrossEntropyOnSoftmax.lossAndGradient(logits: z.map(Double.init), labels: c.labels, classes: c.classes)
    if d.probabilities.allSatisfy({ $0 >= 1e-7 && $0 <= 1 - 1e-7 }) {
      expectClose(d.loss, c.loss, relative: 1e-6, "loss in Double")
    }
  }

  @Test("Binary accuracy, by hand: (p > 0.5) == one-hot, over all N·K outputs")
  func binaryAccuracyByHand() {
    // Row 0, label 0: (0.6 > ½, 0.3, 0.1) = (yes, no, no) = (1, 0, 0): 3 matches.
    // Row 1, label 0: (0.4, 0.35, 0.25) = (no, no, no) against (1, 0, 0): 2 matches.
    // Row 2, label 1: (0.5, 0.5, 0) = (no, no, no) (strict >) against (0, 1, 0): 2 matches.
    let p: [Double] = [0.6, 0.3, 0.1, 0.4, 0.35, 0.25, 0.5, 0.5, 0]
    #expect(BinaryAccuracy.value(probabilities: p, labels: [0, 0, 1], classes: 3) == 7.0 / 9)
    // A model that puts no output above 0.5 scores (K − 1)/K whatever the labels.
    let flat = [Float](repeating: 1.0 / 6, count: 4 * 6)
    #expect(BinaryAccuracy.value(probabilities: flat, labels: [0, 5, 2, 2], classes: 6) == 5.0 / 6)
  }

  @Test("A full model with binary cross-entropy: analytic gradients = central differences (Double)")
  func modelGradientWithBinaryLoss() throws {
    let model = try Sequential<Double>(input: .sequence(time: 3, channels: 2),
                                       layers: [.lstm(units: 4, returnSequences: true), .flatten, .dense(units: 5), .relu,
                                                .dense(units: 3)], seed: 4)
    var g = SeededGenerator(seed: 5)
    let x = (0..<(4 * 6)).map { _ in g.nextNormal() }
    let y = [0, 2, 1, 2]
    var theta = model.parameters
    for i in theta.indices where theta[i] == 0 { theta[i] = 0.1 * g.nextNormal() }
    model.parameters = theta
    func loss(_ p: [Double]) -> Double {
      model.parameters = p
      var unused = SeededGenerator(seed: 0)
      return model.lossAndGradients(inputs: x, labels: y, generator: &unused, loss: .binaryCrossEntropyOnSoftmax).loss
    }
    model.parameters = theta
    var unused = SeededGenerator(seed: 0)
    let analytic = model.lossAndGradients(inputs: x, labels: y, generator: &unused, loss: .binaryCrossEntropyOnSoftmax)
    let h = 1e-5
    let numeric = theta.indices.map { i -> Double in
      var plus = theta, minus = theta
      plus[i] += h
      minus[i] -= h
      return (loss(plus) - loss(minus)) / (2 * h)
    }
    #expect(relativeError(analytic.gradients, numeric) < 1e-6, "relative error \(relativeError(analytic.gradients, numeric))")
    var again = SeededGenerator(seed: 0)
    model.parameters = theta
    let crossEntropy = model.lossAndGradients(inputs: x, labels: y, generator: &again)
    #expect(abs(crossEntropy.loss - analytic.loss) > 1e-3, "the loss argument reaches the model")
  }

  @Test("A small model trained with binary cross-entropy overfits a tiny set of noise to 100 %")
  func binaryLossLearns() throws {
    BLASThreads.set(1)
    let data = try noise(count: 16, timeSteps: 12, channels: 4, classes: 3, seed: 1)
    let model = try Model(input: .sequence(time: 12, channels: 4),
                          layers: [.conv1D(filters: 16, kernelSize: 3, padding: .same), .relu, .lstm(units: 16), .dense(units: 3)],
                          seed: 1)
    let result = try model.fit(data, configuration: TrainingConfiguration(
      epochs: 150, batchSize: 16, learningRate: 1e-2, loss: .binaryCrossEntropyOnSoftmax, seed: 1))
    #expect(try model.predict(data.inputs) == data.labels)
    let first = result.history.epochs.first!, last = result.history.epochs.last!
    #expect(last.trainLoss < 0.05 && last.trainLoss < first.trainLoss / 5, "loss \(first.trainLoss) → \(last.trainLoss)")
    #expect(last.trainBinaryAccuracy == 1 && last.trainAccuracy == 1)
    // The recorded loss is binary cross-entropy: evaluate with the same loss after training,
    // and it differs from the cross-entropy of the same predictions.
    let (binary, _) = try model.evaluate(data, loss: .binaryCrossEntropyOnSoftmax)
    let (crossEntropy, _) = try model.evaluate(data)
    #expect(binary < crossEntropy)
  }

  @Test("fit records Keras's running binary accuracy: all outputs of all batches, a partial batch included")
  func recordedBinaryAccuracy() throws {
    BLASThreads.set(1)
    // No dropout or batch norm, and a step too small to move a Float weight: the training-mode
    // probabilities of every batch are the model's inference probabilities before training.
    let data = try noise(count: 8, timeSteps: 3, channels: 2, classes: 4, seed: 31)
    let model = try Model(input: .sequence(time: 3, channels: 2), layers: [.flatten, .dense(units: 4)], seed: 3)
    // Confident outputs, so that some exceed 0.5; biases 0.1 (not 0, which the step would move).
    model.parameters = model.parameters.enumerated().map { $0.offset < 24 ? $0.element * 6 : 0.1 }
    let p = try model.predictProbabilities(data.inputs)
    let expected = BinaryAccuracy.value(probabilities: p, labels: data.labels, classes: 4)
    #expect(p.contains { $0 > 0.5 } && expected != 0.75, "the case must not be the trivial (K − 1)/K")
    let before = model.parameters
    let result = try model.fit(data, configuration: TrainingConfiguration(
      epochs: 1, batchSize: 3, learningRate: 1e-30, optimizer: .sgd, shuffle: false))  // batches of 3, 3 and 2
    #expect(model.parameters == before)
    let record = result.history.epochs[0]
    #expect(record.trainBinaryAccuracy == expected)
    #expect(result.history.csv.split(separator: "\n")[1].hasSuffix(",\(expected)"))
  }

  @Test("A checkpoint keeps the loss: resuming with another loss is refused; with the same, it is bit for bit")
  func checkpointLoss() throws {
    BLASThreads.set(1)
    let data = try noise(count: 20, timeSteps: 5, channels: 2, classes: 3, seed: 41)
    let layers: [LayerSpec] = [.lstm(units: 4), .dropout(rate: 0.2), .dense(units: 3)]
    let path = temporaryPath("loss.ckpt")
    defer { try? FileManager.default.removeItem(atPath: path) }
    var binary = TrainingConfiguration(epochs: 3, batchSize: 6, loss: .binaryCrossEntropyOnSoftmax, seed: 2)
    let full = try Model(input: .sequence(time: 5, channels: 2), layers: layers, seed: 1)
    let uninterrupted = try full.fit(data, configuration: binary)

    binary.epochs = 1
    binary.checkpointPath = path
    try Model(input: .sequence(time: 5, channels: 2), layers: layers, seed: 1).fit(data, configuration: binary)
    binary.epochs = 3
    binary.checkpointPath = nil
    var crossEntropy = binary
    crossEntropy.loss = .softmaxCrossEntropy
    let other = try Model(input: .sequence(time: 5, channels: 2), layers: layers, seed: 1)
    let error = #expect(throws: TrainingError.self) { try other.fit(data, configuration: crossEntropy, resumingFrom: path) }
    guard case let .resumeMismatch(expected, found)? = error else {
      Issue.record("expected a resume mismatch, got \(String(describing: error))")
      return
    }
    #expect(found.hasSuffix(" loss=binaryCrossEntropyOnSoftmax") && !expected.contains("loss="), "\(expected) / \(found)")
    let resumed = try Model(input: .sequence(time: 5, channels: 2), layers: layers, seed: 7)
    let rest = try resumed.fit(data, configuration: binary, resumingFrom: path)
    #expect(resumed.parameters == full.parameters)
    #expect(rest.history.epochs.map(\.trainLoss) == uninterrupted.history.epochs.map(\.trainLoss))
    #expect(rest.history.epochs.map(\.trainBinaryAccuracy) == uninterrupted.history.epochs.map(\.trainBinaryAccuracy))
    #expect(rest.history.epochs.allSatisfy { $0.trainBinaryAccuracy != nil })
  }

  @Test("A version-1 checkpoint (before binary accuracy was recorded) still reads; its records have none")
  func versionOneCheckpoint() throws {
    BLASThreads.set(1)
    let data = try noise(count: 10, timeSteps: 4, channels: 2, classes: 3, seed: 51)
    let path = temporaryPath("v2.ckpt")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let model = try Model(input: .sequence(time: 4, channels: 2), layers: [.flatten, .dense(units: 3)], seed: 1)
    try model.fit(data, configuration: TrainingConfiguration(epochs: 2, batchSize: 4, checkpointPath: path))
    let v2 = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    let current = try Checkpoint.read(from: path)
    #expect(Checkpoint.version == 2 && v2[8] == 2)
    // Version 1: the version field 1 and each history record without its last f64.
    let layout = CheckpointLayout(v2)
    var v1 = Array(v2[..<(layout.historyCount + 8)])
    v1[8] = 1
    for k in 0..<2 {
      let record = layout.historyCount + 8 + 64 * k
      v1 += v2[record..<(record + 56)]
    }
    v1 += [UInt8](repeating: 0, count: 8)  // the checksum, resealed below
    let v1Path = temporaryPath("v1.ckpt")
    defer { try? FileManager.default.removeItem(atPath: v1Path) }
    try Data(resealed(v1)).write(to: URL(fileURLWithPath: v1Path))
    let old = try Checkpoint.read(from: v1Path)
    #expect(old.parameters == current.parameters && old.epochsCompleted == 2)
    #expect(old.history.epochs.map(\.trainLoss) == current.history.epochs.map(\.trainLoss))
    #expect(old.history.epochs.allSatisfy { $0.trainBinaryAccuracy == nil })
    #expect(current.history.epochs.allSatisfy { $0.trainBinaryAccuracy != nil })
    #expect(old.history.csv.split(separator: "\n")[1].hasSuffix(","), "an empty binary-accuracy field")
  }

  @Test("Keras compile_config: binary_crossentropy maps to binary cross-entropy on softmax; other losses stay errors naming them")
  func kerasLossMapping() throws {
    let nobn = try KerasModelFile(contentsOf: KerasFixtures.url("lstm_nobn.json"))  // compiled with loss="binary_crossentropy"
    #expect(nobn.trainingSettings?.loss == .binaryCrossentropy)
    #expect(nobn.trainingSettings?.loss.lossKind == .binaryCrossEntropyOnSoftmax)
    #expect(nobn.summary().contains("binary cross-entropy on softmax"))
    #expect(KerasLoss.categoricalCrossentropy.lossKind == .softmaxCrossEntropy)
    #expect(KerasLoss.sparseCategoricalCrossentropy.lossKind == .softmaxCrossEntropy)

    func compiled(loss: String, lastActivation: String = "softmax") -> String {
      """
      {"class_name": "Sequential", "config": {"name": "net", "layers": [
        {"class_name": "InputLayer", "config": {"batch_shape": [null, 4]}},
        {"class_name": "Dense", "config": {"name": "d", "units": 3, "activation": "\(lastActivation)"}}]},
       "compile_config": {"optimizer": "adam",
        "loss": \(loss)}}
      """
    }
    func settings(_ json: String) throws -> KerasTrainingSettings? {
      try KerasModelFile(json: Data(json.utf8), path: "net.json").trainingSettings
    }
    #expect(try settings(compiled(loss: "\"binary_crossentropy\""))?.loss == .binaryCrossentropy)
    #expect(try settings(compiled(loss: "{\"class_name\": \"BinaryCrossentropy\", \"config\": {\"from_logits\": false}}"))?.loss
      == .binaryCrossentropy)
    #expect(try settings(compiled(loss: "\"categorical_crossentropy\""))?.loss.lossKind == .softmaxCrossEntropy)
    #expect(readingError(compiled(loss: "\"hinge\"")) == "net.json:5: compile_config: expected loss categorical_crossentropy, sparse_categorical_crossentropy or binary_crossentropy, found loss hinge")
    #expect(readingError(compiled(loss: "\"binary_crossentropy\"", lastActivation: "linear"))?
      .contains("expected binary_crossentropy with from_logits false after a last Dense layer with softmax") == true)
    #expect(readingError(compiled(loss: "{\"class_name\": \"BinaryCrossentropy\", \"config\": {\"from_logits\": true}}"))?
      .hasSuffix("found from_logits = true") == true)
  }
}
