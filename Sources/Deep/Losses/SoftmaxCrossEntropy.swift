// Softmax cross-entropy over K classes, averaged over the batch.
//
//     p[b, k] = exp(z[b, k] − max_k z[b, ·]) / Σ_k exp(z[b, k] − max_k z[b, ·])
//     L = −(1/B) Σ_b log p[b, y_b]
//     dL/dz = (p − onehot(y)) / B
//
// The backward pass is fused: softmax's Jacobian times cross-entropy's gradient collapses
// to p − onehot, which is cheaper and avoids dividing by a tiny p (cf. llm.c's
// crossentropy_softmax_backward). The 1/B is the mean's own backward pass. Subtracting the
// row maximum (searched from −∞) keeps exp from overflowing.

/// Softmax cross-entropy loss with its fused gradient.
public enum SoftmaxCrossEntropy {
  /// The mean loss, the probabilities and the gradient with respect to the logits.
  ///
  /// - Parameters:
  ///   - logits: z, shape (B, K), row-major.
  ///   - labels: y, B integers in 0..<K.
  ///   - classes: K.
  /// - Returns: `loss` (mean over the batch), `probabilities` (B, K) and `dLogits` (B, K).
  /// - Precondition: B ≥ 1, `logits.count == labels.count · classes` and every label is in 0..<K.
  public static func lossAndGradient<S: DeepScalar>(logits: [S], labels: [Int], classes: Int)
    -> (loss: S, probabilities: [S], dLogits: [S])
  {
    precondition(classes > 0 && logits.count == labels.count * classes,
                 "SoftmaxCrossEntropy: logits have \(logits.count) values, expected \(labels.count) × \(classes)")
    precondition(!labels.isEmpty, "SoftmaxCrossEntropy: empty batch")
    precondition(labels.allSatisfy { (0..<classes).contains($0) }, "SoftmaxCrossEntropy: labels must be in 0..<\(classes)")
    var probabilities = [S](repeating: 0, count: logits.count)
    var dLogits = [S](repeating: 0, count: logits.count)
    var total = 0.0
    var correct = 0
    let B = labels.count
    logits.withUnsafeBufferPointer { z in
      probabilities.withUnsafeMutableBufferPointer { p in
        dLogits.withUnsafeMutableBufferPointer { d in
          labels.withUnsafeBufferPointer { y in
            total = forward(probabilities: p.baseAddress!, logits: z.baseAddress!, labels: y.baseAddress!,
                            batch: B, classes: classes, correct: &correct)
            backward(dLogits: d.baseAddress!, probabilities: p.baseAddress!, labels: y.baseAddress!,
                     batch: B, classes: classes)
          }
        }
      }
    }
    let loss = total / Double(max(B, 1))
    return (S(loss), probabilities, dLogits)
  }

  /// p = softmax(z) row by row; returns the summed (not averaged) loss −Σ_b log p[b, y_b]
  /// in Double, and counts rows whose arg-max (first on ties) equals the label.
  static func forward<S: DeepScalar>(probabilities p: UnsafeMutablePointer<S>, logits z: UnsafePointer<S>,
                                     labels y: UnsafePointer<Int>, batch B: Int, classes K: Int,
                                     correct: inout Int) -> Double {
    var total = 0.0
    for b in 0..<B {
      let zr = z + b * K, pr = p + b * K
      var maxValue = -S.infinity, best = 0
      for k in 0..<K where zr[k] > maxValue { maxValue = zr[k]; best = k }
      if best == y[b] { correct += 1 }
      var sum: S = 0
      for k in 0..<K { pr[k] = S._exp(zr[k] - maxValue); sum += pr[k] }
      let inv = 1 / sum
      for k in 0..<K { pr[k] *= inv }
      // log p_y = z_y − max − log Σ, which stays finite even when p_y underflows.
      total -= Double(zr[y[b]] - maxValue - S._log(sum))
    }
    return total
  }

  /// dz = (p − onehot(y)) / B.
  static func backward<S: DeepScalar>(dLogits d: UnsafeMutablePointer<S>, probabilities p: UnsafePointer<S>,
                                      labels y: UnsafePointer<Int>, batch B: Int, classes K: Int) {
    let invB = 1 / S(B)
    for b in 0..<B {
      for k in 0..<K { d[b * K + k] = p[b * K + k] * invB }
      d[b * K + y[b]] -= invB
    }
  }
}
