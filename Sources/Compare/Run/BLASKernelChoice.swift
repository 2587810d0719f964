// The one door through which a tool chooses OpenBLAS's kernels (the tool imports Compare
// only): the reproducible Haswell kernels by default, or the CPU's native ones. Deep
// results' last digits depend on the kernels, so the choice is recorded in run.json
// (`RunEnvironment.blasKernel`) and a resumed run or a plan's worker must use the same.
import LinearAlgebra

/// How OpenBLAS's kernels are chosen for this process.
public enum BLASKernelChoice {
  /// Selects the kernels; call before any linear algebra. Returns the active core name.
  @discardableResult
  public static func use(native: Bool) -> String {
    BLASKernels.configure(native ? .native : .reproducible)
  }
}
