// Bad input: clear errors for mismatched descriptions, datasets, configurations,
// checkpoints of another architecture and diverging training.
import Deep
import Foundation
import LinearAlgebra
import Testing

@Suite("Bad input")
struct BadInputTests {
  func layerError(_ input: FeatureShape, _ layers: [LayerSpec]) -> ModelError? {
    do {
      _ = try Model(input: input, layers: layers, seed: 1)
      return nil
    } catch let error as ModelError {
      return error
    } catch {
      return nil
    }
  }

  @Test("Descriptions that do not fit their input name the layer, the shape and a remedy")
  func descriptions() {
    let seq = FeatureShape.sequence(time: 10, channels: 3)
    let dense = layerError(seq, [.lstm(units: 4, returnSequences: true), .dense(units: 3)])
    #expect(dense == .invalidLayer(index: 1, layer: "Dense(3)", input: "(None, 10, 4)",
                                   reason: "Dense needs a flat input (None, F); insert .flatten before it (or use an LSTM with returnSequences: false)"))
    #expect("\(dense!)".hasPrefix("layer 1 (Dense(3)) receives (None, 10, 4): Dense needs a flat input"))
    guard case .invalidLayer(0, _, _, let pool)? = layerError(seq, [.maxPool1D(poolSize: 11), .flatten, .dense(units: 2)]) else {
      Issue.record("pool larger than the sequence accepted")
      return
    }
    #expect(pool.contains("larger than the 10-step sequence"))
    guard case .invalidLayer(2, _, _, let kernel)? = layerError(
      seq, [.conv1D(filters: 4, kernelSize: 3), .maxPool1D(poolSize: 4), .conv1D(filters: 4, kernelSize: 3), .flatten, .dense(units: 2)])
    else {
      Issue.record("kernel longer than its input accepted")
      return
    }
    #expect(kernel.contains("longer than the 2-step input with valid padding"))
    #expect(layerError(seq, [.conv1D(filters: 4, kernelSize: 3, padding: .same), .maxPool1D(poolSize: 4),
                             .conv1D(filters: 4, kernelSize: 3, padding: .same), .flatten, .dense(units: 2)]) == nil)
    guard case .invalidLayer(1, _, _, _)? = layerError(seq, [.lstm(units: 4), .lstm(units: 4), .dense(units: 2)]) else {
      Issue.record("LSTM after a flat output accepted")
      return
    }
    guard case .invalidOutput? = layerError(seq, [.lstm(units: 4, returnSequences: true)]) else {
      Issue.record("sequence output accepted")
      return
    }
    guard case .invalidOutput? = layerError(seq, []) else {
      Issue.record("empty model accepted")
      return
    }
    guard case .invalidLayer(0, _, _, _)? = layerError(seq, [.dropout(rate: 1), .flatten, .dense(units: 2)]) else {
      Issue.record("dropout rate 1 accepted")
      return
    }
    #expect(throws: PresetError.unknown(name: "transformer", known: Preset.names)) { try Preset.named("transformer") }
  }

  @Test("Datasets and configurations are validated before training")
  func datasetsAndConfigurations() throws {
    let model = try Model(input: .sequence(time: 5, channels: 2), layers: [.lstm(units: 3), .dense(units: 3)], seed: 1)
    let good = try noise(count: 6, timeSteps: 5, channels: 2, classes: 3, seed: 1)
    #expect(throws: TrainingError.self) { try SequenceDataset(inputs: [1, 2, 3], labels: [0], timeSteps: 5, channels: 2) }
    #expect(throws: TrainingError.self) {
      try SequenceDataset(inputs: [Float](repeating: .nan, count: 10), labels: [0], timeSteps: 5, channels: 2)
    }
    let wrongShape = try noise(count: 6, timeSteps: 4, channels: 2, classes: 3, seed: 1)
    #expect(throws: TrainingError.self) { try model.fit(wrongShape) }
    let tooManyClasses = try noise(count: 6, timeSteps: 5, channels: 2, classes: 5, seed: 1)
    #expect(throws: TrainingError.self) { try model.fit(tooManyClasses, configuration: TrainingConfiguration(epochs: 1)) }
    #expect(throws: TrainingError.invalidConfiguration("batchSize must be ≥ 1, got 0")) {
      try model.fit(good, configuration: TrainingConfiguration(batchSize: 0))
    }
    #expect(throws: TrainingError.invalidConfiguration("patience (early stopping) needs a validation set")) {
      try model.fit(good, configuration: TrainingConfiguration(patience: 2))
    }
    #expect(throws: TrainingError.self) { try model.fit(good, configuration: TrainingConfiguration(learningRate: -1)) }
    #expect(throws: TrainingError.self) { try model.predict([1, 2, 3]) }
  }

  @Test("A checkpoint of another architecture, a corrupted one and other settings are clear errors")
  func checkpoints() throws {
    let data = try noise(count: 8, timeSteps: 5, channels: 2, classes: 3, seed: 1)
    let path = temporaryPath("arch.ckpt")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let model = try Model(input: .sequence(time: 5, channels: 2), layers: [.lstm(units: 3), .dense(units: 3)], seed: 1)
    try model.fit(data, configuration: TrainingConfiguration(epochs: 1, batchSize: 4, checkpointPath: path))

    let other = try Model(input: .sequence(time: 5, channels: 2), layers: [.lstm(units: 4), .dense(units: 3)], seed: 1)
    #expect(throws: ModelError.architectureMismatch(expected: "(None, 5, 2) → LSTM(4) → Dense(3)",
                                                    found: "(None, 5, 2) → LSTM(3) → Dense(3)")) {
      try other.loadWeights(fromCheckpoint: path)
    }
    #expect(throws: ModelError.self) {
      try other.fit(data, configuration: TrainingConfiguration(epochs: 2, batchSize: 4), resumingFrom: path)
    }
    // Same architecture: loads.
    let same = try Model(input: .sequence(time: 5, channels: 2), layers: [.lstm(units: 3), .dense(units: 3)], seed: 2)
    try same.loadWeights(fromCheckpoint: path)
    #expect(same.parameters == model.parameters)
    // Other training settings: resuming would not reproduce the run.
    #expect(throws: TrainingError.self) {
      try same.fit(data, configuration: TrainingConfiguration(epochs: 2, batchSize: 5), resumingFrom: path)
    }
    // One flipped byte: checksum error, naming the file.
    var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    bytes[bytes.count / 2] ^= 0x40
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    do {
      try same.loadWeights(fromCheckpoint: path)
      Issue.record("corrupted checkpoint accepted")
    } catch let error as ModelError {
      #expect("\(error)".contains(path) && "\(error)".contains("checksum"))
    }
    try Data("not a checkpoint".utf8).write(to: URL(fileURLWithPath: path))
    #expect(throws: ModelError.self) { try same.loadWeights(fromCheckpoint: path) }
    #expect(throws: ModelError.self) { try same.loadWeights(fromCheckpoint: path + ".missing") }
  }

  @Test("A diverging run stops with the epoch and batch and keeps the last good weights")
  func divergence() throws {
    let data = try noise(count: 64, timeSteps: 4, channels: 2, classes: 3, seed: 1)
    let model = try Model(input: .sequence(time: 4, channels: 2), layers: [.flatten, .dense(units: 32), .relu, .dense(units: 3)], seed: 1)
    let initial = model.parameters
    let path = temporaryPath("diverge.ckpt")
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
      try model.fit(data, configuration: TrainingConfiguration(epochs: 5, batchSize: 8, learningRate: 1e30, optimizer: .sgd,
                                                               checkpointPath: path))
      Issue.record("training with learning rate 1e30 did not diverge")
    } catch let TrainingError.nonFiniteLoss(epoch, batch, loss, _) {
      #expect(epoch >= 1 && batch >= 1 && !loss.isFinite)
      #expect(model.parameters.allSatisfy { $0.isFinite })
      if epoch == 1 {
        #expect(model.parameters == initial)
      } else {
        #expect(try Checkpoint.read(from: path).parameters == model.parameters)
      }
      let message = "\(TrainingError.nonFiniteLoss(epoch: epoch, batch: batch, loss: loss, what: "the loss"))"
      #expect(message.contains("epoch \(epoch), batch \(batch)"))
    }
  }
}
