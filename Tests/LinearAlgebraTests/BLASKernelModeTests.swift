// OpenBLAS's kernel choice: the Haswell kernels by default on every CPU with AVX2 and FMA
// (the same digits across machines), OpenBLAS's own choice in `.native` mode.
//
// The live test only asks for the mode already in force (`.reproducible`, the default), so
// it never re-selects kernels while other tests run sgemms in parallel; `.native` is
// checked through the decision it makes (`kernelsToForce`), on made-up CPUs.
import CBLAS
import Foundation
import LinearAlgebra
import Testing

/// Instruction-set flags of the first CPU in /proc/cpuinfo (empty where there is none).
private let hostFlags = BLASKernels.cpuFlags()

private let avx2: Set<String> = ["sse3", "avx", "avx2", "fma"]
private let avx512: Set<String> = avx2.union(["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"])

@Suite("OpenBLAS kernel modes")
struct BLASKernelModeTests {
  // Only meaningful where the CPU can run the Haswell kernels; elsewhere nothing is pinned.
  @Test("Reproducible mode runs the Haswell kernels on a CPU with AVX2 and FMA",
        .enabled(if: hostFlags.contains("avx2") && hostFlags.contains("fma"), "the CPU has no AVX2/FMA"))
  func reproducibleIsHaswell() {
    #expect(BLASKernels.configure(.reproducible) == "Haswell", "\(BLASKernels.currentSelection)")
    #expect(String(cString: openblas_get_corename()) == "Haswell")
    #expect(BLASKernels.activeCoreName == "Haswell")
    #expect(BLASKernels.mode == .reproducible)
    // The kernels in force compute: a 2×2 product against its hand-worked value.
    let a: [Float] = [1, 2, 3, 4], b: [Float] = [5, 6, 7, 8]
    var c: [Float] = [0, 0, 0, 0]
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        c.withUnsafeMutableBufferPointer { c in
          Float._gemm(transposeA: false, transposeB: false, m: 2, n: 2, k: 2, alpha: 1, a: a.baseAddress!, lda: 2,
                      b: b.baseAddress!, ldb: 2, beta: 0, c: c.baseAddress!, ldc: 2)
        }
      }
    }
    #expect(c == [19, 22, 43, 50])
  }

  @Test("Reproducible mode pins Haswell whatever OpenBLAS or OPENBLAS_CORETYPE chose")
  func reproducibleOverridesEverything() {
    for environment in [nil, "SkylakeX", "Cooperlake", "Haswell"] as [String?] {
      for choice in ["Prescott", "SkylakeX", "Cooperlake", "Haswell"] {
        #expect(BLASKernels.kernelsToForce(for: .reproducible, flags: avx512, environment: environment, openBLASChoice: choice) == "Haswell")
        #expect(BLASKernels.kernelsToForce(for: .reproducible, flags: avx2, environment: environment, openBLASChoice: choice) == "Haswell")
      }
    }
    // Without AVX2 and FMA the Haswell kernels cannot run: OpenBLAS's choice stands.
    #expect(BLASKernels.kernelsToForce(for: .reproducible, flags: ["sse3", "avx"], environment: nil, openBLASChoice: "Sandybridge") == nil)
    #expect(BLASKernels.kernelsToForce(for: .reproducible, flags: ["avx2"], environment: nil, openBLASChoice: "Sandybridge") == nil)
  }

  @Test("Native mode keeps OpenBLAS's choice and replaces only its Prescott fallback")
  func nativeKeepsOpenBLASChoice() {
    #expect(BLASKernels.kernelsToForce(for: .native, flags: avx512, environment: nil, openBLASChoice: "Cooperlake") == nil)
    #expect(BLASKernels.kernelsToForce(for: .native, flags: avx512, environment: nil, openBLASChoice: "SkylakeX") == nil)
    #expect(BLASKernels.kernelsToForce(for: .native, flags: avx512, environment: nil, openBLASChoice: "Prescott") == "SkylakeX")
    #expect(BLASKernels.kernelsToForce(for: .native, flags: avx2, environment: nil, openBLASChoice: "Prescott") == "Haswell")
    #expect(BLASKernels.kernelsToForce(for: .native, flags: ["sse3"], environment: nil, openBLASChoice: "Prescott") == nil)
    // The user's OPENBLAS_CORETYPE is OpenBLAS's choice in native mode, even Prescott.
    #expect(BLASKernels.kernelsToForce(for: .native, flags: avx512, environment: "Prescott", openBLASChoice: "Prescott") == nil)
  }
}
