// A Dense layer applied to every time step (`LayerSpec.timeDistributedDense`, Keras's Dense
// on a sequence): its values against a naive loop, its gradients against central
// differences, its shape rules, weight decay on its kernel, Keras model files with a Dense
// on a 3-D input, and the presets lstm-nobn and lstm-tutorial.
import Deep
import Foundation
import LinearAlgebra
import Testing
import _TestSupport

@Suite("Per-time-step Dense and the LSTM presets")
struct TimeDistributedDenseTests {
  @Test("Values: y[t, u] = Σ_c x[t, c]·W[c, u] + b[u] at every step, with one W and b (naive loop)")
  func values() throws {
    let (T, C, U) = (3, 2, 4)
    // [per-step Dense, flatten, identity Dense]: the logits are the per-step layer's output.
    let model = try Sequential<Double>(input: .sequence(time: T, channels: C),
                                       layers: [.timeDistributedDense(units: U), .flatten, .dense(units: T * U)], seed: 1)
    #expect(model.outputShapes[0] == .sequence(time: T, channels: U))
    #expect(model.parameterCounts[0] == C * U + U)
    var g = SeededGenerator(seed: 3)
    let w = (0..<(C * U)).map { _ in g.nextNormal() }, b = (0..<U).map { _ in g.nextNormal() }
    model.parameters = identityHead(w + b, width: T * U)
    let x = (0..<(2 * T * C)).map { _ in g.nextNormal() }  // B = 2
    var expected: [Double] = []
    for n in 0..<2 {
      for t in 0..<T {
        for u in 0..<U {
          var sum = b[u]
          for c in 0..<C { sum += x[(n * T + t) * C + c] * w[c * U + u] }
          expected.append(sum)
        }
      }
    }
    var unused = SeededGenerator(seed: 0)
    expectClose(model.logits(x, generator: &unused), expected, relative: 1e-12)
  }

  @Test("Gradients = central differences (Double), alone and before a ReLU and an LSTM", arguments: [
    LayerGradientCase(name: "per-step Dense → flatten → dense", input: seq43,
                      layers: [.timeDistributedDense(units: 5), .flatten, .dense(units: 3)]),
    LayerGradientCase(name: "per-step Dense → ReLU → LSTM (4 steps) → dense", input: seq43,
                      layers: [.timeDistributedDense(units: 6), .relu, .lstm(units: 4), .dense(units: 3)]),
  ])
  func gradients(_ c: LayerGradientCase) throws {
    let r = try gradientCheck(Double.self, input: c.input, layers: c.layers, batch: c.batch)
    #expect(r.gradientNorm > 1e-3, "gradient is trivially small, the check would prove nothing")
    #expect(r.parameterError < 1e-6, "parameters: relative error \(r.parameterError)")
    #expect(r.inputError < 1e-6, "inputs: relative error \(r.inputError)")
  }

  @Test("Shape rules: a sequence in, a sequence out; a flat input or 0 units is a clear error")
  func shapes() throws {
    func error(_ input: FeatureShape, _ layers: [LayerSpec]) -> String? {
      do { _ = try Sequential<Float>(input: input, layers: layers, seed: 1); return nil } catch { return "\(error)" }
    }
    #expect(error(.flat(features: 4), [.timeDistributedDense(units: 3), .dense(units: 2)])
      == "layer 0 (Dense(3, per time step)) receives (None, 4): a per-time-step Dense needs a sequence (None, T, C); use .dense on a flat input")
    #expect(error(.sequence(time: 5, channels: 2), [.timeDistributedDense(units: 0), .flatten, .dense(units: 2)])
      == "layer 0 (Dense(0, per time step)) receives (None, 5, 2): units must be > 0, got 0")
    // The last layer must still be flat class scores.
    #expect(error(.sequence(time: 5, channels: 2), [.timeDistributedDense(units: 3)])?.contains("the last layer must produce K ≥ 2 class scores") == true)
    // Plain .dense on a sequence keeps its old meaning: an error.
    #expect(error(.sequence(time: 5, channels: 2), [.dense(units: 3)])?.contains("Dense needs a flat input") == true)
  }

  @Test("Weight decay reaches the per-step kernel, not its bias (one SGD step)")
  func weightDecay() throws {
    BLASThreads.set(1)
    let data = try noise(count: 5, timeSteps: 3, channels: 2, classes: 3, seed: 8)
    let layers: [LayerSpec] = [.timeDistributedDense(units: 4), .relu, .flatten, .dense(units: 3)]
    let probe = try Model(input: .sequence(time: 3, channels: 2), layers: layers, seed: 1)
    let theta = probe.parameters
    var unused = SeededGenerator(seed: 0)
    let g = probe.lossAndGradients(inputs: data.inputs, labels: data.labels, generator: &unused).gradients
    // Kernels: the per-step W (2×4) at 0..<8, bias 8..<12, the dense W (12×3) at 12..<48, bias 48..<51.
    #expect(theta.count == 51)
    let isKernel = { (i: Int) in i < 8 || (12..<48).contains(i) }
    let (lr, lambda): (Float, Float) = (0.1, 0.01)
    let decayed = try Model(input: .sequence(time: 3, channels: 2), layers: layers, seed: 1)
    try decayed.fit(data, configuration: TrainingConfiguration(epochs: 1, batchSize: 5, learningRate: Double(lr), optimizer: .sgd,
                                                               weightDecay: Double(lambda), shuffle: false))
    let expected = theta.indices.map { i in theta[i] - lr * (g[i] + (isKernel(i) ? lambda * theta[i] : 0)) }
    #expect(relativeError(decayed.parameters, expected) < 1e-6)
  }

  @Test("Keras model file: a Dense between InputLayer(128, 9) and an LSTM acts per step, units·(C + 1) parameters")
  func kerasDenseOnSequence() throws {
    let json = """
    {"class_name": "Sequential", "config": {"name": "tutorial", "layers": [
      {"class_name": "InputLayer", "config": {"batch_shape": [null, 128, 9], "dtype": "float32", "sparse": false, "name": "input_layer"}},
      {"class_name": "Dense", "config": {"name": "dense", "units": 64, "activation": "relu", "use_bias": true,
        "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": null}},
        "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}}}},
      {"class_name": "LSTM", "config": {"name": "lstm", "units": 32, "return_sequences": false}},
      {"class_name": "Dense", "config": {"name": "dense_1", "units": 6, "activation": "softmax"}}]}}
    """
    let file = try KerasModelFile(json: Data(json.utf8), path: "tutorial.json")
    #expect(file.layers == [.timeDistributedDense(units: 64), .relu, .lstm(units: 32), .dense(units: 6)])
    let dense = file.kerasLayers[0]
    #expect(dense.outputShape == .sequence(time: 128, channels: 64))
    #expect(dense.trainableParameterCount == 64 * (9 + 1))  // Keras: units·(C + 1) = 640
    // LSTM 32 on 64 channels: 4·32·(64 + 32 + 1) = 12,416; dense 32·6 + 6 = 198.
    #expect(file.parameterCount == 640 + 12_416 + 198)
    #expect(file.summary().contains(" dense (Dense)"))
    // Keras 3's own file of the tutorial model (fixture lstm_tutorial.json) reads as the preset.
    let keras = try KerasModelFile(contentsOf: KerasFixtures.url("lstm_tutorial.json"))
    #expect(keras.layers == (try Preset.named("lstm-tutorial")).layers)
    #expect(keras.trainingSettings?.learningRate == 0.0025)
  }

  @Test("Presets lstm-nobn and lstm-tutorial: layers, parameter counts and training settings")
  func presets() throws {
    let bn = try Preset.named("lstm-bn"), nobn = try Preset.named("lstm-nobn")
    #expect(nobn.layers == bn.layers.filter { if case .batchNorm = $0 { false } else { true } })
    #expect(nobn.trainingConfiguration(seed: 3) == bn.trainingConfiguration(seed: 3))
    // lstm-nobn, (128, 9) → 6: LSTM 30 on 9 channels 4·30·(9 + 30 + 1) = 4,800; LSTM 30 on 30:
    // 4·30·(30 + 30 + 1) = 7,320; dense 30·15 + 15 = 465; dense 15·6 + 6 = 96. Total 12,681
    // (= lstm-bn's 12,801 trainable minus 2 × (30 γ + 30 β)).
    let nobnModel = try nobn.makeModel(seed: 1)
    #expect(nobnModel.parameterCounts == [4_800, 7_320, 465, 0, 96])
    #expect(nobnModel.parameterCount == 12_681 && nobnModel.stateCount == 0)
    #expect(try bn.makeModel(seed: 1).parameterCount == 12_681 + 120)

    // lstm-tutorial: dense 64 per step 9·64 + 64 = 640; LSTM 64 on 64: 4·64·(64 + 64 + 1) =
    // 33,024, twice; dense 64·6 + 6 = 390. Total 67,078.
    let tutorial = try Preset.named("lstm-tutorial")
    let model = try tutorial.makeModel(seed: 1)
    #expect(model.parameterCounts == [640, 0, 33_024, 33_024, 390])
    #expect(model.parameterCount == 67_078)
    #expect(model.outputShapes[0] == .sequence(time: 128, channels: 64))
    let configuration = tutorial.trainingConfiguration(seed: 2)
    #expect(configuration.learningRate == 0.0025 && configuration.batchSize == 1024 && configuration.epochs == 50)
    #expect(configuration.optimizer == .adam() && configuration.loss == .softmaxCrossEntropy)
    // TensorFlow's loss + λ·Σ l2_loss(w) = loss + λ·Σw²/2 has gradient + λ·w: weightDecay = λ.
    #expect(configuration.weightDecay == 0.0015 && tutorial.weightDecay == 0.0015)
    #expect(bn.weightDecay == 0 && bn.trainingConfiguration().weightDecay == 0)
    #expect(Array(Preset.names.suffix(3)) == ["lstm-bn", "lstm-nobn", "lstm-tutorial"])
    #expect(model.summary().contains("Total params: 67,078"))
  }
}
