// A deep cell's ETA: the epochs left at the mean pace of the epochs run so far.
import Dispatch
import Foundation

/// The mean seconds per epoch since training started in this process (a resumed run
/// starts counting at its first new epoch), for a cell's ETA. Progress arrives serially
/// from the training loop; the lock only satisfies `@Sendable`.
public final class TrainingPace: @unchecked Sendable {
  private let start: UInt64
  private var firstEpoch: Int?
  private let lock = NSLock()

  public init(start: UInt64) { self.start = start }

  /// Seconds until epoch `epochs` ends, after 1-based epoch `epoch` has ended.
  /// `now` is a `DispatchTime` uptime in nanoseconds, as `start`.
  public func secondsLeft(afterEpoch epoch: Int, of epochs: Int, now: UInt64 = DispatchTime.now().uptimeNanoseconds) -> Double {
    lock.lock(); defer { lock.unlock() }
    if firstEpoch == nil { firstEpoch = epoch }
    let done = epoch - firstEpoch! + 1
    let elapsed = Double(now - start) / 1e9
    return elapsed / Double(done) * Double(max(0, epochs - epoch))
  }
}
