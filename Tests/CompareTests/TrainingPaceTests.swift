// The per-epoch ETA of a deep cell (`TrainingPace`): remaining epochs × the mean pace.
import Testing
import Compare

@Suite struct TrainingPaceTests {
  let second: UInt64 = 1_000_000_000

  @Test func etaIsTheRemainingEpochsAtTheMeanPace() {
    let pace = TrainingPace(start: 5 * second)
    // Epoch 1 ends after 12 s, epoch 3 after 30 s in all: 10 s per epoch, 7 left.
    #expect(pace.secondsLeft(afterEpoch: 1, of: 10, now: 17 * second) == 12 * 9)
    #expect(pace.secondsLeft(afterEpoch: 3, of: 10, now: 35 * second) == 70)
    // The last epoch leaves nothing.
    #expect(pace.secondsLeft(afterEpoch: 10, of: 10, now: 105 * second) == 0)
  }

  @Test func aResumedRunCountsOnlyItsOwnEpochs() {
    // Resumed after epoch 5: the first report is epoch 6, 8 s in; 4 epochs left.
    let pace = TrainingPace(start: 0)
    #expect(pace.secondsLeft(afterEpoch: 6, of: 10, now: 8 * second) == 32)
    #expect(pace.secondsLeft(afterEpoch: 7, of: 10, now: 20 * second) == 30)
  }
}
