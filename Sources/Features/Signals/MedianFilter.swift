// Median filter of kernel 3, the first noise-filtering step of UCI HAR
// (`features_info.txt`: "filtered using a median filter").
//
// Edge rule: the signal is extended by repeating its end samples, so
// y[0] = median(x[0], x[0], x[1]) = x[0] and y[n−1] = x[n−1]: the ends pass through
// unchanged. MATLAB's `medfilt1(x, 3)` pads with zeros instead; that would put a
// spurious value at the first and last sample of every recording (only the first and
// last sample differ between the two rules). A NaN in the kernel gives NaN.

/// Median filter with a kernel of 3 samples.
public enum MedianFilter {
  /// Filters `x`: `y[i] = median(x[i−1], x[i], x[i+1])`, ends repeated (see file header).
  /// - Parameter x: (samples).
  /// - Returns: (samples), the same count as `x`.
  public static func apply3(_ x: [Double]) -> [Double] {
    var y = [Double](repeating: 0, count: x.count)
    x.withUnsafeBufferPointer { src in
      y.withUnsafeMutableBufferPointer { dst in apply3(src, into: dst) }
    }
    return y
  }

  /// In-place-safe kernel: `output` may not alias `input`.
  /// - Precondition: `output.count == input.count`.
  public static func apply3(_ input: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>) {
    precondition(output.count == input.count, "median filter: output has \(output.count) samples, input \(input.count)")
    let n = input.count
    if n == 0 { return }
    if n < 3 {
      for i in 0..<n { output[i] = input[i] }
      return
    }
    output[0] = input[0]
    output[n - 1] = input[n - 1]
    var a = input[0], b = input[1]
    for i in 1..<(n - 1) {
      let c = input[i + 1]
      output[i] = median3(a, b, c)
      a = b; b = c
    }
  }

  @inline(__always) static func median3(_ a: Double, _ b: Double, _ c: Double) -> Double {
    // max(min(a, b), min(max(a, b), c)) is the median of three finite values. A NaN
    // must not be hidden by the comparisons: it is passed on, so that the pipeline can
    // report the window that holds it.
    if a.isNaN || b.isNaN || c.isNaN { return .nan }
    return Swift.max(Swift.min(a, b), Swift.min(Swift.max(a, b), c))
  }
}
