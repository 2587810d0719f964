// Users' claims files: the examples and the built-in claims round-trip through the
// loader, and every kind of mistake is an error naming the file and the JSON path.
import Compare
import Foundation
import Testing
import _TestSupport

/// Every model name a claim may use in these tests: the registry's and the example files'.
private let knownModels = ModelRegistry.names + ["bhandari-cnn-lstm", "lstm-bn-6ch", "net"]

/// The error `ClaimsFile` reports for the JSON `text`, as its message.
private func message(_ text: String) -> String {
  do {
    let claims = try ClaimsFile.decode(Data(text.utf8), file: "c.json")
    try ClaimsFile.validate(claims, file: "c.json", models: knownModels, takenIDs: ["taken": "a built-in claim's id"])
    return "no error"
  } catch { return "\(error)" }
}

/// A claims file of one claim whose fields are `fields` (JSON text) after a valid base.
private func oneClaim(_ fields: String = "", protocolFields: String = "", split: String = #"{"kind": "official"}"#) -> String {
  """
  {"claims": [{"id": "c1", "citation": {"authors": "Doe, J.", "title": "T"}, "model": "net", "metric": "test_accuracy",
    "value": 0.9, "protocol": {"name": "p", "data": "d", "split": \(split)\(protocolFields)}\(fields)}]}
  """
}

@Suite struct ClaimsFileTests {
  @Test(arguments: ["cnn-lstm.claims.json", "lstm-bn.claims.json"]) func exampleClaimsFilesLoad(_ name: String) throws {
    let path = RealData.packageRoot.appendingPathComponent("examples/\(name)").path
    let claims = try ClaimsFile.load(path: path, models: knownModels)
    #expect(claims.count == 2)
    #expect(claims.allSatisfy { knownModels.contains($0.model) })
  }

  @Test func builtInClaimsRoundTripThroughTheLoader() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    struct File: Encodable { var claims: [PublishedClaim] }
    let data = try encoder.encode(File(claims: BuiltInClaims.all))
    let decoded = try ClaimsFile.decode(data, file: "builtin.json")
    #expect(decoded == BuiltInClaims.all)
    // Some built-in claims name models no preset builds (they are reported as not run).
    try ClaimsFile.validate(decoded, file: "builtin.json", models: ModelRegistry.names + BuiltInClaims.all.map(\.model))
  }

  @Test func aValidClaimLoads() {
    #expect(message(oneClaim()) == "no error")
  }

  @Test(arguments: [
    (oneClaim(#", "value": 92.3"#).replacingOccurrences(of: #""value": 0.9, "#, with: ""),
     "c.json: claims[0].value: expected a fraction in [0, 1] (92.3 % is 0.923), found 92.3"),
    (oneClaim(split: #"{"kind": "randomwindows"}"#),
     "c.json: claims[0].protocol.split.kind: expected one of official, random_windows, random_subjects, kfold, found 'randomwindows'"),
    (oneClaim().replacingOccurrences(of: #""model": "net""#, with: #""model": "nett""#),
     "c.json: claims[0].model: expected one of the run's models ("),
    (oneClaim().replacingOccurrences(of: #""title": "T""#, with: #""titel": "T""#),
     "c.json: claims[0].citation: expected fields authors, title, url, venue, year, found unknown field \"titel\""),
    (oneClaim().replacingOccurrences(of: #", "title": "T""#, with: ""),
     "c.json: claims[0].citation: expected a field \"title\", found none"),
    (oneClaim().replacingOccurrences(of: #""value": 0.9"#, with: #""value": "0.9""#),
     "c.json: claims[0].value: expected a number, found '0.9'"),
    (oneClaim().replacingOccurrences(of: "test_accuracy", with: "accuracy"),
     "c.json: claims[0].metric: expected one of test_accuracy, training_accuracy"),
    (oneClaim().replacingOccurrences(of: #""test_accuracy""#, with: #""epochs_to_training_accuracy""#)
       .replacingOccurrences(of: #""value": 0.9"#, with: #""value": 20"#),
     "c.json: claims[0].threshold: expected the training accuracy the epochs count to"),
    (oneClaim(protocolFields: #", "channels": ["body_acc", "gyro"]"#),
     "c.json: claims[0].protocol.channels: expected channel groups body_acc, body_gyro, total_acc or axes such as body_acc_x, found 'gyro'"),
    (oneClaim(protocolFields: #", "batch_size": 0"#), "c.json: claims[0].protocol.batch_size: expected an integer ≥ 1, found 0"),
    (oneClaim(protocolFields: #", "loss": "mse""#), "c.json: claims[0].protocol.loss: expected one of categorical_crossentropy, binary_crossentropy, found 'mse'"),
    (oneClaim(split: #"{"kind": "random_subjects", "train_subjects": 14}"#),
     "c.json: claims[0].protocol.split: expected a field \"test_subjects\", found none"),
    (oneClaim().replacingOccurrences(of: #""id": "c1""#, with: #""id": "taken""#),
     "c.json: claims[0].id: expected an id no other claim has, found 'taken', also a built-in claim's id"),
    (oneClaim().replacingOccurrences(of: #""id": "c1""#, with: #""id": "C 1""#),
     "c.json: claims[0].id: expected lower-case letters, digits and hyphens, found 'C 1'"),
    ("[]", "c.json: expected an object {\"claims\": [...]}, found a list"),
    (#"{"claims": [], "extra": 1}"#, "c.json: expected only the field \"claims\", found the field \"extra\""),
    (#"{"claims": [1]}"#, "c.json: claims[0]: expected an object, found 1"),
    ("{\"claims\": [", "c.json: expected JSON, found invalid JSON"),
  ]) func mistakesNameTheFileAndTheField(_ text: String, _ expected: String) {
    let m = message(text)
    #expect(m.hasPrefix(expected), "\(m)")
  }

  @Test func duplicateIDsInOneFileAreRefused() {
    let claim = oneClaim().dropFirst(#"{"claims": ["#.count).dropLast(2)
    let text = "{\"claims\": [\(claim), \(claim)]}"
    #expect(message(text) == "c.json: claims[1].id: expected an id no other claim has, found 'c1', also claims[0] of c.json")
  }
}
