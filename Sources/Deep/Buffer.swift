// Workspace storage for activations, caches and parameters.
//
// A `Buffer` is a class around one heap allocation so that the hot loops can take raw
// pointers without Array's copy-on-write checks or bounds checks, and so that a model can
// preallocate its workspaces once and reuse them for every batch (llm.c allocates all
// activations once in `gpt2_forward`). Buffers only grow; `resize` keeps nothing.

/// A growable, zero-initialised, contiguous scalar buffer owned by one model.
final class Buffer<Scalar: Numeric> {
  /// Raw storage of `capacity` elements.
  private(set) var pointer: UnsafeMutablePointer<Scalar>
  /// Elements allocated.
  private(set) var capacity: Int
  /// Elements in use (≤ capacity).
  private(set) var count: Int

  init(count: Int = 0) {
    capacity = Swift.max(count, 1)
    pointer = .allocate(capacity: capacity)
    pointer.initialize(repeating: 0, count: capacity)
    self.count = count
  }

  deinit { pointer.deallocate() }

  /// Makes room for `newCount` elements. Contents are undefined afterwards when the buffer
  /// had to grow (it is zeroed), unchanged otherwise.
  func resize(_ newCount: Int) {
    if newCount > capacity {
      pointer.deallocate()
      capacity = newCount
      pointer = .allocate(capacity: capacity)
      pointer.initialize(repeating: 0, count: capacity)
    }
    count = newCount
  }

  /// Sets the first `count` elements to zero.
  func zero() { pointer.update(repeating: 0, count: count) }

  /// The elements in use, copied into an array.
  var array: [Scalar] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

  /// Copies `values` into the buffer, resizing it to `values.count`.
  func assign(_ values: [Scalar]) {
    resize(values.count)
    if values.isEmpty { return }
    values.withUnsafeBufferPointer { pointer.update(from: $0.baseAddress!, count: values.count) }
  }
}
