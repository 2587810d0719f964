import Foundation
import Compare
import Testing
import _TestSupport

@Test func handWorkedThreeClassExample() {
  // truth:     0 0 0 1 1 2
  // predicted: 0 0 1 1 2 2
  // Confusion  [[2,1,0],[0,1,1],[0,0,1]]
  // precision: 2/2, 1/2, 1/2;  recall: 2/3, 1/2, 1/1;  F1 = 2TP/(2TP+FP+FN): 4/5, 2/4, 2/3.
  let m = ConfusionMatrix(truth: [0, 0, 0, 1, 1, 2], predicted: [0, 0, 1, 1, 2, 2], classCount: 3)
  #expect(m == ConfusionMatrix(rows: [[2, 1, 0], [0, 1, 1], [0, 0, 1]]))
  let metrics = m.metrics
  expectClose(metrics.accuracy, 4.0 / 6)
  expectClose(metrics.precision, [1, 0.5, 0.5])
  expectClose(metrics.recall, [2.0 / 3, 0.5, 1])
  expectClose(metrics.f1, [0.8, 0.5, 2.0 / 3])
  expectClose(metrics.macroPrecision, 2.0 / 3)
  expectClose(metrics.macroRecall, (2.0 / 3 + 0.5 + 1) / 3)
  expectClose(metrics.macroF1, (0.8 + 0.5 + 2.0 / 3) / 3)
  #expect(metrics.support == [3, 2, 1])
  #expect(m.mostConfusedPair! == (truth: 0, predicted: 1, count: 1))
}

@Test func undefinedRatiosAreZero() {
  // Class 1 never predicted and class 2 absent: precision, recall and F1 are 0 there.
  let m = ConfusionMatrix(truth: [0, 1], predicted: [0, 0], classCount: 3)
  #expect(m.precision == [0.5, 0, 0])
  #expect(m.recall == [1, 0, 0])
  expectClose(m.f1, [2.0 / 3, 0, 0])
  #expect(ConfusionMatrix(classCount: 2).accuracy == 0)
}

@Test func matchesScikitLearn() {
  let m = ConfusionMatrix(truth: sklearnTruth, predicted: sklearnPredicted, classCount: 5)
  #expect(m == ConfusionMatrix(rows: sklearnConfusion))
  let metrics = m.metrics
  expectClose(metrics.accuracy, sklearnAccuracy, relative: 1e-12)
  expectClose(metrics.precision, sklearnPrecision, relative: 1e-12)
  expectClose(metrics.recall, sklearnRecall, relative: 1e-12)
  expectClose(metrics.f1, sklearnF1, relative: 1e-12)
  expectClose(metrics.macroPrecision, sklearnMacro.precision, relative: 1e-12)
  expectClose(metrics.macroRecall, sklearnMacro.recall, relative: 1e-12)
  expectClose(metrics.macroF1, sklearnMacro.f1, relative: 1e-12)
}

@Test func pooledConfusionIsTheSum() {
  let a = ConfusionMatrix(rows: [[1, 2], [3, 4]]), b = ConfusionMatrix(rows: [[10, 0], [0, 10]])
  #expect((a + b) == ConfusionMatrix(rows: [[11, 2], [3, 14]]))
}

@Test func studentTQuantiles() {
  #expect(StudentT.quantile975(degreesOfFreedom: 1) == 12.706)
  #expect(StudentT.quantile975(degreesOfFreedom: 2) == 4.303)
  #expect(StudentT.quantile975(degreesOfFreedom: 30) == 2.042)
  // Published values: t(0.975; 40, 60, 120) = 2.021075, 2.000298, 1.979930.
  expectClose(StudentT.quantile975(degreesOfFreedom: 40), 2.021075, relative: 0, absolute: 1e-3)
  expectClose(StudentT.quantile975(degreesOfFreedom: 60), 2.000298, relative: 0, absolute: 1e-4)
  expectClose(StudentT.quantile975(degreesOfFreedom: 120), 1.979930, relative: 0, absolute: 1e-4)
  // Continuity at the end of the table.
  #expect(abs(StudentT.quantile975(degreesOfFreedom: 31) - 2.040) < 2e-3)
}

@Test func summaryOverSeeds() {
  let s = RunSummary([0.90, 0.92, 0.94])
  expectClose(s.mean, 0.92)
  expectClose(s.standardDeviation!, 0.02, relative: 1e-9)
  // mean ± t(0.975, 2) · sd / √3 = 0.92 ± 4.303 · 0.02 / √3
  expectClose(s.interval!.lower, 0.92 - 0.049686764166459195, relative: 1e-9)
  expectClose(s.interval!.upper, 0.92 + 0.049686764166459195, relative: 1e-9)
  let one = RunSummary([0.5])
  #expect(one.standardDeviation == nil && one.interval == nil && one.mean == 0.5)
}

@Test func wilsonIntervals() {
  // Reference values computed from the closed form with z = 1.959963984540054.
  let a = wilsonInterval(successes: 80, trials: 100)
  expectClose(a.lower, 0.7111708344068411, relative: 1e-12)
  expectClose(a.upper, 0.8666330666689676, relative: 1e-12)
  let zero = wilsonInterval(successes: 0, trials: 10)
  #expect(zero.lower == 0)
  expectClose(zero.upper, 0.2775327998628892, relative: 1e-12)
  let all = wilsonInterval(successes: 10, trials: 10)
  expectClose(all.lower, 0.7224672001371107, relative: 1e-12)
  #expect(all.upper <= 1)
  #expect(a.method == "wilson")
}

/// The verdict rule at its boundaries: inside (ends included) is consistent, anything
/// above or below is not — no margin.
@Test func claimVerdictsHaveNoMargin() {
  let ci = ConfidenceInterval(lower: 0.90, upper: 0.92, method: "subject bootstrap")
  #expect(ClaimVerdict(claim: 0.91, interval: ci) == .consistent)
  #expect(ClaimVerdict(claim: 0.92, interval: ci) == .consistent)       // the upper end itself
  #expect(ClaimVerdict(claim: 0.90, interval: ci) == .consistent)       // the lower end itself
  #expect(ClaimVerdict(claim: 0.92.nextUp, interval: ci) == .higher)    // just above: no hidden margin
  #expect(ClaimVerdict(claim: 0.929, interval: ci) == .higher)          // consistent under the old 1-point margin
  #expect(ClaimVerdict(claim: 0.90.nextDown, interval: ci) == .lower)
  #expect(ClaimVerdict(claim: 0.95, interval: nil) == .notRun)
  #expect(ClaimVerdict.higher.rawValue == "higher than we reproduce" && ClaimVerdict.lower.rawValue == "lower than we reproduce")
}

/// The five sources' claims are all present as data, with citations and protocols.
@Test func builtInClaimsCarryTheSourcesFacts() {
  let claims = BuiltInClaims.all
  #expect(Set(claims.map(\.id)).count == claims.count)
  let sources = Set(claims.map(\.citation.title))
  #expect(sources.count == 5)
  // Bhandari & Annamalai: Table I and all four metrics of Table II.
  let tableII = claims.filter { $0.citation.authors.hasPrefix("Bhandari") && $0.model == "cnn-lstm" }
  #expect(Set(tableII.map(\.metric)) == [.testAccuracy, .macroF1, .macroPrecision, .macroRecall])
  #expect(tableII.first { $0.metric == .testAccuracy }?.value == 0.9237)
  #expect(claims.first { $0.id == "bhandari-linear-svc" }?.value == 0.9667)
  // The healthcare CNN-LSTM's 98.8 % is training accuracy; Sharma's 94.7 % validation.
  #expect(claims.contains { $0.model == "cnn-lstm-wide" && $0.value == 0.988 && $0.metric == .trainingAccuracy })
  #expect(claims.contains { $0.model == "cnn-lstm-deep" && $0.value == 0.947 && $0.metric == .validationAccuracy })
  // The tutorial: a random 80/20 window split; Zebin et al.: 14/6 subjects, 6 channels, binary cross-entropy.
  #expect(claims.first { $0.model == "lstm-tutorial" }?.setup.split == .randomWindows(testFraction: 0.2))
  let zebin = claims.filter { $0.citation.year == 2018 }
  #expect(zebin.count == 5 && zebin.allSatisfy { $0.citation.venue == "IEEE EMBC" })
  let bn = zebin.first { $0.id == "zebin2018-lstm-bn" }!
  #expect(bn.setup.split == .randomSubjects(trainSubjects: 14, testSubjects: 6, draws: 3) && bn.setup.channels?.count == 2)
  #expect(bn.setup.loss == "binary_crossentropy" && bn.setup.learningRate == 0.002 && bn.setup.validationSplit == 0.2)
  #expect(zebin.filter { $0.metric == .epochsToTrainingAccuracy }.map(\.value).sorted() == [20, 80])
  // Every claim round-trips through JSON (the claims-file form).
  let data = try! JSONEncoder().encode(claims)
  #expect(try! JSONDecoder().decode([PublishedClaim].self, from: data) == claims)
}
