// A Keras model file as a comparison model: its name, the precedence of its training
// settings, its variants under a claim's protocol, and the input-shape check. The files
// are Keras 3.15.1's own output (Tests/DeepTests/Fixtures/keras, examples/).
import Compare
import Deep
import Foundation
import Testing
import _TestSupport

private func path(_ relative: String) -> String { RealData.packageRoot.appendingPathComponent(relative).path }

@Suite struct KerasFileModelTests {
  @Test func nameIsTheStemOrTheGivenName() throws {
    #expect(try KerasFileModel(path: path("examples/lstm-bn-6ch.json"), patience: nil,
                               overrides: TrainingOverrides(channels: ChannelSelection(["total_acc", "body_gyro"]))).name == "lstm-bn-6ch")
    #expect(try KerasFileModel(path: path("examples/cnn-lstm.json"), name: "mine", patience: nil).name == "mine")
    #expect(throws: CompareError.self) { try KerasFileModel(path: path("examples/cnn-lstm.json"), name: "My_Net", patience: nil) }
  }

  @Test func trainingSettingsPrecedence() throws {
    // Defaults: Deep's Adam 1e-3 (ε 1e-8), batch 64, 20 epochs.
    var json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("examples/lstm-bn.json")))) as! [String: Any]
    json["compile_config"] = nil
    let bare = try KerasModelFile(json: JSONSerialization.data(withJSONObject: json), path: "bare.json")
    let defaults = try KerasFileModel(file: bare, patience: nil).trainingConfiguration(seed: 5)
    #expect(defaults == TrainingConfiguration(epochs: 20, batchSize: 64, learningRate: 1e-3, optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), seed: 5))
    // compile_config: Keras's Adam (ε 1e-7) at the file's 0.002.
    let compiled = try KerasFileModel(path: path("examples/lstm-bn.json"), patience: nil).trainingConfiguration()
    #expect(compiled.learningRate == 0.002 && compiled.optimizer == .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-7))
    #expect(compiled.batchSize == 64 && compiled.epochs == 20)
    // Overrides win over both.
    let overridden = try KerasFileModel(path: path("examples/lstm-bn.json"), patience: nil,
                                        overrides: TrainingOverrides(epochs: 3, batchSize: 8, learningRate: 0.01)).trainingConfiguration()
    #expect(overridden.learningRate == 0.01 && overridden.batchSize == 8 && overridden.epochs == 3)
    #expect(overridden.optimizer == .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-7))
  }

  @Test func variantsKeepOnlyWhatAProtocolChanges() throws {
    let six = try ChannelSelection(["total_acc", "body_gyro"])
    let model = try KerasFileModel(path: path("examples/lstm-bn-6ch.json"), patience: nil, overrides: TrainingOverrides(channels: six))
    // The file's own learning rate, epochs, channels and loss: nothing to change.
    #expect(try model.variant(named: "v", overrides: TrainingOverrides(channels: six, epochs: 20, learningRate: 0.002, loss: "categorical_crossentropy")) == nil)
    let variant = try #require(try model.variant(named: "lstm-bn-6ch-zebin", overrides: TrainingOverrides(channels: six, epochs: 100, validationSplit: 0.2)) as? KerasFileModel)
    #expect(variant.name == "lstm-bn-6ch-zebin")
    #expect(variant.overrides == TrainingOverrides(channels: six, epochs: 100, validationSplit: 0.2))
    #expect(variant.summary.contains("validation_split 0.2") && variant.summary.contains("100 epochs (overridden)"))
    // A 9-channel file cannot be trained on a protocol's 6 channels.
    let nine = try KerasFileModel(path: path("examples/lstm-bn.json"), patience: nil)
    #expect(throws: CompareError.inputShapeMismatch(file: path("examples/lstm-bn.json"), fileShape: "(None, 128, 9)", dataShape: "(None, 128, 6)",
                                                     channels: "total_acc + body_gyro")) {
      try nine.variant(named: "v", overrides: TrainingOverrides(channels: six))
    }
  }

  @Test func inputShapeIsCheckedAgainstTheWindows() throws {
    let model = try KerasFileModel(path: path("examples/cnn-lstm.json"), patience: nil)
    try model.checkInput(timeSteps: 128, channels: 9)
    #expect(throws: CompareError.inputShapeMismatch(file: path("examples/cnn-lstm.json"), fileShape: "(None, 128, 9)", dataShape: "(None, 64, 9)", channels: nil)) {
      try model.checkInput(timeSteps: 64, channels: 9)
    }
    // Without a selection a 6-channel file does not fit the nine channels.
    #expect(throws: CompareError.self) { try KerasFileModel(path: path("examples/lstm-bn-6ch.json"), patience: nil) }
  }

  @Test func summaryNamesTheFileLayersAndSettings() throws {
    let s = try KerasFileModel(path: path("examples/cnn-lstm.json"), patience: nil).summary
    #expect(s == "Keras file cnn-lstm.json (Keras 3, input (None, 128, 9), 113734 parameters): Conv1D(64, k3, valid) → ReLU → MaxPooling1D(2) → Conv1D(64, k3, valid) → ReLU → LSTM(128) → Dropout(0.5) → Dense(6); Adam(β1 0.9, β2 0.999, ε 1e-07) learning rate 0.001 (compile_config), batch 64 (default), 20 epochs (default), loss categorical_crossentropy; all epochs, final weights (no early stopping)")
  }
}
