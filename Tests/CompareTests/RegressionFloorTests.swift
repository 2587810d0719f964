// Regression floors on the real data (issue 13): the official UCI HAR split of our own
// 561 features, the two linear models with their documented defaults, and a floor under
// each test accuracy. A change to the loaders, filters, windows, features, scaling or
// solvers that costs accuracy fails here loudly instead of drifting into a report.
//
// The floors sit a few tenths below the values measured when they were set (linear SVC
// 95.79 %, logistic regression 95.03 % in the Compare runner), leaving room for the
// documented pipeline changes of about 0.1 point; a larger drop needs an explanation.
// Independent of the Compare runner's plumbing: windows → features → min–max to
// [-1, 1] fitted on the training subjects → fit → accuracy on the nine test subjects.
import Classic
import Features
import Foundation
import LinearAlgebra
import Testing
import _TestSupport

@Suite("Regression floors on the real data", .serialized)
struct RegressionFloorTests {
  /// Needs the real HAPT recordings; reported as skipped without them (scripts/test
  /// fails a run that has the data but skips this).
  @Test(.enabled(if: RealData.isAvailable, RealData.skipReason))
  func officialSplitAccuracyStaysAboveItsFloors() throws {
    let raw = try RawDataset.load(haptDirectory: try #require(RealData.haptDirectory).path, threads: 2)
    let windows = try FeaturePipeline.run(raw, threads: 2)
    #expect(windows.count == 10_411)
    let split = windows.split()  // the official test subjects 2, 4, 9, 10, 12, 13, 18, 20, 24
    let scaled = FeatureScaler.fit(windows.features, rows: split.train).transform(windows.features)
    let classes = Activity.basic
    let labels = windows.windows.map { w in classes.firstIndex(of: w.activity)! }
    let (x, xTest) = (scaled.rows(split.train), scaled.rows(split.test))
    let (y, yTest) = (split.train.map { labels[$0] }, split.test.map { labels[$0] })

    let floors: [(name: String, classifier: any Classifier, floor: Double)] = [
      ("linear SVC", LinearSVC(seed: 0), 0.955),
      ("logistic regression", LogisticRegression(), 0.945),
    ]
    for (name, classifier, floor) in floors {
      let model = try classifier.fit(x: x, y: y, classCount: classes.count)
      let accuracy = try model.accuracy(x: xTest, y: yTest)
      print("regression floor: \(name) test accuracy \(String(format: "%.2f", 100 * accuracy)) % (floor \(100 * floor) %), \(split.test.count) test windows")
      #expect(accuracy >= floor, "\(name): test accuracy \(100 * accuracy) % fell below its floor \(100 * floor) %")
    }
  }
}
