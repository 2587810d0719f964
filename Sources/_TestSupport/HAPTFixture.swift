// A tiny HAPT folder written to a temporary directory, for tests that feed the loader
// well-formed or deliberately broken files.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HAPT folder: experiments 1 (user 1) and 2 (user 2), `samples` rows each.
public struct HAPTFixture {
  public let root: URL
  public var raw: URL { root.appendingPathComponent("RawData") }

  public init(samples: Int = 300, labels: String = "1 1 1 1 200\n1 1 4 201 300\n2 2 5 1 300\n") throws {
    root = try RealData.temporaryDirectory("hapt")
    try FileManager.default.createDirectory(at: raw, withIntermediateDirectories: true)
    for (e, u) in [(1, 1), (2, 2)] {
      var acc = "", gyro = ""
      for i in 0..<samples {
        let t = Double(i) / 50
        acc += "\(1 + 0.1 * sin(t)) \(-0.1 * cos(t)) 0.25\n"
        gyro += "\(0.01 * Double(i % 7)) -0.02 0.5\n"
      }
      try write(String(format: "acc_exp%02d_user%02d.txt", e, u), acc)
      try write(String(format: "gyro_exp%02d_user%02d.txt", e, u), gyro)
    }
    try write("labels.txt", labels)
  }

  public func write(_ name: String, _ text: String) throws {
    try text.write(to: raw.appendingPathComponent(name), atomically: true, encoding: .utf8)
  }

}

