// The cells that measure a claim under its own protocol: the claim's model, trained the
// way the source trained it (channels, epochs, batch, learning rate, loss, Keras's
// validation_split: `TrainingOverrides`), on the source's kind of split. When the
// protocol changes nothing — the official split and the model's own settings — the
// replica is the comparison's own cells, and nothing extra runs.

/// Where a claim is measured under its own protocol.
public struct ClaimReplica: Sendable, Equatable {
  /// The model whose cells measure the claim: the claim's model, or its variant.
  public var model: String
  /// The split of those cells.
  public var split: SplitKind
  /// The variant to add to the run, when the protocol changes the model's training.
  public var variant: (any ComparableModel)?

  public static func == (a: ClaimReplica, b: ClaimReplica) -> Bool {
    a.model == b.model && a.split == b.split && (a.variant?.name == b.variant?.name)
  }

  /// The replica of `claim` for its model `base`.
  ///
  /// - Throws: `CompareError.invalidOption` for channels or training settings the model
  ///   cannot take, naming the claim.
  public static func plan(_ claim: PublishedClaim, base: any ComparableModel) throws -> ClaimReplica {
    let setup = claim.setup
    let overrides: TrainingOverrides
    do {
      overrides = TrainingOverrides(
        channels: try setup.channels.map(ChannelSelection.init), epochs: setup.epochs, batchSize: setup.batchSize,
        learningRate: setup.learningRate, loss: setup.loss, validationSplit: setup.validationSplit)
      try overrides.validate()
    } catch let error as CompareError {
      throw CompareError.invalidOption(name: "claim \(claim.id)", expected: "a protocol \(base.name) can be trained under", found: "\(error)")
    }
    let variant = try base.variant(named: "\(base.name)-\(setup.name)", overrides: overrides)
    return ClaimReplica(model: variant?.name ?? base.name, split: setup.split.splitKind, variant: variant)
  }
}
