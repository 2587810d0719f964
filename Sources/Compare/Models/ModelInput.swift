// What a model of a comparison reads.

/// What a model reads: the handcrafted features or the raw signals.
public enum ModelInput: String, Sendable, Codable, CaseIterable {
  /// The (n, 561) handcrafted feature matrix, min–max scaled to [-1, 1].
  case features
  /// The (n, 128, 9) raw signal windows, standardised per channel.
  case raw
}
