// One threading model for Deep: OpenBLAS single-threaded, and the layers split their work
// over Swift threads themselves (batch rows of the LSTM recurrence, rows or columns of the
// large sgemms through `_parallelGemm`).
//
// Why: with OpenBLAS's own pool (2 threads) for the large sgemms and Swift threads for the
// LSTM recurrence, OpenBLAS's idle worker spin-waits (sched_yield) after every call and
// competes with the Swift threads for the cores: perf on cnn-lstm (2 threads, real data)
// put 16 % of all CPU time in sched_yield and the scheduler. With one model per run there
// is nothing to spin.
//
// The number of threads is OpenBLAS's thread count when the scope opens (`har --threads`
// sets it), so results repeat for a fixed thread count, as before. OpenBLAS is set back to
// that count when the scope closes. BLASThreads is process-wide: two models training at
// the same time in one process would see each other's setting (as any BLAS user would).
import LinearAlgebra

extension Sequential {
  /// Runs `body` with `workerThreads` = OpenBLAS's thread count and OpenBLAS set to one
  /// thread; nested scopes (evaluate inside fit) keep the outer one.
  func withWorkerThreads<R>(_ body: () throws -> R) rethrows -> R {
    if insideWorkerScope { return try body() }
    let threads = BLASThreads.count
    insideWorkerScope = true
    workerThreads = threads
    if threads > 1 { BLASThreads.set(1) }
    defer {
      if threads > 1 { BLASThreads.set(threads) }
      workerThreads = 1
      insideWorkerScope = false
    }
    return try body()
  }
}
