// Feature families against an independent count: the names are classified here by a
// character scan written differently from `FeatureFamily` (no hasPrefix/contains), and
// against features.txt itself when the UCI HAR folder is present.
import Features
import Foundation
import Testing
import _TestSupport

@Suite struct FeatureFamilyTests {
  /// Whether `word` occurs in `name`, by sliding a window over the characters.
  func occurs(_ word: String, in name: String) -> Bool {
    let n = Array(name), w = Array(word)
    guard n.count >= w.count else { return false }
    return (0...(n.count - w.count)).contains { start in (0..<w.count).allSatisfy { n[start + $0] == w[$0] } }
  }

  /// Counts per family by the independent scan.
  func independentCounts(_ names: [String]) -> [FeatureFamily: Int] {
    var counts: [FeatureFamily: Int] = [:]
    for name in names {
      let chars = Array(name)
      if chars.count > 6 && String(chars[0..<6]) == "angle(" { counts[.angle, default: 0] += 1; continue }
      if chars[0] == "t" { counts[.timeDomain, default: 0] += 1 }
      if chars[0] == "f" { counts[.frequencyDomain, default: 0] += 1 }
      if occurs("Acc", in: name) { counts[.accelerometer, default: 0] += 1 }
      if occurs("Gyro", in: name) { counts[.gyroscope, default: 0] += 1 }
      if occurs("Body", in: name) { counts[.body, default: 0] += 1 }
      if occurs("Gravity", in: name) { counts[.gravity, default: 0] += 1 }
    }
    return counts
  }

  @Test func countsOfTheCatalogue() {
    let counts = Dictionary(uniqueKeysWithValues: FeatureFamily.allCases.map { ($0, $0.columns().count) })
    #expect(counts == independentCounts(FeatureCatalog.names))
    // The counts documented in docs/features.md.
    #expect(counts == [.timeDomain: 265, .frequencyDomain: 289, .accelerometer: 343, .gyroscope: 211,
                       .body: 501, .gravity: 53, .angle: 7])
  }

  @Test func familiesPartitionTheColumnsThreeWays() {
    let all = Set(0..<561)
    for partition: [FeatureFamily] in [[.timeDomain, .frequencyDomain, .angle], [.accelerometer, .gyroscope, .angle],
                                        [.body, .gravity, .angle]] {
      let sets = partition.map { Set($0.columns()) }
      #expect(sets.map(\.count).reduce(0, +) == 561, "\(partition)")
      #expect(sets.reduce(Set<Int>()) { $0.union($1) } == all, "\(partition)")
    }
  }

  @Test func columnsAreZeroBasedAndAscending() {
    let angle = FeatureFamily.angle.columns()
    #expect(angle == Array(554..<561))  // features.txt rows 555…561
    #expect(FeatureFamily.timeDomain.columns().first == 0)  // tBodyAcc-mean()-X, row 1
    #expect(FeatureFamily.frequencyDomain.columns().first == 265)  // fBodyAcc-mean()-X, row 266
    for family in FeatureFamily.allCases { #expect(family.columns() == family.columns().sorted()) }
    // Irregular names land where their words say.
    #expect(FeatureFamily.angle.contains(featureNamed: "angle(tBodyAccJerkMean),gravityMean)"))
    #expect(!FeatureFamily.accelerometer.contains(featureNamed: "angle(tBodyAccJerkMean),gravityMean)"))
    #expect(FeatureFamily.body.contains(featureNamed: "fBodyBodyGyroJerkMag-mean()"))
    #expect(FeatureFamily.gravity.contains(featureNamed: "tGravityAccMag-std()"))
    #expect(!FeatureFamily.body.contains(featureNamed: "tGravityAccMag-std()"))
  }

  // Needs UCI-HAR's features.txt; skipped, visibly, without it.
  @Test(.enabled(if: RealData.uciHARDirectory != nil, RealData.skipReason)) func countsOfFeaturesTxt() throws {
    let text = try String(contentsOf: RealData.uciHARDirectory!.appendingPathComponent("features.txt"), encoding: .utf8)
    let names = text.split(whereSeparator: \.isNewline).map { String($0.split(separator: " ")[1]) }
    #expect(names.count == 561)
    for family in FeatureFamily.allCases {
      #expect(family.columns(in: names).count == independentCounts(names)[family], "\(family)")
    }
  }
}
