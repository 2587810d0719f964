// The arithmetic a training step costs, counted from the layer shapes: the floating-point
// operations of the matrix products (2 per multiply-add), which are what the sgemms of
// Conv1D, Dense and LSTM compute. Elementwise work (activations, the LSTM gate math,
// pooling, dropout, batch norm, the loss and the optimizer) is not counted; it is a few
// per value, not per weight.
//
// Why: a benchmark that knows the flops of an epoch can say how close a run comes to the
// machine's matrix-product rate, and so what no implementation of the same model can beat
// (docs/deep.md, "Against PyTorch").
//
// Per example, input (T, C) or (I), output (T_out, F) / (O) / H units:
//
//     layer                 forward                         backward
//     Conv1D k              2·T_out·k·C·F                   dW: the same; dx: the same
//     Dense, per step × T   2·I·O                           dW: the same; dx: the same
//     LSTM                  x·Wx 2·T·C·4H,                  dWx 2·T·C·4H, dWh 2·T·H·4H,
//                           h·Wh 2·(T−1)·H·4H               dh 2·(T−1)·4H·H; dx 2·T·4H·C
//
// The first layer's dx is not computed in training (nothing needs it), so it is not counted.
// The LSTM's first step multiplies by h₋₁ = 0 and is skipped, in both directions; dWh's
// product runs over all T steps (its first rows are those zeros).

/// Floating-point operations (2 per multiply-add) of a model's matrix products for one example.
public struct MatrixProductFlops: Equatable, Sendable {
  /// The forward pass.
  public var forward: Int
  /// The backward pass of a training step: weight gradients, and input gradients for every
  /// layer but the first.
  public var backward: Int
  /// forward + backward: one training step, per example.
  public var trainingStep: Int { forward + backward }

  public init(forward: Int, backward: Int) {
    self.forward = forward
    self.backward = backward
  }
}

extension Sequential {
  /// The flops of the matrix products of one example's training step (see the file comment).
  public var matrixProductFlopsPerExample: MatrixProductFlops {
    var total = MatrixProductFlops(forward: 0, backward: 0)
    for (i, layer) in layers.enumerated() {
      let input = i == 0 ? inputShape : outputShapes[i - 1]
      let output = outputShapes[i]
      let needsInputGradient = i > 0
      // Multiply-adds of the forward products, of the backward products every layer runs
      // (dW; the LSTM's dh through time too) and of the input gradient dx.
      let (forward, backward, inputs): (Int, Int, Int)
      switch (layer, input, output) {
      case let (.conv1D(filters, kernelSize, _), .sequence(_, channels), .sequence(outputSteps, _)):
        let m = outputSteps * kernelSize * channels * filters
        (forward, backward, inputs) = (m, m, m)
      case let (.dense(units), _, _):
        let m = input.elementCount * units
        (forward, backward, inputs) = (m, m, m)
      case let (.timeDistributedDense(units), .sequence(steps, channels), _):
        let m = steps * channels * units
        (forward, backward, inputs) = (m, m, m)
      case let (.lstm(units, _), .sequence(steps, channels), _):
        let g = 4 * units
        let projection = steps * channels * g, recurrence = (steps - 1) * units * g
        (forward, backward, inputs) = (projection + recurrence, projection + steps * units * g + recurrence, projection)
      default:
        (forward, backward, inputs) = (0, 0, 0)
      }
      total.forward += 2 * forward
      total.backward += 2 * (backward + (needsInputGradient ? inputs : 0))
    }
    return total
  }
}
