// Scratch space of the pipeline's workers: the filtered channels of the recording a
// worker is on, and its feature extractor. Reused from one work item to the next, so
// that a run allocates (and the kernel zero-fills and maps) this memory once per worker
// instead of once per recording.

import Synchronization

/// One worker's reusable buffers. A scratch object serves one work item at a time
/// (`ScratchPool` hands it out and takes it back under a lock), hence `@unchecked
/// Sendable`.
final class WorkerScratch: @unchecked Sendable {
  private var buffer: UnsafeMutablePointer<Double>? = nil
  /// Samples per channel that `buffer` holds.
  private var capacity = 0
  private let pointers = UnsafeMutableBufferPointer<UnsafeMutablePointer<Double>>.allocate(capacity: 12)
  private var featureExtractor: FeatureExtractor? = nil

  deinit {
    buffer?.deallocate()
    pointers.deallocate()
  }

  /// 12 uninitialised channels of `samples` values each, valid until the next call.
  func channels(samples: Int) -> UnsafeBufferPointer<UnsafeMutablePointer<Double>> {
    if buffer == nil || samples > capacity {
      buffer?.deallocate()
      capacity = max(samples, 1)
      buffer = .allocate(capacity: 12 * capacity)
    }
    for c in 0..<12 { pointers[c] = buffer! + c * capacity }
    return UnsafeBufferPointer(pointers)
  }

  /// The worker's extractor (made on first use; one pipeline run has one window length).
  func extractor(windowLength: Int) -> FeatureExtractor {
    if let e = featureExtractor { return e }
    let e = FeatureExtractor(windowLength: windowLength)
    featureExtractor = e
    return e
  }
}

/// Hands out scratch objects: a work item takes one and gives it back when done, so no
/// more are ever made than work items run at the same time (the thread count).
final class ScratchPool: Sendable {
  private let free = Mutex<[WorkerScratch]>([])

  func take() -> WorkerScratch { free.withLock { $0.popLast() } ?? WorkerScratch() }

  func give(back scratch: WorkerScratch) { free.withLock { $0.append(scratch) } }
}
