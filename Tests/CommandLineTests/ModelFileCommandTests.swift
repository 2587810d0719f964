// `har train --model-file` and `har compare --model-file … --claims …`: a Keras model file
// and a user's claims file go through the same cells, replicas and verdicts as the
// built-in models and claims. A small synthetic HAPT folder with every official test
// subject and all six activities keeps each run to seconds; the model files are real
// Keras 3 output (Tests/DeepTests/Fixtures/keras, with Keras's own parameter counts).
import Foundation
import Testing
import _TestSupport

/// A HAPT folder with the nine official test subjects and five training subjects; each
/// recording holds 200 samples of each of the six activities (2 windows each).
private func sixActivityFixture() throws -> URL {
  let root = try RealData.temporaryDirectory("hapt-six")
  let raw = root.appendingPathComponent("RawData")
  try FileManager.default.createDirectory(at: raw, withIntermediateDirectories: true)
  let subjects = [1, 2, 3, 4, 5, 6, 7, 9, 10, 12, 13, 18, 20, 24]
  var labels = ""
  for (e, u) in zip(1..., subjects) {
    var acc = "", gyro = ""
    for i in 0..<1200 {
      // Every channel varies, with an amplitude and frequency per activity.
      let activity = i / 200, t = Double(i) / 50, m = 0.05 + 0.1 * Double(activity), f = 2 + Double(activity)
      func jitter(_ k: Double) -> Double { 0.002 * sin(1.7 * Double(i) + k * Double(u)) }
      acc += "\(1 + m * sin(f * t) + jitter(1)) \(-m * cos(f * t) + jitter(2)) \(0.2 + m * sin(3 * t) + jitter(3))\n"
      gyro += "\(m * sin(5 * t) + jitter(4)) \(-m * cos(f * t) + jitter(5)) \(0.1 * m + jitter(6))\n"
    }
    try acc.write(to: raw.appendingPathComponent(String(format: "acc_exp%02d_user%02d.txt", e, u)), atomically: true, encoding: .utf8)
    try gyro.write(to: raw.appendingPathComponent(String(format: "gyro_exp%02d_user%02d.txt", e, u)), atomically: true, encoding: .utf8)
    for activity in 1...6 { labels += "\(e) \(u) \(activity) \(200 * (activity - 1) + 1) \(200 * activity)\n" }
  }
  try labels.write(to: raw.appendingPathComponent("labels.txt"), atomically: true, encoding: .utf8)
  return root
}

/// A Keras fixture file: Keras 3.15.1's `model.to_json()`.
private func kerasFixture(_ name: String) -> String {
  RealData.packageRoot.appendingPathComponent("Tests/DeepTests/Fixtures/keras/\(name)").path
}

/// Keras's own `model.count_params()` for a fixture file, from keras_fixtures.json.
private func kerasParameterCount(_ file: String) throws -> Int {
  let url = RealData.packageRoot.appendingPathComponent("Tests/DeepTests/Fixtures/keras_fixtures.json")
  let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
  let accepted = manifest["accepted"] as! [[String: Any]]
  return try #require(accepted.first { $0["file"] as? String == file }?["count_params"] as? Int)
}

/// One claim about `model` in the JSON form of a claims file, with `changes` applied.
private func claim(id: String, model: String, value: Any = 0.5, split: [String: Any] = ["kind": "official"],
                   protocolExtras: [String: Any] = [:]) -> [String: Any] {
  var setup: [String: Any] = ["name": "\(id)-setup", "data": "test data", "split": split]
  for (k, v) in protocolExtras { setup[k] = v }
  return ["id": id, "citation": ["authors": "Doe, J.; Roe, R.", "title": "A test claim", "year": 2026], "model": model,
          "architecture": "LSTM 32 → dropout → dense 6", "metric": "test_accuracy", "value": value, "protocol": setup]
}

private func writeClaims(_ claims: [[String: Any]], to url: URL) throws {
  try JSONSerialization.data(withJSONObject: ["claims": claims], options: [.prettyPrinted]).write(to: url)
}

@Suite struct ModelFileCommandTests {
  @Test func compareWithAModelFileAndClaimsWritesTheClaimsVerdicts() throws {
    let data = try sixActivityFixture()
    let out = try RealData.temporaryDirectory("model-file-compare")
    let claims = out.appendingPathComponent("claims.json")
    try writeClaims([
      claim(id: "my-official", model: "tiny-lstm", value: 0.4321),
      // A protocol that changes the training: a variant with Keras's validation_split on a random window split.
      claim(id: "my-leaky", model: "tiny-lstm", value: 0.8765, split: ["kind": "random_windows", "test_fraction": 0.25],
            protocolExtras: ["validation_split": 0.2, "batch_size": 16]),
    ], to: claims)
    let r = try HarExecutable.run([
      "compare", "--model-file", "tiny-lstm=\(kerasFixture("lstm.json"))", "--claims", claims.path, "--quick",
      "--models", "linear-svc", "--name", "mf", "--out", out.path, "--threads", "1", "--data", data.path])
    #expect(r.status == 0, "\(r.stderr.suffix(3000))")
    let readme = try String(contentsOf: out.appendingPathComponent("mf/README.md"), encoding: .utf8)
    #expect(readme.contains("| tiny-lstm |"), "the model file's model is in the tables")
    let verdicts = ["consistent", "higher than we reproduce", "lower than we reproduce"]
    for (value, replica) in [("43.21 %", nil), ("87.65 %", "tiny-lstm-my-leaky-setup")] as [(String, String?)] {
      let row = try #require(readme.split(separator: "\n").first { $0.contains("| Doe & Roe (2026) |") && $0.contains(value) },
                             "the claims table has the user's claim \(value)")
      #expect(verdicts.contains { row.contains("**\($0)**") }, "a verdict for \(value): \(row)")
      if let replica { #expect(row.contains(replica), "its replica is the variant \(replica): \(row)") }
    }
    // The report line of the model file names the file, its layers and where its settings come from.
    #expect(readme.contains("Keras file lstm.json"), "\(readme.prefix(3000))")
  }

  @Test func trainAModelFilePrintsKerasParameterCount() throws {
    let data = try sixActivityFixture()
    let keras = try kerasParameterCount("lstm.json")
    let r = try HarExecutable.run(["train", "--model-file", kerasFixture("lstm.json"), "--epochs", "1", "--threads", "1", "--data", data.path])
    #expect(r.status == 0, "\(r.stderr.suffix(2000))")
    #expect(r.stderr.contains("train: \(keras) parameters; the file's Keras count_params: \(keras),"), "\(r.stderr.suffix(2000))")
    #expect(r.stdout.hasPrefix("lstm: test accuracy "), "the file's stem names the model: \(r.stdout)")
  }

  @Test func summaryNeedsNoData() throws {
    let keras = try kerasParameterCount("every_layer.json")
    // A 6-channel file: its own input shape, without --channels and without any data.
    let r = try HarExecutable.run(["train", "--model-file", kerasFixture("every_layer.json"), "--summary", "--data", "/nonexistent"],
                                  environment: ["HAR_DATA": nil])
    #expect(r.status == 0, "\(r.stderr)")
    let total = "\(keras / 1000),\(String(format: "%03d", keras % 1000))"  // Keras prints 13,838
    #expect(r.stdout.contains("Total params: \(total)"), "\(r.stdout)")
    #expect(r.stdout.contains("Input: (None, 128, 6)"), "\(r.stdout)")
    let compare = try HarExecutable.run(["compare", "--model-file", kerasFixture("lstm.json"), "--summary"], environment: ["HAR_DATA": nil])
    #expect(compare.status == 0 && compare.stdout.contains("Total params: 5,574"), "\(compare.stdout)\(compare.stderr)")
  }

  @Test func badClaimsFilesNameTheFileAndTheField() throws {
    let data = try sixActivityFixture()
    let dir = try RealData.temporaryDirectory("bad-claims")
    let cases: [(String, [[String: Any]]?, String)] = [
      ("percent.json", [claim(id: "p", model: "tiny-lstm", value: 92.3)],
       "percent.json: claims[0].value: expected a fraction in [0, 1] (92.3 % is 0.923), found 92.3"),
      ("model.json", [claim(id: "m", model: "tiny-lsmt")], "model.json: claims[0].model: expected one of the run's models ("),
      ("split.json", [claim(id: "ok", model: "linear-svc"), claim(id: "s", model: "tiny-lstm", split: ["kind": "randomwindows"])],
       "split.json: claims[1].protocol.split.kind: expected one of official, random_windows, random_subjects, kfold, found 'randomwindows'"),
      ("builtin-id.json", [claim(id: "zebin2018-lstm-bn", model: "tiny-lstm")],
       "builtin-id.json: claims[0].id: expected an id no other claim has, found 'zebin2018-lstm-bn', also a built-in claim's id"),
      ("missing.json", nil, "missing.json: cannot read the claims file"),
    ]
    for (file, claims, message) in cases {
      let url = dir.appendingPathComponent(file)
      if let claims { try writeClaims(claims, to: url) }
      let r = try HarExecutable.run([
        "compare", "--model-file", "tiny-lstm=\(kerasFixture("lstm.json"))", "--claims", url.path, "--quick",
        "--models", "linear-svc", "--name", "x", "--out", dir.path, "--data", data.path])
      #expect(r.status != 0, "\(file) is refused")
      #expect(r.stderr.contains(message), "\(file): \(r.stderr)")
      #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x/results.csv").path), "nothing ran for \(file)")
    }
  }

  @Test func aModelFileWhoseInputIsNotTheDataIsRefused() throws {
    let data = try sixActivityFixture()
    // every_layer.json reads 6 channels; without --channels the data gives 9.
    let r = try HarExecutable.run(["train", "--model-file", "six=\(kerasFixture("every_layer.json"))", "--data", data.path])
    #expect(r.status != 0)
    #expect(r.stderr.contains("every_layer.json: expected windows of the model's input shape (None, 128, 6), found the data's (None, 128, 9) (all 9 channels)"),
            "\(r.stderr)")
    #expect(r.stderr.contains("--channels"), "the hint names the option: \(r.stderr)")
    // Its Keras model name, har_six_channels, cannot name cells: the message says how to name it.
    let unnamed = try HarExecutable.run(["train", "--model-file", kerasFixture("every_layer.json"), "--data", data.path])
    #expect(unnamed.status == 2 && unnamed.stderr.contains("found 'har_six_channels'") && unnamed.stderr.contains("NAME="), "\(unnamed.stderr)")
    // A model file named like a built-in model cannot join a comparison under that name.
    let clash = try HarExecutable.run(["compare", "--model-file", RealData.packageRoot.appendingPathComponent("examples/cnn-lstm.json").path,
                                       "--quick", "--data", data.path])
    #expect(clash.status == 2 && clash.stderr.contains("--model-file: expected a name no built-in model has"), "\(clash.stderr)")
    // Model-file settings without a model file.
    let stray = try HarExecutable.run(["train", "--model", "lstm", "--channels", "body_acc", "--data", data.path])
    #expect(stray.status == 2 && stray.stderr.contains("--channels: expected a model file to apply to"), "\(stray.stderr)")
  }

  // The real recordings (HAR_DATA), 1 epoch of the CNN-LSTM twice, side by side: about a minute on 2 cores.
  // A model file holding the preset's layers and settings, named like the preset, trains
  // from the preset's seeds through the same layers, so every number agrees to the last digit.
  @Test(.enabled(if: RealData.isAvailable, RealData.skipReason)) func cnnLSTMFileEqualsThePresetOnRealData() throws {
    let dir = try RealData.temporaryDirectory("cnn-lstm-file")
    // The example carries Keras's compile_config (Adam ε 1e-7, Keras's default); the preset uses
    // ε 1e-8. Without compile_config the file takes the defaults, which are the preset's settings.
    let example = RealData.packageRoot.appendingPathComponent("examples/cnn-lstm.json")
    var json = try JSONSerialization.jsonObject(with: Data(contentsOf: example)) as! [String: Any]
    #expect(json["compile_config"] != nil)
    json["compile_config"] = nil
    let file = dir.appendingPathComponent("cnn-lstm.json")
    try JSONSerialization.data(withJSONObject: json).write(to: file)
    // The two runs side by side, one thread each (same thread count, same numbers).
    let common = ["--epochs", "1", "--threads", "1", "--data", RealData.haptDirectory!.path]
    let runs: [[String]] = [["train", "--model-file", file.path, "--record", dir.appendingPathComponent("file.json").path] + common,
                            ["train", "--model", "cnn-lstm", "--record", dir.appendingPathComponent("preset.json").path] + common]
    let lock = NSLock()
    nonisolated(unsafe) var results = [CommandResult?](repeating: nil, count: 2)
    DispatchQueue.concurrentPerform(iterations: 2) { i in
      let result = try? HarExecutable.run(runs[i])
      lock.lock(); results[i] = result; lock.unlock()
    }
    let fromFile = try #require(results[0]), preset = try #require(results[1])
    #expect(fromFile.status == 0 && preset.status == 0, "\(fromFile.stderr.suffix(1500))\n\(preset.stderr.suffix(1500))")
    #expect(fromFile.stdout == preset.stdout && fromFile.stdout.hasPrefix("cnn-lstm: test accuracy"), "\(fromFile.stdout) vs \(preset.stdout)")
    func numbers(_ name: String) throws -> NSDictionary {
      let o = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent(name))) as! [String: Any]
      return ["metrics": o["metrics"]!, "history": o["history"]!, "confusion": o["confusion"]!, "parameters": o["parameters"]!] as NSDictionary
    }
    #expect(try numbers("file.json") == numbers("preset.json"))
  }
}
