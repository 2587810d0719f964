// The flops of a model's matrix products (Sequential+Flops.swift), counted by hand from the
// shapes of small models and of the cnn-lstm preset.
import Deep
import Testing

@Suite("Matrix-product flops per example")
struct MatrixProductFlopsTests {
  @Test("Conv → pool → LSTM → Dense, counted by hand")
  func convolutionAndLSTM() throws {
    // Conv 4 filters, k 3 on (10, 3) → (8, 4): 8·3·3·4 = 288 multiply-adds; first layer, so no dx.
    // Pool 2 → (4, 4). LSTM 5 units, T 4, C 4, 4H = 20: x·Wx 4·4·20 = 320, h·Wh 3·5·20 = 300
    // (step 0 multiplies zeros and is skipped); backward dWx 320, dWh 4·5·20 = 400, dh 300, dx 320.
    // Dense 5 → 2: 10, backward dW 10 and dx 10.
    let model = try Sequential<Float>(input: .sequence(time: 10, channels: 3),
                                      layers: [.conv1D(filters: 4, kernelSize: 3), .maxPool1D(poolSize: 2),
                                               .lstm(units: 5), .dense(units: 2)], seed: 1)
    let flops = model.matrixProductFlopsPerExample
    #expect(flops.forward == 2 * (288 + 320 + 300 + 10))
    #expect(flops.backward == 2 * (288 + (320 + 400 + 300 + 320) + (10 + 10)))
    #expect(flops.trainingStep == flops.forward + flops.backward)
  }

  @Test("Per-step Dense first (no dx), then flatten and Dense; elementwise layers cost nothing")
  func denseLayers() throws {
    // Per-step Dense (3, 2) → (3, 4): 3·2·4 = 24; Dense 12 → 5: 60, with its dx.
    let model = try Sequential<Float>(input: .sequence(time: 3, channels: 2),
                                      layers: [.timeDistributedDense(units: 4), .relu, .batchNorm(), .flatten,
                                               .dropout(rate: 0.5), .dense(units: 5)], seed: 1)
    #expect(model.matrixProductFlopsPerExample == MatrixProductFlops(forward: 2 * (24 + 60), backward: 2 * (24 + 60 + 60)))
  }

  @Test("cnn-lstm on (128, 9): 13.8 M forward and 27.3 M backward flops per example")
  func cnnLSTMPreset() throws {
    let model = try Preset.named("cnn-lstm", timeSteps: 128, channels: 9, classes: 6).makeModel(seed: 1)
    // conv1 126·3·9·64 = 217,728; conv2 61·3·64·64 = 749,568; LSTM 128 over 61 steps of 64:
    // x·Wx 61·64·512 = 1,998,848, h·Wh 60·128·512 = 3,932,160, dWh 61·128·512 = 3,997,696; dense 128·6 = 768.
    let forward = 217_728 + 749_568 + 1_998_848 + 3_932_160 + 768
    let backward = 217_728 + 2 * 749_568 + (1_998_848 + 3_997_696 + 3_932_160 + 1_998_848) + 2 * 768
    #expect(model.matrixProductFlopsPerExample == MatrixProductFlops(forward: 2 * forward, backward: 2 * backward))
    #expect(2 * forward == 13_798_144 && 2 * backward == 27_291_904)
  }
}
