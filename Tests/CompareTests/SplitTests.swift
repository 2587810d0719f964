import Compare
import Features
import Testing

/// Windows of `subjects` subjects with `perSubject` windows each (subject-major).
private func windows(subjects: [Int], perSubject: Int = 4) -> [WindowIndex] {
  subjects.flatMap { s in (0..<perSubject).map { WindowIndex(experiment: s, subject: s, activity: Activity.basic[$0 % 6], start: $0 * 64) } }
}

private let thirty = windows(subjects: Array(1...30))

/// The properties every split must have, with the seed printed on failure.
private func checkProperties(_ split: SubjectSplit, windows: [WindowIndex], seed: UInt64) {
  let all = Set(windows.indices)
  for fold in split.folds {
    let train = Set(fold.train), test = Set(fold.test)
    #expect(train.isDisjoint(with: test), "seed \(seed) \(split.kind) fold \(fold.index): a window in both parts")
    #expect(train.union(test) == all, "seed \(seed) \(split.kind) fold \(fold.index): parts do not cover the windows")
    #expect(fold.train == fold.train.sorted() && fold.test == fold.test.sorted())
    #expect(fold.validation.allSatisfy { $0 >= 0 && $0 < fold.train.count })
    if split.kind.isBySubject {
      let trainSubjects = Set(fold.train.map { windows[$0].subject }), testSubjects = Set(fold.test.map { windows[$0].subject })
      #expect(trainSubjects.isDisjoint(with: testSubjects), "seed \(seed) \(split.kind) fold \(fold.index): subject on both sides")
      #expect(Set(fold.testSubjects) == testSubjects)
      let validationSubjects = Set(fold.validation.map { windows[fold.train[$0]].subject })
      #expect(validationSubjects == Set(fold.validationSubjects))
      #expect(validationSubjects.isSubset(of: trainSubjects), "validation subjects must be training subjects")
      #expect(validationSubjects.count < trainSubjects.count)
      // Every window of a validation subject is in the validation set.
      #expect(fold.validation.count == fold.train.filter { validationSubjects.contains(windows[$0].subject) }.count)
    }
  }
  if case .kFold = split.kind {
    // Every subject is tested exactly once.
    let tested = split.folds.flatMap(\.testSubjects)
    #expect(tested.count == Set(tested).count && Set(tested) == Set(windows.map(\.subject)))
  }
}

@Test(arguments: [SplitKind.official, .kFold(5), .kFold(7), .leaveOneSubjectOut, .randomWindows, .heldOut(testSubjects: [1, 5, 30])])
func splitPropertiesHoldForManySeeds(kind: SplitKind) throws {
  for seed: UInt64 in [0, 1, 42, 2024, 0xFFFF_FFFF_FFFF] {
    let split = try SubjectSplit(kind, windows: thirty, runSeed: seed, validationFraction: 0.15)
    checkProperties(split, windows: thirty, seed: seed)
    #expect(try SubjectSplit(kind, windows: thirty, runSeed: seed, validationFraction: 0.15) == split, "seed \(seed): same seed, different split")
  }
}

@Test func officialSplitUsesTheOfficialTestSubjects() throws {
  let split = try SubjectSplit(.official, windows: thirty, runSeed: 1, validationFraction: 0.15)
  #expect(split.folds.count == 1)
  #expect(split.folds[0].testSubjects == [2, 4, 9, 10, 12, 13, 18, 20, 24])
  // 15 % of 21 training subjects, rounded: 3.
  #expect(split.folds[0].validationSubjects.count == 3)
}

@Test func kFoldIsBalancedAndSeeded() throws {
  let split = try SubjectSplit(.kFold(4), windows: thirty, runSeed: 3)
  let sizes = split.folds.map(\.testSubjects.count)
  #expect(sizes.max()! - sizes.min()! <= 1, "fold sizes \(sizes)")
  #expect(sizes.reduce(0, +) == 30)
  let other = try SubjectSplit(.kFold(4), windows: thirty, runSeed: 4)
  #expect(other.folds.map(\.testSubjects) != split.folds.map(\.testSubjects), "different seeds should deal subjects differently")
}

@Test func leaveOneSubjectOutHasOneFoldPerSubject() throws {
  let split = try SubjectSplit(.leaveOneSubjectOut, windows: thirty, runSeed: 0)
  #expect(split.folds.count == 30)
  #expect(split.folds.map(\.testSubjects) == (1...30).map { [$0] })
}

/// Random subject splits (a paper's 14 + 6 of 20 people): each draw keeps subjects on
/// one side, uses exactly 20 people, and differs from the other draws.
@Test func randomSubjectSplitsDrawThePaperSizes() throws {
  let split = try SubjectSplit(.randomSubjects(train: 14, test: 6, draws: 3), windows: thirty, runSeed: 5)
  #expect(split.folds.count == 3 && split.kind.name == "subjects14v6x3")
  for fold in split.folds {
    let train = Set(fold.train.map { thirty[$0].subject }), test = Set(fold.test.map { thirty[$0].subject })
    #expect(train.count == 14 && test.count == 6 && train.isDisjoint(with: test) && Set(fold.testSubjects) == test)
    #expect(fold.train.count == 14 * 4 && fold.test.count == 6 * 4)
  }
  #expect(Set(split.folds.map(\.testSubjects)).count == 3, "the draws differ")
  #expect(try SubjectSplit(.randomSubjects(train: 14, test: 6, draws: 3), windows: thirty, runSeed: 5) == split)
  #expect(throws: CompareError.self) { try SubjectSplit(.randomSubjects(train: 25, test: 6, draws: 1), windows: thirty, runSeed: 5) }
}

/// The leakage check's splits take exactly the sizes they are matched to; the window
/// split mixes every subject into both parts, the recording split keeps recordings whole.
@Test func matchedLeakySplitsTakeTheSubjectSplitSizes() throws {
  // Two recordings per subject, 4 windows each.
  let recorded = (1...30).flatMap { s in (0..<8).map { WindowIndex(experiment: 2 * s + $0 / 4, subject: s, activity: Activity.basic[$0 % 6], start: $0 * 64) } }
  for kind in [SplitKind.matchedRandomWindows, .matchedRandomRecordings] {
    let split = try SubjectSplit(kind, windows: recorded, runSeed: 11, matching: (train: 150, test: 60))
    let fold = split.folds[0]
    #expect(fold.test.count == 60 && fold.train.count <= 150 && fold.train.count >= 150 - 4)
    #expect(Set(fold.train).isDisjoint(with: fold.test))
    if kind == .matchedRandomWindows {
      #expect(fold.train.count == 150)
    } else {
      // A recording is never split across the parts, so the trimmed test side holds
      // whole recordings only (trimming may drop windows of one of them).
      let trainRecordings = Set(fold.train.map { recorded[$0].experiment }), testRecordings = Set(fold.test.map { recorded[$0].experiment })
      #expect(trainRecordings.isDisjoint(with: testRecordings))
    }
    #expect(try SubjectSplit(kind, windows: recorded, runSeed: 11, matching: (train: 150, test: 60)) == split)
  }
  #expect(throws: CompareError.self) { try SubjectSplit(.matchedRandomWindows, windows: recorded, runSeed: 11) }
}

@Test func randomSplitIsEightyTwenty() throws {
  let split = try SubjectSplit(.randomWindows, windows: thirty, runSeed: 9, validationFraction: 0.15)
  #expect(split.folds[0].test.count == 24)   // 20 % of 120
  #expect(split.folds[0].validation.count == 14)   // 15 % of 96, rounded
}

@Test func splitErrorsAreClear() throws {
  let few = windows(subjects: [1, 2, 3])
  #expect {
    try SubjectSplit(.kFold(5), windows: few, runSeed: 0)
  } throws: { error in
    "\(error)" == "split 'kfold5': 5 folds need at least 5 subjects, but the data has 3"
  }
  #expect {
    try SubjectSplit(.official, windows: few, runSeed: 0)
  } throws: { error in
    "\(error)" == "split 'official' names subject(s) 4, 9, 10, 12, 13, 18, 20, 24 that have no windows in the data; subjects present: 1–3"
  }
  #expect {
    try SubjectSplit(.heldOut(testSubjects: [1, 2, 3]), windows: few, runSeed: 0)
  } throws: { error in
    "\(error)" == "split 'subjects' fold 0: the training part has no windows"
  }
  // The fold range is checked by the configuration, also for a split built directly.
  #expect(throws: CompareError.invalidOption(name: "folds", expected: "an integer in 2…1000", found: "1")) {
    try SubjectSplit(SplitKind(name: "kfold", folds: 1), windows: few, runSeed: 0)
  }
  #expect(throws: CompareError.invalidOption(name: "validationFraction", expected: "a number in [0, 1)", found: "1.0")) {
    try SubjectSplit(.official, windows: thirty, runSeed: 0, validationFraction: 1)
  }
  #expect {
    try SplitKind(name: "windows")
  } throws: { error in
    "\(error)" == "split: expected one of official, kfold, loso, random, found 'windows'"
  }
  #expect(try SplitKind(name: "kfold") == .kFold(5))
  #expect(try SplitKind(name: "kfold", folds: 10) == .kFold(10))
  #expect(try SplitKind(name: "loso") == .leaveOneSubjectOut)
}
