// `har compare --teaching`, `--learning-curve` and `--ablation` as a user meets them: the
// help names them with what they run, and a study without its models is a usage error.
import Foundation
import Testing
import _TestSupport

@Suite struct TeachingCommandTests {
  @Test func helpDescribesTheStudiesAndTheTeachingProfile() throws {
    let r = try HarExecutable.run(["compare", "--help"])
    #expect(r.status == 0)
    for text in ["--learning-curve", "--ablation", "--teaching", "1, 2, 4, 8, 12, 16, 21", "linear-svc, logistic-regression, cnn, cnn-lstm",
                 "body_acc, body_gyro, total_acc, body_acc+total_acc", "about 35 minutes on 2 cores"] {
      #expect(r.stdout.contains(text), "help lacks \(text)")
    }
  }

  @Test func studyWithoutItsModelsIsAUsageError() throws {
    let f = try HAPTFixture()
    let out = try RealData.temporaryDirectory("teaching-usage")
    let r = try HarExecutable.run(["compare", "--models", "decision-tree", "--learning-curve", "--data", f.root.path, "--out", out.path])
    #expect(r.status == 2, "\(r.stderr)")
    #expect(r.stderr.contains("--learning-curve: expected at least one of linear-svc, logistic-regression, cnn, cnn-lstm among the models, found decision-tree"), "\(r.stderr)")
    #expect(!r.stderr.contains("Fatal error"))
  }
}
