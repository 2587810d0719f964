// Four amplitude spectra at once, one real signal per SIMD lane: the transform of
// FFT.swift with every value a SIMD4<Double>.
//
// Decisions, in priority order:
// 1. Bit-identical to `FFTPlan.amplitudeSpectrum`. Each lane performs exactly the
//    scalar operations with the same expression structure (Swift does not contract
//    a·b + c into a fused multiply-add), so lane k's result equals the scalar
//    spectrum of signal k; the tests compare with `==`. The only changes are moves and
//    the order of independent butterflies: the bit reversal becomes a gather while
//    packing (position t reads sample pair rev[t], the permutation the scalar swaps
//    produce), and within a stage the twiddle loop is outermost so each twiddle is
//    loaded once. No butterfly's inputs depend on another of the same stage.
// 2. Why lanes: the butterflies are short dependent chains on small arrays; four
//    signals per instruction amortise the loop, index and twiddle work that dominates
//    at n = 128. The extractor computes 13 spectra per window (issue 3).
// 3. No allocation per call: the caller owns the scratch, as for `laneBurgAR`.
extension FFTPlan {
  /// Array form of `laneAmplitudeSpectra`: the amplitude spectra of 4 real signals of
  /// length `size`, (4, size/2 + 1); row `lane` equals `amplitudeSpectrum(signals[lane])`.
  public func laneAmplitudeSpectra(_ signals: [[Double]]) -> [[Double]] {
    precondition(signals.count == 4 && signals.allSatisfy { $0.count == size },
                 "laneAmplitudeSpectra needs 4 signals of \(size) samples")
    let scratch = UnsafeMutablePointer<SIMD4<Double>>.allocate(capacity: size)
    defer { scratch.deallocate() }
    var out = [SIMD4<Double>](repeating: .zero, count: size / 2 + 1)
    signals[0].withUnsafeBufferPointer { a in
      signals[1].withUnsafeBufferPointer { b in
        signals[2].withUnsafeBufferPointer { c in
          signals[3].withUnsafeBufferPointer { d in
            out.withUnsafeMutableBufferPointer { o in
              laneAmplitudeSpectra(a.baseAddress!, b.baseAddress!, c.baseAddress!, d.baseAddress!,
                                   into: o.baseAddress!, scratch: scratch)
            }
          }
        }
      }
    }
    return (0..<4).map { lane in out.map { $0[lane] } }
  }

  /// The amplitude spectra |X[k]|, k = 0…size/2, of the four real signals `s0…s3`
  /// (each (size)) into `output[k][lane]`, (size/2 + 1); lane `i` performs the
  /// operations of `amplitudeSpectrum(_:into:work:)` on signal `i`.
  /// `scratch`: (size), the half-length complex signal (re, then im).
  public func laneAmplitudeSpectra(
    _ s0: UnsafePointer<Double>, _ s1: UnsafePointer<Double>, _ s2: UnsafePointer<Double>, _ s3: UnsafePointer<Double>,
    into output: UnsafeMutablePointer<SIMD4<Double>>, scratch: UnsafeMutablePointer<SIMD4<Double>>
  ) {
    let m = size / 2
    let zr = scratch, zi = scratch + m
    halfReverse.withUnsafeBufferPointer { rev in
      cosTable.withUnsafeBufferPointer { ct in
        sinTable.withUnsafeBufferPointer { st in
          // Pack z[t] = x[2t] + i·x[2t+1] straight into bit-reversed order.
          for t in 0..<m {
            let s = 2 * rev[t]
            zr[t] = SIMD4(s0[s], s1[s], s2[s], s3[s])
            zi[t] = SIMD4(s0[s + 1], s1[s + 1], s2[s + 1], s3[s + 1])
          }
          // Butterflies as in `complexKernel`: twiddle e^{−2πi·j/L} = table[j·size/L].
          var half = 1
          while half < m {
            let step = size / (2 * half)
            for j in 0..<half {
              let wr = SIMD4<Double>(repeating: ct[j * step]), wi = SIMD4<Double>(repeating: -st[j * step])
              var p = j
              while p < m {
                let q = p + half
                let xr = zr[q] * wr - zi[q] * wi
                let xi = zr[q] * wi + zi[q] * wr
                zr[q] = zr[p] - xr; zi[q] = zi[p] - xi
                zr[p] += xr; zi[p] += xi
                p += 2 * half
              }
            }
            half *= 2
          }
          // Untangle, as in `amplitudeSpectrum(_:into:work:)`.
          for k in 0...m {
            let a = k == m ? 0 : k, b = k == 0 ? 0 : m - k
            let ar = zr[a], ai = zi[a], br = zr[b], bi = -zi[b]  // Z[k], conj Z[m−k]
            let er = 0.5 * (ar + br), ei = 0.5 * (ai + bi)
            let or = 0.5 * (ai - bi), oi = -0.5 * (ar - br)
            let wr: Double, wi: Double
            if k < m { wr = ct[k]; wi = -st[k] } else { wr = -1; wi = 0 }
            let xr = er + wr * or - wi * oi
            let xi = ei + wr * oi + wi * or
            output[k] = (xr * xr + xi * xi).squareRoot()
          }
        }
      }
    }
  }
}
