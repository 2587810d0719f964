// Data parallelism over independent items (files, windows, folds) with a deterministic
// result: item i's result lands at index i whatever the thread schedule. It lives here
// because every module imports LinearAlgebra.
//
// Decisions, in priority order:
// 1. Deterministic: results are stored by index, so the output does not depend on the
//    thread count or the schedule; the error of the lowest failing index is rethrown.
// 2. Dynamic scheduling: each worker takes the next unclaimed index from a shared
//    atomic counter. The machine is shared (2 cores, other jobs), so a static split
//    leaves one worker idle while the other finishes the share of a slowed-down core;
//    with a counter the workers finish within one item of each other.
// 3. Stop early on failure: after item i fails, items above i are not started (their
//    results could not be returned anyway); items below i still run, because one of
//    them may fail first.
import Dispatch
import Synchronization

/// Evaluates `transform` on every index in `0..<count`, spreading the work over
/// `threads` threads, and returns the results in index order.
///
/// The result does not depend on `threads`, provided `transform` is a pure function of
/// its index. Errors: the error of the lowest failing index is rethrown, so the
/// message is the same on every run; items above a failing index may be skipped.
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
  let next = Atomic<Int>(0)
  let lowestFailure = Atomic<Int>(Int.max)
  DispatchQueue.concurrentPerform(iterations: min(threads, count)) { _ in
    while true {
      let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
      if i >= count || i > lowestFailure.load(ordering: .relaxed) { return }
      do {
        shared[i] = .success(try transform(i))
      } catch {
        shared[i] = .failure(error)
        lowestFailure.min(i, ordering: .relaxed)
      }
    }
  }
  // concurrentPerform returns after every worker has finished, so all slot writes are
  // visible here. Every index below the lowest failure has a result.
  var results: [T] = []
  results.reserveCapacity(count)
  for i in 0..<count {
    switch shared[i]! {
    case .success(let value): results.append(value)
    case .failure(let error): throw error
    }
  }
  return results
}

/// `parallelMap` for work that cannot fail.
public func parallelMap<T: Sendable>(count: Int, threads: Int = 2, _ transform: @Sendable (Int) -> T) -> [T] {
  try! parallelMap(count: count, threads: threads) { (i: Int) throws -> T in transform(i) }
}
