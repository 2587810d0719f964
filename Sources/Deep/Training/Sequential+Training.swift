// The training loop, evaluation and prediction (Float only).
//
// One epoch, in order (llm.c's train loop, plus the bookkeeping Keras's `fit` does):
//   1. order = 0..<N, shuffled with the run's seeded generator (fresh each epoch, so an
//      epoch's order depends only on the generator state, which checkpoints keep);
//   2. for each mini-batch (the last may be partial): gather, forward in training mode,
//      the configured loss (and Keras's binary-accuracy count), stop if the loss is not
//      finite, zero the gradients, backward,
//      + λ·w weight decay on kernels, global gradient norm (stop if not finite), clip,
//      optimizer update, report progress;
//   3. validation loss and accuracy in inference mode, early-stopping bookkeeping;
//   4. history record, checkpoint.
// Nothing here draws randomness except the shuffle and the dropout masks, both from the
// one generator seeded by `TrainingConfiguration.seed`.
import Foundation
import LinearAlgebra

extension Sequential where Scalar == Float {
  /// Trains the model with mini-batch gradient descent.
  ///
  /// - Parameters:
  ///   - training: N examples of the model's input shape, labels in 0..<K.
  ///   - validation: evaluated after every epoch (inference mode); needed for `patience`.
  ///   - configuration: epochs, batch size, optimizer, learning rate, seed, early stopping, checkpoint path.
  ///   - resumingFrom: a checkpoint written by an earlier run with the same architecture and
  ///     settings; training continues after its last epoch and gives the same numbers as
  ///     an uninterrupted run.
  ///   - progress: called after every batch (the library prints nothing).
  /// - Returns: the history (earlier epochs of a resumed run included), the best epoch and
  ///   why training stopped.
  /// - Throws: `TrainingError` for a bad configuration or dataset, a non-finite loss or
  ///   gradient (naming epoch and batch; the model is put back to the weights of the last
  ///   completed epoch, i.e. the last checkpoint), or a resume with other settings;
  ///   `ModelError` for a checkpoint of another architecture or an unreadable one.
  @discardableResult
  public func fit(
    _ training: SequenceDataset, validation: SequenceDataset? = nil,
    configuration: TrainingConfiguration = TrainingConfiguration(),
    resumingFrom resumePath: String? = nil,
    progress: (TrainingProgress) -> Void = { _ in }
  ) throws -> TrainingResult {
    try withWorkerThreads {
      try fitWithWorkerThreads(training, validation: validation, configuration: configuration, resumingFrom: resumePath,
                               progress: progress)
    }
  }

  /// `fit`, inside a `withWorkerThreads` scope.
  private func fitWithWorkerThreads(
    _ training: SequenceDataset, validation: SequenceDataset?, configuration: TrainingConfiguration,
    resumingFrom resumePath: String?, progress: (TrainingProgress) -> Void
  ) throws -> TrainingResult {
    let config = configuration
    try config.validate()
    try checkDataset(training, role: "training")
    if let validation { try checkDataset(validation, role: "validation") }
    if config.patience != nil && validation == nil {
      throw TrainingError.invalidConfiguration("patience (early stopping) needs a validation set")
    }
    let clock = ContinuousClock()
    let callStart = clock.now

    // Run state: fresh, or from a checkpoint.
    var generator = SeededGenerator(seed: config.seed)
    var optimizer = OptimizerState(kind: config.optimizer, parameterCount: parameterCount)
    var history = TrainingHistory()
    var firstEpoch = 0
    var best = (loss: Double.infinity, epoch: 0, wait: 0, parameters: [Float](), state: [Float]())
    var stoppedEarly = false
    if let resumePath {
      let c = try Checkpoint.read(from: resumePath)
      try checkArchitecture(of: c, path: resumePath)
      guard c.trainingSettings == config.resumeFingerprint else {
        throw TrainingError.resumeMismatch(expected: config.resumeFingerprint, found: c.trainingSettings)
      }
      let expectedSecond: Int
      if case .adam = config.optimizer { expectedSecond = parameterCount } else { expectedSecond = 0 }
      guard c.optimizer.firstMoment.count == parameterCount, c.optimizer.secondMoment.count == expectedSecond else {
        throw ModelError.unreadableCheckpoint(
          path: resumePath, reason: "optimizer state has \(c.optimizer.firstMoment.count) + \(c.optimizer.secondMoment.count) values, expected \(parameterCount) + \(expectedSecond)")
      }
      parameters = c.parameters
      state = c.state
      generator = SeededGenerator(seed: 0)
      generator.state = c.generatorState
      optimizer = c.optimizer
      history = c.history
      firstEpoch = c.epochsCompleted
      best = (c.bestValidationLoss, c.bestEpoch, c.epochsWithoutImprovement, c.bestParameters, c.bestState)
      stoppedEarly = c.stoppedEarly
    }

    let N = training.count, B = config.batchSize
    let perExample = inputShape.elementCount
    let batches = (N + B - 1) / B
    var batchInputs = [Float](repeating: 0, count: B * perExample)
    var batchLabels = [Int](repeating: 0, count: B)
    let lr = Float(config.learningRate)
    let decay = Float(config.weightDecay)
    var lastGood = (parameters: parameters, state: state)
    var epochsRun = 0

    var epoch = firstEpoch
    while epoch < config.epochs && !stoppedEarly {
      let epochStart = clock.now
      var order = Array(0..<N)
      if config.shuffle { order.seededShuffle(using: &generator) }
      var lossSum = 0.0, correct = 0, seen = 0, binaryMatches = 0
      for b in 0..<batches {
        let lo = b * B, n = min(B, N - lo)
        training.inputs.withUnsafeBufferPointer { src in
          batchInputs.withUnsafeMutableBufferPointer { dst in
            for i in 0..<n {
              (dst.baseAddress! + i * perExample).update(from: src.baseAddress! + order[lo + i] * perExample, count: perExample)
            }
          }
        }
        for i in 0..<n { batchLabels[i] = training.labels[order[lo + i]] }
        let (batchLoss, batchCorrect) = batchInputs.withUnsafeBufferPointer { x in
          batchLabels.withUnsafeBufferPointer { y in
            step(input: x.baseAddress!, labels: y.baseAddress!, batch: n, mode: .training, generator: &generator, backward: true,
                 loss: config.loss)
          }
        }
        binaryMatches += batchLabels.withUnsafeBufferPointer { y in
          BinaryAccuracy.matches(probabilities: probabilities.pointer, labels: y.baseAddress!, batch: n, classes: classCount)
        }
        let meanLoss = batchLoss / Double(n)
        guard meanLoss.isFinite else {
          (parameters, state) = lastGood
          throw TrainingError.nonFiniteLoss(epoch: epoch + 1, batch: b + 1, loss: meanLoss, what: "the loss")
        }
        let g = gradientBuffer.pointer, p = parameterBuffer.pointer
        if decay > 0 {
          for range in kernelRanges { for i in range { g[i] += decay * p[i] } }
        }
        let norm = Float._nrm2(n: parameterCount, x: g, incx: 1)
        guard norm.isFinite else {
          (parameters, state) = lastGood
          throw TrainingError.nonFiniteLoss(epoch: epoch + 1, batch: b + 1, loss: Double(norm), what: "the gradient norm")
        }
        if let clip = config.gradientClipNorm, Double(norm) > clip {
          Float._scal(n: parameterCount, alpha: Float(clip) / norm, x: g, incx: 1)
        }
        optimizer.update(kind: config.optimizer, learningRate: lr, parameters: p, gradients: g, count: parameterCount)

        lossSum += batchLoss
        correct += batchCorrect
        seen += n
        let elapsed = seconds(clock.now - epochStart)
        progress(TrainingProgress(
          epoch: epoch + 1, epochs: config.epochs, batch: b + 1, batches: batches,
          loss: lossSum / Double(seen), accuracy: Double(correct) / Double(seen), elapsedSeconds: elapsed,
          etaSeconds: elapsed / Double(b + 1) * Double(batches - b - 1)))
      }

      var record = EpochRecord(epoch: epoch + 1, trainLoss: lossSum / Double(N), trainAccuracy: Double(correct) / Double(N),
                               validationLoss: nil, validationAccuracy: nil, seconds: 0, learningRate: config.learningRate,
                               trainBinaryAccuracy: Double(binaryMatches) / Double(N * classCount))
      if let validation {
        let (loss, accuracy) = try evaluate(validation, loss: config.loss)
        record.validationLoss = loss
        record.validationAccuracy = accuracy
        if loss < best.loss {
          best = (loss, epoch + 1, 0, config.patience != nil && config.restoreBestWeights ? parameters : [],
                  config.patience != nil && config.restoreBestWeights ? state : [])
        } else {
          best.wait += 1
          if let patience = config.patience, best.wait >= patience { stoppedEarly = true }
        }
      }
      record.seconds = seconds(clock.now - epochStart)
      history.epochs.append(record)
      epoch += 1
      epochsRun += 1
      lastGood = (parameters, state)
      if let path = config.checkpointPath {
        try Checkpoint(architecture: architectureDescription, trainingSettings: config.resumeFingerprint, modelName: name,
                       epochsCompleted: epoch, generatorState: generator.state, optimizer: optimizer,
                       parameters: parameters, state: state, bestValidationLoss: best.loss, bestEpoch: best.epoch,
                       epochsWithoutImprovement: best.wait, stoppedEarly: stoppedEarly, bestParameters: best.parameters,
                       bestState: best.state, history: history).write(to: path)
      }
    }

    // Like Keras's EarlyStopping(restore_best_weights=True), but also when the run used all
    // its epochs: with early stopping configured, the model ends at its best validation epoch.
    var restored = false
    if config.patience != nil && config.restoreBestWeights && !best.parameters.isEmpty
      && best.epoch != history.epochs.last?.epoch
    {
      parameters = best.parameters
      state = best.state
      restored = true
    }
    return TrainingResult(history: history, bestEpoch: best.epoch > 0 ? best.epoch : nil,
                          stopReason: stoppedEarly ? .earlyStopping : .completed, restoredBestWeights: restored,
                          parameterCount: parameterCount, seconds: seconds(clock.now - callStart), epochsRun: epochsRun)
  }

  /// Mean loss and accuracy on a dataset, in inference mode, in batches of `batchSize`.
  /// - Parameter loss: the loss to report. Default `.softmaxCrossEntropy` (`fit` passes its
  ///   configuration's, so the validation loss is the one trained on, as in Keras).
  /// - Throws: `TrainingError.invalidDataset` when the dataset does not fit the model.
  public func evaluate(_ dataset: SequenceDataset, batchSize: Int = 256,
                       loss: LossKind = .softmaxCrossEntropy) throws -> (loss: Double, accuracy: Double) {
    try checkDataset(dataset, role: "evaluation")
    var lossSum = 0.0, correct = 0
    var unused = SeededGenerator(seed: 0)  // inference draws nothing
    let perExample = inputShape.elementCount
    withWorkerThreads { dataset.inputs.withUnsafeBufferPointer { x in
      dataset.labels.withUnsafeBufferPointer { y in
        var lo = 0
        while lo < dataset.count {
          let n = min(batchSize, dataset.count - lo)
          let r = step(input: x.baseAddress! + lo * perExample, labels: y.baseAddress! + lo, batch: n, mode: .inference,
                       generator: &unused, backward: false, loss: loss)
          lossSum += r.lossSum
          correct += r.correct
          lo += n
        }
      }
    } }
    return (lossSum / Double(dataset.count), Double(correct) / Double(dataset.count))
  }

  /// Class probabilities (softmax of the logits) in inference mode: dropout off, batch
  /// normalisation with running statistics.
  ///
  /// - Parameter inputs: (N, ·) row-major, N ≥ 1 examples of the model's input shape.
  /// - Returns: (N, K), row-major.
  /// - Throws: `TrainingError.invalidDataset` when `inputs.count` is not a multiple of the
  ///   values per example, or a value is not finite.
  public func predictProbabilities(_ inputs: [Float], batchSize: Int = 256) throws -> [Float] {
    let perExample = inputShape.elementCount
    guard !inputs.isEmpty, inputs.count % perExample == 0 else {
      throw TrainingError.invalidDataset("\(inputs.count) input values are not a positive multiple of \(perExample) = \(inputShape)")
    }
    if let i = inputs.firstIndex(where: { !$0.isFinite }) {
      throw TrainingError.invalidDataset("input value \(inputs[i]) of example \(i / perExample) is not finite")
    }
    let N = inputs.count / perExample, K = classCount
    var out = [Float](repeating: 0, count: N * K)
    var unused = SeededGenerator(seed: 0)
    withWorkerThreads { inputs.withUnsafeBufferPointer { x in
      out.withUnsafeMutableBufferPointer { o in
        var lo = 0
        while lo < N {
          let n = min(max(batchSize, 1), N - lo)
          let logits = forward(x.baseAddress! + lo * perExample, batch: n, mode: .inference, generator: &unused)
          for b in 0..<n {
            let z = logits + b * K, p = o.baseAddress! + (lo + b) * K
            var m = -Float.infinity
            for k in 0..<K { m = max(m, z[k]) }
            var sum: Float = 0
            for k in 0..<K { p[k] = Float._exp(z[k] - m); sum += p[k] }
            for k in 0..<K { p[k] /= sum }
          }
          lo += n
        }
      }
    } }
    return out
  }

  /// The predicted class (arg-max, first on ties) of each example, in inference mode.
  /// - Parameter inputs: (N, ·) row-major.
  /// - Returns: N labels in 0..<K.
  public func predict(_ inputs: [Float], batchSize: Int = 256) throws -> [Int] {
    let p = try predictProbabilities(inputs, batchSize: batchSize)
    let K = classCount
    return (0..<(p.count / K)).map { b in
      var best = 0
      for k in 1..<K where p[b * K + k] > p[b * K + best] { best = k }
      return best
    }
  }

  private func checkDataset(_ d: SequenceDataset, role: String) throws {
    let fits: Bool
    switch inputShape {
    case let .sequence(t, c): fits = t == d.timeSteps && c == d.channels
    case let .flat(f): fits = f == d.timeSteps * d.channels
    }
    guard fits else {
      throw TrainingError.invalidDataset("\(role) examples are (\(d.timeSteps), \(d.channels)) but the model expects \(inputShape)")
    }
    guard d.count > 0 else { throw TrainingError.invalidDataset("\(role) set is empty") }
    if let i = d.labels.firstIndex(where: { $0 >= classCount }) {
      throw TrainingError.invalidDataset("\(role) label \(d.labels[i]) of example \(i) is not in 0..<\(classCount) (the model has \(classCount) classes)")
    }
  }
}

private func seconds(_ d: Duration) -> Double {
  Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}
