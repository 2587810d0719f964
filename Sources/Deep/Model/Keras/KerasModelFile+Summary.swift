// The Keras-style summary of a model file, printed from the file alone (no data needed).

extension KerasModelFile {
  /// Layers with their Keras names, output shapes and parameter counts, in the layout of
  /// Keras's `model.summary()` (see `Sequential.summary()`), followed by the input shape and
  /// what Deep does with the output. One row per Keras layer: a Conv1D or Dense with ReLU is
  /// one row, as in Keras, though Deep builds it as two layers. Total params equals Keras's
  /// `model.count_params()`.
  public func summary() -> String {
    let rows = kerasLayers.map {
      KerasSummaryRow(label: " \($0.name) (\($0.className))", outputShape: $0.outputShape,
                      trainable: $0.trainableParameterCount, nonTrainable: $0.nonTrainableParameterCount)
    }
    var lines = [renderKerasSummary(modelName: name, rows: rows)]
    lines.append("Input: \(inputShape) from \(format) file \(path)")
    lines.append(outputHasSoftmax
                 ? "Output: the last Dense layer's softmax is applied by the loss ("
                   + (trainingSettings?.loss == .binaryCrossentropy ? "binary cross-entropy on softmax" : "softmax cross-entropy")
                   + " on its logits)"
                 : "Output: the last Dense layer is linear; its outputs are the logits of softmax cross-entropy")
    if let settings = trainingSettings {
      lines.append("Training settings from compile_config: \(settings.optimizer), learning rate \(settings.learningRate), loss \(settings.loss.rawValue)")
    }
    lines += notes.map { "Note: \($0)" }
    return lines.joined(separator: "\n")
  }
}
