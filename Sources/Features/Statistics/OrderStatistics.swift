// Order statistics by selection: min, max, median, the MATLAB quartiles (iqr) and the
// median absolute deviation of a signal without sorting it.
//
// Decisions, in priority order:
// 1. Same values as the sort-based definitions in Statistics.swift. Selection returns
//    the very elements a sort would put at the requested ranks, and the quantile, median
//    and mad formulas are applied to them with the same arithmetic, so the results are
//    bit-identical (the tests compare both ways on random data with ties).
// 2. Speed (issue 3: sorting was ~27 % of the feature extraction). A window needs only 6
//    ranks of its 128 (or 64) values, plus 2 ranks of the deviations for mad: a
//    multi-rank quickselect (Hoare's FIND, 1961, recursing only into the parts that hold a
//    wanted rank) does ~3n element steps instead of a sort's ~n·log₂n, and min/max are
//    one linear scan.
// 3. Branch-free partitioning. Random data mispredicts half the branches of a classic
//    partition; instead each element is written to both ends of the other buffer and
//    the comparison only advances one of two indices (out of place, ping-pong between
//    two buffers, so no load waits on the previous iteration's store).
// Values must not be NaN (the pipeline rejects non-finite windows before extraction).

extension Statistics {
  /// The order statistics of one signal that the UCI HAR features use (see `orderSummary`).
  public struct OrderSummary: Sendable, Equatable {
    /// The smallest and largest value.
    public var minimum: Double, maximum: Double
    /// The median (mean of the two middle values for an even count).
    public var median: Double
    /// MATLAB's 0.25- and 0.75-quantiles (`quantile(sorted:_:)`).
    public var lowerQuartile: Double, upperQuartile: Double
    /// median(|x − median(x)|).
    public var medianAbsoluteDeviation: Double
    /// Q3 − Q1 (the iqr() feature).
    public var interquartileRange: Double { upperQuartile - lowerQuartile }
  }

  /// Min, max, median, MATLAB quartiles and median absolute deviation of `x`, by
  /// selection; the same values as `median(_:)`, `quantile(_:_:)` and
  /// `medianAbsoluteDeviation(_:)`. `x`: (n), n ≥ 1, no NaN.
  public static func orderSummary(_ x: [Double]) -> OrderSummary {
    precondition(!x.isEmpty, "statistic of an empty signal")
    let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: 3 * x.count)
    defer { scratch.deallocate() }
    return x.withUnsafeBufferPointer { orderSummary($0, scratch: scratch) }
  }

  /// The values that sorting `x` would put at `ranks` (0-based, any order, repeats
  /// allowed), by selection. `x`: (n), no NaN; returns (ranks.count).
  public static func orderStatistics(_ x: [Double], ranks: [Int]) -> [Double] {
    precondition(ranks.allSatisfy { x.indices.contains($0) }, "ranks \(ranks) outside 0..<\(x.count)")
    let order = ranks.indices.sorted { ranks[$0] < ranks[$1] }
    let sortedRanks = order.map { ranks[$0] }
    var values = x, other = x, found = [Double](repeating: 0, count: ranks.count)
    values.withUnsafeMutableBufferPointer { v in
      other.withUnsafeMutableBufferPointer { o in
        sortedRanks.withUnsafeBufferPointer { r in
          found.withUnsafeMutableBufferPointer { f in select(v.baseAddress!, o.baseAddress!, 0, x.count, r.baseAddress!, r.count, f.baseAddress!) }
        }
      }
    }
    var out = [Double](repeating: 0, count: ranks.count)
    for (k, i) in order.enumerated() { out[i] = found[k] }
    return out
  }

  /// Allocation-free `orderSummary`. `scratch`: at least 3·n values (clobbered).
  public static func orderSummary(_ x: UnsafeBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> OrderSummary {
    let n = x.count
    precondition(n >= 1 && scratch.count >= 3 * n, "orderSummary: \(n) values, scratch \(scratch.count) < \(3 * n)")
    let a = scratch.baseAddress!, b = a + n, deviations = b + n
    var minimum = x[0], maximum = x[0]
    for i in 0..<n {
      let v = x[i]
      a[i] = v
      minimum = v < minimum ? v : minimum
      maximum = v > maximum ? v : maximum
    }
    // Ranks for the median and both quartiles, ascending: (q1, q1 + 1, med, med', q3, q3 + 1).
    let q1 = QuantileRule(n: n, p: 0.25), q3 = QuantileRule(n: n, p: 0.75)
    var ranks = (q1.lower, q1.upper, (n - 1) / 2, n / 2, q3.lower, q3.upper)
    var values = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    withUnsafeMutableBytes(of: &ranks) { r in
      withUnsafeMutableBytes(of: &values) { v in
        let r = r.bindMemory(to: Int.self).baseAddress!, v = v.bindMemory(to: Double.self).baseAddress!
        select(a, b, 0, n, r, 6, v)
      }
    }
    // The same formulas as median(sorted:) and quantile(sorted:_:).
    let median = n % 2 == 1 ? values.2 : 0.5 * (values.2 + values.3)
    let lowerQuartile = q1.value(values.0, values.1), upperQuartile = q3.value(values.4, values.5)
    // mad: |x − m| is the value medianAbsoluteDeviation(sorted:) computes as m − x below
    // the median and x − m above it (IEEE subtraction is exactly antisymmetric).
    // The middle deviations lie between the quartiles' inner and outer distances from
    // the median: fewer than half of the deviations are below L = min(m − Q1⁺, Q3⁻ − m)
    // (only values strictly inside the inner quartiles), and more than half are at most
    // H = max(m − Q1⁻, Q3⁺ − m) (every value from Q1⁻ to Q3⁺), where ⁻/⁺ are the two
    // ranks each quartile interpolates. So only deviations in [L, H] (typically 15–30 of
    // 128) go to the selection; the counts are checked, and a full selection is the
    // fallback, so the result never depends on this argument.
    let inner = Swift.min(median - values.1, values.4 - median), outer = Swift.max(median - values.0, values.5 - median)
    var below = 0, kept = 0
    for i in 0..<n {
      let d = abs(x[i] - median)
      deviations[kept] = d
      // Sign bits instead of comparisons, which the compiler turns into a mispredicted
      // branch here: for finite values, d − inner < 0 ⇔ d < inner (equal gives +0).
      let isBelow = Int(truncatingIfNeeded: (d - inner).bitPattern >> 63)
      let isAbove = Int(truncatingIfNeeded: (outer - d).bitPattern >> 63)
      below &+= isBelow
      kept &+= (1 &- isBelow) & (1 &- isAbove)
    }
    var middle = ((n - 1) / 2 - below, n / 2 - below)
    var deviation = (0.0, 0.0)
    if !(middle.0 >= 0 && middle.1 < kept) {
      for i in 0..<n { deviations[i] = abs(x[i] - median) }
      middle = ((n - 1) / 2, n / 2)
      kept = n
    }
    withUnsafeMutableBytes(of: &middle) { r in
      withUnsafeMutableBytes(of: &deviation) { v in
        select(deviations, a, 0, kept, r.bindMemory(to: Int.self).baseAddress!, 2, v.bindMemory(to: Double.self).baseAddress!)
      }
    }
    let mad = n % 2 == 1 ? deviation.0 : 0.5 * (deviation.0 + deviation.1)
    return OrderSummary(
      minimum: minimum, maximum: maximum, median: median, lowerQuartile: lowerQuartile, upperQuartile: upperQuartile,
      medianAbsoluteDeviation: mad)
  }

  /// `orderSummary` of values already sorted ascending, read with a stride (the lanes
  /// of `LaneSortingNetwork`'s output): the same values as the other forms.
  /// `x[stride · i]` for i in 0..<n, n ≥ 1, no NaN.
  ///
  /// mad without a pass over the deviations: below the median they ascend as
  /// L[i] = m − x[split − 1 − i], above it as R[j] = x[split + j] − m (split = the number
  /// of values < m), and the middle one or two of the merged L ∪ R are found by binary
  /// search on how many of the smallest come from L (the "co-rank" of a merge): about
  /// log₂ n steps instead of n.
  public static func orderSummary(sorted x: UnsafePointer<Double>, count n: Int, stride: Int = 1) -> OrderSummary {
    precondition(n >= 1, "statistic of an empty signal")
    @inline(__always) func at(_ i: Int) -> Double { x[i &* stride] }
    let median = n % 2 == 1 ? at(n / 2) : 0.5 * (at(n / 2 - 1) + at(n / 2))
    let q1 = QuantileRule(n: n, p: 0.25), q3 = QuantileRule(n: n, p: 0.75)
    let lowerQuartile = q1.value(at(q1.lower), at(q1.upper)), upperQuartile = q3.value(at(q3.lower), at(q3.upper))
    // split: the first index whose value is ≥ m (binary search; the values ascend).
    var low = 0, high = n
    while low < high {
      let mid = (low + high) / 2
      if at(mid) < median { low = mid + 1 } else { high = mid }
    }
    let split = low, countL = split, countR = n - split
    @inline(__always) func deviationL(_ i: Int) -> Double { median - at(split - 1 - i) }
    @inline(__always) func deviationR(_ j: Int) -> Double { at(split + j) - median }
    // t = the number of smallest deviations wanted (the middle rank + 1); c = how many
    // of them come from L: the smallest c in [cLow, cHigh] with c = cHigh or
    // L[c] > R[t − c − 1] (false then true as c grows, since L ascends and R[t − c − 1]
    // descends).
    let t = (n - 1) / 2 + 1
    var cLow = Swift.max(0, t - countR), cHigh = Swift.min(t, countL)
    while cLow < cHigh {
      let c = (cLow + cHigh) / 2
      if deviationL(c) > deviationR(t - c - 1) { cHigh = c } else { cLow = c + 1 }
    }
    let c = cLow
    // The t-th smallest is the larger of the two prefixes' last values; the next one
    // (for an even n) the smaller of the two values after them.
    let lastL = c > 0 ? deviationL(c - 1) : -Double.infinity
    let lastR = t - c > 0 ? deviationR(t - c - 1) : -Double.infinity
    let middle = Swift.max(lastL, lastR)
    let mad: Double
    if n % 2 == 1 {
      mad = middle
    } else {
      let nextL = c < countL ? deviationL(c) : Double.infinity
      let nextR = t - c < countR ? deviationR(t - c) : Double.infinity
      mad = 0.5 * (middle + Swift.min(nextL, nextR))
    }
    return OrderSummary(
      minimum: at(0), maximum: at(n - 1), median: median, lowerQuartile: lowerQuartile, upperQuartile: upperQuartile,
      medianAbsoluteDeviation: mad)
  }

  /// MATLAB's p-quantile of n values as two ranks and a weight: position n·p + 0.5
  /// (1-based), clamped; value = x[lower] + fraction·(x[upper] − x[lower]) with the same
  /// operations as `quantile(sorted:_:)`.
  struct QuantileRule {
    var lower: Int, upper: Int, fraction: Double, clamped: Bool
    init(n: Int, p: Double) {
      let position = Double(n) * p + 0.5
      if position <= 1 {
        (lower, upper, fraction, clamped) = (0, 0, 0, true)
      } else if position >= Double(n) {
        (lower, upper, fraction, clamped) = (n - 1, n - 1, 0, true)
      } else {
        let l = Int(position.rounded(.down))
        (lower, upper, fraction, clamped) = (l - 1, l, position - Double(l), false)
      }
    }
    @inline(__always) func value(_ atLower: Double, _ atUpper: Double) -> Double {
      clamped ? atLower : atLower + fraction * (atUpper - atLower)
    }
  }

  /// Ranges at most this long are finished by insertion sort.
  static let selectionCutoff = 8

  /// Multi-rank quickselect. On entry `values[low..<high]` holds the values; `other` is
  /// a buffer of the same size used for out-of-place partitioning (both are clobbered).
  /// `ranks[0..<count]` are ascending 0-based ranks inside `low..<high`; the value of
  /// rank `ranks[i]` is written to `out[i]`.
  ///
  /// Two shortcuts matter for the ranks UCI HAR asks for (adjacent pairs such as the two
  /// middle values, which a partition often separates): the lowest rank of the upper
  /// part is the pivot itself, and a lone rank at the top of a part is its maximum.
  static func select(
    _ values: UnsafeMutablePointer<Double>, _ other: UnsafeMutablePointer<Double>, _ low: Int, _ high: Int,
    _ ranks: UnsafePointer<Int>, _ count: Int, _ out: UnsafeMutablePointer<Double>
  ) {
    var source = values, target = other
    var low = low, high = high, ranks = ranks, out = out, count = count
    while count > 0 {
      if high - low <= selectionCutoff {
        insertionSort(source, low, high)
        for i in 0..<count { out[i] = source[ranks[i]] }
        return
      }
      if count == 1 && ranks[0] == high - 1 {
        var largest = source[low]
        for j in (low + 1)..<high { let v = source[j]; largest = v > largest ? v : largest }
        out[0] = largest
        return
      }
      let pivot = choosePivot(source, low, high, ranks, count)
      // target[low..<split] < pivot ≤ target[split..<high]: each value goes to both
      // ends; the comparison advances one of them (see file header, decision 3).
      var front = low, back = high - 1
      for j in low..<high {
        let v = source[j]
        target[front] = v
        target[back] = v
        let less = v < pivot ? 1 : 0
        front &+= less
        back &-= 1 &- less
      }
      var split = front
      Swift.swap(&source, &target)
      if split == low {
        // Nothing below the pivot, so it is the minimum: take off every value equal to
        // it (ranks there are the pivot), which guarantees progress on runs of ties.
        front = low; back = high - 1
        for j in low..<high {
          let v = source[j]
          target[front] = v
          target[back] = v
          let equal = v <= pivot ? 1 : 0
          front &+= equal
          back &-= 1 &- equal
        }
        split = front
        Swift.swap(&source, &target)
        while count > 0 && ranks[0] < split { out[0] = pivot; ranks += 1; out += 1; count -= 1 }
        low = split
        continue
      }
      // Ranks below the split stay left; the lowest rank of the upper part is the pivot
      // (the pivot is one of the values and the smallest there).
      var left = 0
      while left < count && ranks[left] < split { left += 1 }
      var right = left
      while right < count && ranks[right] == split { out[right] = pivot; right += 1 }
      if right < count && left > 0 {
        // Ranks on both sides: recurse into the left part, loop on the right.
        select(source, target, low, split, ranks, left, out)
      }
      if right < count {
        ranks += right; out += right; count -= right
        low = split
      } else {
        high = split; count = left
      }
    }
  }

  /// The pivot for a part `low..<high` whose wanted ranks are `ranks[0..<count]`.
  ///
  /// Parts of 32 or more values: a sample of 7 evenly spaced values, sorted by a
  /// 16-comparator network (Knuth, TAOCP vol. 3, §5.3.4), estimates the 1/8 … 7/8
  /// quantiles. Ranks spread over the part, or a middle rank, take the sample median;
  /// a lone rank nearer one end takes the sample quantile one eighth beyond it, so that
  /// it usually lands in the small side (the idea of Floyd & Rivest, CACM 1975, with a
  /// fixed sample). Smaller parts: the smallest, middle or largest of three values by
  /// the rank's quarter ("proportion-from-3", Martínez, Panario & Viola 2010).
  /// On random and smooth signals this halves the values partitioned per window
  /// compared with a median of three.
  @inline(__always)
  static func choosePivot(
    _ a: UnsafeMutablePointer<Double>, _ low: Int, _ high: Int, _ ranks: UnsafePointer<Int>, _ count: Int
  ) -> Double {
    let size = high - low
    let position = ranks[count / 2] - low
    if size < 32 {
      var p0 = a[low], p1 = a[low + size / 2], p2 = a[high - 1]
      if p1 < p0 { Swift.swap(&p0, &p1) }
      if p2 < p1 { Swift.swap(&p1, &p2); if p1 < p0 { Swift.swap(&p0, &p1) } }
      return 4 * position < size ? p0 : (4 * position >= 3 * size ? p2 : p1)
    }
    var sample = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    return withUnsafeMutableBytes(of: &sample) { raw in
      let s = raw.bindMemory(to: Double.self).baseAddress!
      // Positions ≈ low + (2j + 1)·size/14; 4681/2¹⁶ ≈ 1/14 avoids seven integer
      // divisions (any positions inside the part are valid, only their spread matters).
      for j in 0..<7 { s[j] = a[low + ((2 * j + 1) * size * 4681) >> 16] }
      @inline(__always) func exchange(_ i: Int, _ j: Int) {
        let x = s[i], y = s[j]
        s[i] = y < x ? y : x; s[j] = y < x ? x : y
      }
      exchange(0, 6); exchange(2, 3); exchange(4, 5)
      exchange(0, 2); exchange(1, 4); exchange(3, 6)
      exchange(0, 1); exchange(2, 5); exchange(3, 4)
      exchange(1, 2); exchange(4, 6)
      exchange(2, 3); exchange(4, 5)
      exchange(1, 2); exchange(3, 4); exchange(5, 6)
      // Sample value j estimates the (j + 1)/8 quantile. With f = (position + ½)/size
      // the tests below are on 16·f·size = 16·position + 8 (no division).
      let spread = count > 1 && 4 * (ranks[count - 1] - ranks[0]) > size
      let f16 = 16 * position + 8
      if spread || (f16 >= 6 * size && f16 < 10 * size) { return s[3] }
      var j = 0
      if f16 < 8 * size {
        // The smallest j with (j + 1)/8 > f + 1/8, i.e. 2·(j + 1)·size > 16f·size + 2·size.
        while j < 6 && 2 * (j + 1) * size <= f16 + 2 * size { j += 1 }
      } else {
        // The largest j with (j + 1)/8 < f − 1/8.
        j = 6
        while j > 0 && 2 * (j + 1) * size >= f16 - 2 * size { j -= 1 }
      }
      return s[j]
    }
  }

  @inline(__always) static func insertionSort(_ a: UnsafeMutablePointer<Double>, _ low: Int, _ high: Int) {
    if high - low < 2 { return }
    var i = low &+ 1
    while i < high {
      let v = a[i]
      var j = i &- 1
      while j >= low && a[j] > v { a[j &+ 1] = a[j]; j &-= 1 }
      a[j &+ 1] = v
      i &+= 1
    }
  }
}
