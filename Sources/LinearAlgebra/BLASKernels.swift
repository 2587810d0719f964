// Which OpenBLAS kernels run the BLAS calls: the same ones on every x86-64 with AVX2 by
// default, so that results repeat across machines, or OpenBLAS's own choice for speed.
//
// Why it matters: OpenBLAS built with DYNAMIC_ARCH (Debian's and Ubuntu's packages) picks
// its kernels from the CPU when the library loads, and each kernel sums in its own order.
// A run on an AVX-512 machine with the Cooperlake kernels gave other last digits than one
// with the Haswell kernels; with OPENBLAS_CORETYPE=Haswell the digits reproduced across
// machines. OpenBLAS 0.3.21 also does not know newer CPU models: on the Emerald Rapids Xeon
// of our dev machine (family 6, model 207) it falls back to its Prescott (SSE3) kernels,
// 3–5× slower for Deep's sgemms.
//
// Decisions, in priority order:
// 1. Reproducible by default: on a CPU with AVX2 and FMA (what the Haswell kernels
//    execute) the Haswell kernels run, whatever OPENBLAS_CORETYPE says; a different value
//    there is overridden, and `selection` says so. Same binary + same kernels + same
//    thread count → the same digits on any such machine. Haswell is the newest kernel set
//    every x86-64 CPU since 2013 (Intel) / 2015 (AMD) can run.
// 2. `.native` keeps OpenBLAS's own choice (which honours OPENBLAS_CORETYPE), except its
//    Prescott fallback on an unknown CPU model, which is replaced by SkylakeX (AVX-512 F,
//    CD, BW, DQ and VL, what OpenBLAS's own detection requires for it) or Haswell (AVX2 +
//    FMA). Faster on some machines, but the last digits then depend on the machine.
// 3. Through OpenBLAS's own entry points: `gotoblas_dynamic_quit` forgets the choice and
//    `gotoblas_dynamic_init` chooses again, reading OPENBLAS_CORETYPE, exactly as at load
//    time. They are looked up with dlsym, so a build without DYNAMIC_ARCH (no such
//    symbols) is left alone, and `openblas_get_corename()` is read back afterwards so the
//    name reported is the one in force. A re-selection must not overlap a BLAS call (a
//    call in flight would see no kernels): the default runs once, before the first BLAS
//    call, because every entry point of LinearAlgebra touches `selection` first (a
//    `static let`; other threads wait for it); `configure` is for program start-up.
// 4. Without AVX2 (or on another architecture) nothing is pinned: OpenBLAS's choice
//    stands and `selection` says the digits may differ from an AVX2 machine's.
import CBLAS
import Foundation
import Synchronization

/// The OpenBLAS kernels in use, and how they were chosen.
public enum BLASKernels {
  /// How `configure` chooses OpenBLAS's kernels.
  public enum Mode: String, Sendable, CaseIterable {
    /// The Haswell kernels on every CPU with AVX2 and FMA, whatever OPENBLAS_CORETYPE
    /// says: the same digits on every such machine (for a fixed binary and thread count).
    /// The default.
    case reproducible
    /// OpenBLAS's own choice for this CPU (honouring OPENBLAS_CORETYPE), with its
    /// Prescott fallback on unknown CPU models replaced by the best kernels the CPU runs.
    /// Possibly faster; the last digits depend on the machine.
    case native
  }

  /// OpenBLAS's name for the kernels in force now, e.g. "Haswell", "SkylakeX", "Prescott"
  /// (read back from `openblas_get_corename()`).
  public static var activeCoreName: String {
    guard let p = openblas_get_corename() else { return "unknown" }
    return String(cString: p)
  }

  /// What the first selection did (the default, `.reproducible`), for logs and reports,
  /// e.g. "Haswell (reproducible; OPENBLAS_CORETYPE=SkylakeX overridden)". Runs once, on
  /// first use; every LinearAlgebra entry point touches it before calling OpenBLAS.
  public static let selection: String = {
    let description = select(.reproducible)
    inForce.withLock { $0 = (.reproducible, description) }
    return description
  }()

  /// The mode in force: `.reproducible` unless `configure` chose otherwise.
  public static var mode: Mode {
    _ = selection
    return inForce.withLock { $0.mode }
  }

  /// The description of the selection in force: `selection`, or what the last `configure`
  /// that changed the mode did.
  public static var currentSelection: String {
    _ = selection
    return inForce.withLock { $0.description }
  }

  private static let inForce = Mutex((mode: Mode.reproducible, description: ""))

  /// Chooses OpenBLAS's kernels by `mode` and returns the name of the kernels now in force
  /// (`activeCoreName`); `currentSelection` describes what was done.
  ///
  /// Call it at program start-up, before any thread does linear algebra: re-selecting
  /// while another thread is inside a BLAS call is a data race in OpenBLAS. Calling it
  /// with the mode already in force changes nothing.
  @discardableResult
  public static func configure(_ mode: Mode) -> String {
    _ = selection  // the default selection first, so that it cannot run after this one
    if self.mode != mode {
      let description = select(mode)
      inForce.withLock { $0 = (mode, description) }
    }
    return activeCoreName
  }

  /// The kernels `mode` forces on a CPU with instruction-set `flags` (as in /proc/cpuinfo),
  /// when the user's environment sets OPENBLAS_CORETYPE to `environment` (nil: unset) and
  /// OpenBLAS itself chose `openBLASChoice`: an OpenBLAS core name, or nil to keep
  /// OpenBLAS's choice. The decision `configure` applies, separate so it can be tested
  /// for CPUs other than this one.
  public static func kernelsToForce(for mode: Mode, flags: Set<String>, environment: String?, openBLASChoice: String) -> String? {
    let hasHaswell = flags.contains("avx2") && flags.contains("fma")
    switch mode {
    case .reproducible:
      return hasHaswell ? "Haswell" : nil
    case .native:
      guard openBLASChoice.lowercased() == "prescott", environment == nil else { return nil }
      if ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains) { return "SkylakeX" }
      return hasHaswell ? "Haswell" : nil
    }
  }

  /// Applies `mode` (see the file comment) and describes the result. Not safe while
  /// another thread is in a BLAS call.
  static func select(_ mode: Mode) -> String {
    let environment = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"]
    let flags = cpuFlags()
    typealias Entry = @convention(c) () -> Void
    guard let quitSymbol = dlsym(nil, "gotoblas_dynamic_quit"), let initSymbol = dlsym(nil, "gotoblas_dynamic_init") else {
      return "\(activeCoreName) (\(mode.rawValue) requested; OpenBLAS without DYNAMIC_ARCH keeps its own kernels)"
    }
    let (quit, initialize) = (unsafeBitCast(quitSymbol, to: Entry.self), unsafeBitCast(initSymbol, to: Entry.self))
    /// Re-runs OpenBLAS's selection with OPENBLAS_CORETYPE = `coreType` (unset for nil),
    /// then restores the user's environment.
    func reselect(_ coreType: String?) {
      if let coreType { setenv("OPENBLAS_CORETYPE", coreType, 1) } else { unsetenv("OPENBLAS_CORETYPE") }
      quit()
      initialize()
      if let environment { setenv("OPENBLAS_CORETYPE", environment, 1) } else { unsetenv("OPENBLAS_CORETYPE") }
    }

    switch mode {
    case .reproducible:
      guard let pinned = kernelsToForce(for: mode, flags: flags, environment: environment, openBLASChoice: activeCoreName) else {
        return "\(activeCoreName) (reproducible requested, but the CPU has no AVX2/FMA for the Haswell kernels: "
          + "OpenBLAS's own choice; last digits may differ from an AVX2 machine's)"
      }
      if activeCoreName != pinned { reselect(pinned) }
      let note = environment.map { $0.lowercased() == pinned.lowercased() ? "" : "; OPENBLAS_CORETYPE=\($0) overridden" } ?? ""
      return "\(activeCoreName) (reproducible\(note))"
    case .native:
      reselect(environment)  // OpenBLAS's own choice, as at load time
      let own = activeCoreName
      guard let replacement = kernelsToForce(for: mode, flags: flags, environment: environment, openBLASChoice: own) else {
        return "\(own) (native: OpenBLAS's choice\(environment == nil ? "" : " from OPENBLAS_CORETYPE=\(environment!)"))"
      }
      reselect(replacement)
      return "\(activeCoreName) (native: OpenBLAS fell back to \(own) on an unknown CPU model)"
    }
  }

  /// The instruction-set flags of the first CPU in /proc/cpuinfo, e.g. "avx2", "fma"
  /// (empty where there is no /proc/cpuinfo).
  public static func cpuFlags() -> Set<String> {
    guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
          let colon = line.firstIndex(of: ":")
    else { return [] }
    return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
  }
}
