// Which OpenBLAS kernels run the BLAS calls, and a fix for CPUs newer than the OpenBLAS build.
//
// OpenBLAS built with DYNAMIC_ARCH (Debian's and Ubuntu's packages) picks its kernels from
// the CPU's family and model number when the library loads. A model newer than the
// release is not in its table, and it falls back to the Prescott kernels (SSE3, 2004):
// OpenBLAS 0.3.21 on the Emerald Rapids Xeon of our dev machine (family 6, model 207)
// reports "Prescott", and every sgemm ran 3–5× slower than with the AVX-512 kernels the
// CPU supports (har-bench: lstm 4.3 → 0.94 s per epoch, cnn-lstm 28 → 9.5 s).
//
// Decisions, in priority order:
// 1. The user decides first: with OPENBLAS_CORETYPE set, OpenBLAS already obeyed it at
//    load time and nothing changes here.
// 2. Only the fallback is corrected: when OpenBLAS chose Prescott, the kernels are
//    re-selected from the instruction sets the kernel (/proc/cpuinfo) says the CPU has:
//    SkylakeX with AVX-512 F, CD, BW, DQ and VL (what OpenBLAS's own detection requires
//    for it), else Haswell with AVX2 and FMA. Nothing happens on other CPUs.
// 3. Through OpenBLAS's own entry points: `gotoblas_dynamic_quit` forgets the choice and
//    `gotoblas_dynamic_init` chooses again, reading OPENBLAS_CORETYPE, exactly as at load
//    time. They are looked up with dlsym, so a build without DYNAMIC_ARCH (no such
//    symbols) is left alone. It must run before any BLAS call (a call in flight would see
//    no kernels), so every entry point of LinearAlgebra touches `selection` first: a
//    `static let`, initialised once, and other threads wait for it.
// Results depend on the kernels (another summation order): they repeat for a fixed
// machine, kernel choice and thread count.
import CBLAS
import Foundation

/// The OpenBLAS kernels in use, and their re-selection on CPUs OpenBLAS does not know.
public enum BLASKernels {
  /// OpenBLAS's name for the kernels in use, e.g. "SkylakeX", "Haswell", "Prescott".
  public static var coreName: String {
    guard let p = openblas_get_corename() else { return "unknown" }
    return String(cString: p)
  }

  /// What `selectForThisCPU` did, for logs: e.g. "SkylakeX (re-selected: OpenBLAS fell
  /// back to Prescott on an unknown CPU model)". Runs the selection once, on first use.
  public static let selection: String = selectForThisCPU()

  /// Replaces OpenBLAS's Prescott fallback with the best kernels the CPU supports (see the
  /// file comment); returns what was done. Not safe while another thread is in a BLAS
  /// call: run it only through `selection`.
  static func selectForThisCPU() -> String {
    let before = coreName
    guard before.lowercased() == "prescott" else { return before }
    guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil else { return "\(before) (OPENBLAS_CORETYPE)" }
    let flags = cpuFlags()
    let target: String
    if ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains) {
      target = "SkylakeX"
    } else if flags.contains("avx2") && flags.contains("fma") {
      target = "Haswell"
    } else {
      return before
    }
    typealias Entry = @convention(c) () -> Void
    guard let quit = dlsym(nil, "gotoblas_dynamic_quit"), let initialize = dlsym(nil, "gotoblas_dynamic_init") else {
      return "\(before) (OpenBLAS without DYNAMIC_ARCH; \(target) kernels not available)"
    }
    setenv("OPENBLAS_CORETYPE", target, 1)
    unsafeBitCast(quit, to: Entry.self)()
    unsafeBitCast(initialize, to: Entry.self)()
    unsetenv("OPENBLAS_CORETYPE")
    return "\(coreName) (re-selected: OpenBLAS fell back to \(before) on an unknown CPU model)"
  }

  /// The instruction-set flags of the first CPU in /proc/cpuinfo (empty elsewhere).
  static func cpuFlags() -> Set<String> {
    guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
          let colon = line.firstIndex(of: ":")
    else { return [] }
    return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
  }
}
