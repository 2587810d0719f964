// Loading the 122 raw files (issue 2: under 3 s in a release build).
import Features
import Foundation

func runLoadBenchmark(haptDirectory: String, runs: Int, threads: Int) throws -> [String] {
  var lines: [String] = []
  for t in Set([1, threads]).sorted() {
    var loaded: RawDataset? = nil
    let times = try measure(runs: runs) { loaded = try RawDataset.load(haptDirectory: haptDirectory, threads: t) }
    guard let data = loaded, data.recordings.count > 0 else { throw BenchFailure("loading produced no recordings") }
    let files = 2 * data.recordings.count + 1
    let bytes = data.rawFiles.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
    lines.append(String(
      format: "load: %d files, %.1f MB, %d samples, %d threads: %@ (%.0f MB/s)",
      files, Double(bytes) / 1e6, data.recordings.reduce(0) { $0 + $1.sampleCount }, t, describe(times),
      Double(bytes) / 1e6 / median(times)))
    blackHole(data)
  }
  return lines
}

struct BenchFailure: Error, CustomStringConvertible {
  var description: String
  init(_ d: String) { description = d }
}
