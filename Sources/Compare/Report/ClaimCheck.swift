// A claim beside our numbers: under the honest protocol (the primary subject split,
// test metrics) and under the claim's own protocol (its replica), the verdict, and
// which protocol element explains the number.
//
// "Explained by", tried in this order (each a containment in our 95 % interval):
// 1. our honest number (the claim's metric if it is a test metric, else test
//    accuracy) contains the claim → "nothing to explain";
// 2. the replica's test metric contains it, and the replica differs from the honest
//    protocol → the protocol's differences (e.g. "random window split");
// 3. the replica's training accuracy (Keras's running accuracy of the last epoch)
//    contains it → "training accuracy reported as accuracy";
// 4. the claim's protocol used binary cross-entropy (so Keras printed binary accuracy
//    as "accuracy") and the replica's Keras binary accuracy contains it → "Keras binary
//    accuracy reported as accuracy";
// 5. otherwise → "not explained".
// Claims of a training accuracy are explained by it when our training accuracy's interval
// holds them, or when they lie between our test and training intervals (a less fitted
// model's training accuracy), else not explained.
// Claims of epochs to a training accuracy go through steps 1 and 2 only, the honest
// number being the epochs to that accuracy in our primary-split training of the model.
import LinearAlgebra

/// One of our numbers for a claim: value, interval, where it comes from.
public struct ClaimMeasurement: Sendable, Equatable {
  public var value: Double
  public var interval: ConfidenceInterval?
  /// "test accuracy, official, 5 runs".
  public var label: String
  /// For epoch counts: runs that never reached the threshold (counted as epochs run + 1).
  public var notReached: Int = 0

  /// "92.31 % (90.1–94.0)" or "23 epochs (18–31)".
  public func text(isRate: Bool) -> String {
    func f(_ x: Double) -> String { isRate ? String(format: "%.2f", 100 * x) : String(format: "%.0f", x) }
    let unit = isRate ? " %" : " epochs"
    let ci = interval.map { " (\(f($0.lower))–\(f($0.upper)))" } ?? ""
    let censored = notReached > 0 ? "; \(notReached) run\(notReached == 1 ? "" : "s") never reached it" : ""
    return (notReached > 0 ? "≥ " : "") + f(value) + unit + ci + censored
  }
}

/// A published claim beside our reproduction.
public struct ClaimCheck: Sendable {
  public var claim: PublishedClaim
  /// Our number under the honest protocol (nil when the model did not run).
  public var honest: ClaimMeasurement?
  /// Our number for the claim's metric under the claim's protocol.
  public var replica: ClaimMeasurement?
  /// The model and split of the replica's cells.
  public var replicaModel: String?
  public var replicaSplit: String?
  public var verdict: ClaimVerdict
  /// What explains the claimed number (see the file comment).
  public var explainedBy: String

  /// The verdict with "architecture guessed" beside it when the source left parts unstated.
  public var verdictText: String {
    verdict == .notRun || !claim.architectureGuessed ? verdict.rawValue : "\(verdict.rawValue); architecture guessed"
  }

  /// Checks `claim` against `honest` (the claim's model on the primary split) and
  /// `replica` (its cells under the claim's protocol; the same summary when the protocol
  /// is the honest one).
  public init(claim: PublishedClaim, honest: ModelSummary?, replica: ModelSummary?, replicaDiffers: Bool) {
    self.claim = claim
    replicaModel = replica?.model.name
    replicaSplit = replica?.split
    let honestMetric: ClaimMetric = [.testAccuracy, .macroF1, .macroPrecision, .macroRecall, .weightedF1].contains(claim.metric)
      ? claim.metric : .testAccuracy
    // A convergence claim's honest number: epochs to the same training accuracy in our
    // own training of the model on the primary split (categorical accuracy, its epochs).
    self.honest = honest.flatMap {
      claim.metric == .epochsToTrainingAccuracy
        ? Self.measure(.epochsToTrainingAccuracy, in: $0, threshold: claim.threshold)
        : Self.measure(honestMetric, in: $0, threshold: nil)
    }
    // With binary cross-entropy, Keras prints binary accuracy as "accuracy" during fit:
    // the training figures the source saw are binary ones.
    let binary = claim.setup.loss == "binary_crossentropy"
    self.replica = replica.flatMap { Self.measure(claim.metric, in: $0, threshold: claim.threshold, kerasBinary: binary) }
    verdict = ClaimVerdict(claim: claim.value, interval: self.replica?.interval)
    guard let replica else {
      explainedBy = "—"
      return
    }
    func contains(_ m: ClaimMeasurement?) -> Bool { m?.interval?.contains(claim.value) ?? false }
    if claim.metric == .trainingAccuracy {
      // A training accuracy is explained by being one, not by a test protocol: step 1
      // would compare it with test accuracies. It is when our training accuracy gives it,
      // or when it lies between our test and our training intervals.
      if contains(self.replica) {
        explainedBy = "training accuracy (not a test number)"
      } else if let test = self.honest?.interval, let training = self.replica?.interval,
                claim.value > test.upper, claim.value < training.lower {
        explainedBy = "training accuracy (not a test number): between our test and training intervals"
      } else {
        explainedBy = "not explained"
      }
      return
    }
    if !claim.metric.isRate {
      // Epoch counts: only steps 1 and 2 of the chain apply.
      explainedBy = contains(self.honest) ? "nothing to explain: the honest protocol gives it"
        : replicaDiffers && contains(self.replica) ? "its protocol: \(claim.setup.summary)" : "not explained"
      return
    }
    if contains(self.honest) {
      explainedBy = "nothing to explain: the honest protocol gives it"
    } else if replicaDiffers, contains(Self.measure(honestMetric, in: replica, threshold: nil)) {
      explainedBy = "its protocol: \(claim.setup.summary)"
    } else if contains(Self.measure(.trainingAccuracy, in: replica, threshold: nil, kerasBinary: binary)) {
      explainedBy = claim.metric == .trainingAccuracy ? "training accuracy (not a test number)" : "training accuracy reported as accuracy"
    } else if claim.setup.loss == "binary_crossentropy" || claim.metric == .kerasBinaryAccuracy,
              contains(Self.measure(.kerasBinaryAccuracy, in: replica, threshold: nil)) {
      explainedBy = "Keras binary accuracy reported as accuracy"
    } else {
      explainedBy = "not explained"
    }
  }

  /// Our number for `metric` in `s`, nil when the cells cannot give it.
  /// - Parameter kerasBinary: training figures the Keras way under binary cross-entropy
  ///   (the running binary accuracy), else the running categorical accuracy.
  static func measure(_ metric: ClaimMetric, in s: ModelSummary, threshold: Double?, kerasBinary: Bool = false) -> ClaimMeasurement? {
    let runs = "\(s.split), \(s.cells.count) run\(s.cells.count == 1 ? "" : "s")"
    func confusionMetric(_ statistic: (ConfusionMatrix) -> Double, _ name: String) -> ClaimMeasurement {
      let (value, interval) = s.measure(statistic, label: name)
      return ClaimMeasurement(value: value, interval: interval, label: "\(metric.label), \(runs)")
    }
    switch metric {
    case .testAccuracy, .validationAccuracy:
      let label = metric == .validationAccuracy ? "test accuracy (validation_data = test set), \(runs)" : "test accuracy, \(runs)"
      return ClaimMeasurement(value: s.subjectTallies.map(SubjectBootstrap.meanPooledAccuracy) ?? s.accuracy.mean,
                              interval: s.accuracyInterval, label: label)
    case .macroF1: return confusionMetric({ $0.metrics.macroF1 }, "macro-f1")
    case .macroPrecision: return confusionMetric({ $0.metrics.macroPrecision }, "macro-precision")
    case .macroRecall: return confusionMetric({ $0.metrics.macroRecall }, "macro-recall")
    case .weightedF1: return confusionMetric({ $0.weightedF1 }, "weighted-f1")
    case .kerasBinaryAccuracy:
      guard let tallies = s.binaryTallies else { return nil }
      return ClaimMeasurement(value: SubjectBootstrap.meanPooledAccuracy(tallies),
                              interval: SubjectBootstrap.accuracyInterval(runs: tallies, seed: SeedTree.bootstrapSeed(run: s.bootstrapSeed, label: "binary")),
                              label: "Keras binary accuracy, \(runs)")
    case .trainingAccuracy:
      // Keras's way for deep models (running accuracy of the last epoch); the
      // inference-mode accuracy of the fitted windows otherwise.
      let running: [Double] = s.cells.compactMap { kerasBinary ? $0.history.last?.trainBinaryAccuracy : $0.history.last?.trainAccuracy }
      let values = running.count == s.cells.count && !running.isEmpty ? running : s.cells.compactMap(\.trainingAccuracy)
      guard !values.isEmpty else { return nil }
      let how = running.count == s.cells.count && !running.isEmpty
        ? "\(kerasBinary ? "binary " : "")training accuracy of the last epoch (Keras's running figure)" : "training accuracy"
      return ClaimMeasurement(value: values.reduce(0, +) / Double(values.count),
                              interval: SubjectBootstrap.runInterval(values, seed: SeedTree.bootstrapSeed(run: s.bootstrapSeed, label: "training")),
                              label: "\(how), \(runs)")
    case .epochsToTrainingAccuracy:
      guard let threshold, s.cells.allSatisfy({ !$0.history.isEmpty }) else { return nil }
      var notReached = 0
      let values: [Double] = s.cells.map { cell in
        let reached = cell.history.first { (kerasBinary ? $0.trainBinaryAccuracy ?? $0.trainAccuracy : $0.trainAccuracy) >= threshold }
        if let e = reached?.epoch { return Double(e) }
        notReached += 1
        return Double(cell.history.count + 1)
      }
      return ClaimMeasurement(value: values.reduce(0, +) / Double(values.count),
                              interval: SubjectBootstrap.runInterval(values, seed: SeedTree.bootstrapSeed(run: s.bootstrapSeed, label: "epochs"), clip: 0...1e9),
                              label: "epochs to \(String(format: "%.0f", 100 * threshold)) % running \(kerasBinary ? "binary " : "")training accuracy, \(runs)",
                              notReached: notReached)
    }
  }
}
