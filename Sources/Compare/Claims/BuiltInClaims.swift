// The claims of the five sources the presets come from, as data, with citations.
// Numbers and protocols are as the sources state them; what they leave unstated and we
// had to choose is in `guessed` (and in `PresetProvenance` for the layer details).

/// The built-in published claims, in report order.
public enum BuiltInClaims {
  // MARK: Sources

  static let bhandari = Citation(
    authors: "Bhandari, B.; Annamalai, S.", title: "Human Activity Recognition With RNN",
    venue: "OsloMet – Oslo Metropolitan University")
  static let sharma = Citation(
    authors: "Sharma, A.; Singh, S. K.; Bisht, A.", title: "Human Activity Recognition Using CNN-LSTM")
  static let healthcare = Citation(
    authors: "", title: "A CNN-LSTM for healthcare monitoring on UCI HAR",
    venue: "2,947 test windows, 100 epochs, batch 32")
  static let tutorial = Citation(
    authors: "", title: "Human Activity Recognition – Using Deep Learning Model", venue: "online tutorial", year: 2025)
  static let zebin = Citation(
    authors: "Zebin, T.; Sperrin, M.; Peek, N.; Casson, A. J.",
    title: "Human activity recognition from inertial sensor time-series using batch normalized deep LSTM recurrent networks",
    venue: "IEEE EMBC", year: 2018)

  // MARK: Protocols

  /// Differences between the v1.0 files the sources used and the raw v2.1 (HAPT) recordings we compute from.
  static let dataRelease = "UCI HAR v1.0 files vs our windows from the v2.1 raw recordings (relabelled activities)"
  static let testSize = "2,947 vs our 2,996 test windows (same nine test subjects)"

  static let bhandariFeatures = ClaimProtocol(name: "bhandari-features", data: "UCI HAR v1.0 feature files (561 features)", split: .official, testWindows: 2947)
  static let bhandariRaw = ClaimProtocol(name: "bhandari-raw", data: "UCI HAR v1.0 inertial signals (9 channels)", split: .official,
                                         optimizer: "adam", loss: "categorical_crossentropy", testWindows: 2947)
  static let sharmaSetup = ClaimProtocol(name: "sharma", data: "UCI HAR v1.0 inertial signals", split: .official, epochs: 10, batchSize: 32,
                                         optimizer: "adam", loss: "categorical_crossentropy", testWindows: 2947)
  static let healthcareSetup = ClaimProtocol(name: "healthcare", data: "UCI HAR v1.0 inertial signals", split: .official, epochs: 100,
                                             batchSize: 32, optimizer: "adam", loss: "categorical_crossentropy", testWindows: 2947)
  static let tutorialSetup = ClaimProtocol(name: "tutorial", data: "WISDM-like accelerometer windows", split: .randomWindows(testFraction: 0.2),
                                           epochs: 50, batchSize: 1024, optimizer: "adam", loss: "categorical_crossentropy")
  static let zebinSetup = ClaimProtocol(name: "zebin2018", data: "UCI HAR inertial signals of 20 subjects, accelerometer + gyroscope (6 channels)",
                                        split: .randomSubjects(trainSubjects: 14, testSubjects: 6, draws: 3),
                                        channels: ["total_acc", "body_gyro"], epochs: 100, optimizer: "adam", learningRate: 0.002,
                                        loss: "binary_crossentropy", validationSplit: 0.2)
  /// The SVM number Zebin et al. cite from the UCI HAR authors: handcrafted features, official split.
  static let zebinCitedSVM = ClaimProtocol(name: "uci-svm", data: "UCI HAR handcrafted features (cited)", split: .official)

  static let fourModels = ["layer sizes not legible in the source (common Keras versions)", "epochs not stated (20)"]

  // MARK: Claims

  /// Every built-in claim.
  public static let all: [PublishedClaim] = {
    var claims: [PublishedClaim] = []
    // Bhandari & Annamalai, Table I: classical classifiers on the official v1.0 feature files.
    for (model, name, value) in [("logistic-regression", "Logistic regression", 0.9583), ("linear-svc", "Linear SVC", 0.9667),
                                 ("decision-tree", "Decision tree", 0.8717)] {
      claims.append(PublishedClaim(id: "bhandari-\(model)", citation: bhandari, model: model,
                                   architecture: "\(name) on the 561 features (Table I)", metric: .testAccuracy, value: value,
                                   setup: bhandariFeatures, knownDifferences: [dataRelease, testSize]))
    }
    // Table II: accuracy / F1 / precision / recall of four Keras models on the raw signals.
    let tableII: [(String, String, [Double], [String])] = [
      ("lstm", "single-layer LSTM", [0.9091, 0.9081, 0.9119, 0.9047], fourModels),
      ("lstm2", "multi-layer LSTM", [0.9205, 0.9215, 0.9217, 0.9214], fourModels),
      ("cnn", "1D-CNN", [0.9152, 0.9159, 0.9166, 0.9152], fourModels),
      ("cnn-lstm", "Conv1D 64 k3 ReLU → max-pool 2 → Conv1D k3 ReLU → LSTM 128 → dropout → dense 6",
       [0.9237, 0.9244, 0.9244, 0.9244], ["second convolution's filters (64)", "dropout rate (0.5)", "epochs not stated (20)"]),
    ]
    for (model, architecture, values, guessed) in tableII {
      for (metric, value) in zip([ClaimMetric.testAccuracy, .macroF1, .macroPrecision, .macroRecall], values) {
        claims.append(PublishedClaim(id: "bhandari-\(model)-\(metric.rawValue.replacingOccurrences(of: "_", with: "-"))",
                                     citation: bhandari, model: model, architecture: architecture + " (Table II)",
                                     metric: metric, value: value, setup: bhandariRaw, guessed: guessed,
                                     knownDifferences: [dataRelease, testSize],
                                     note: metric == .testAccuracy ? nil : "F1, precision and recall taken as macro averages: the recall differs from the accuracy, so they are not support-weighted"))
      }
    }
    // Sharma, Singh & Bisht: a deeper CNN-LSTM, 10 epochs, batch 32.
    let sharmaGuessed = ["filters 64/128/128, kernel 3, same padding", "LSTM 128 units", "dense 64 ReLU", "validation_data = the test set"]
    claims.append(PublishedClaim(id: "sharma-validation", citation: sharma, model: "cnn-lstm-deep",
                                 architecture: "3 × (Conv1D + max-pool) → 2 LSTM + dropout 0.5 → 2 dense; Adam 1e-3, 10 epochs, batch 32",
                                 metric: .validationAccuracy, value: 0.947, setup: sharmaSetup, guessed: sharmaGuessed,
                                 knownDifferences: [dataRelease, testSize]))
    claims.append(PublishedClaim(id: "sharma-training", citation: sharma, model: "cnn-lstm-deep",
                                 architecture: "the same model, training data", metric: .trainingAccuracy, value: 0.98,
                                 setup: sharmaSetup, guessed: sharmaGuessed, knownDifferences: [dataRelease]))
    // The healthcare CNN-LSTM: 100 epochs, batch 32; 98.8 % is training accuracy.
    let wideGuessed = ["ReLU after each convolution", "dropout rate 0.5", "valid padding", "learning rate 1e-3", "validation_data = the test set"]
    let wide = "Conv1D 128 k4 → max-pool → dropout → Conv1D 128 k4 → max-pool → 2 × LSTM 100 → dense 100 → dense 6; Adam, 100 epochs, batch 32"
    claims.append(PublishedClaim(id: "healthcare-training", citation: healthcare, model: "cnn-lstm-wide", architecture: wide,
                                 metric: .trainingAccuracy, value: 0.988, setup: healthcareSetup, guessed: wideGuessed,
                                 knownDifferences: [dataRelease],
                                 note: "Its comparison table presents this training accuracy as \"accuracy on UCI HAR\" beside other papers' test accuracies."))
    claims.append(PublishedClaim(id: "healthcare-validation", citation: healthcare, model: "cnn-lstm-wide", architecture: "the same model",
                                 metric: .validationAccuracy, value: 0.956, setup: healthcareSetup, guessed: wideGuessed,
                                 knownDifferences: [dataRelease, testSize]))
    // The 2025 tutorial: random window split, "nearly ~1".
    claims.append(PublishedClaim(id: "tutorial-accuracy", citation: tutorial, model: "lstm-tutorial",
                                 architecture: "dense ReLU projection → LSTM 64 → LSTM 64 → dense; L2, batch 1024, 50 epochs",
                                 metric: .testAccuracy, value: 0.99, setup: tutorialSetup,
                                 guessed: ["L2 λ 0.0015 and learning rate 0.0025 (the tutorial it follows)", "projection 64 units"],
                                 knownDifferences: ["data: WISDM-like phone accelerometer windows, not UCI HAR"],
                                 note: "The tutorial says accuracy is \"nearly ~1\"; taken as 99 %."))
    // Zebin et al. 2018: batch-normalised LSTM, 6 channels, 14/6 of 20 subjects, binary cross-entropy.
    let zebinGuessed = ["2 × LSTM 30 → dense 15 ReLU → dense 6 (sizes from the paper; activation ours)", "which 20 of the 30 subjects (3 random draws)",
                        "epochs not stated (100)", "batch size (64)"]
    let zebinDifferences = ["20 of the 30 subjects, ours drawn at random (the paper's are not listed)", dataRelease]
    claims.append(PublishedClaim(id: "zebin2018-lstm-bn", citation: zebin, model: "lstm-bn", architecture: "LSTM with batch normalisation",
                                 metric: .testAccuracy, value: 0.92, setup: zebinSetup, guessed: zebinGuessed, knownDifferences: zebinDifferences))
    claims.append(PublishedClaim(id: "zebin2018-lstm", citation: zebin, model: "lstm-nobn", architecture: "the same LSTM without batch normalisation",
                                 metric: .testAccuracy, value: 0.88, setup: zebinSetup, guessed: zebinGuessed, knownDifferences: zebinDifferences))
    claims.append(PublishedClaim(id: "zebin2018-bn-convergence", citation: zebin, model: "lstm-bn", architecture: "LSTM with batch normalisation",
                                 metric: .epochsToTrainingAccuracy, value: 20, threshold: 0.98, setup: zebinSetup, guessed: zebinGuessed,
                                 knownDifferences: zebinDifferences, note: "\"about 20 epochs\" to 98 % training accuracy with batch normalisation"))
    claims.append(PublishedClaim(id: "zebin2018-convergence", citation: zebin, model: "lstm-nobn", architecture: "the same LSTM without batch normalisation",
                                 metric: .epochsToTrainingAccuracy, value: 80, threshold: 0.98, setup: zebinSetup, guessed: zebinGuessed,
                                 knownDifferences: zebinDifferences, note: "\"about 80 epochs\" without batch normalisation"))
    claims.append(PublishedClaim(id: "zebin2018-svm", citation: zebin, model: "linear-svc", architecture: "SVM on handcrafted features (cited from the UCI HAR authors)",
                                 metric: .testAccuracy, value: 0.934, setup: zebinCitedSVM,
                                 guessed: ["a linear SVM (the kernel of the cited SVM is not stated)"], knownDifferences: [dataRelease, testSize]))
    return claims
  }()
}
