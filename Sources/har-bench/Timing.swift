// Timing helpers for har-bench: wall-clock medians of several runs, peak memory, and a
// black hole that keeps the optimizer from deleting the measured work.
import Foundation

/// Seconds of wall time for each of `runs` calls of `body`, after one unmeasured warm-up
/// call when `warmUp`.
func measure(runs: Int, warmUp: Bool = true, _ body: () throws -> Void) rethrows -> [Double] {
  if warmUp { try body() }
  var times: [Double] = []
  for _ in 0..<runs {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }
  return times
}

func median(_ xs: [Double]) -> Double {
  let s = xs.sorted()
  if s.isEmpty { return .nan }
  return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// "median 0.512 s (min 0.498, max 0.530, n = 5)".
func describe(_ times: [Double]) -> String {
  String(format: "median %.3f s (min %.3f, max %.3f, n = %d)", median(times), times.min() ?? .nan, times.max() ?? .nan, times.count)
}

/// Peak resident memory of this process so far, in MiB (VmHWM of /proc/self/status).
func peakMemoryMiB() -> Double {
  guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return .nan }
  for line in s.split(separator: "\n") where line.hasPrefix("VmHWM:") {
    let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? .nan
    return kb / 1024
  }
  return .nan
}

/// Consumes a value so the optimizer must compute it (cf. swift-numerics' blackHole).
@inline(never) func blackHole<T>(_ x: T) { withExtendedLifetime(x) {} }
