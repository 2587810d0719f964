// har-bench: times the hot paths in release mode, after checking each result. Not a
// test: `swift test` builds in debug mode, where timings mean nothing.
//
//   swift run -c release har-bench [--only load,features,classic,deep,gemm] [--runs N] [--threads N] [--data PATH] [--native-blas]
import Classic
import Deep
import Features
import Foundation
import LinearAlgebra

struct BenchOptions {
  var only: Set<String>? = nil
  var runs = 5
  var threads = 2
  var data: String? = nil
  /// Deep presets to time (default: all).
  var presets: [String]? = nil
  /// Epochs per deep preset (the first is not counted).
  var epochs = 3
  /// OpenBLAS's kernels: `.reproducible` (Haswell on every AVX2 CPU) unless --native-blas.
  var kernels = BLASKernels.Mode.reproducible
}

let allBenchmarks = ["load", "features", "classic", "deep", "gemm"]

func parseBenchOptions(_ args: [String]) throws -> BenchOptions {
  var o = BenchOptions()
  var i = 0
  func value() throws -> String {
    guard i + 1 < args.count else { throw BenchFailure("\(args[i]) expects a value") }
    i += 1
    return args[i]
  }
  while i < args.count {
    switch args[i] {
    case "--only":
      let names = try value().split(separator: ",").map(String.init)
      for n in names where !allBenchmarks.contains(n) {
        throw BenchFailure("unknown benchmark '\(n)'; known: \(allBenchmarks.joined(separator: ", "))")
      }
      o.only = Set(names)
    case "--runs": guard let n = Int(try value()), n >= 1 else { throw BenchFailure("--runs expects a positive integer") }; o.runs = n
    case "--threads": guard let n = Int(try value()), n >= 1 else { throw BenchFailure("--threads expects a positive integer") }; o.threads = n
    case "--data": o.data = try value()
    case "--presets": o.presets = try value().split(separator: ",").map(String.init)
    case "--epochs": guard let n = Int(try value()), n >= 2 else { throw BenchFailure("--epochs expects an integer ≥ 2") }; o.epochs = n
    case "--native-blas": o.kernels = .native
    case "--help", "-h":
      print("Usage: har-bench [--only \(allBenchmarks.joined(separator: ","))] [--runs N (5)] [--threads N (2)] [--data PATH] [--presets lstm,… (all)] [--epochs N (3)] [--native-blas (OpenBLAS's own kernels; default: Haswell on AVX2 CPUs, reproducible across machines)]")
      exit(0)
    default: throw BenchFailure("unknown option '\(args[i])' (see --help)")
    }
    i += 1
  }
  return o
}

func runBenchmarks() throws {
  let o = try parseBenchOptions(Array(CommandLine.arguments.dropFirst()))
  BLASKernels.configure(o.kernels)
  BLASThreads.set(o.threads)
  func selected(_ name: String) -> Bool { o.only?.contains(name) ?? true }
  let location = try DataLocation.resolve(explicit: o.data)
  print("har-bench: \(ProcessInfo.processInfo.processorCount) cores, \(o.threads) threads, OpenBLAS kernels \(BLASKernels.currentSelection); \(BLASThreads.configuration)")
  if selected("load") {
    for line in try runLoadBenchmark(haptDirectory: location.haptDirectory, runs: o.runs, threads: o.threads) { print(line) }
  }
  if selected("features") {
    for line in runFeatureBenchmarks(haptDirectory: location.haptDirectory, runs: o.runs, threads: o.threads) { print(line) }
  }
  if selected("classic") {
    // The real 561-feature matrix of the official train subjects, min–max scaled on them.
    let windows = try FeaturePipeline.run(try RawDataset.load(haptDirectory: location.haptDirectory, threads: o.threads), threads: o.threads)
    let (train, test) = windows.split(testSubjects: UCIHARDataset.officialTestSubjects)
    let scaler = FeatureScaler.fit(windows.features, rows: train)
    let labels = windows.activities.map { $0.rawValue - 1 }
    BLASThreads.set(1)  // like-for-like with scikit-learn's single-thread fit times
    for line in runClassicBenchmarks(
      x: scaler.transform(windows.features.rows(train)), y: train.map { labels[$0] }, runs: o.runs,
      test: (scaler.transform(windows.features.rows(test)), test.map { labels[$0] })) { print(line) }
    BLASThreads.set(o.threads)
  }
  if selected("gemm") {
    for line in try runGemmBenchmarks(runs: o.runs) { print(line) }  // restores the thread count itself
  }
  if selected("deep") {
    for name in o.presets ?? [] where !Preset.names.contains(name) {
      throw BenchFailure("unknown preset '\(name)'; known: \(Preset.names.joined(separator: ", "))")
    }
    // The official split's training windows (every training subject, no validation
    // hold-out), standardised per channel on themselves, as `har train --validation-fraction 0`.
    let windows = try FeaturePipeline.run(
      try RawDataset.load(haptDirectory: location.haptDirectory, threads: o.threads),
      options: PipelineOptions(computeFeatures: false), threads: o.threads)
    let (train, _) = windows.split(testSubjects: UCIHARDataset.officialTestSubjects)
    let activityOfWindow = windows.activities  // a computed property: read it once
    let activities = Array(Set(activityOfWindow)).sorted()
    let perWindow = windows.windowLength * 9
    let inputs = train.flatMap { windows.signals[($0 * perWindow)..<(($0 + 1) * perWindow)] }
    let standardizer = try ChannelStandardizer(fitting: inputs, channels: 9)
    let training = try SequenceDataset(
      inputs: try standardizer.transform(inputs), labels: train.map { activities.firstIndex(of: activityOfWindow[$0])! },
      timeSteps: windows.windowLength, channels: 9)
    for line in runDeepBenchmarks(training: training, classes: activities.count, presets: o.presets ?? Preset.names,
                                  epochs: o.epochs, threads: o.threads) { print(line) }
  }
  print(String(format: "peak memory: %.0f MiB", peakMemoryMiB()))
}

do { try runBenchmarks() } catch {
  FileHandle.standardError.write("error: \(error)\n".data(using: .utf8)!)
  exit(1)
}
