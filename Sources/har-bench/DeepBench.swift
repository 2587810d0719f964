// Deep benchmarks: seconds per training epoch and peak memory for each model preset, on
// the real windows of the official UCI HAR split: the training subjects' windows (all of
// them, no validation hold-out), standardised per channel on themselves, as `har train
// --validation-fraction 0` trains. Random data of the same shape misled the earlier
// figures (its LSTM gates and gradients behave differently), so it is no longer used.
//
// Timing: median of the epochs after the first (the first pays for buffer growth and page
// faults), as wall-clock seconds and as CPU seconds of the process. On a shared machine the
// wall clock includes waiting for the cores; with `threads: 1` the CPU seconds are what an
// epoch takes on an idle machine (with 2 threads they also count any spin-waiting).
// Flops: the matrix products of an epoch (`matrixProductFlopsPerExample` × windows), the
// rate the epoch reached on them, and the floor they set at the sgemm rate (GemmBench.swift).
// Peak memory: VmHWM from /proc/self/status, reset before each preset by writing "5" to
// /proc/self/clear_refs (Linux ≥ 4.0), so each line is that preset's own peak.
import Deep
import Foundation
import LinearAlgebra

/// Trains each preset on `training` and reports seconds per epoch and peak RSS.
///
/// - Parameters:
///   - training: (N, T, C) windows with labels in 0..<K, already standardised.
///   - classes: K.
///   - presets: CLI names (`Preset.names` for all).
///   - epochs: epochs to time (≥ 2; the first is not counted).
///   - threads: BLAS threads.
///   - batchSize: examples per batch; nil for each preset's own.
/// - Returns: one line per preset.
func runDeepBenchmarks(training: SequenceDataset, classes: Int, presets: [String] = Preset.names, epochs: Int = 3,
                       threads: Int = 2, batchSize: Int? = nil) -> [String] {
  BLASThreads.set(threads)
  let (T, C) = (training.timeSteps, training.channels)
  // Each preset's line, formatted once the floor's rate is known (it is measured last, so
  // that the large sgemm's buffers do not count in any preset's peak memory).
  var rows: [(_ floorRate: Double) -> String] = []
  for name in presets {
    resetPeakMemory()
    do {
      let preset = try Preset.named(name, timeSteps: T, channels: C, classes: classes)
      let model = try preset.makeModel(seed: 1)
      var configuration = preset.trainingConfiguration(seed: 1)
      configuration.epochs = max(epochs, 2)
      if let batchSize { configuration.batchSize = batchSize }
      // CPU seconds of the whole process at the end of every epoch: with one thread this is
      // what the epoch would take on an idle machine, however busy the machine is now.
      var cpuAtEpochEnd = [processCPUSeconds()]
      let result = try model.fit(training, configuration: configuration) { p in
        if p.batch == p.batches { cpuAtEpochEnd.append(processCPUSeconds()) }
      }
      let cpu = median(Array(zip(cpuAtEpochEnd.dropFirst(), cpuAtEpochEnd).map { $0 - $1 }.dropFirst()))
      let last = result.history.epochs.last!
      let label = name.padding(toLength: 14, withPad: " ", startingAt: 0)
      let seconds = median(result.history.epochs.dropFirst().map(\.seconds))
      let peak = peakMemoryMB()
      // The matrix products of an epoch (Sequential+Flops.swift) and the rate the epoch reached on them.
      let gigaflops = Double(model.matrixProductFlopsPerExample.trainingStep) * Double(training.count) / 1e9
      let batch = configuration.batchSize, parameters = model.parameterCount
      rows.append { rate in
        String(format: "%@ %8d params  batch %3d  %7.3f s/epoch  CPU %7.3f s/epoch  peak RSS %5.0f MB  %6.1f GFLOP/epoch in products, %5.1f GFLOP/s, floor %6.3f s  (first epoch %.3f s, train loss %.4f, accuracy %.2f %%)",
               label, parameters, batch, seconds, cpu, peak, gigaflops, gigaflops / seconds, gigaflops / (rate * Double(threads)),
               result.history.epochs[0].seconds, last.trainLoss, 100 * last.trainAccuracy)
      }
    } catch {
      rows.append { _ in "\(name): error: \(error)" }
    }
  }
  // The floor: an epoch's matrix-product flops at OpenBLAS's best one-thread rate (a large
  // square sgemm) times `threads` cores. No run of the same model on these kernels can be
  // faster, whatever the code around the sgemms does. A 512 square (its operands fit in
  // L2) and the best of 9 timings, not the median: a floor must not be beaten by a lucky
  // moment of the clock. On one idle machine of ours the 1024 square's rate moved between
  // 53 and 80 GFLOP/s from run to run, the 512 square's between 76 and 82.
  let squareRate = (try? sgemmRate(benchmarkGemmShapes[0], runs: 9).best) ?? .nan
  let header = "Deep: seconds per epoch on the real training windows of the official split, \(training.count) × \(T) × \(C), "
    + "\(classes) classes, \(threads) threads, median of epochs 2…\(epochs); "
    + String(format: "floor = the epoch's matrix-product flops at %.1f GFLOP/s per thread (sgemm, square 512, best of 9)", squareRate)
  return [header] + rows.map { $0(squareRate) }
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
