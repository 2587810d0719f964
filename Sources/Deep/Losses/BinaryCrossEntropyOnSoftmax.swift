// Keras's `binary_crossentropy` on softmax outputs and one-hot labels, averaged over the batch.
//
// Many published HAR models end in `Dense(K, activation='softmax')` and are compiled with
// `loss='binary_crossentropy'` on one-hot labels. Keras then scores each of the K outputs
// as an independent yes/no (keras/src/backend/*/nn.py `binary_crossentropy`, then the mean
// over the last axis in keras/src/losses/losses.py, then the batch mean):
//
//     p[b, ·] = softmax(z[b, ·])
//     q[b, k] = clip(p[b, k], ε, 1 − ε),   ε = 1e-7 (keras.backend.epsilon())
//     L = −(1/B) Σ_b (1/K) Σ_k [ y[b, k] log q[b, k] + (1 − y[b, k]) log(1 − q[b, k]) ]
//
// with y the one-hot label. Backward, by the chain rule through the clip and the softmax:
//
//     g[b, k] = dL/dp[b, k] = −(1/(B·K)) [ y/q − (1 − y)/(1 − q) ]  where ε ≤ p ≤ 1 − ε, else 0
//     dL/dz[b, j] = p[b, j] (g[b, j] − Σ_k p[b, k] g[b, k])      (softmax's Jacobian)
//
// The clip's gradient is zero outside [ε, 1 − ε], as Keras's (TensorFlow's ClipByValue and
// JAX's clip pass the gradient only inside), so a saturated row stops learning.
// Decisions: ε and 1 − ε are formed in the model's scalar type (Float for training: 1 − ε
// rounds to 0.99999988, exactly as Keras's float32 clip); the logarithms and the gradient
// are computed in Double, because p·g can reach 1/(K·ε) and the Jacobian's difference of
// such terms would lose most of Float's digits.

/// Binary cross-entropy on softmax outputs (Keras's `binary_crossentropy` after a softmax
/// layer), with its gradient with respect to the logits.
public enum BinaryCrossEntropyOnSoftmax {
  /// ε of the clip, Keras's `backend.epsilon()`.
  public static let epsilon = 1e-7

  /// The mean loss, the probabilities and the gradient with respect to the logits.
  ///
  /// - Parameters:
  ///   - logits: z, shape (B, K), row-major.
  ///   - labels: y, B integers in 0..<K (the one-hot label's hot index).
  ///   - classes: K.
  /// - Returns: `loss` (mean over the batch of the mean over the K outputs), `probabilities`
  ///   (B, K) and `dLogits` (B, K).
  /// - Precondition: B ≥ 1, `logits.count == labels.count · classes` and every label is in 0..<K.
  public static func lossAndGradient<S: DeepScalar>(logits: [S], labels: [Int], classes: Int)
    -> (loss: S, probabilities: [S], dLogits: [S])
  {
    precondition(classes > 0 && logits.count == labels.count * classes,
                 "BinaryCrossEntropyOnSoftmax: logits have \(logits.count) values, expected \(labels.count) × \(classes)")
    precondition(!labels.isEmpty, "BinaryCrossEntropyOnSoftmax: empty batch")
    precondition(labels.allSatisfy { (0..<classes).contains($0) }, "BinaryCrossEntropyOnSoftmax: labels must be in 0..<\(classes)")
    var probabilities = [S](repeating: 0, count: logits.count)
    var dLogits = [S](repeating: 0, count: logits.count)
    var total = 0.0
    var correct = 0
    let B = labels.count
    logits.withUnsafeBufferPointer { z in
      probabilities.withUnsafeMutableBufferPointer { p in
        dLogits.withUnsafeMutableBufferPointer { d in
          labels.withUnsafeBufferPointer { y in
            let loss = LossKind.binaryCrossEntropyOnSoftmax
            total = loss.forward(probabilities: p.baseAddress!, logits: z.baseAddress!, labels: y.baseAddress!,
                                 batch: B, classes: classes, correct: &correct)
            loss.backward(dLogits: d.baseAddress!, probabilities: UnsafePointer(p.baseAddress!), labels: y.baseAddress!,
                          batch: B, classes: classes)
          }
        }
      }
    }
    return (S(total / Double(B)), probabilities, dLogits)
  }

  /// The clip's bounds (ε, 1 − ε) in the scalar type of the model.
  @inline(__always) static func bounds<S: DeepScalar>(_: S.Type) -> (low: S, high: S) {
    let low = S(epsilon)
    return (low, 1 - low)
  }

  /// Σ_b (1/K) Σ_k −[y log q + (1 − y) log(1 − q)]: the loss summed (not averaged) over the
  /// batch, from softmax probabilities p (B, K).
  static func sum<S: DeepScalar>(probabilities p: UnsafePointer<S>, labels y: UnsafePointer<Int>,
                                 batch B: Int, classes K: Int) -> Double {
    let (low, high) = bounds(S.self)
    var total = 0.0
    for b in 0..<B {
      var row = 0.0
      for k in 0..<K {
        let q = Double(min(max(p[b * K + k], low), high))
        row -= k == y[b] ? Double._log(q) : Double._log(1 - q)
      }
      total += row / Double(K)
    }
    return total
  }

  /// dz (B, K) of the batch-mean loss: g = dL/dp (zero where the clip is active), then
  /// dz_j = p_j (g_j − Σ_k p_k g_k).
  static func backward<S: DeepScalar>(dLogits d: UnsafeMutablePointer<S>, probabilities p: UnsafePointer<S>,
                                      labels y: UnsafePointer<Int>, batch B: Int, classes K: Int) {
    let (low, high) = bounds(S.self)
    let scale = 1 / (Double(B) * Double(K))
    var g = [Double](repeating: 0, count: K)
    for b in 0..<B {
      let pr = p + b * K
      var weighted = 0.0  // Σ_k p_k g_k
      for k in 0..<K {
        let pk = pr[k]
        if pk < low || pk > high {
          g[k] = 0
        } else {
          let q = Double(pk)
          g[k] = k == y[b] ? -scale / q : scale / (1 - q)
        }
        weighted += Double(pk) * g[k]
      }
      for j in 0..<K { d[b * K + j] = S(Double(pr[j]) * (g[j] - weighted)) }
    }
  }
}
