// Deep benchmarks: seconds per training epoch and peak memory for each model preset, on
// random data of the real shape (default 7,352 windows of 128 × 9, 6 classes, as the UCI
// HAR training split). Call `runDeepBenchmarks` from main.swift; it returns report lines.
//
// Timing: median of the epochs after the first (the first pays for buffer growth and page
// faults). Peak memory: VmHWM from /proc/self/status, reset before each preset by writing
// "5" to /proc/self/clear_refs (Linux ≥ 4.0), so each line is that preset's own peak.
import Deep
import Foundation
import LinearAlgebra

/// Trains each preset on random data and reports seconds per epoch and peak RSS.
///
/// - Parameters:
///   - presets: CLI names (`Preset.names` for all).
///   - windows: N training examples.
///   - epochs: epochs to time (≥ 2; the first is not counted).
///   - threads: OpenBLAS threads.
///   - timeSteps, channels, classes: T, C, K.
/// - Returns: one line per preset.
func runDeepBenchmarks(presets: [String] = Preset.names, windows: Int = 7352, epochs: Int = 3, threads: Int = 2,
                       timeSteps: Int = 128, channels: Int = 9, classes: Int = 6) -> [String] {
  BLASThreads.set(threads)
  var generator = SeededGenerator(seed: 2024)
  let inputs = (0..<(windows * timeSteps * channels)).map { _ in Float(generator.nextNormal()) }
  let labels = (0..<windows).map { _ in generator.nextInt(below: classes) }
  var lines = ["Deep: seconds per epoch on random data, \(windows) × \(timeSteps) × \(channels), \(classes) classes, "
                 + "\(threads) BLAS threads, median of epochs 2…\(epochs); \(BLASThreads.configuration)"]
  guard let data = try? SequenceDataset(inputs: inputs, labels: labels, timeSteps: timeSteps, channels: channels) else {
    return lines + ["error: could not build the random dataset"]
  }
  for name in presets {
    resetPeakMemory()
    do {
      let preset = try Preset.named(name, timeSteps: timeSteps, channels: channels, classes: classes)
      let model = try preset.makeModel(seed: 1)
      var configuration = preset.trainingConfiguration(seed: 1)
      configuration.epochs = max(epochs, 2)
      // Batch 64 for all, as the PyTorch reference timings of issue 5.
      configuration.batchSize = 64
      let result = try model.fit(data, configuration: configuration)
      let times = result.history.epochs.dropFirst().map(\.seconds).sorted()
      let median = times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
      let last = result.history.epochs.last!
      lines.append(String(format: "%-14@ %9d params  %7.3f s/epoch  peak RSS %6.0f MB  (first epoch %.3f s, train loss %.4f)",
                          name as NSString, model.parameterCount, median, peakMemoryMB(),
                          result.history.epochs[0].seconds, last.trainLoss))
    } catch {
      lines.append("\(name): error: \(error)")
    }
  }
  return lines
}

/// VmHWM of this process, in MB (0 when /proc is unavailable).
private func peakMemoryMB() -> Double {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
  else { return 0 }
  return kb / 1024
}

private func resetPeakMemory() {
  if let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") {
    handle.write(Data("5".utf8))
    try? handle.close()
  }
}
