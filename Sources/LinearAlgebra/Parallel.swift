// Data parallelism over independent items (files, windows, folds) with a deterministic
// result: item i's result lands at index i whatever the thread schedule. It lives here
// because every module imports LinearAlgebra.
import Dispatch

/// Evaluates `transform` on every index in `0..<count`, spreading the work over
/// `threads` threads, and returns the results in index order.
///
/// The result does not depend on `threads`, provided `transform` is a pure function of
/// its index. Errors: the error of the lowest failing index is rethrown, so the
/// message is the same on every run.
/// - Parameter threads: worker threads; 1 runs inline on the caller's thread.
public func parallelMap<T: Sendable>(
  count: Int, threads: Int = 2, _ transform: @Sendable (Int) throws -> T
) throws -> [T] {
  if count == 0 { return [] }
  if threads <= 1 || count == 1 { return try (0..<count).map(transform) }
  let slots = UnsafeMutableBufferPointer<Result<T, any Error>?>.allocate(capacity: count)
  slots.initialize(repeating: nil)
  defer { slots.deinitialize(); slots.deallocate() }
  nonisolated(unsafe) let shared = slots
  let workers = min(threads, count)
  DispatchQueue.concurrentPerform(iterations: workers) { w in
    // Strided assignment keeps neighbouring items (similar sizes) on different workers.
    var i = w
    while i < count {
      shared[i] = Result { try transform(i) }
      i += workers
    }
  }
  return try slots.map { try $0!.get() }
}

/// `parallelMap` for work that cannot fail.
public func parallelMap<T: Sendable>(count: Int, threads: Int = 2, _ transform: @Sendable (Int) -> T) -> [T] {
  try! parallelMap(count: count, threads: threads) { (i: Int) throws -> T in transform(i) }
}
