import Features
import Foundation
import LinearAlgebra

/// Options shared by several commands.
enum CommonOptions {
  static let data = OptionSpec.value(
    "data", "PATH", "The HAPT folder (holding RawData/). Else $HAR_DATA, ./data/HAPT, ../shared/data/HAPT.")
  static let threads = OptionSpec.value("threads", "N", "Threads for parsing, features and BLAS.", default: "2")
  static let verbose = OptionSpec.flag("verbose", "Print solver and training progress to stderr.")

  static func threadCount(_ options: ParsedOptions) throws -> Int {
    let n = try options.int("threads", default: 2, range: 1...256)
    BLASThreads.set(n)
    return n
  }
}

func resolveData(_ options: ParsedOptions) throws -> DataLocation {
  try DataLocation.resolve(explicit: options.string("data"))
}

extension FileHandle {
  func write(_ string: String) { write(string.data(using: .utf8)!) }
}

/// Writes to stderr (diagnostics and progress; results go to stdout or files).
func printError(_ s: String) { FileHandle.standardError.write(s) }
