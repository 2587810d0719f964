// Training: overfitting a tiny batch, bit-for-bit repeatability, checkpoint resume,
// early stopping, history, prediction, and every preset on a synthetic task.
import Deep
import Foundation
import LinearAlgebra
import Testing

func temporaryPath(_ name: String) -> String {
  NSTemporaryDirectory() + "deep-tests-\(ProcessInfo.processInfo.processIdentifier)-\(name)"
}

/// A small model that uses every stateful piece: dropout masks, batch statistics, two LSTMs.
let tinyLayers: [LayerSpec] = [
  .conv1D(filters: 6, kernelSize: 3, padding: .same), .relu, .maxPool1D(poolSize: 2), .batchNorm(),
  .lstm(units: 8, returnSequences: true), .dropout(rate: 0.3), .lstm(units: 8), .dense(units: 3),
]

@Suite("Training", .serialized)
struct TrainingTests {
  @Test("A tiny model overfits a tiny batch of noise with random labels to 100 %")
  func overfit() throws {
    BLASThreads.set(1)
    let data = try noise(count: 16, timeSteps: 12, channels: 4, classes: 3, seed: 1)
    let model = try Model(input: .sequence(time: 12, channels: 4),
                          layers: [.conv1D(filters: 16, kernelSize: 3, padding: .same), .relu, .lstm(units: 16), .dense(units: 3)],
                          seed: 1)
    let result = try model.fit(data, configuration: TrainingConfiguration(epochs: 150, batchSize: 16, learningRate: 1e-2, seed: 1))
    #expect(try model.predict(data.inputs) == data.labels)
    #expect(result.history.epochs.last!.trainLoss < 0.05)
    #expect(result.history.epochs.count == 150 && result.stopReason == .completed)
  }

  @Test("Same seed and thread count: bit-identical weights and history over 2 epochs")
  func repeatable() throws {
    BLASThreads.set(2)
    let data = try noise(count: 50, timeSteps: 10, channels: 3, classes: 3, seed: 2)
    let configuration = TrainingConfiguration(epochs: 2, batchSize: 32, seed: 5)  // 32 rows: the LSTM splits them over 2 threads
    func run(seed: UInt64 = 3) throws -> ([Float], [Float], [Double]) {
      let model = try Model(input: .sequence(time: 10, channels: 3), layers: tinyLayers, seed: seed)
      let r = try model.fit(data, validation: data, configuration: configuration)
      return (model.parameters, model.state, r.history.epochs.flatMap { [$0.trainLoss, $0.trainAccuracy, $0.validationLoss!] })
    }
    let a = try run(), b = try run(), c = try run(seed: 4)
    #expect(a.0 == b.0 && a.1 == b.1 && a.2 == b.2)
    #expect(a.0 != c.0)
  }

  @Test("Checkpoint after epoch 2, resume to epoch 4 = 4 uninterrupted epochs, bit for bit")
  func resume() throws {
    BLASThreads.set(2)
    let data = try noise(count: 40, timeSteps: 10, channels: 3, classes: 3, seed: 3)
    let validation = try noise(count: 12, timeSteps: 10, channels: 3, classes: 3, seed: 4)
    let path = temporaryPath("resume.ckpt")
    defer { try? FileManager.default.removeItem(atPath: path) }
    var configuration = TrainingConfiguration(epochs: 4, batchSize: 7, optimizer: .adam(), seed: 9)

    let uninterrupted = try Model(input: .sequence(time: 10, channels: 3), layers: tinyLayers, seed: 1)
    let full = try uninterrupted.fit(data, validation: validation, configuration: configuration)

    configuration.epochs = 2
    configuration.checkpointPath = path
    let first = try Model(input: .sequence(time: 10, channels: 3), layers: tinyLayers, seed: 1)
    try first.fit(data, validation: validation, configuration: configuration)
    let checkpoint = try Checkpoint.read(from: path)
    #expect(checkpoint.epochsCompleted == 2 && checkpoint.parameters == first.parameters)

    configuration.epochs = 4
    configuration.checkpointPath = nil
    let resumed = try Model(input: .sequence(time: 10, channels: 3), layers: tinyLayers, seed: 99)  // other initial weights: all overwritten
    let rest = try resumed.fit(data, validation: validation, configuration: configuration, resumingFrom: path)
    #expect(rest.epochsRun == 2)
    #expect(resumed.parameters == uninterrupted.parameters)
    #expect(resumed.state == uninterrupted.state)
    #expect(rest.history.epochs.map(\.trainLoss) == full.history.epochs.map(\.trainLoss))
    #expect(rest.history.epochs.map(\.validationLoss) == full.history.epochs.map(\.validationLoss))
  }

  @Test("Early stopping stops after `patience` epochs without improvement and restores the best weights")
  func earlyStopping() throws {
    BLASThreads.set(1)
    let data = try noise(count: 48, timeSteps: 8, channels: 3, classes: 3, seed: 5)
    let validation = try noise(count: 48, timeSteps: 8, channels: 3, classes: 3, seed: 6)  // random labels: overfitting hurts
    let model = try Model(input: .sequence(time: 8, channels: 3),
                          layers: [.flatten, .dense(units: 64), .relu, .dense(units: 3)], seed: 1)
    let result = try model.fit(data, validation: validation,
                               configuration: TrainingConfiguration(epochs: 200, batchSize: 8, learningRate: 1e-2, seed: 1, patience: 3))
    #expect(result.stopReason == .earlyStopping)
    let best = try #require(result.bestEpoch)
    #expect(result.history.epochs.count == best + 3)
    #expect(result.restoredBestWeights)
    let (loss, _) = try model.evaluate(validation)
    #expect(loss == result.history.epochs[best - 1].validationLoss!)
  }

  @Test("History: one CSV row per epoch; progress reports every batch with a falling ETA")
  func historyAndProgress() throws {
    BLASThreads.set(1)
    let data = try noise(count: 20, timeSteps: 6, channels: 2, classes: 2, seed: 7)
    let model = try Model(input: .sequence(time: 6, channels: 2), layers: [.lstm(units: 4), .dense(units: 2)], seed: 1)
    var reports: [TrainingProgress] = []
    let result = try model.fit(data, validation: data, configuration: TrainingConfiguration(epochs: 3, batchSize: 6)) {
      reports.append($0)
    }
    #expect(reports.count == 3 * 4)  // 20 examples in batches of 6: 6, 6, 6 and a partial 2
    #expect(reports.last!.batch == 4 && reports.last!.batches == 4 && reports.last!.epoch == 3 && reports.last!.etaSeconds == 0)
    let csv = result.history.csv.split(separator: "\n")
    #expect(csv.first == "epoch,train_loss,train_accuracy,val_loss,val_accuracy,seconds,learning_rate,train_binary_accuracy")
    #expect(csv.count == 4 && csv[1].hasPrefix("1,"))
    let path = temporaryPath("history.csv")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try result.history.writeCSV(to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == result.history.csv)
    let p = try model.predictProbabilities(data.inputs, batchSize: 7)
    #expect(p.count == 20 * 2)
    #expect(stride(from: 0, to: p.count, by: 2).allSatisfy { abs(p[$0] + p[$0 + 1] - 1) < 1e-6 })
    // Inference is batch-size independent.
    #expect(try model.predict(data.inputs, batchSize: 1) == model.predict(data.inputs, batchSize: 64))
  }

  @Test("The LSTM recurrence split over two threads (B ≥ 32) gives the same loss and gradients as one thread")
  func lstmRowBlocks() throws {
    let data = try noise(count: 40, timeSteps: 7, channels: 3, classes: 3, seed: 12)
    let model = try Model(input: .sequence(time: 7, channels: 3),
                          layers: [.lstm(units: 6, returnSequences: true), .lstm(units: 5), .dense(units: 3)], seed: 2)
    func run(threads: Int) -> (Float, [Float], [Float]) {
      BLASThreads.set(threads)
      var g = SeededGenerator(seed: 0)
      let r = model.lossAndGradients(inputs: data.inputs, labels: data.labels, generator: &g)
      return (r.loss, r.gradients, r.inputGradients)
    }
    let one = run(threads: 1), two = run(threads: 2)
    #expect(BLASThreads.count == 2, "the thread count is restored after the recurrence")
    #expect(abs(one.0 - two.0) <= 1e-6 * abs(one.0))
    #expect(relativeError(one.1, two.1) < 1e-6)
    #expect(relativeError(one.2, two.2) < 1e-6)
  }

  @Test("One SGD step: θ ← θ − lr·(g + λ·w on kernels), then clipping to the global norm")
  func weightDecayAndClipping() throws {
    BLASThreads.set(1)
    let data = try noise(count: 5, timeSteps: 3, channels: 2, classes: 3, seed: 8)
    let layers: [LayerSpec] = [.flatten, .dense(units: 4), .relu, .dense(units: 3)]
    let probe = try Model(input: .sequence(time: 3, channels: 2), layers: layers, seed: 1)
    let theta = probe.parameters
    var unused = SeededGenerator(seed: 0)
    let g = probe.lossAndGradients(inputs: data.inputs, labels: data.labels, generator: &unused).gradients
    // Kernels: the first dense's W (6×4) at 0..<24 and the second's (4×3) at 28..<40.
    let isKernel = { (i: Int) in i < 24 || (28..<40).contains(i) }
    let (lr, lambda): (Float, Float) = (0.1, 0.01)

    let decayed = try Model(input: .sequence(time: 3, channels: 2), layers: layers, seed: 1)
    try decayed.fit(data, configuration: TrainingConfiguration(epochs: 1, batchSize: 5, learningRate: Double(lr), optimizer: .sgd,
                                                               weightDecay: Double(lambda), shuffle: false))
    let expected = theta.indices.map { i in theta[i] - lr * (g[i] + (isKernel(i) ? lambda * theta[i] : 0)) }
    #expect(relativeError(decayed.parameters, expected) < 1e-6)

    let clipped = try Model(input: .sequence(time: 3, channels: 2), layers: layers, seed: 1)
    try clipped.fit(data, configuration: TrainingConfiguration(epochs: 1, batchSize: 5, learningRate: 1, optimizer: .sgd,
                                                               gradientClipNorm: 1e-3, shuffle: false))
    let step = zip(clipped.parameters, theta).map { Double($0 - $1) }
    #expect(abs(step.map { $0 * $0 }.reduce(0, +).squareRoot() - 1e-3) < 1e-6)
    #expect(relativeError(step, g.map { -Double($0) * 1e-3 / Double(g.map { $0 * $0 }.reduce(0, +)).squareRoot() }) < 1e-3)
  }

  @Test("Every preset learns a synthetic task (sinusoids of 6 frequencies in 9 noisy channels)", arguments: Preset.names)
  func synthetic(_ name: String) throws {
    BLASThreads.set(1)
    let T = 32
    let standardizerData = try sinusoids(count: 600, timeSteps: T, seed: 11)
    let test = try sinusoids(count: 120, timeSteps: T, seed: 12)
    let s = try ChannelStandardizer(fitting: standardizerData)
    let train = try s.transform(standardizerData), held = try s.transform(test)
    let preset = try Preset.named(name, timeSteps: T, channels: 9, classes: 6)
    let model = try preset.makeModel(seed: 1)
    var configuration = preset.trainingConfiguration(seed: 1)
    configuration.epochs = 15
    configuration.batchSize = 16
    configuration.learningRate = max(preset.learningRate, 3e-3)
    let r = try model.fit(train, validation: held, configuration: configuration)
    let (_, accuracy) = try model.evaluate(held)
    #expect(accuracy >= 0.95, "\(name): held-out accuracy \(accuracy); validation by epoch: \(r.history.epochs.map { $0.validationAccuracy! })")
  }
}
