// Deep benchmarks: seconds per training epoch and peak memory for each model preset, on
// random data of the real shape (default 7,352 windows of 128 × 9, 6 classes, as the UCI
// HAR training split). Call `runDeepBenchmarks` from main.swift; it returns report lines.
//
// Timing: median of the epochs after the first (the first pays for buffer growth and page
// faults), as wall-clock seconds and as CPU seconds of the process. On a shared machine the
// wall clock includes waiting for the cores; with `threads: 1` the CPU seconds are what an
// epoch takes on an idle machine (with 2 threads they include OpenBLAS's spin-waiting). Peak memory: VmHWM from /proc/self/status, reset before each preset by writing
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
///   - batchSize: examples per batch; nil for each preset's own (64 for the four models of
///     issue 5's PyTorch timings, 32 for `cnn-lstm-deep` and `cnn-lstm-wide`).
///   - timeSteps, channels, classes: T, C, K.
/// - Returns: one line per preset.
func runDeepBenchmarks(presets: [String] = Preset.names, windows: Int = 7352, epochs: Int = 3, threads: Int = 2,
                       batchSize: Int? = nil, timeSteps: Int = 128, channels: Int = 9, classes: Int = 6) -> [String] {
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
      if let batchSize { configuration.batchSize = batchSize }
      // CPU seconds of the whole process at the end of every epoch: with one BLAS thread this
      // is what the epoch would take on an idle machine, however busy the machine is now.
      var cpuAtEpochEnd = [processCPUSeconds()]
      let result = try model.fit(data, configuration: configuration) { p in
        if p.batch == p.batches { cpuAtEpochEnd.append(processCPUSeconds()) }
      }
      let cpu = zip(cpuAtEpochEnd.dropFirst(), cpuAtEpochEnd).map { $0 - $1 }
      let last = result.history.epochs.last!
      let label = name.padding(toLength: 14, withPad: " ", startingAt: 0)
      lines.append(String(format: "%@ %8d params  batch %3d  %7.3f s/epoch  CPU %7.3f s/epoch  peak RSS %5.0f MB  (first epoch %.3f s, train loss %.4f)",
                          label, model.parameterCount, configuration.batchSize, median(result.history.epochs.dropFirst().map(\.seconds)),
                          median(Array(cpu.dropFirst())), peakMemoryMB(), result.history.epochs[0].seconds, last.trainLoss))
    } catch {
      lines.append("\(name): error: \(error)")
    }
  }
  return lines
}

/// User + system CPU seconds of the whole process (all threads).
private func processCPUSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
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
