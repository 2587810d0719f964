// The seed tree: every random choice of a comparison draws from a seed derived, by one
// function, from the run seed and the place of the choice in the plan. Documented with
// its formulas in docs/compare.md ("Seeds").
//
// Decisions, in priority order:
// 1. A seed depends only on (run seed, split, fold, model, seed index, purpose), never
//    on which other models, splits or cells run, nor on their order: a cell computed
//    alone (`har train`, a resumed run, another machine) gets the seeds it gets in a
//    full comparison.
// 2. Strings enter through FNV-1a (64 bit) and every step through
//    `SeededGenerator.derive(seed:_:)` (SplitMix64), so the tree is the same on every
//    platform and release.
// 3. The formulas are those the runner used before the tree was written down, so the
//    committed reports keep their numbers.
import LinearAlgebra

/// What a seed is for: one branch of the seed tree.
public enum SeedPurpose: String, Sendable, Hashable, CaseIterable {
  /// The order of the subjects a k-fold split deals out, or of the windows of the
  /// random window split (whose validation windows continue the same stream). One per
  /// split; the official, held-out and leave-one-subject-out splits draw nothing here.
  case subjectOrder
  /// Which training subjects of one fold are held out for validation.
  case validationSubjects
  /// The model's seed for one cell. Classic models use it directly: the decision
  /// tree's feature order, and linear SVC's coordinate order (Classic derives one
  /// stream per one-vs-rest problem from it, `derive(cell, class)`).
  case cell
  /// A deep model's initial weights.
  case weights
  /// A deep model's mini-batch order and dropout masks.
  case shuffleAndDropout
}

/// The one function that derives every child seed of a comparison.
public enum SeedTree {
  /// The label of the validation-subjects branch: "VALID" in ASCII, shifted one byte,
  /// plus the fold, so that fold f's stream differs from the split's own.
  static let validationLabel: UInt64 = 0x5641_4C49_4400

  /// The seed of one random choice.
  ///
  /// ```
  /// subjectOrder       = derive(run,  FNV1a("split/<split>"))
  /// validationSubjects = derive(subjectOrder, 0x5641_4C49_4400 + fold)
  /// cell               = derive(run,  FNV1a("<model>/<split>/<fold>/<seedIndex>"))
  /// weights            = derive(cell, 1)
  /// shuffleAndDropout  = derive(cell, 2)
  /// ```
  /// where `derive` is `SeededGenerator.derive(seed:_:)`.
  ///
  /// - Parameters:
  ///   - run: the run seed (`ExperimentConfiguration.masterSeed`, `--seed`).
  ///   - split: the split's name (`SplitKind.name`), e.g. `official`, `kfold5`.
  ///   - fold: 0-based fold; read by `validationSubjects` and the cell purposes.
  ///   - model: the model's name; read by the cell purposes only.
  ///   - seedIndex: 0-based seed index of the cell; read by the cell purposes only.
  ///   - purpose: which branch.
  public static func seed(run: UInt64, split: String, fold: Int = 0, model: String = "", seedIndex: Int = 0,
                          purpose: SeedPurpose) -> UInt64 {
    switch purpose {
    case .subjectOrder:
      return SeededGenerator.derive(seed: run, FNV1a64.hash("split/\(split)"))
    case .validationSubjects:
      let splitSeed = seed(run: run, split: split, purpose: .subjectOrder)
      return SeededGenerator.derive(seed: splitSeed, UInt64(fold) &+ validationLabel)
    case .cell:
      return SeededGenerator.derive(seed: run, FNV1a64.hash("\(model)/\(split)/\(fold)/\(seedIndex)"))
    case .weights:
      return SeededGenerator.derive(seed: seed(run: run, split: split, fold: fold, model: model, seedIndex: seedIndex, purpose: .cell), 1)
    case .shuffleAndDropout:
      return SeededGenerator.derive(seed: seed(run: run, split: split, fold: fold, model: model, seedIndex: seedIndex, purpose: .cell), 2)
    }
  }

  /// The seed of `purpose` for one cell (`.cell`, `.weights`, `.shuffleAndDropout`).
  public static func seed(run: UInt64, cell key: CellKey, purpose: SeedPurpose) -> UInt64 {
    seed(run: run, split: key.split, fold: key.fold, model: key.model, seedIndex: key.seedIndex, purpose: purpose)
  }

  /// The seed of a report's bootstrap for one quantity, e.g. `"accuracy/lstm/official"`
  /// or `"paired/linear-svc/cnn/official"`: `derive(run, FNV1a("bootstrap/<label>"))`.
  /// Reports draw their intervals from the run seed, so a report rebuilt from the same
  /// cells prints the same intervals.
  public static func bootstrapSeed(run: UInt64, label: String) -> UInt64 {
    SeededGenerator.derive(seed: run, FNV1a64.hash("bootstrap/\(label)"))
  }
}
