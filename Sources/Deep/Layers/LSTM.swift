// Long short-term memory (Hochreiter & Schmidhuber 1997, with a forget gate, Gers et al.
// 2000), as Keras's `LSTM` with its defaults: tanh cell activation, sigmoid gates, zero
// initial state, unit forget bias.
//
// Gate order, fixed here and nowhere else: (i, f, g, o) = input, forget, cell candidate,
// output; gate k occupies columns [k·H, (k+1)·H) of every fused 4H-wide matrix:
//
//     gate   offset  activation
//     i      0·H     sigmoid
//     f      1·H     sigmoid
//     g      2·H     tanh
//     o      3·H     sigmoid
//
// Shapes: x (B, T, C); Wx (C, 4H); Wh (H, 4H); b (4H); output (B, T, H) when returning
// sequences, else (B, H), the last hidden state. Parameter layout: Wx, Wh, b.
//
//     z_t = x_t·Wx + h_{t−1}·Wh + b             (B, 4H)
//     i = σ(z_i)  f = σ(z_f)  g = tanh(z_g)  o = σ(z_o)
//     c_t = f ⊙ c_{t−1} + i ⊙ g,   h_t = o ⊙ tanh(c_t),   h_{−1} = c_{−1} = 0
//
// Speed: the input projection x_t·Wx for all T steps is one sgemm before the recurrence;
// each step is then one (B, H)·(H, 4H) sgemm plus the elementwise gate math (bias, the
// four activations in one 4H-wide loop, the cell update). Backward multiplies by Whᵀ and
// Wxᵀ through copies transposed once per batch, so no per-step sgemm is transposed.
// Caches are kept time-major, (T, B, ·), so that one step's block is contiguous and the
// weight gradients over all steps are again single sgemms. Rows of the batch never
// interact in the recurrence, so it runs on one block of rows per worker thread (see
// `forEachRowBlock`), which parallelises the gate math as well as the small sgemms; the
// large sgemms are split by `_parallelGemm` (Sequential+Threads.swift). Backpropagation
// through time is full (not truncated): backward walks t = T−1 … 0 carrying dh and dc.
import Dispatch
import LinearAlgebra

final class LSTMLayer<S: DeepScalar> {
  let timeSteps: Int, channels: Int, units: Int, returnSequences: Bool

  /// Cache: the input, time-major, (T, B, C).
  let inputTimeMajor = Buffer<S>()
  /// Cache: activated gates (i, f, g, o), (T, B, 4H). Holds z before activation during forward.
  let gates = Buffer<S>()
  /// Cache: cell states c_{t−1} for t = 0…T, (T+1, B, H); slot 0 is the zero initial state.
  let cells = Buffer<S>()
  /// Cache: hidden states, (T+1, B, H); slot 0 is the zero initial state.
  let hiddens = Buffer<S>()
  /// Cache: tanh(c_t), (T, B, H).
  let tanhCells = Buffer<S>()
  /// Workspaces for backward: dz (T, B, 4H), dh and dc of the current step (B, H), dx (T, B, C).
  let dGates = Buffer<S>(), dHidden = Buffer<S>(), dCell = Buffer<S>(), dInputTimeMajor = Buffer<S>()
  /// Workspaces for backward: Whᵀ (4H, H) and Wxᵀ (4H, C), transposed once per batch so that
  /// the products with them are plain (untransposed) sgemms; OpenBLAS's packing of a
  /// transposed operand (sgemm_itcopy) was 5 % of a cnn-lstm epoch when it ran every step.
  let recurrentKernelTransposed = Buffer<S>(), inputKernelTransposed = Buffer<S>()

  /// Constants: each gate column's activation as offset + scale·tanh(inputScale·x), rows
  /// (offset, scale, inputScale), (3, 4H): (½, ½, ½) for the sigmoid gates i, f, o, since
  /// σ(x) = ½ + ½·tanh(x/2), and (0, 1, 1) for g. One branch-free loop over all 4H columns
  /// then activates a row (it was four loops, two of them H long: loop overhead was half
  /// the gate time at H = 32).
  let gateShape = Buffer<S>()

  init(timeSteps: Int, channels: Int, units: Int, returnSequences: Bool) {
    self.timeSteps = timeSteps
    self.channels = channels
    self.units = units
    self.returnSequences = returnSequences
    let H = units
    gateShape.assign(
      [S](repeating: 0.5, count: 2 * H) + [S](repeating: 0, count: H) + [S](repeating: 0.5, count: H)    // offset
        + [S](repeating: 0.5, count: 2 * H) + [S](repeating: 1, count: H) + [S](repeating: 0.5, count: H)  // scale
        + [S](repeating: 0.5, count: 2 * H) + [S](repeating: 1, count: H) + [S](repeating: 0.5, count: H))  // inputScale
  }

  var parameterCount: Int { (channels + units + 1) * 4 * units }

  /// Keras's defaults: Glorot-uniform Wx (fan in C, fan out 4H), orthogonal Wh, bias 0
  /// except the forget gate's 1 (`unit_forget_bias=True`, Jozefowicz et al. 2015).
  func initialize(_ parameters: UnsafeMutablePointer<S>, generator: inout SeededGenerator) {
    let (C, H) = (channels, units)
    glorotUniform(parameters, count: C * 4 * H, fanIn: C, fanOut: 4 * H, generator: &generator)
    orthogonal(parameters + C * 4 * H, rows: H, columns: 4 * H, generator: &generator)
    let bias = parameters + (C + H) * 4 * H
    bias.update(repeating: 0, count: 4 * H)
    (bias + H).update(repeating: 1, count: H)
  }

  /// Forward over all T steps; the work is split over `threads` (Sequential+Threads.swift).
  func forward(output y: UnsafeMutablePointer<S>, input x: UnsafePointer<S>, batch B: Int, parameters: UnsafePointer<S>,
               threads: Int = 1) {
    let (T, C, H) = (timeSteps, channels, units)
    let G = 4 * H
    let wx = parameters, wh = parameters + C * G, bias = parameters + (C + H) * G
    inputTimeMajor.resize(T * B * C)
    gates.resize(T * B * G)
    cells.resize((T + 1) * B * H)
    hiddens.resize((T + 1) * B * H)
    tanhCells.resize(T * B * H)
    let xt = inputTimeMajor.pointer, z = gates.pointer
    let cs = cells.pointer, hs = hiddens.pointer

    // (B, T, C) → (T, B, C).
    for b in 0..<B { for t in 0..<T { (xt + (t * B + b) * C).update(from: x + (b * T + t) * C, count: C) } }
    // z = x·Wx for all steps at once: one (T·B, C)·(C, 4H) sgemm. The bias is added in the
    // gate pass of each step, where the row is in cache anyway: broadcasting it into z
    // first wrote (and the sgemm then re-read) T·B·4H values, 8 MB per batch at H = 128.
    S._parallelGemm(threads: threads, transposeA: false, transposeB: false, m: T * B, n: G, k: C, alpha: 1, a: xt, lda: C,
                    b: wx, ldb: G, beta: 0, c: z, ldc: G)
    cs.update(repeating: 0, count: B * H)
    hs.update(repeating: 0, count: B * H)

    forEachRowBlock(batch: B, threads: threads) { rows in
      self.forwardRecurrence(rows: rows, batch: B, recurrentKernel: wh, bias: bias)
    }

    if returnSequences {  // (T+1, B, H) slots 1…T → (B, T, H)
      for b in 0..<B { for t in 0..<T { (y + (b * T + t) * H).update(from: hs + ((t + 1) * B + b) * H, count: H) } }
    } else {
      y.update(from: hs + T * B * H, count: B * H)
    }
  }

  /// The recurrence for batch rows `rows` (rows never interact, so blocks of rows can run
  /// on different threads): per step, z_t[rows] += h_{t−1}[rows]·Wh, then the gate math
  /// (which adds the bias b (4H) before the activations).
  private func forwardRecurrence(rows: Range<Int>, batch B: Int, recurrentKernel wh: UnsafePointer<S>,
                                 bias: UnsafePointer<S>) {
    let (T, H) = (timeSteps, units)
    let G = 4 * H
    let z = gates.pointer, cs = cells.pointer, hs = hiddens.pointer, tcs = tanhCells.pointer
    let shape = gateShape.pointer
    let offset = shape, scale = shape + G, inputScale = shape + 2 * G
    for t in 0..<T {
      let zt = z + t * B * G
      let hPrev = hs + t * B * H, cPrev = cs + t * B * H
      let hNext = hs + (t + 1) * B * H, cNext = cs + (t + 1) * B * H, tc = tcs + t * B * H
      if t > 0 {  // h_{−1} = 0 contributes nothing
        S._gemm(transposeA: false, transposeB: false, m: rows.count, n: G, k: H, alpha: 1, a: hPrev + rows.lowerBound * H, lda: H,
                b: wh, ldb: G, beta: 1, c: zt + rows.lowerBound * G, ldc: G)
      }
      for b in rows {
        let zr = zt + b * G
        // All four gates in one loop over 4H: gate = offset + scale·tanh(inputScale·(z + b)),
        // σ(x) = ½ + ½·tanh(x/2) for i, f, o and tanh(x) = 0 + 1·tanh(1·x) for g (see `gateShape`).
        for j in 0..<G { zr[j] = offset[j] + scale[j] * S._tanh(inputScale[j] * (zr[j] + bias[j])) }
        // One output array per loop: with a single store stream LLVM vectorises each loop.
        let cp = cPrev + b * H, cn = cNext + b * H, hn = hNext + b * H, tr = tc + b * H
        for j in 0..<H { cn[j] = zr[H + j] * cp[j] + zr[j] * zr[2 * H + j] }   // c = f·c₋₁ + i·g
        for j in 0..<H { tr[j] = S._tanh(cn[j]) }
        for j in 0..<H { hn[j] = zr[3 * H + j] * tr[j] }                       // h = o·tanh(c)
      }
    }
  }

  /// Backpropagation through time for batch rows `rows`, t = T−1 … 0: writes dz_t[rows]
  /// and carries dh[rows], dc[rows].
  private func backwardRecurrence(rows: Range<Int>, batch B: Int, dOutput dy: UnsafePointer<S>,
                                  recurrentKernelTransposed whT: UnsafePointer<S>) {
    let (T, H) = (timeSteps, units)
    let G = 4 * H
    let dz = dGates.pointer, dh = dHidden.pointer, dc = dCell.pointer
    let z = gates.pointer, cs = cells.pointer, tcs = tanhCells.pointer
    for t in stride(from: T - 1, through: 0, by: -1) {
      // dh holds dL/dh_t from step t+1 (through Wh); add the output's own gradient.
      if returnSequences {
        for b in rows {
          let g = dy + (b * T + t) * H, d = dh + b * H
          for j in 0..<H { d[j] += g[j] }
        }
      } else if t == T - 1 {
        for i in (rows.lowerBound * H)..<(rows.upperBound * H) { dh[i] += dy[i] }
      }
      let zt = z + t * B * G, dzt = dz + t * B * G
      let cPrev = cs + t * B * H, tc = tcs + t * B * H
      for b in rows {
        let gr = zt + b * G, dr = dzt + b * G
        let cp = cPrev + b * H, tr = tc + b * H, dhr = dh + b * H, dcr = dc + b * H
        let i = gr, f = gr + H, g = gr + 2 * H, o = gr + 3 * H
        // dc = dc_next + dh·o·(1 − tanh²c); then each gate's pre-activation gradient, one
        // store stream per loop so that each loop vectorises.
        for j in 0..<H { dcr[j] += dhr[j] * o[j] * (1 - tr[j] * tr[j]) }
        for j in 0..<H { dr[j] = dcr[j] * g[j] * i[j] * (1 - i[j]) }               // dz_i
        for j in 0..<H { dr[H + j] = dcr[j] * cp[j] * f[j] * (1 - f[j]) }         // dz_f
        for j in 0..<H { dr[2 * H + j] = dcr[j] * i[j] * (1 - g[j] * g[j]) }      // dz_g
        for j in 0..<H { dr[3 * H + j] = dhr[j] * tr[j] * o[j] * (1 - o[j]) }     // dz_o
        for j in 0..<H { dcr[j] *= f[j] }                                         // dL/dc_{t−1}
      }
      if t > 0 {  // dL/dh_{t−1} = dz_t · Whᵀ
        S._gemm(transposeA: false, transposeB: false, m: rows.count, n: H, k: G, alpha: 1, a: dzt + rows.lowerBound * G, lda: G,
                b: whT, ldb: H, beta: 0, c: dh + rows.lowerBound * H, ldc: H)
      }
    }
  }

  /// Runs `body` on blocks of batch rows, one block per thread (at most one per 16 rows),
  /// concurrently. The steps of the recurrence are small sgemms (B·H·4H) that OpenBLAS
  /// parallelises poorly, and the gate math between them is single-threaded; rows of the
  /// batch never interact, so splitting the batch parallelises both. OpenBLAS runs one
  /// thread throughout (Sequential+Threads.swift). The split depends only on B and the
  /// thread count, so results repeat for a fixed thread count.
  private func forEachRowBlock(batch B: Int, threads: Int, _ body: (Range<Int>) -> Void) {
    let blocks = max(1, min(threads, B / 16))
    if blocks == 1 {
      body(0..<B)
      return
    }
    withoutActuallyEscaping(body) { body in
      // Each block writes only its own rows of the caches and workspaces: no data race.
      nonisolated(unsafe) let body = body
      DispatchQueue.concurrentPerform(iterations: blocks) { k in
        body((k * B / blocks)..<((k + 1) * B / blocks))
      }
    }
  }

  /// Full BPTT. Adds dWx, dWh, db into `gradients`; writes dx (B, T, C) when asked.
  /// `dOutput` is (B, T, H) when returning sequences, else (B, H).
  func backward(dInput dx: UnsafeMutablePointer<S>?, dOutput dy: UnsafePointer<S>, batch B: Int,
                parameters: UnsafePointer<S>, gradients: UnsafeMutablePointer<S>, threads: Int = 1) {
    let (T, C, H) = (timeSteps, channels, units)
    let G = 4 * H
    let wx = parameters, wh = parameters + C * G
    dGates.resize(T * B * G)
    dHidden.resize(B * H)
    dCell.resize(B * H)
    let dz = dGates.pointer
    dHidden.zero()
    dCell.zero()
    recurrentKernelTransposed.resize(G * H)
    transpose(wh, rows: H, columns: G, into: recurrentKernelTransposed.pointer)
    let whT = UnsafePointer(recurrentKernelTransposed.pointer)

    forEachRowBlock(batch: B, threads: threads) { rows in
      self.backwardRecurrence(rows: rows, batch: B, dOutput: dy, recurrentKernelTransposed: whT)
    }

    // Weight gradients over all steps, one sgemm each: dWx += xᵀ·dz, dWh += h_{t−1}ᵀ·dz.
    S._parallelGemm(threads: threads, transposeA: true, transposeB: false, m: C, n: G, k: T * B, alpha: 1,
                    a: inputTimeMajor.pointer, lda: C, b: dz, ldb: G, beta: 1, c: gradients, ldc: G)
    S._parallelGemm(threads: threads, transposeA: true, transposeB: false, m: H, n: G, k: T * B, alpha: 1,
                    a: hiddens.pointer, lda: H, b: dz, ldb: G, beta: 1, c: gradients + C * G, ldc: G)
    addColumnSums(dz, rows: T * B, columns: G, into: gradients + (C + H) * G)

    guard let dx else { return }
    dInputTimeMajor.resize(T * B * C)
    let dxt = dInputTimeMajor.pointer
    inputKernelTransposed.resize(G * C)
    transpose(wx, rows: C, columns: G, into: inputKernelTransposed.pointer)
    S._parallelGemm(threads: threads, transposeA: false, transposeB: false, m: T * B, n: C, k: G, alpha: 1, a: dz, lda: G,
                    b: inputKernelTransposed.pointer, ldb: C, beta: 0, c: dxt, ldc: C)
    for b in 0..<B { for t in 0..<T { (dx + (b * T + t) * C).update(from: dxt + (t * B + b) * C, count: C) } }
  }
}
