// parallelMap: results in index order for any thread count, the lowest failing index's
// error, and dynamic scheduling (a worker that is held up does not hold up the items
// that a static split would have given it).
import Foundation
import LinearAlgebra
import Synchronization
import Testing

struct ItemFailure: Error, Equatable { var index: Int }

/// Spins for about `microseconds` (work that takes time without sleeping).
func spin(microseconds: Int) {
  let end = DispatchTime.now().uptimeNanoseconds + UInt64(microseconds) * 1000
  while DispatchTime.now().uptimeNanoseconds < end {}
}

@Suite struct ParallelMapTests {
  @Test(arguments: [1, 2, 3, 8])
  func resultsAreInIndexOrderForAnyThreadCount(threads: Int) {
    for count in [0, 1, 2, 5, 97, 1000] {
      // Uneven item costs, so that workers finish items out of order.
      let results = parallelMap(count: count, threads: threads) { i -> [Int] in
        if i % 7 == 0 { spin(microseconds: 50) }
        return [i, i * i]
      }
      #expect(results == (0..<count).map { [$0, $0 * $0] }, "count \(count), \(threads) threads")
    }
  }

  @Test(arguments: [1, 2, 4])
  func theLowestFailingIndexWins(threads: Int) {
    // Item 70 fails at once; item 3 fails only after a while. The error must still be
    // item 3's, on every run.
    for _ in 0..<5 {
      let computed = Atomic<Int>(0)
      do {
        _ = try parallelMap(count: 100, threads: threads) { i -> Int in
          computed.add(1, ordering: .relaxed)
          if i == 3 { spin(microseconds: 2000); throw ItemFailure(index: 3) }
          if i == 70 { throw ItemFailure(index: 70) }
          return i
        }
        Issue.record("expected an error")
      } catch let e as ItemFailure {
        #expect(e == ItemFailure(index: 3), "\(threads) threads")
      } catch {
        Issue.record("unexpected error \(error)")
      }
      // Everything below the failure ran (one thread runs in order and stops at it).
      #expect(computed.load(ordering: .relaxed) >= 4)
    }
  }

  // Needs two cores to run two workers at once; reported as skipped on one core.
  @Test(.enabled(if: ProcessInfo.processInfo.activeProcessorCount >= 2, "needs at least 2 cores"))
  func aHeldUpWorkerDoesNotHoldUpOtherItems() {
    // Item 0 waits until all other items are done. With a static split over 2 workers,
    // the items assigned to item 0's worker would never start and the wait would time
    // out; with a shared counter the other worker takes them all.
    let count = 40
    let done = Atomic<Int>(0)
    let waited = parallelMap(count: count, threads: 2) { i -> Bool in
      if i == 0 {
        let deadline = DispatchTime.now().uptimeNanoseconds + 30_000_000_000  // generous: the test suite runs other tests beside it
        while done.load(ordering: .acquiring) < count - 1 {
          if DispatchTime.now().uptimeNanoseconds > deadline { return false }
          spin(microseconds: 100)
        }
        return true
      }
      spin(microseconds: 200)
      done.add(1, ordering: .releasing)
      return true
    }
    #expect(waited[0], "item 0's worker waited 30 s for the other items to finish")
    #expect(waited.allSatisfy { $0 })
  }
}
