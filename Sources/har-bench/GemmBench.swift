// The matrix-product rate of this machine's OpenBLAS, one thread: what the sgemms of a
// training epoch can reach at best. With `matrixProductFlopsPerExample` it bounds an epoch
// from below: an epoch of F flops cannot take less than F / rate on one core, whatever
// the rest of the code does (docs/deep.md, "Against PyTorch").
//
// Shapes: a large square product (the kernel's best case, little packing per flop) and
// the products the presets repeat most, C (m, n) += A (m, k) · B (k, n), row-major:
//   - one LSTM step, h_{t−1}·Wh: (B, H)·(H, 4H), for the presets' (B, H);
//   - the im2col product of cnn-lstm's second convolution, (B·61, 3·64)·(3·64, 64).
// Each result is checked, on 256 random entries, against the dot product written out.
import Foundation
import LinearAlgebra

/// One sgemm shape to time: C (m, n) += A (m, k) · B (k, n).
struct GemmShape {
  let label: String
  let m: Int, n: Int, k: Int
  var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
}

let benchmarkGemmShapes = [
  GemmShape(label: "square 512", m: 512, n: 512, k: 512),
  GemmShape(label: "LSTM step B 64, H 32 (lstm, lstm2)", m: 64, n: 128, k: 32),
  GemmShape(label: "LSTM step B 64, H 30 (lstm-bn, lstm-nobn)", m: 64, n: 120, k: 30),
  GemmShape(label: "LSTM step B 64, H 128 (cnn-lstm)", m: 64, n: 512, k: 128),
  GemmShape(label: "LSTM step B 32, H 128 (cnn-lstm-deep)", m: 32, n: 512, k: 128),
  GemmShape(label: "LSTM step B 32, H 100 (cnn-lstm-wide)", m: 32, n: 400, k: 100),
  GemmShape(label: "im2col, cnn-lstm conv 2", m: 64 * 61, n: 64, k: 192),
]

/// GFLOP/s of each shape on one thread: the median and the best of `runs` timings, each of
/// as many products as fill about 0.2 s.
func runGemmBenchmarks(runs: Int) throws -> [String] {
  var lines = ["sgemm, 1 thread, C += A·B row-major, GFLOP/s (2 per multiply-add), median and best of \(runs) runs"]
  for shape in benchmarkGemmShapes {
    let rate = try sgemmRate(shape, runs: runs)
    lines.append(String(format: "%@  (%d, %d)·(%d, %d)  median %6.1f GFLOP/s, best %6.1f", shape.label.padding(toLength: 44, withPad: " ", startingAt: 0),
                        shape.m, shape.k, shape.k, shape.n, rate.median, rate.best))
  }
  return lines
}

/// GFLOP/s of `shape` on one thread (OpenBLAS set to one thread for the call), checked
/// against the written-out dot product first: the median and the best of `runs` timings of about 0.2 s each.
func sgemmRate(_ shape: GemmShape, runs: Int) throws -> (median: Double, best: Double) {
  let threads = BLASThreads.count
  BLASThreads.set(1)
  defer { BLASThreads.set(threads) }
  var generator = SeededGenerator(seed: 3)
  let a = Matrix<Float>(rows: shape.m, columns: shape.k,
                        elements: (0..<(shape.m * shape.k)).map { _ in Float.random(in: -1...1, using: &generator) })
  let b = Matrix<Float>(rows: shape.k, columns: shape.n,
                        elements: (0..<(shape.k * shape.n)).map { _ in Float.random(in: -1...1, using: &generator) })
  var c = Matrix<Float>(rows: shape.m, columns: shape.n)
  // Checked first, a wrong product would make any rate meaningless: 256 entries drawn at
  // random against the dot product written out in Double (the whole naive product of the
  // square case would take longer than the benchmark).
  gemm(a, b, beta: 0, into: &c)
  for _ in 0..<256 {
    let i = Int.random(in: 0..<shape.m, using: &generator), j = Int.random(in: 0..<shape.n, using: &generator)
    var expected = 0.0
    for p in 0..<shape.k { expected += Double(a.elements[i * shape.k + p]) * Double(b.elements[p * shape.n + j]) }
    let got = Double(c.elements[i * shape.n + j])
    guard abs(got - expected) <= 1e-4 * Double(shape.k) else {
      throw BenchFailure("sgemm \(shape.label): C[\(i), \(j)] = \(got), the dot product written out gives \(expected)")
    }
  }
  let repetitions = max(1, Int(0.2 * 50e9 / shape.flops))  // about 0.2 s at 50 GFLOP/s
  let times = measure(runs: runs) {
    for _ in 0..<repetitions { gemm(a, b, beta: 1, into: &c) }
  }
  blackHole(c)
  let flops = shape.flops * Double(repetitions)
  return (flops / median(times) / 1e9, flops / times.min()! / 1e9)
}
