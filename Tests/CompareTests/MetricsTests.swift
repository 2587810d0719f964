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

@Test func claimVerdicts() {
  let ci = ConfidenceInterval(lower: 0.90, upper: 0.92, method: "t")
  #expect(ClaimVerdict(claim: 0.91, interval: ci) == .consistent)
  #expect(ClaimVerdict(claim: 0.929, interval: ci) == .consistent)      // inside the 1-point margin
  #expect(ClaimVerdict(claim: 0.931, interval: ci) == .above)
  #expect(ClaimVerdict(claim: 0.891, interval: ci) == .consistent)
  #expect(ClaimVerdict(claim: 0.889, interval: ci) == .below)
  #expect(ClaimVerdict(claim: 0.95, interval: ci, margin: 0.05) == .consistent)
  #expect(ClaimVerdict(claim: 0.95, interval: nil) == .notRun)
  // The claims of issue 6 are all present, and the training-accuracy one says so.
  let claims = PublishedClaim.all
  #expect(Set(claims.map(\.model)) == ["cnn-lstm", "lstm2", "cnn", "lstm", "cnn-lstm-deep", "cnn-lstm-wide", "lstm-bn",
                                       "linear-svc", "logistic-regression", "decision-tree"])
  let wide = claims.filter { $0.model == "cnn-lstm-wide" }
  #expect(wide.contains { $0.accuracy == 0.988 && $0.comparedWith == .trainingAccuracy })
  #expect(wide.contains { $0.accuracy == 0.956 && $0.comparedWith == .testAccuracy })
}
