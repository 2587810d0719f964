// Radix-2 fast Fourier transform, written for the 128-sample windows of UCI HAR.
//
// Decisions, in priority order:
// 1. Exact definition: X[k] = Σ_t x[t]·e^{−2πi·k·t/n}, no scaling (MATLAB's and NumPy's
//    `fft` convention). Tests compare it with a naive DFT.
// 2. No allocation per transform: a plan holds the twiddle factors and the bit-reversal
//    permutation for one size; the caller owns the work buffers.
// 3. Real input of length n is transformed as a complex signal of length n/2
//    (even samples as real part, odd as imaginary) and then untangled: half the work of
//    a complex transform of length n.
import Foundation

/// A precomputed radix-2 FFT of one size (a power of two ≥ 4).
public struct FFTPlan: Sendable {
  /// The transform length n.
  public let size: Int
  /// cos(2πk/n), sin(2πk/n) for k in 0..<n/2.
  let cosTable: [Double], sinTable: [Double]
  /// Bit reversal for the half-length complex transform, (n/2).
  let halfReverse: [Int]

  /// A plan for transforms of length `size`.
  /// - Precondition: `size` is a power of two ≥ 4.
  public init(size: Int) {
    precondition(size >= 4 && size & (size - 1) == 0, "FFT size must be a power of two ≥ 4, got \(size)")
    self.size = size
    cosTable = (0..<(size / 2)).map { cos(2 * Double.pi * Double($0) / Double(size)) }
    sinTable = (0..<(size / 2)).map { sin(2 * Double.pi * Double($0) / Double(size)) }
    let m = size / 2
    var bits = 0
    while (1 << bits) < m { bits += 1 }
    halfReverse = (0..<m).map { i in
      var r = 0
      for b in 0..<bits where i & (1 << b) != 0 { r |= 1 << (bits - 1 - b) }
      return r
    }
  }

  /// In-place complex FFT of length `re.count` (a power of two dividing `size`; the
  /// twiddles are taken from this plan's table with stride `size / re.count`).
  /// - Precondition: `re.count == im.count`, a power of two, and `size % re.count == 0`.
  public func complexTransform(re: inout [Double], im: inout [Double]) {
    precondition(re.count == im.count, "FFT: re has \(re.count) values, im \(im.count)")
    let n = re.count
    precondition(n >= 1 && n & (n - 1) == 0 && size % n == 0, "FFT: length \(n) does not fit a plan of size \(size)")
    var bits = 0
    while (1 << bits) < n { bits += 1 }
    let reverse = (0..<n).map { i in
      var r = 0
      for b in 0..<bits where i & (1 << b) != 0 { r |= 1 << (bits - 1 - b) }
      return r
    }
    re.withUnsafeMutableBufferPointer { r in
      im.withUnsafeMutableBufferPointer { i in
        reverse.withUnsafeBufferPointer { rev in complexKernel(r, i, reverse: rev, stride: size / n) }
      }
    }
  }

  /// Radix-2 decimation-in-time butterflies on bit-reversed data; the twiddle for
  /// length-L stage index j is e^{−2πi·j/L} = table[j·(size/L)].
  @inline(__always)
  func complexKernel(
    _ re: UnsafeMutableBufferPointer<Double>, _ im: UnsafeMutableBufferPointer<Double>,
    reverse: UnsafeBufferPointer<Int>, stride tableStride: Int
  ) {
    let n = re.count
    for i in 0..<n {
      let j = reverse[i]
      if j > i { re.swapAt(i, j); im.swapAt(i, j) }
    }
    cosTable.withUnsafeBufferPointer { ct in
      sinTable.withUnsafeBufferPointer { st in
        var half = 1
        while half < n {
          let step = (size / (2 * half))
          var start = 0
          while start < n {
            for j in 0..<half {
              let t = j * step
              let wr = ct[t], wi = -st[t]
              let p = start + j, q = p + half
              let xr = re[q] * wr - im[q] * wi
              let xi = re[q] * wi + im[q] * wr
              re[q] = re[p] - xr; im[q] = im[p] - xi
              re[p] += xr; im[p] += xi
            }
            start += 2 * half
          }
          half *= 2
        }
      }
    }
    _ = tableStride
  }

  /// The amplitude spectrum |X[k]| for k = 0…n/2 of a real signal of length n = `size`.
  /// - Parameter x: (size). Returns (size/2 + 1).
  public func amplitudeSpectrum(_ x: [Double]) -> [Double] {
    precondition(x.count == size, "FFT plan of size \(size) given \(x.count) samples")
    var out = [Double](repeating: 0, count: size / 2 + 1)
    var work = FFTWork(size: size)
    x.withUnsafeBufferPointer { src in
      out.withUnsafeMutableBufferPointer { dst in amplitudeSpectrum(src, into: dst, work: &work) }
    }
    return out
  }

  /// Allocation-free amplitude spectrum: `output[k] = |X[k]|`, k = 0…n/2.
  /// - Precondition: `input.count == size`, `output.count == size/2 + 1`, `work` made
  ///   for this size.
  public func amplitudeSpectrum(
    _ input: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>, work: inout FFTWork
  ) {
    precondition(input.count == size && output.count == size / 2 + 1 && work.re.count == size / 2,
                 "FFT: input \(input.count), output \(output.count), plan \(size)")
    let m = size / 2
    // Pack z[t] = x[2t] + i·x[2t+1] and take its length-m FFT Z.
    work.re.withUnsafeMutableBufferPointer { zr in
      work.im.withUnsafeMutableBufferPointer { zi in
        for t in 0..<m { zr[t] = input[2 * t]; zi[t] = input[2 * t + 1] }
        halfReverse.withUnsafeBufferPointer { rev in complexKernel(zr, zi, reverse: rev, stride: 2) }
        // Untangle: E[k] = (Z[k] + conj Z[m−k])/2, O[k] = (Z[k] − conj Z[m−k])/(2i),
        // X[k] = E[k] + e^{−2πik/n}·O[k] for k = 0…m (Z[m] := Z[0]).
        cosTable.withUnsafeBufferPointer { ct in
          sinTable.withUnsafeBufferPointer { st in
            for k in 0...m {
              let a = k == m ? 0 : k, b = k == 0 ? 0 : m - k
              let ar = zr[a], ai = zi[a], br = zr[b], bi = -zi[b]  // Z[k], conj Z[m−k]
              let er = 0.5 * (ar + br), ei = 0.5 * (ai + bi)
              // (Z − conj Z')/(2i) = ((ai − bi) − i(ar − br))/2
              let or = 0.5 * (ai - bi), oi = -0.5 * (ar - br)
              let wr: Double, wi: Double
              if k < m { wr = ct[k]; wi = -st[k] } else { wr = -1; wi = 0 }
              let xr = er + wr * or - wi * oi
              let xi = ei + wr * oi + wi * or
              output[k] = (xr * xr + xi * xi).squareRoot()
            }
          }
        }
      }
    }
  }
}

/// Scratch buffers for `FFTPlan.amplitudeSpectrum`: two arrays of size/2. Make one per
/// thread and reuse it.
public struct FFTWork {
  var re: [Double], im: [Double]
  public init(size: Int) {
    re = [Double](repeating: 0, count: size / 2)
    im = [Double](repeating: 0, count: size / 2)
  }
}

/// The naive O(n²) DFT, the reference the FFT is tested against: returns (re, im), (n).
public func naiveDFT(_ x: [Double]) -> (re: [Double], im: [Double]) {
  let n = x.count
  var re = [Double](repeating: 0, count: n), im = [Double](repeating: 0, count: n)
  for k in 0..<n {
    for t in 0..<n {
      let angle = -2 * Double.pi * Double((k * t) % n) / Double(n)
      re[k] += x[t] * cos(angle)
      im[k] += x[t] * sin(angle)
    }
  }
  return (re, im)
}
