// Where a report goes: a plain run never lands on a committed report, names are one
// folder, and `--resume` without a name finds the newest dated folder.
import Compare
import Foundation
import Testing
import _TestSupport

@Suite struct ReportLocationTests {
  // 2026-12-01 12:00 UTC.
  let day = Date(timeIntervalSince1970: 1_796_126_400)

  func makeRun(_ dir: URL) throws {
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try Data("id\n".utf8).write(to: dir.appendingPathComponent("results.csv"))
  }

  @Test func datedNameIsUTCDay() {
    #expect(ReportLocation.datedName(profile: "full", date: day) == "full-2026-12-01")
  }

  @Test func plainRunBesideACommittedReportTakesANewDatedFolder() throws {
    let parent = try RealData.temporaryDirectory("reports")
    try makeRun(parent.appendingPathComponent("full"))  // the committed reference report
    let first = try ReportLocation.resolve(parent: parent.path, name: nil, profile: "full", existing: .fail, date: day)
    #expect(first.directory.lastPathComponent == "full-2026-12-01" && first.automatic)
    try makeRun(first.directory)
    let second = try ReportLocation.resolve(parent: parent.path, name: nil, profile: "full", existing: .fail, date: day)
    #expect(second.directory.lastPathComponent == "full-2026-12-01-2")
    try makeRun(second.directory)
    // --resume continues the newest dated folder, not the committed one.
    let resumed = try ReportLocation.resolve(parent: parent.path, name: nil, profile: "full", existing: .resume, date: day)
    #expect(resumed.directory.lastPathComponent == "full-2026-12-01-2")
    // Another profile has nothing to resume.
    #expect(throws: CompareError.self) {
      try ReportLocation.resolve(parent: parent.path, name: nil, profile: "quick", existing: .resume, date: day)
    }
    // An explicit name is used as given.
    let named = try ReportLocation.resolve(parent: parent.path, name: "full", profile: "full", existing: .resume, date: day)
    #expect(named.directory.lastPathComponent == "full" && !named.automatic)
  }

  @Test(arguments: ["", ".", "..", "a/b", "../x", "/abs", "tab\there"])
  func namesThatAreNotOneFolderAreRefused(_ name: String) {
    #expect(throws: CompareError.self) {
      try ReportLocation.resolve(parent: "reports", name: name, profile: "full", existing: .fail, date: day)
    }
  }

  @Test func emptyParentIsRefused() {
    #expect(throws: CompareError.self) {
      try ReportLocation.resolve(parent: "", name: "x", profile: "full", existing: .fail, date: day)
    }
  }
}
