// Analytic cases for single layers, initialisers, summaries and the standardizer.
import Deep
import Foundation
import LinearAlgebra
import Testing
import _TestSupport

/// Parameters of a `[layer, .flatten, .dense(K)]` model whose dense layer is the identity,
/// so the logits are the layer's output.
func identityHead(_ layerParameters: [Double], width: Int) -> [Double] {
  var w = [Double](repeating: 0, count: width * width)
  for i in 0..<width { w[i * width + i] = 1 }
  return layerParameters + w + [Double](repeating: 0, count: width)
}

@Suite("Layers")
struct LayerTests {
  @Test("Conv1D same padding: ⌊(k−1)/2⌋ zeros before, the rest after; kernel not flipped")
  func convSame() throws {
    let model = try Sequential<Double>(input: .sequence(time: 3, channels: 1),
                                       layers: [.conv1D(filters: 1, kernelSize: 3, padding: .same), .flatten, .dense(units: 3)], seed: 1)
    model.parameters = identityHead([1, 2, 3, 0.5], width: 3)
    var g = SeededGenerator(seed: 0)
    expectClose(model.logits([1, 2, 3], generator: &g), [8.5, 14.5, 8.5])
    let valid = try Sequential<Double>(input: .sequence(time: 4, channels: 1),
                                       layers: [.conv1D(filters: 1, kernelSize: 3), .flatten, .dense(units: 2)], seed: 1)
    valid.parameters = [1, 2, 3, 0] + [1, 0, 0, 1] + [0, 0]
    expectClose(valid.logits([1, 2, 3, 4], generator: &g), [14, 20])
    #expect(valid.outputShapes[0] == .sequence(time: 2, channels: 1))
  }

  @Test("MaxPool1D: window maxima, trailing steps dropped")
  func maxPool() throws {
    let model = try Sequential<Double>(input: .sequence(time: 5, channels: 1),
                                       layers: [.maxPool1D(poolSize: 2), .flatten, .dense(units: 2)], seed: 1)
    model.parameters = [1, 0, 0, 1, 0, 0]
    var g = SeededGenerator(seed: 0)
    expectClose(model.logits([1, 5, 2, 2, 9], generator: &g), [5, 2])
  }

  @Test("LSTM, one unit, one step: h = σ(z_o)·tanh(σ(z_i)·tanh(z_g)), gate order (i, f, g, o)")
  func lstmStep() throws {
    let model = try Sequential<Double>(input: .sequence(time: 1, channels: 1), layers: [.lstm(units: 1), .dense(units: 2)], seed: 1)
    let wx = [0.3, -0.7, 0.9, 0.4], wh = [0.1, 0.2, 0.3, 0.4], b = [0.05, 1, -0.1, 0.2]
    model.parameters = wx + wh + b + [1, 0] + [0, 0]
    let x = 0.5
    func sigmoid(_ v: Double) -> Double { 1 / (1 + exp(-v)) }
    let i = sigmoid(x * wx[0] + b[0]), g = tanh(x * wx[2] + b[2]), o = sigmoid(x * wx[3] + b[3])
    let h = o * tanh(i * g)  // c_{-1} = 0, so f does not matter
    var gen = SeededGenerator(seed: 0)
    expectClose(model.logits([x], generator: &gen), [h, 0], relative: 1e-12)
  }

  @Test("Keras initialisers: Glorot-uniform bounds, orthogonal recurrent kernel, forget bias 1")
  func initialisers() throws {
    let (C, H) = (3, 8)
    let model = try Sequential<Double>(input: .sequence(time: 2, channels: C), layers: [.lstm(units: H), .dense(units: 2)], seed: 7)
    let p = model.parameters
    let limit = (6.0 / Double(C + 4 * H)).squareRoot()
    let wx = Array(p[0..<(C * 4 * H)])
    #expect(wx.allSatisfy { abs($0) <= limit })
    #expect(wx.map(abs).max()! > 0.8 * limit, "draws should fill the range")
    let wh = Array(p[(C * 4 * H)..<((C + H) * 4 * H)])  // (H, 4H): orthonormal rows
    for r in 0..<H {
      for s in 0..<H {
        var d = 0.0
        for k in 0..<(4 * H) { d += wh[r * 4 * H + k] * wh[s * 4 * H + k] }
        #expect(abs(d - (r == s ? 1 : 0)) < 1e-12, "row \(r) · row \(s) = \(d)")
      }
    }
    let bias = Array(p[((C + H) * 4 * H)..<((C + H + 1) * 4 * H)])
    #expect(bias == [Double](repeating: 0, count: H) + [Double](repeating: 1, count: H) + [Double](repeating: 0, count: 2 * H))
    // Same seed, same weights; another seed, other weights.
    #expect(try Sequential<Double>(input: .sequence(time: 2, channels: C), layers: [.lstm(units: H), .dense(units: 2)], seed: 7).parameters == p)
    #expect(try Sequential<Double>(input: .sequence(time: 2, channels: C), layers: [.lstm(units: H), .dense(units: 2)], seed: 8).parameters != p)
  }

  @Test("Dropout: identity in inference; in training each value is 0 or x/(1 − rate)")
  func dropout() throws {
    let model = try Sequential<Double>(input: .flat(features: 400), layers: [.dropout(rate: 0.25), .dense(units: 2)], seed: 1)
    let x = (0..<400).map { Double($0 % 7) + 1 }
    var g = SeededGenerator(seed: 3)
    // Read the dropout output through dense weights that pick one value at a time would be slow;
    // instead compare sums: logits[0] = Σ w·y with w = 1.
    model.parameters = [Double](repeating: 1, count: 800).enumerated().map { $0.offset % 2 == 0 ? 1 : 0 } + [0, 0]
    #expect(model.logits(x, mode: .inference, generator: &g)[0] == x.reduce(0, +))
    let trained = model.logits(x, mode: .training, generator: &g)[0]
    #expect(trained != x.reduce(0, +))
    // The kept fraction is about 0.75 (400 draws: within 5 standard deviations).
    let keptSum = trained * 0.75
    #expect(abs(keptSum / x.reduce(0, +) - 0.75) < 5 * (0.75 * 0.25 / 400).squareRoot() * 2)
  }

  @Test("BatchNorm: inference uses running statistics, updated with momentum in training")
  func batchNormStatistics() throws {
    let model = try Sequential<Double>(input: .flat(features: 2), layers: [.batchNorm(momentum: 0.9, epsilon: 1e-3), .dense(units: 2)], seed: 1)
    model.parameters = [1, 1, 0, 0] + [1, 0, 0, 1] + [0, 0]  // gamma 1, beta 0, identity head
    var g = SeededGenerator(seed: 0)
    let x: [Double] = [1, 10, 3, 20]  // two rows: channel means 2 and 15, variances 1 and 25
    expectClose(model.logits(x, generator: &g), [1 / 1.001.squareRoot(), 10 / 1.001.squareRoot(), 3 / 1.001.squareRoot(), 20 / 1.001.squareRoot()])
    let train = model.logits(x, mode: .training, generator: &g)
    expectClose(train, [-1 / 1.001.squareRoot(), -5 / 25.001.squareRoot(), 1 / 1.001.squareRoot(), 5 / 25.001.squareRoot()], relative: 1e-12)
    expectClose(model.state, [0.2, 1.5, 0.9 + 0.1, 0.9 + 2.5], relative: 1e-12)
  }

  @Test("fastExp: relative error below 3e-7 on [−80, 80]")
  func fastExpAccuracy() {
    var worst = 0.0
    var x: Float = -80
    while x <= 80 {
      let exact = Foundation.exp(Double(x))
      worst = max(worst, abs(Double(fastExp(x)) - exact) / exact)
      x += 0.0137
    }
    #expect(worst < 3e-7, "worst relative error \(worst)")
    #expect(fastExp(-1000) > 0 && fastExp(1000).isFinite)
    #expect(Float._sigmoid(0) == 0.5 && abs(Float._tanh(0.5) - Float(tanh(0.5))) < 2e-7)
  }

  @Test("fastTanh and the Float sigmoid: absolute error below 4e-7 and 3e-7 on [−20, 20], bounded by ±1 and [0, 1]")
  func fastTanhAccuracy() {
    var worstTanh = 0.0, worstSigmoid = 0.0
    var x: Float = -20
    while x <= 20 {
      let t = Float._tanh(x), s = Float._sigmoid(x)
      worstTanh = max(worstTanh, abs(Double(t) - Foundation.tanh(Double(x))))
      worstSigmoid = max(worstSigmoid, abs(Double(s) - 1 / (1 + Foundation.exp(-Double(x)))))
      #expect(abs(t) <= 1 && s >= 0 && s <= 1, "out of range at x = \(x): tanh \(t), sigmoid \(s)")
      x += 0.000_73
    }
    #expect(worstTanh < 4e-7, "worst absolute error of tanh \(worstTanh)")
    #expect(worstSigmoid < 3e-7, "worst absolute error of sigmoid \(worstSigmoid)")
    #expect(fastTanh(0) == 0 && fastTanh(-1e30) == -fastTanh(1e30) && abs(fastTanh(1e-20) / 1e-20 - 1) < 1e-6)
    #expect(Float._tanh(1e-3) == -Float._tanh(-1e-3), "odd")
  }

  @Test("Summaries and parameter counts match Keras for the four comparison presets")
  func kerasParameterCounts() throws {
    let expected = ["lstm": 5_574, "lstm2": 13_894, "cnn": 411_650, "cnn-lstm": 113_734]
    for (name, count) in expected {
      let model = try Preset.named(name).makeModel(seed: 1)
      #expect(model.parameterCount == count, "\(name)")
    }
    let summary = try Preset.named("cnn").makeModel(seed: 1).summary()
    #expect(summary.contains("Model: \"cnn\""))
    func row(_ text: String, _ parts: [String]) -> Bool {
      text.split(separator: "\n").contains { line in parts.allSatisfy { line.contains($0) } }
    }
    #expect(row(summary, [" conv1d_1 (Conv1D) ", "(None, 124, 64)", "12,352"]))
    #expect(row(summary, [" max_pooling1d (MaxPooling1D) ", "(None, 62, 64)", " 0"]))
    #expect(row(summary, [" dense_1 (Dense) ", "(None, 6)", "606"]))
    #expect(summary.contains("Total params: 411,650"))
    let bn = try Preset.named("lstm-bn").makeModel(seed: 1)
    #expect(bn.summary().contains("Non-trainable params: 120"))
    #expect(row(bn.summary(), [" batch_normalization (BatchNormalization) ", "(None, 128, 30)", "120"]))
    #expect(row(bn.summary(), [" batch_normalization_1 (BatchNormalization) ", "(None, 30)", "120"]))
  }

  @Test("Every preset builds for (128, 9, 6) and for shorter windows, and ends in K logits", arguments: Preset.names)
  func presets(_ name: String) throws {
    for (T, C, K) in [(128, 9, 6), (32, 3, 4)] {
      let preset = try Preset.named(name, timeSteps: T, channels: C, classes: K)
      let model = try preset.makeModel(seed: 1)
      #expect(model.classCount == K)
      #expect(model.outputShapes.last == .flat(features: K))
      #expect(preset.trainingConfiguration().batchSize == preset.batchSize)
    }
  }

  @Test("ChannelStandardizer: zero mean and unit variance per channel; constant channels map to 0")
  func standardizer() throws {
    var g = SeededGenerator(seed: 2)
    let (N, T, C) = (20, 8, 3)
    var x = [Float]()
    for _ in 0..<(N * T) { x += [Float(5 + 2 * g.nextNormal()), Float(-1 + 0.1 * g.nextNormal()), 7] }
    let s = try ChannelStandardizer(fitting: x, channels: C)
    let y = try s.transform(x)
    for c in 0..<C {
      let column = stride(from: c, to: y.count, by: C).map { Double(y[$0]) }
      let mean = column.reduce(0, +) / Double(column.count)
      let variance = column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(column.count)
      #expect(abs(mean) < 1e-5)
      #expect(c == 2 ? variance == 0 : abs(variance - 1) < 1e-4)
    }
    #expect(s.standardDeviation[2] == 1 && s.mean[2] == 7)
    #expect(throws: TrainingError.self) { try s.transform([1, 2]) }
    #expect(throws: TrainingError.self) { try ChannelStandardizer(fitting: [1, .nan, 3], channels: 3) }
  }
}
