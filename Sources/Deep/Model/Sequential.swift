// A sequential model: layers applied in order, built from a `[LayerSpec]` description.
//
// Decisions, in priority order:
// 1. All trainable parameters live in one flat buffer and all gradients in another of the
//    same layout (llm.c's ParameterTensors), so the optimizer, gradient clipping, weight
//    decay and checkpoints are single loops over one array. Non-trainable state (batch
//    normalisation's running statistics) lives in a third buffer.
// 2. Activations and every layer's caches are preallocated buffers owned by the model and
//    reused for every batch; they grow only when a larger batch arrives.
// 3. Forward and backward visit the layers through one `switch` over a closed enum of
//    layer kernels, so the compiler specialises everything for `Float`.
// 4. Generic over `DeepScalar` so the gradient checks run this exact code in `Double`.
//    Training (`fit`, `predict`) is `Float`-only, in Sequential+Training.swift.
import LinearAlgebra

/// Whether layers behave as in training (dropout on, batch statistics) or inference
/// (dropout off, running statistics).
public enum Mode: Sendable, Hashable {
  case training, inference
}

/// A model for Float training: `Sequential<Float>`.
public typealias Model = Sequential<Float>

/// A stack of layers mapping (B, T, C) or (B, F) inputs to (B, K) class scores (logits).
///
/// Build one from a description; the description is validated against the input shape:
/// ```swift
/// let model = try Sequential<Float>(
///   input: .sequence(time: 128, channels: 9),
///   layers: [.lstm(units: 32), .dropout(rate: 0.5), .dense(units: 6)], seed: 1)
/// print(model.summary())
/// ```
public final class Sequential<Scalar: DeepScalar> {
  /// The shape of one example, e.g. `.sequence(time: 128, channels: 9)`.
  public let inputShape: FeatureShape
  /// The description the model was built from.
  public let layers: [LayerSpec]
  /// The output shape of each layer.
  public let outputShapes: [FeatureShape]
  /// K, the number of classes (the last layer's width).
  public let classCount: Int
  /// A name for summaries, e.g. the preset's.
  public var name: String

  enum Kernel {
    case conv1D(Conv1DLayer<Scalar>)
    case maxPool1D(MaxPool1DLayer<Scalar>)
    case relu
    case dropout(DropoutLayer<Scalar>)
    case dense(DenseLayer<Scalar>)
    case flatten
    case batchNorm(BatchNormLayer<Scalar>)
    case lstm(LSTMLayer<Scalar>)
  }

  let kernels: [Kernel]
  /// Start of each layer's parameters in `parameterBuffer`.
  let parameterOffsets: [Int]
  /// Start of each layer's state in `stateBuffer`.
  let stateOffsets: [Int]
  /// The index ranges of kernels (Dense, Conv1D and LSTM weight matrices): the parameters
  /// L2 weight decay applies to, as Keras's `kernel_regularizer`. Biases, gamma and beta are not decayed.
  let kernelRanges: [Range<Int>]
  /// All trainable parameters, (P).
  let parameterBuffer: Buffer<Scalar>
  /// dL/dparameters, (P), same layout.
  let gradientBuffer: Buffer<Scalar>
  /// Non-trainable state (running statistics), (S).
  let stateBuffer: Buffer<Scalar>
  /// Output of each layer, (B, ·).
  let activations: [Buffer<Scalar>]
  /// Two ping-pong buffers for the gradient flowing backward, each (B, max values per example).
  let gradientFlow = (Buffer<Scalar>(), Buffer<Scalar>())
  /// Softmax probabilities and dL/dlogits of the last loss evaluation, (B, K).
  let probabilities = Buffer<Scalar>(), dLogits = Buffer<Scalar>()
  /// Threads the layers split their work over (see Sequential+Threads.swift); set by
  /// `withWorkerThreads` from the BLAS thread count, 1 outside it.
  var workerThreads = 1
  /// Whether a `withWorkerThreads` scope is open (fit calls evaluate inside its own).
  var insideWorkerScope = false
  /// The last forward pass's batch size and mode (backward needs a training forward pass).
  private(set) var lastBatch = 0
  private(set) var lastMode = Mode.inference

  /// Builds and initialises a model.
  ///
  /// - Parameters:
  ///   - input: the shape of one example.
  ///   - layers: the description; must end in a flat vector of K ≥ 2 class scores.
  ///   - seed: fixes every initial weight (Keras's initialisers, drawn layer by layer).
  ///   - name: shown by `summary()`.
  /// - Throws: `ModelError` naming the first layer that does not fit its input.
  public init(input: FeatureShape, layers: [LayerSpec], seed: UInt64, name: String = "sequential") throws {
    let shapes = try validateArchitecture(input: input, layers: layers)
    inputShape = input
    self.layers = layers
    outputShapes = shapes
    classCount = shapes.last!.elementCount
    self.name = name

    var kernels: [Kernel] = []
    var parameterOffsets: [Int] = [], stateOffsets: [Int] = [], kernelRanges: [Range<Int>] = []
    var p = 0, s = 0
    var shape = input
    for (i, spec) in layers.enumerated() {
      parameterOffsets.append(p)
      stateOffsets.append(s)
      let kernel: Kernel
      switch (spec, shape) {
      case let (.conv1D(filters, k, padding), .sequence(t, c)):
        let layer = Conv1DLayer<Scalar>(timeSteps: t, channels: c, filters: filters, kernelSize: k, padding: padding)
        kernelRanges.append(p..<(p + k * c * filters))
        p += layer.parameterCount
        kernel = .conv1D(layer)
      case let (.maxPool1D(pool), .sequence(t, c)):
        kernel = .maxPool1D(MaxPool1DLayer(timeSteps: t, channels: c, poolSize: pool))
      case (.relu, _):
        kernel = .relu
      case let (.dropout(rate), _):
        kernel = .dropout(DropoutLayer(rate: rate))
      case let (.dense(units), .flat(f)):
        let layer = DenseLayer<Scalar>(inputFeatures: f, units: units)
        kernelRanges.append(p..<(p + f * units))
        p += layer.parameterCount
        kernel = .dense(layer)
      case let (.timeDistributedDense(units), .sequence(t, c)):  // the same Dense kernel on B·T rows
        let layer = DenseLayer<Scalar>(inputFeatures: c, units: units, rowsPerExample: t)
        kernelRanges.append(p..<(p + c * units))
        p += layer.parameterCount
        kernel = .dense(layer)
      case (.flatten, _):
        kernel = .flatten
      case let (.batchNorm(momentum, epsilon), _):
        let channels: Int
        switch shape {
        case let .sequence(_, c): channels = c
        case let .flat(f): channels = f
        }
        let layer = BatchNormLayer<Scalar>(channels: channels, momentum: momentum, epsilon: epsilon)
        p += layer.parameterCount
        s += layer.stateCount
        kernel = .batchNorm(layer)
      case let (.lstm(units, returnSequences), .sequence(t, c)):
        let layer = LSTMLayer<Scalar>(timeSteps: t, channels: c, units: units, returnSequences: returnSequences)
        kernelRanges.append(p..<(p + (c + units) * 4 * units))
        p += layer.parameterCount
        kernel = .lstm(layer)
      default:
        preconditionFailure("validateArchitecture accepted \(spec) after \(shape)")
      }
      kernels.append(kernel)
      shape = shapes[i]
    }
    self.kernels = kernels
    self.parameterOffsets = parameterOffsets
    self.stateOffsets = stateOffsets
    self.kernelRanges = kernelRanges
    parameterBuffer = Buffer(count: p)
    gradientBuffer = Buffer(count: p)
    stateBuffer = Buffer(count: s)
    activations = shapes.map { _ in Buffer<Scalar>() }
    initializeParameters(seed: seed)
  }

  /// Re-draws every weight from `seed` and resets the running statistics.
  public func initializeParameters(seed: UInt64) {
    var generator = SeededGenerator(seed: seed)
    for (i, kernel) in kernels.enumerated() {
      let p = parameterBuffer.pointer + parameterOffsets[i]
      switch kernel {
      case let .conv1D(layer): layer.initialize(p, generator: &generator)
      case let .dense(layer): layer.initialize(p, generator: &generator)
      case let .lstm(layer): layer.initialize(p, generator: &generator)
      case let .batchNorm(layer): layer.initialize(p, state: stateBuffer.pointer + stateOffsets[i])
      case .maxPool1D, .relu, .dropout, .flatten: break
      }
    }
  }

  // MARK: - Parameters

  /// P, the number of trainable parameters.
  public var parameterCount: Int { parameterBuffer.count }
  /// The number of non-trainable values (batch normalisation's running mean and variance).
  public var stateCount: Int { stateBuffer.count }

  /// All trainable parameters in the model's layout, (P): each layer's in order, each
  /// layer's in the order its file documents (kernel, then bias; LSTM Wx, Wh, b; gamma, beta).
  public var parameters: [Scalar] {
    get { parameterBuffer.array }
    set {
      precondition(newValue.count == parameterCount, "parameters: expected \(parameterCount) values, got \(newValue.count)")
      parameterBuffer.assign(newValue)
    }
  }

  /// Non-trainable state, (S): per batch-normalisation layer, running mean then running variance.
  public var state: [Scalar] {
    get { stateBuffer.array }
    set {
      precondition(newValue.count == stateCount, "state: expected \(stateCount) values, got \(newValue.count)")
      stateBuffer.assign(newValue)
    }
  }

  /// dL/dparameters from the last `lossAndGradients` call (or training step), (P).
  public var gradients: [Scalar] { gradientBuffer.array }

  /// The number of trainable parameters of each layer.
  public var parameterCounts: [Int] {
    (0..<kernels.count).map { i in (i + 1 < kernels.count ? parameterOffsets[i + 1] : parameterCount) - parameterOffsets[i] }
  }

  /// A one-line form of the architecture, used in checkpoints to recognise a model:
  /// `(None, 128, 9) → LSTM(32) → Dropout(0.5) → Dense(6)`.
  public var architectureDescription: String {
    ([inputShape.description] + layers.map(\.description)).joined(separator: " → ")
  }

  // MARK: - Forward and backward

  /// Runs every layer's forward pass on a batch and returns the logits, (B, K).
  ///
  /// - Parameters:
  ///   - input: (B, T, C) or (B, F), row-major.
  ///   - generator: draws the dropout masks in training mode.
  func forward(_ input: UnsafePointer<Scalar>, batch: Int, mode: Mode, generator: inout SeededGenerator)
    -> UnsafeMutablePointer<Scalar>
  {
    let training = mode == .training
    for (i, shape) in outputShapes.enumerated() { activations[i].resize(batch * shape.elementCount) }
    var x = input
    var xShape = inputShape
    for (i, kernel) in kernels.enumerated() {
      let y = activations[i].pointer
      let p = UnsafePointer(parameterBuffer.pointer + parameterOffsets[i])
      let n = batch * xShape.elementCount
      switch kernel {
      case let .conv1D(layer): layer.forward(output: y, input: x, batch: batch, parameters: p, threads: workerThreads)
      case let .maxPool1D(layer): layer.forward(output: y, input: x, batch: batch)
      case .relu: ReLULayer.forward(output: y, input: x, count: n)
      case let .dropout(layer): layer.forward(output: y, input: x, count: n, training: training, generator: &generator)
      case let .dense(layer): layer.forward(output: y, input: x, batch: batch, parameters: p, threads: workerThreads)
      case .flatten: FlattenLayer.forward(output: y, input: x, count: n)
      case let .batchNorm(layer):
        layer.forward(output: y, input: x, rows: n / layer.channels, parameters: p,
                      state: stateBuffer.pointer + stateOffsets[i], training: training)
      case let .lstm(layer): layer.forward(output: y, input: x, batch: batch, parameters: p, threads: workerThreads)
      }
      x = UnsafePointer(y)
      xShape = outputShapes[i]
    }
    lastBatch = batch
    lastMode = mode
    return activations[kernels.count - 1].pointer
  }

  /// Backpropagates dL/dlogits (B, K) through every layer, in exactly the reverse order of
  /// `forward`, adding into the gradient buffer (zero it first). Writes dL/dinput to
  /// `dInput` when given.
  /// - Precondition: the last forward pass was in training mode with the same batch and input.
  func backward(dLogits: UnsafePointer<Scalar>, input: UnsafePointer<Scalar>, batch: Int,
                dInput: UnsafeMutablePointer<Scalar>? = nil) {
    precondition(lastMode == .training && lastBatch == batch, "backward needs a training forward pass on the same batch")
    let widest = ([inputShape] + outputShapes).map(\.elementCount).max()!
    gradientFlow.0.resize(batch * widest)
    gradientFlow.1.resize(batch * widest)
    var dy = UnsafePointer(dLogits)
    var useFirst = true
    for i in stride(from: kernels.count - 1, through: 0, by: -1) {
      let x = i == 0 ? input : UnsafePointer(activations[i - 1].pointer)
      let xShape = i == 0 ? inputShape : outputShapes[i - 1]
      let dx: UnsafeMutablePointer<Scalar>? = i == 0 ? dInput : (useFirst ? gradientFlow.0.pointer : gradientFlow.1.pointer)
      let p = UnsafePointer(parameterBuffer.pointer + parameterOffsets[i])
      let g = gradientBuffer.pointer + parameterOffsets[i]
      let n = batch * xShape.elementCount
      switch kernels[i] {
      case let .conv1D(layer): layer.backward(dInput: dx, dOutput: dy, batch: batch, parameters: p, gradients: g, threads: workerThreads)
      case let .maxPool1D(layer): if let dx { layer.backward(dInput: dx, dOutput: dy, batch: batch) }
      case .relu: if let dx { ReLULayer.backward(dInput: dx, dOutput: dy, input: x, count: n) }
      case let .dropout(layer): if let dx { layer.backward(dInput: dx, dOutput: dy, count: n, training: true) }
      case let .dense(layer): layer.backward(dInput: dx, dOutput: dy, input: x, batch: batch, parameters: p, gradients: g, threads: workerThreads)
      case .flatten: if let dx { FlattenLayer.backward(dInput: dx, dOutput: dy, count: n) }
      case let .batchNorm(layer): layer.backward(dInput: dx, dOutput: dy, rows: n / layer.channels, parameters: p, gradients: g)
      case let .lstm(layer): layer.backward(dInput: dx, dOutput: dy, batch: batch, parameters: p, gradients: g, threads: workerThreads)
      }
      if let dx { dy = UnsafePointer(dx) }
      useFirst.toggle()
    }
  }

  /// Forward, the loss (softmax into `probabilities`) and (in training mode) backward on one batch.
  /// Zeroes and fills the gradient buffer. Returns the summed loss and the number of correct arg-max predictions.
  func step(input: UnsafePointer<Scalar>, labels: UnsafePointer<Int>, batch: Int, mode: Mode,
            generator: inout SeededGenerator, backward doBackward: Bool, dInput: UnsafeMutablePointer<Scalar>? = nil,
            loss: LossKind = .softmaxCrossEntropy)
    -> (lossSum: Double, correct: Int)
  {
    let logits = forward(input, batch: batch, mode: mode, generator: &generator)
    probabilities.resize(batch * classCount)
    dLogits.resize(batch * classCount)
    var correct = 0
    // The loss is chosen by `TrainingConfiguration.loss` (Losses/LossKind.swift).
    let lossSum = loss.forward(probabilities: probabilities.pointer, logits: logits, labels: labels,
                               batch: batch, classes: classCount, correct: &correct)
    if doBackward {
      loss.backward(dLogits: dLogits.pointer, probabilities: probabilities.pointer, labels: labels,
                    batch: batch, classes: classCount)
      gradientBuffer.zero()
      backward(dLogits: dLogits.pointer, input: input, batch: batch, dInput: dInput)
    }
    return (lossSum, correct)
  }

  // MARK: - Array API (gradient checks, small experiments)

  /// The logits (B, K) for a batch of inputs.
  ///
  /// - Parameters:
  ///   - inputs: (B, T, C) or (B, F), row-major.
  ///   - mode: `.training` uses batch statistics and draws dropout masks from `generator`.
  /// - Precondition: `inputs.count` is a positive multiple of the values per example.
  public func logits(_ inputs: [Scalar], mode: Mode = .inference, generator: inout SeededGenerator) -> [Scalar] {
    let batch = batchSize(of: inputs)
    let k = classCount
    return withWorkerThreads {
      inputs.withUnsafeBufferPointer { x in
        let y = forward(x.baseAddress!, batch: batch, mode: mode, generator: &generator)
        return Array(UnsafeBufferPointer(start: y, count: batch * k))
      }
    }
  }

  /// The mean loss of a batch (softmax cross-entropy unless `loss` says otherwise),
  /// dL/dparameters (P) and dL/dinputs.
  ///
  /// Runs in training mode (dropout masks from `generator`, batch statistics) and updates
  /// batch normalisation's running statistics as a side effect.
  /// - Parameters:
  ///   - inputs: (B, T, C) or (B, F), row-major.
  ///   - labels: B integers in 0..<K.
  ///   - loss: the loss to differentiate. Default `.softmaxCrossEntropy`.
  /// - Returns: the loss, the gradients in the layout of `parameters`, and dL/dinputs in the layout of `inputs`.
  public func lossAndGradients(inputs: [Scalar], labels: [Int], generator: inout SeededGenerator,
                               loss: LossKind = .softmaxCrossEntropy)
    -> (loss: Scalar, gradients: [Scalar], inputGradients: [Scalar])
  {
    let batch = batchSize(of: inputs)
    precondition(labels.count == batch, "lossAndGradients: \(batch) examples but \(labels.count) labels")
    precondition(labels.allSatisfy { (0..<classCount).contains($0) }, "lossAndGradients: labels must be in 0..<\(classCount)")
    var dInputs = [Scalar](repeating: 0, count: inputs.count)
    let lossSum = withWorkerThreads { inputs.withUnsafeBufferPointer { x in
      labels.withUnsafeBufferPointer { y in
        dInputs.withUnsafeMutableBufferPointer { dx in
          step(input: x.baseAddress!, labels: y.baseAddress!, batch: batch, mode: .training, generator: &generator,
               backward: true, dInput: dx.baseAddress!, loss: loss).lossSum
        }
      }
    } }
    return (Scalar(lossSum / Double(batch)), gradients, dInputs)
  }

  private func batchSize(of inputs: [Scalar]) -> Int {
    let perExample = inputShape.elementCount
    precondition(!inputs.isEmpty && inputs.count % perExample == 0,
                 "inputs have \(inputs.count) values, not a positive multiple of \(perExample) = \(inputShape)")
    return inputs.count / perExample
  }
}
