// Claims of epochs to a training accuracy (Zebin et al.'s convergence claims): an honest
// number from our own training curves, a verdict, and an explanation.
import Testing
import _TestSupport
import Compare

@Suite struct ConvergenceClaimTests {
  /// A claim that the mock `cnn` reaches 75 % training accuracy within `epochs` epochs.
  static func claim(_ epochs: Double) -> PublishedClaim {
    PublishedClaim(id: "test-convergence", citation: Citation(authors: "A. Author", title: "A test"), model: "cnn",
                   architecture: "mock", metric: .epochsToTrainingAccuracy, value: epochs, threshold: 0.75,
                   setup: ClaimProtocol(name: "test", data: "synthetic", split: .official))
  }

  @Test func theHonestNumberIsTheEpochsToTheAccuracyInOurTraining() throws {
    let results = try runMock(in: try RealData.temporaryDirectory("claim-epochs"))
    let cnn = try #require(ComparisonReport(results: results).summaries.first { $0.model.name == "cnn" })
    // MockDeep's running training accuracy is 0.5 + 0.1·epoch: 0.7 after epoch 2, 0.8
    // after epoch 3, in every run, so 75 % takes 3 epochs with no spread.
    let same = ClaimCheck(claim: Self.claim(3), honest: cnn, replica: cnn, replicaDiffers: false)
    #expect(same.honest?.value == 3 && same.honest?.notReached == 0)
    #expect(same.honest?.interval?.lower == 3 && same.honest?.interval?.upper == 3)
    #expect(same.verdict == .consistent)
    #expect(same.explainedBy == "nothing to explain: the honest protocol gives it")
    // A faster claim is below every run: lower than we reproduce, and nothing explains it.
    let faster = ClaimCheck(claim: Self.claim(2), honest: cnn, replica: cnn, replicaDiffers: false)
    #expect(faster.verdict == .lower && faster.explainedBy == "not explained")
    #expect(faster.honest?.text(isRate: false) == "3 epochs (3–3)")
  }

  @Test func aThresholdNeverReachedCountsAsOneEpochMoreAndSaysSo() throws {
    let results = try runMock(in: try RealData.temporaryDirectory("claim-epochs-never"))
    let cnn = try #require(ComparisonReport(results: results).summaries.first { $0.model.name == "cnn" })
    var never = Self.claim(10)
    never.threshold = 0.99   // the mock peaks at 0.9 after its 4 epochs
    let check = ClaimCheck(claim: never, honest: cnn, replica: cnn, replicaDiffers: false)
    #expect(check.honest?.value == 5 && check.honest?.notReached == cnn.cells.count)
    #expect(check.honest?.text(isRate: false) == "≥ 5 epochs (5–5); \(cnn.cells.count) runs never reached it")
    #expect(check.verdict == .higher && check.explainedBy == "not explained")
  }

  @Test func aTrainingAccuracyClaimIsExplainedByBeingOneNotByTheTestInterval() throws {
    let results = try runMock(in: try RealData.temporaryDirectory("claim-training"))
    let cnn = try #require(ComparisonReport(results: results).summaries.first { $0.model.name == "cnn" })
    func check(_ value: Double) -> ClaimCheck {
      ClaimCheck(claim: PublishedClaim(id: "test-training", citation: Citation(authors: "A. Author", title: "A test"), model: "cnn",
                                       architecture: "mock", metric: .trainingAccuracy, value: value,
                                       setup: ClaimProtocol(name: "test", data: "synthetic", split: .official)),
                 honest: cnn, replica: cnn, replicaDiffers: false)
    }
    // MockDeep's last-epoch running training accuracy is 0.9 in every run.
    let same = check(0.9)
    #expect(same.replica?.value == 0.9 && same.verdict == .consistent)
    #expect(same.explainedBy == "training accuracy (not a test number)")
    let test = try #require(same.honest?.interval)
    try #require(test.upper < 0.9, "the mock's test accuracy stays below its training accuracy")
    // Between the test interval and the training accuracy: a less fitted model's training accuracy.
    let between = check((test.upper + 0.9) / 2)
    #expect(between.verdict == .lower && between.explainedBy == "training accuracy (not a test number): between our test and training intervals")
    // Inside the test interval, or above our training accuracy: nothing says it is one.
    #expect(check(test.lower).explainedBy == "not explained")
    #expect(check(0.97).verdict == .higher && check(0.97).explainedBy == "not explained")
  }
}
