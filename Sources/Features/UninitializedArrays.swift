// Several arrays filled at once through raw pointers, without zero-filling them first.
// The loaders and filters produce a handful of long arrays (one per column or channel)
// in one pass over their input; a `[Double](repeating: 0, …)` per array would write
// every element twice, and a scratch buffer would need a copy afterwards.

/// `count` new arrays, each with room for `capacity` elements, filled by `body`.
///
/// `body` gets `count` pointers, one to each array's uninitialised storage, and returns
/// how many leading elements it has initialised in every array (≤ `capacity`); each
/// array has that many elements. Only for trivial element types (numbers), whose
/// uninitialised storage needs no clean-up when `body` throws.
func uninitializedArrays<T: BitwiseCopyable, E: Error>(
  count: Int, capacity: Int, _ body: (UnsafeBufferPointer<UnsafeMutablePointer<T>>) throws(E) -> Int
) throws(E) -> [[T]] {
  let pointers = UnsafeMutableBufferPointer<UnsafeMutablePointer<T>>.allocate(capacity: count)
  defer { pointers.deallocate() }
  var filled = 0
  var failure: E? = nil
  // Array k is created inside the initialiser closure of array k − 1, so that all
  // `count` buffers exist when `body` runs; returns arrays k..<count.
  func nest(_ k: Int) -> [[T]] {
    if k == count {
      do { filled = try body(UnsafeBufferPointer(pointers)) } catch { failure = error; filled = 0 }
      precondition(filled >= 0 && filled <= capacity, "filled \(filled) of \(capacity) elements")
      return []
    }
    var rest: [[T]] = []
    let array = [T](unsafeUninitializedCapacity: capacity) { buffer, initialized in
      // An empty buffer may have no address; nothing is written through it then.
      pointers[k] = buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: MemoryLayout<T>.alignment)!
      rest = nest(k + 1)
      initialized = filled
    }
    return [array] + rest
  }
  let arrays = nest(0)
  if let failure { throw failure }
  return arrays
}
