// The one configuration: its defaults, its ranges (each checked by validate(), named by
// property), and the claims and provenance that live in Compare only.
import Compare
import Deep
import Testing

@Suite struct ConfigurationTests {
  @Test func profilesUseTheWrittenDefaults() {
    let full = ExperimentConfiguration.full, quick = ExperimentConfiguration.quick
    #expect(full.deepSeeds == 5 && full.classicSeeds == 5 && full.leakageSeeds == 3 && full.claimSeeds == 3)
    #expect(full.masterSeed == 2024 && full.epochs == nil && full.claimReplicas && full.leakageCheck)
    #expect(full.patience == nil && full.validationFraction == 0 && full.threads == 2 && full.splits == [.official])
    #expect(quick.deepSeeds == 1 && quick.classicSeeds == 1 && quick.leakageSeeds == 1 && quick.claimSeeds == 1)
    #expect(quick.epochs == 2 && quick.profile == "quick")
    #expect(throws: Never.self) { try full.validate() }
  }

  /// One setting out of range each, and the message `validate()` gives for it.
  enum OutOfRange: String, CaseIterable, Sendable {
    case epochs, patience, threads, deepSeeds, folds, validationFraction, patienceWithoutValidation

    var configuration: ExperimentConfiguration {
      var c = ExperimentConfiguration.full
      switch self {
      case .epochs: c.epochs = 0
      case .patience: c.patience = 10_001
      case .threads: c.threads = 0
      case .deepSeeds: c.deepSeeds = 101
      case .folds: c.splits = [.kFold(1)]
      case .validationFraction: c.validationFraction = -0.1
      case .patienceWithoutValidation: c.patience = 5; c.validationFraction = 0
      }
      return c
    }

    var message: String {
      switch self {
      case .epochs: "epochs: expected an integer in 1…10000, found 0"
      case .patience: "patience: expected an integer in 1…10000, found 10001"
      case .threads: "threads: expected an integer in 1…256, found 0"
      case .deepSeeds: "deepSeeds: expected an integer in 1…100, found 101"
      case .folds: "folds: expected an integer in 2…1000, found 1"
      case .validationFraction: "validationFraction: expected a number in [0, 1), found -0.1"
      case .patienceWithoutValidation:
        "patience and validationFraction 0 cannot be combined: early stopping needs held-out validation subjects"
      }
    }
  }

  @Test(arguments: OutOfRange.allCases)
  func everyRangeIsCheckedByValidate(_ setting: OutOfRange) {
    #expect { try setting.configuration.validate() } throws: { "\($0)" == setting.message }
  }

  @Test func boundsAreInside() throws {
    var c = ExperimentConfiguration.full
    c.epochs = ExperimentConfiguration.Limits.epochs.upperBound
    c.patience = 1
    c.threads = ExperimentConfiguration.Limits.threads.upperBound
    c.validationFraction = 0
    c.patience = nil
    c.splits = [.kFold(2)]
    try c.validate()
  }

  @Test func requestSettingsReachTheConfigurationAndTheAdapters() throws {
    let request = ComparisonRequest(quick: true, masterSeed: 9, epochs: 3, patience: 4, validationFraction: 0.2, threads: 1)
    let c = try request.configuration()
    #expect(c.masterSeed == 9 && c.epochs == 3 && c.patience == 4 && c.validationFraction == 0.2 && c.threads == 1 && c.deepSeeds == 1)
    let lstm = try ModelRegistry.model(named: "lstm", configuration: c)
    #expect((lstm as? DeepModel)?.patience == 4)
    #expect(lstm.summary.contains("patience 4"))
  }

  @Test func claimsAndProvenanceCoverEveryPreset() {
    for name in Preset.names {
      #expect(!(PresetProvenance.ourChoices[name] ?? []).isEmpty, "\(name) has no recorded choices")
      #expect(BuiltInClaims.all.contains { $0.model == name }, "\(name) has no claim")
    }
    #expect(Set(PresetProvenance.ourChoices.keys) == Set(Preset.names))
  }
}
