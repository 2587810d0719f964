// The statistics behind the 561 UCI HAR features (`features_info.txt`), one function per
// family. Every function has an array form (for users and tests) and an allocation-free
// pointer form (for the extractor's hot path); the array form calls the pointer form,
// so the tests exercise the code that produces the features.
//
// Choices where `features_info.txt` is silent (the table in docs/features.md repeats
// them with their reasons):
// - std: the unbiased estimator (divide by n − 1), MATLAB's `std` default.
// - mad: MEDIAN absolute deviation from the median, as its name says in features_info
//   (MATLAB's `mad(x)` would be the mean absolute deviation; `mad(x, 1)` is this one).
// - iqr: MATLAB's `iqr`/`prctile` rule: sorted x, the p-quantile sits at 1-based
//   position n·p + 0.5 with linear interpolation, clamped to the ends.
// - energy: Σx² / n.
// - entropy: Shannon entropy −Σ pᵢ ln pᵢ of the normalised signal pᵢ = |xᵢ| / Σ|xⱼ|
//   (Anguita et al. 2012 give cᵢ = sᵢ / Σ sⱼ; the absolute value makes it defined for
//   signed signals and changes nothing for spectra). An all-zero signal has entropy 0.
// - skewness, kurtosis: biased moment ratios m3/m2^1.5 and m4/m2² (MATLAB's defaults;
//   kurtosis is not reduced by 3). A signal with no spread has 0 for both.
// - correlation: Pearson's r; 0 when either signal has no spread.
// - angle: arccos of the cosine similarity, in radians [0, π]; π/2 when either vector
//   is zero.
import Foundation

/// Statistics of one signal (a window of samples, or a spectrum).
public enum Statistics {
  // MARK: - Array forms

  /// Arithmetic mean. `x`: (n), n ≥ 1.
  public static func mean(_ x: [Double]) -> Double { x.withUnsafeBufferPointer { mean($0) } }
  /// Standard deviation with the n − 1 denominator (0 for n < 2).
  public static func standardDeviation(_ x: [Double]) -> Double { x.withUnsafeBufferPointer { standardDeviation($0) } }
  /// Median absolute deviation: median(|x − median(x)|).
  public static func medianAbsoluteDeviation(_ x: [Double]) -> Double {
    withSorted(x) { medianAbsoluteDeviation(sorted: $0) }
  }
  /// Interquartile range Q3 − Q1 with MATLAB's quantile rule (see file header).
  public static func interquartileRange(_ x: [Double]) -> Double { withSorted(x) { interquartileRange(sorted: $0) } }
  /// The p-quantile (0 ≤ p ≤ 1) with MATLAB's rule.
  public static func quantile(_ x: [Double], _ p: Double) -> Double { withSorted(x) { quantile(sorted: $0, p) } }
  /// Median.
  public static func median(_ x: [Double]) -> Double { withSorted(x) { median(sorted: $0) } }
  /// Σx² / n.
  public static func energy(_ x: [Double]) -> Double { x.withUnsafeBufferPointer { energy($0) } }
  /// −Σ pᵢ ln pᵢ with pᵢ = |xᵢ| / Σ|xⱼ| (0 for an all-zero signal).
  public static func entropy(_ x: [Double]) -> Double { x.withUnsafeBufferPointer { entropy($0) } }
  /// Biased sample skewness m3 / m2^1.5 (0 when m2 = 0).
  public static func skewness(_ x: [Double]) -> Double { x.withUnsafeBufferPointer { moments($0).skewness } }
  /// Biased sample kurtosis m4 / m2² (not excess; 0 when m2 = 0).
  public static func kurtosis(_ x: [Double]) -> Double { x.withUnsafeBufferPointer { moments($0).kurtosis } }
  /// Pearson correlation of two equally long signals (0 when either is constant).
  public static func correlation(_ x: [Double], _ y: [Double]) -> Double {
    precondition(x.count == y.count, "correlation: \(x.count) vs \(y.count) samples")
    return x.withUnsafeBufferPointer { a in y.withUnsafeBufferPointer { b in correlation(a, b) } }
  }
  /// The angle between two vectors in radians, [0, π]; π/2 if either is zero.
  public static func angle(_ u: SIMD3<Double>, _ v: SIMD3<Double>) -> Double {
    let nu = (u * u).sum().squareRoot(), nv = (v * v).sum().squareRoot()
    if nu == 0 || nv == 0 { return Double.pi / 2 }
    return acos(Swift.min(1, Swift.max(-1, (u * v).sum() / (nu * nv))))
  }

  // MARK: - Pointer forms (no allocation)

  @inlinable public static func mean(_ x: UnsafeBufferPointer<Double>) -> Double {
    var s = 0.0
    for v in x { s += v }
    return s / Double(x.count)
  }

  public static func standardDeviation(_ x: UnsafeBufferPointer<Double>) -> Double {
    let n = x.count
    if n < 2 { return 0 }
    let m = mean(x)
    // Corrected two-pass formula (Chan, Golub & LeVeque 1983): the Σd term removes the
    // rounding error of the mean. A constant signal gives exactly 0.
    var squares = 0.0, sum = 0.0
    var constant = true
    let first = x[0]
    for v in x {
      let d = v - m
      squares += d * d; sum += d
      constant = constant && v == first
    }
    if constant { return 0 }
    return Swift.max(0, (squares - sum * sum / Double(n)) / Double(n - 1)).squareRoot()
  }

  @inlinable public static func energy(_ x: UnsafeBufferPointer<Double>) -> Double {
    var s = 0.0
    for v in x { s += v * v }
    return s / Double(x.count)
  }

  public static func entropy(_ x: UnsafeBufferPointer<Double>) -> Double {
    // −Σ pᵢ ln pᵢ = ln S − (1/S) Σ aᵢ ln aᵢ with aᵢ = |xᵢ|, S = Σ aᵢ (terms with aᵢ = 0 are 0).
    var total = 0.0, weighted = 0.0
    for v in x {
      let a = Swift.abs(v)
      if a > 0 { total += a; weighted += a * log(a) }
    }
    if total == 0 || !total.isFinite { return total == 0 ? 0 : .nan }
    return Swift.max(0, log(total) - weighted / total)
  }

  public static func correlation(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>) -> Double {
    let n = x.count
    let mx = mean(x), my = mean(y)
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for i in 0..<n {
      let dx = x[i] - mx, dy = y[i] - my
      sxy += dx * dy; sxx += dx * dx; syy += dy * dy
    }
    if sxx <= 0 || syy <= 0 { return 0 }
    return Swift.min(1, Swift.max(-1, sxy / (sxx * syy).squareRoot()))
  }

  /// Pearson's r of the pairs (x, y), (x, z), (y, z) in one pass, given the three
  /// means; each equals `correlation(_:_:)` of the pair exactly (same sums, same order).
  /// `x`, `y`, `z`: (n); `means`: their `mean(_:)`.
  public static func correlations(
    _ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>, _ z: UnsafeBufferPointer<Double>,
    means: SIMD3<Double>
  ) -> SIMD3<Double> {
    let n = x.count
    precondition(y.count == n && z.count == n, "correlations: \(n), \(y.count), \(z.count) samples")
    var sxx = 0.0, syy = 0.0, szz = 0.0, sxy = 0.0, sxz = 0.0, syz = 0.0
    for i in 0..<n {
      let dx = x[i] - means.x, dy = y[i] - means.y, dz = z[i] - means.z
      sxx += dx * dx; syy += dy * dy; szz += dz * dz
      sxy += dx * dy; sxz += dx * dz; syz += dy * dz
    }
    @inline(__always) func r(_ sab: Double, _ saa: Double, _ sbb: Double) -> Double {
      if saa <= 0 || sbb <= 0 { return 0 }
      return Swift.min(1, Swift.max(-1, sab / (saa * sbb).squareRoot()))
    }
    return SIMD3(r(sxy, sxx, syy), r(sxz, sxx, szz), r(syz, syy, szz))
  }

  /// Skewness and kurtosis from central moments (biased). A signal whose spread is at
  /// the level of rounding (m2 ≤ (1e-13·max|x|)²) counts as constant: both are 0.
  public static func moments(_ x: UnsafeBufferPointer<Double>) -> (skewness: Double, kurtosis: Double) {
    moments(x, mean: mean(x))
  }

  /// `moments(_:)` given `mean(x)` (the extractor has it already).
  public static func moments(_ x: UnsafeBufferPointer<Double>, mean m: Double) -> (skewness: Double, kurtosis: Double) {
    let n = Double(x.count)
    var m2 = 0.0, m3 = 0.0, m4 = 0.0, largest = 0.0
    for v in x {
      let d = v - m, d2 = d * d
      m2 += d2; m3 += d2 * d; m4 += d2 * d2
      largest = Swift.max(largest, Swift.abs(v))
    }
    m2 /= n; m3 /= n; m4 /= n
    let floor = 1e-13 * largest
    if m2 <= floor * floor { return (0, 0) }
    return (m3 / (m2 * m2.squareRoot()), m4 / (m2 * m2))
  }

  /// Median of sorted values.
  @inlinable public static func median(sorted x: UnsafeBufferPointer<Double>) -> Double {
    let n = x.count
    return n % 2 == 1 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2])
  }

  /// MATLAB's p-quantile of sorted values: position n·p + 0.5 (1-based), linear
  /// interpolation, clamped to the first and last value.
  public static func quantile(sorted x: UnsafeBufferPointer<Double>, _ p: Double) -> Double {
    let n = x.count
    let position = Double(n) * p + 0.5  // 1-based
    if position <= 1 { return x[0] }
    if position >= Double(n) { return x[n - 1] }
    let lower = Int(position.rounded(.down))
    let fraction = position - Double(lower)
    return x[lower - 1] + fraction * (x[lower] - x[lower - 1])
  }

  public static func interquartileRange(sorted x: UnsafeBufferPointer<Double>) -> Double {
    quantile(sorted: x, 0.75) - quantile(sorted: x, 0.25)
  }

  /// median(|x − median(x)|) from sorted values in O(n): the deviations below and above
  /// the median are two sorted runs, merged only as far as the middle.
  public static func medianAbsoluteDeviation(sorted x: UnsafeBufferPointer<Double>) -> Double {
    let n = x.count
    let m = median(sorted: x)
    // Deviations of x[..<split] read downward, and of x[split...] read upward, ascend.
    var split = n / 2
    while split > 0 && x[split - 1] >= m { split -= 1 }
    while split < n && x[split] < m { split += 1 }
    var lo = split - 1, hi = split
    let target = (n - 1) / 2  // 0-based rank of the (lower) middle deviation
    var rank = 0
    var previous = 0.0
    while true {
      let d: Double
      if hi >= n || (lo >= 0 && m - x[lo] <= x[hi] - m) { d = m - x[lo]; lo -= 1 } else { d = x[hi] - m; hi += 1 }
      if rank == target {
        if n % 2 == 1 { return d }
        previous = d
      } else if rank == target + 1 {
        return 0.5 * (previous + d)
      }
      rank += 1
    }
  }

  /// Sorts finite values in place (branch-free quicksort, insertion sort below 16
  /// elements; no allocation).
  public static func sortInPlace(_ x: UnsafeMutableBufferPointer<Double>) {
    guard let base = x.baseAddress, x.count > 1 else { return }
    quicksort(base, 0, x.count - 1)
  }

  /// Quicksort with a branch-free Lomuto partition (the comparison result is added to
  /// an index instead of steering a branch: random data mispredicts half the branches
  /// of a classic partition) and insertion sort below 16 elements. Values must be finite.
  static func quicksort(_ a: UnsafeMutablePointer<Double>, _ low: Int, _ high: Int) {
    var low = low, high = high
    while high - low > 16 {
      // Median of three, moved to the front as the pivot.
      let mid = low + (high - low) / 2
      if a[mid] < a[low] { swap(a, mid, low) }
      if a[high] < a[low] { swap(a, high, low) }
      if a[high] < a[mid] { swap(a, high, mid) }
      swap(a, low, mid)
      let pivot = a[low]
      // [low+1, first) < pivot ≤ [first, j). The sign bit of x − pivot is x < pivot
      // for finite values (x = pivot gives +0).
      var first = low + 1
      for j in (low + 1)...high {
        let x = a[j]
        a[j] = a[first]
        a[first] = x
        first &+= Int(truncatingIfNeeded: (x - pivot).bitPattern >> 63)
      }
      let p = first - 1
      swap(a, low, p)
      var right = p + 1
      if p == low {
        // Nothing below the pivot: gather the values equal to it, so that runs of equal
        // values (a constant signal) cannot make the sort quadratic.
        var f = low + 1
        for j in (low + 1)...high {
          let x = a[j]
          a[j] = a[f]
          a[f] = x
          f &+= 1 &- Int(truncatingIfNeeded: (pivot - x).bitPattern >> 63)
        }
        right = f
      }
      // Recurse into the smaller side, loop on the larger (bounded stack).
      if p - low < high - right {
        if low < p - 1 { quicksort(a, low, p - 1) }
        low = right
      } else {
        if right < high { quicksort(a, right, high) }
        high = p - 1
      }
    }
    // Insertion sort for the short remainder.
    if low < high {
      for i in (low + 1)...high {
        let v = a[i]
        var j = i - 1
        while j >= low && a[j] > v { a[j + 1] = a[j]; j -= 1 }
        a[j + 1] = v
      }
    }
  }

  @inline(__always) static func swap(_ a: UnsafeMutablePointer<Double>, _ i: Int, _ j: Int) {
    let t = a[i]; a[i] = a[j]; a[j] = t
  }

  static func withSorted<R>(_ x: [Double], _ body: (UnsafeBufferPointer<Double>) -> R) -> R {
    precondition(!x.isEmpty, "statistic of an empty signal")
    var copy = x
    return copy.withUnsafeMutableBufferPointer { p in
      sortInPlace(p)
      return body(UnsafeBufferPointer(p))
    }
  }
}
