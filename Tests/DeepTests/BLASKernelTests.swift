// OpenBLAS's kernel choice: on a CPU model newer than the OpenBLAS release it falls back to
// its Prescott (SSE3) kernels, 3–5× slower for Deep's sgemms; LinearAlgebra re-selects
// (BLASKernels.swift). The gemm results themselves are checked against naive loops in
// LinearAlgebraTests, which now run on the re-selected kernels.
import Deep
import Foundation
import LinearAlgebra
import Testing

/// Instruction-set flags of the first CPU in /proc/cpuinfo (empty where there is none).
private let cpuFlags: Set<String> = {
  guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
        let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
  else { return [] }
  return Set(line.split(separator: " ").map(String.init))
}()

@Suite("OpenBLAS kernels")
struct BLASKernelTests {
  // Only meaningful where the CPU has AVX2 and FMA (the Haswell kernels' needs); elsewhere
  // Prescott may be the right choice.
  @Test("A CPU with AVX2 and FMA never runs OpenBLAS's Prescott fallback",
        .enabled(if: cpuFlags.contains("avx2") && cpuFlags.contains("fma"), "the CPU has no AVX2/FMA"))
  func noPrescottFallback() {
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
    #expect(BLASKernels.activeCoreName.lowercased() != "prescott", "OpenBLAS kernels: \(BLASKernels.selection)")
  }
}
