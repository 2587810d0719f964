// `har train` is one cell of a comparison: on the same data, with the same run seed and
// settings, its record equals the compare cell's bit for bit (timings aside), for a
// classic and a deep model. A small synthetic HAPT folder with every official test
// subject keeps it to seconds and needs no real data.
import Foundation
import Testing
import _TestSupport

/// A HAPT folder with the nine official test subjects and five training subjects; each
/// recording holds 200 samples of walking then 200 of sitting (2 windows each).
private func officialSplitFixture() throws -> URL {
  let root = try RealData.temporaryDirectory("hapt-official")
  let raw = root.appendingPathComponent("RawData")
  try FileManager.default.createDirectory(at: raw, withIntermediateDirectories: true)
  let subjects = [1, 2, 3, 4, 5, 6, 7, 9, 10, 12, 13, 18, 20, 24]
  var labels = ""
  for (e, u) in zip(1..., subjects) {
    var acc = "", gyro = ""
    for i in 0..<400 {
      // Every channel varies (a constant channel has no correlation), walking strongly.
      let t = Double(i) / 50, a = 1 + 0.05 * Double(u % 5), m = i < 200 ? 0.3 : 0.01
      func jitter(_ k: Double) -> Double { 0.002 * sin(1.7 * Double(i) + k * Double(u)) }
      acc += "\(a + m * sin(6 * t) + jitter(1)) \(-m * cos(6 * t) + jitter(2)) \(0.2 + m * sin(3 * t) + jitter(3))\n"
      gyro += "\(m * sin(5 * t) + jitter(4)) \(-m * cos(5 * t) + jitter(5)) \(0.1 * m + jitter(6))\n"
    }
    try acc.write(to: raw.appendingPathComponent(String(format: "acc_exp%02d_user%02d.txt", e, u)), atomically: true, encoding: .utf8)
    try gyro.write(to: raw.appendingPathComponent(String(format: "gyro_exp%02d_user%02d.txt", e, u)), atomically: true, encoding: .utf8)
    labels += "\(e) \(u) 1 1 200\n\(e) \(u) 4 201 400\n"
  }
  try labels.write(to: raw.appendingPathComponent("labels.txt"), atomically: true, encoding: .utf8)
  return root
}

/// A cell record as a dictionary, without the wall-clock timings (which differ run to run).
private func record(_ url: URL) throws -> NSDictionary {
  let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
  return object.filter { !["fitSeconds", "predictSeconds", "wallSeconds"].contains($0.key) } as NSDictionary
}

@Suite struct TrainCommandTests {
  @Test func trainIsTheMatchingCompareCellBitForBit() throws {
    let data = try officialSplitFixture()
    let out = try RealData.temporaryDirectory("train-cell")
    let settings = ["--seed", "77", "--threads", "1", "--data", data.path]
    let compare = try HarExecutable.run(
      ["compare", "--models", "linear-svc,cnn", "--seeds", "2", "--epochs", "1", "--out", out.path, "--name", "c"] + settings)
    #expect(compare.status == 0, "\(compare.stderr.suffix(2000))")
    let cells = out.appendingPathComponent("c/cells")
    for (model, seedIndex) in [("linear-svc", 0), ("cnn", 1)] {
      let path = out.appendingPathComponent("\(model).json").path
      let epochs = model == "cnn" ? ["--epochs", "1"] : []
      let train = try HarExecutable.run(["train", "--model", model, "--seed-index", "\(seedIndex)", "--record", path] + epochs + settings)
      #expect(train.status == 0, "\(train.stderr.suffix(2000))")
      let single = try record(URL(fileURLWithPath: path))
      let cell = try record(cells.appendingPathComponent("\(model)_official_0_\(seedIndex).json"))
      #expect(single == cell, "har train \(model) differs from its compare cell:\n\(single)\n\(cell)")
      #expect((single["history"] as? [Any])?.count == (model == "cnn" ? 1 : 0))
    }
  }

  @Test func deepOnlyOptionsAndSummary() throws {
    let classic = try HarExecutable.run(["train", "--model", "linear-svc", "--checkpoint", "/tmp/x"])
    #expect(classic.status == 2 && classic.stderr.contains("--checkpoint applies to deep presets, not to linear-svc"), "\(classic.stderr)")
    let resume = try HarExecutable.run(["train", "--model", "cnn", "--resume"])
    #expect(resume.status == 2 && resume.stderr.contains("--resume and no --checkpoint cannot be combined"), "\(resume.stderr)")
    let summary = try HarExecutable.run(["train", "--model", "cnn", "--summary"])
    #expect(summary.status == 0 && summary.stdout.contains("Total params"), "\(summary.stdout)\(summary.stderr)")
    let index = try HarExecutable.run(["train", "--model", "cnn", "--seed-index", "-1"])
    #expect(index.status == 2 && index.stderr.contains("--seed-index: expected an integer ≥ 0, found -1"), "\(index.stderr)")
    let unknown = try HarExecutable.run(["train", "--model", "resnet"])
    #expect(unknown.status == 2 && unknown.stderr.contains("unknown model 'resnet'"), "\(unknown.stderr)")
  }
}

/// Outputs are checked before any training, so a typo in a path never costs a finished run.
@Suite struct TrainOutputPathTests {
  @Test(arguments: ["--history", "--checkpoint"])
  func missingFolderFailsBeforeLoadingOrTraining(_ option: String) throws {
    let r = try HarExecutable.run(["train", "--model", "lstm", option, "/nonexistent-\(UUID().uuidString)/out.csv",
                                   "--data", "/nonexistent-data"])
    // A usage error about the path, not a data error (the data is not even looked for),
    // and no Foundation error dump.
    #expect(r.status == 2, "\(r.stderr)")
    #expect(r.stderr.contains(option) && r.stderr.contains("does not exist"), "\(r.stderr)")
    #expect(!r.stderr.contains("NSCocoaErrorDomain") && !r.stderr.contains("epoch"), "\(r.stderr)")
  }

  @Test func aFolderIsNotAHistoryFile() throws {
    let dir = try RealData.temporaryDirectory("history-folder")
    let r = try HarExecutable.run(["train", "--model", "lstm", "--history", dir.path, "--data", "/nonexistent-data"])
    #expect(r.status == 2 && r.stderr.contains("a folder"), "\(r.stderr)")
  }
}

@Suite struct SmallUsageTests {
  @Test func groupHelpIsHelp() throws {
    let r = try HarExecutable.run(["data", "--help"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("data info") && r.stdout.contains("data download"), "\(r.stdout)")
  }

  @Test func emptyOutIsAUsageError() throws {
    let features = try HarExecutable.run(["features", "--out", ""])
    #expect(features.status == 2 && features.stderr.contains("--out"), "\(features.stderr)")
    let compare = try HarExecutable.run(["compare", "--out", "", "--models", "linear-svc"])
    #expect(compare.status == 2 && compare.stderr.contains("--out"), "\(compare.stderr)")
  }

  @Test func reportNameMustBeOneFolder() throws {
    for name in ["..", ".", "a/b", ""] {
      let r = try HarExecutable.run(["compare", "--name", name, "--models", "linear-svc", "--data", "/nonexistent-data"])
      #expect(r.status == 2 && r.stderr.contains("--name"), "\(name): \(r.stderr)")
    }
  }
}
