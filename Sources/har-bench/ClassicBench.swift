// Timing of the three classic models (issue 4), called from main.swift with the real
// feature matrix:
//
//     for line in runClassicBenchmarks(x: xTrain, y: yTrain, runs: 5, test: (xTest, yTest)) { print(line) }
//
// Each model is fitted once and checked (training accuracy above a floor, predictions
// in range) before it is timed, then fitted `runs` times; the median fit time is
// reported with the accuracy, the iterations and the fit report's stop reason. Predict
// time is the median over the same runs. Compare with scikit-learn's single-thread fit
// times on the same matrix (BLAS threads are reported; set them with BLASThreads.set(1)
// for a like-for-like comparison).
import Classic
import LinearAlgebra

/// Times fit and predict of `linear-svc`, `logistic-regression` and `decision-tree`
/// with default hyperparameters (seed 0).
///
/// - Parameters:
///   - x: (n, d) training features, already scaled.
///   - y: (n) labels in `0..<k`.
///   - runs: timed fits per model (median reported); ≥ 1.
///   - test: optional held-out rows for a test accuracy.
/// - Returns: one line per model, or an error line if a check fails.
func runClassicBenchmarks(
  x: Matrix<Double>, y: [Int], runs: Int, test: (x: Matrix<Double>, y: [Int])? = nil
) -> [String] {
  var lines = ["classic: n = \(x.rows), d = \(x.columns), k = \((y.max() ?? 0) + 1), BLAS threads = \(BLASThreads.count), runs = \(max(runs, 1))"]
  for kind in ClassifierKind.allCases {
    do {
      let classifier = kind.makeClassifier(seed: 0)
      // Check before timing: a fast wrong answer is not a result.
      let checked = try classifier.fit(x: x, y: y, classCount: nil)
      let trainAccuracy = try checked.accuracy(x: x, y: y)
      let predictions = try checked.predict(x)
      guard trainAccuracy > 0.5, predictions.allSatisfy({ (0..<checked.classCount).contains($0) }) else {
        lines.append("\(kind): CHECK FAILED: training accuracy \(trainAccuracy)")
        continue
      }
      var fitSeconds: [Double] = [], predictSeconds: [Double] = []
      var sink = 0
      for _ in 0..<max(runs, 1) {
        let start = ContinuousClock.now
        let model = try classifier.fit(x: x, y: y, classCount: nil)
        fitSeconds.append(seconds(since: start))
        let predictStart = ContinuousClock.now
        sink &+= try model.predict(x).reduce(0, &+)
        predictSeconds.append(seconds(since: predictStart))
      }
      var line = "\(kind): fit \(format(median(fitSeconds))) s (median of \(fitSeconds.count)), "
        + "predict \(format(median(predictSeconds))) s, train accuracy \(format(100 * trainAccuracy)) %"
      if let test { line += ", test accuracy \(format(100 * (try checked.accuracy(x: test.x, y: test.y)))) %" }
      line += ", \(checked.report.iterations) iterations, \(checked.report.stopReason.rawValue)"
      if sink == Int.min { line += " " }   // keeps the timed predictions alive
      lines.append(line)
    } catch {
      lines.append("\(kind): error: \(error)")
    }
  }
  return lines
}

private func seconds(since start: ContinuousClock.Instant) -> Double {
  let d = ContinuousClock.now - start
  return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

private func format(_ value: Double) -> String {
  let scaled = (value * 1000).rounded() / 1000
  return "\(scaled)"
}
