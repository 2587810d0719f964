// The frequency-only statistics of UCI HAR: maxInds(), meanFreq(), bandsEnergy().
// They take the one-sided amplitude spectrum |X[k]| for bins k = 1…n (DC dropped; for a
// 128-sample window n = 64 and bin 64 is the Nyquist frequency). Element i of the
// buffer is bin i + 1, which is `i + 1` × (fs / 128) Hz.

/// Statistics of an amplitude spectrum given as bins 1…n (see file header).
public enum Spectral {
  /// maxInds(): the 1-based bin of the largest amplitude (the first one on ties).
  /// Multiply by fs/128 for Hz. `spectrum`: (n), bins 1…n.
  public static func maxIndex(_ spectrum: [Double]) -> Int { spectrum.withUnsafeBufferPointer { maxIndex($0) } }
  /// meanFreq(): Σ k·|X_k| / Σ |X_k| over k = 1…n, in bins (0 for an all-zero spectrum).
  public static func meanFrequency(_ spectrum: [Double]) -> Double { spectrum.withUnsafeBufferPointer { meanFrequency($0) } }
  /// bandsEnergy(): Σ_{k=first}^{last} |X_k|² / (last − first + 1), bins 1-based inclusive.
  public static func bandEnergy(_ spectrum: [Double], firstBin: Int, lastBin: Int) -> Double {
    spectrum.withUnsafeBufferPointer { bandEnergy($0, firstBin: firstBin, lastBin: lastBin) }
  }

  public static func maxIndex(_ s: UnsafeBufferPointer<Double>) -> Int {
    var best = 0
    for i in 1..<s.count where s[i] > s[best] { best = i }
    return best + 1
  }

  public static func meanFrequency(_ s: UnsafeBufferPointer<Double>) -> Double {
    var weighted = 0.0, total = 0.0
    for i in 0..<s.count { weighted += Double(i + 1) * s[i]; total += s[i] }
    return total > 0 ? weighted / total : 0
  }

  /// - Precondition: 1 ≤ firstBin ≤ lastBin ≤ s.count.
  public static func bandEnergy(_ s: UnsafeBufferPointer<Double>, firstBin: Int, lastBin: Int) -> Double {
    precondition(firstBin >= 1 && firstBin <= lastBin && lastBin <= s.count, "band \(firstBin)…\(lastBin) outside 1…\(s.count)")
    var e = 0.0
    for k in firstBin...lastBin { let v = s[k - 1]; e += v * v }
    return e / Double(lastBin - firstBin + 1)
  }
}
