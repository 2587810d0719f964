// A printed summary in the layout of Keras's `model.summary()`.

extension Sequential {
  /// Layers, output shapes and parameter counts, like Keras's `model.summary()`:
  /// ```
  /// Model: "lstm"
  /// ____________________________________________________________________
  ///  Layer (type)                 Output Shape              Param #
  /// ====================================================================
  ///  lstm (LSTM)                  (None, 32)                5,376
  ///  dropout (Dropout)            (None, 32)                0
  ///  dense (Dense)                (None, 6)                 198
  /// ====================================================================
  /// Total params: 5,574
  /// Trainable params: 5,574
  /// Non-trainable params: 0
  /// ____________________________________________________________________
  /// ```
  /// Layer names follow Keras (`conv1d`, `conv1d_1`, …). Batch normalisation's running
  /// mean and variance count as non-trainable parameters, as in Keras.
  public func summary() -> String {
    let kerasNames: [String: String] = [
      "Conv1D": "conv1d", "MaxPooling1D": "max_pooling1d", "ReLU": "re_lu", "Dropout": "dropout",
      "Dense": "dense", "Flatten": "flatten", "BatchNormalization": "batch_normalization", "LSTM": "lstm",
    ]
    var seen: [String: Int] = [:]
    var names: [String] = []
    for spec in layers {
      let base = kerasNames[spec.typeName] ?? spec.typeName.lowercased()
      let k = seen[base, default: 0]
      seen[base] = k + 1
      names.append(" \(k == 0 ? base : "\(base)_\(k)") (\(spec.typeName))")
    }
    let counts = parameterCounts
    var rows: [KerasSummaryRow] = []
    for (i, spec) in layers.enumerated() {
      // Batch normalisation's running mean and variance are the same size as gamma and beta.
      let nonTrainable = if case .batchNorm = spec { counts[i] } else { 0 }
      rows.append(KerasSummaryRow(label: names[i], outputShape: outputShapes[i], trainable: counts[i], nonTrainable: nonTrainable))
    }
    return renderKerasSummary(modelName: name, rows: rows)
  }
}

/// One row of a Keras-style summary: ` name (Type)`, its output shape and parameters.
struct KerasSummaryRow {
  var label: String
  var outputShape: FeatureShape
  var trainable: Int
  var nonTrainable: Int
}

/// The table of Keras's `model.summary()` (see `Sequential.summary()`), shared by models and
/// Keras model files.
func renderKerasSummary(modelName: String, rows: [KerasSummaryRow]) -> String {
  let width = (max(30, rows.map(\.label.count).max()! + 2), 26, 12)
  func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
  func grouped(_ n: Int) -> String {
    let digits = Array(String(n))
    var out = ""
    for (i, d) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
      out.append(d)
    }
    return out
  }
  let rule = String(repeating: "_", count: width.0 + width.1 + width.2)
  let doubleRule = String(repeating: "=", count: width.0 + width.1 + width.2)
  var lines = ["Model: \"\(modelName)\"", rule,
               pad(" Layer (type)", width.0) + pad("Output Shape", width.1) + "Param #", doubleRule]
  for row in rows {
    lines.append(pad(row.label, width.0) + pad(row.outputShape.description, width.1) + grouped(row.trainable + row.nonTrainable))
  }
  let trainable = rows.map(\.trainable).reduce(0, +), nonTrainable = rows.map(\.nonTrainable).reduce(0, +)
  lines.append(doubleRule)
  lines.append("Total params: \(grouped(trainable + nonTrainable))")
  lines.append("Trainable params: \(grouped(trainable))")
  lines.append("Non-trainable params: \(grouped(nonTrainable))")
  lines.append(rule)
  return lines.joined(separator: "\n")
}
