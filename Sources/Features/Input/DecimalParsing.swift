// Decimal text → the correctly rounded double, without building a `String` per number:
// the number parser of `TextTable`.
//
// Decisions, in priority order:
// 1. Exact: every path gives the double that a correctly rounding conversion (strtod,
//    Swift's `Double(String)`) gives, bit for bit; tests compare against
//    `Double(String)` on random and real numbers.
// 2. Fast for the HAPT numbers (`-0.09305556168259389`: up to 19 digits, no exponent):
//    eight digits at a time with SWAR arithmetic on one 64-bit load; then either
//    Clinger's fast path (mantissa m < 2^53: m / 10^k is one correctly rounded IEEE
//    division of two exact doubles) or, for 2^53 ≤ m < 2^64 (8 % of the HAPT values),
//    one 128-by-64-bit integer division that yields 63–64 quotient bits plus an exact
//    remainder, rounded to 53 bits half-to-even by hand. Anything else (more than 19
//    digits, large exponents, hexadecimal, `inf`) goes to `strtod`.
// 3. The token grammar is `strtod`'s, checked to consume the whole token, and NaN or
//    ±Inf are refused (NaN is returned for "not one finite number").
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Exact powers used by the fast paths: 10^0…10^22 as doubles (all exact), 10^0…10^8
/// and 5^0…5^27 as integers (5^27 < 2^63). Allocated once, never freed; passed as plain
/// pointers so that the per-number code does no global-initialisation checks.
struct PowerTables: @unchecked Sendable {
  let tens: UnsafePointer<Double>
  let integerTens: UnsafePointer<UInt64>
  let fives: UnsafePointer<UInt64>

  static let shared: PowerTables = {
    let tens = UnsafeMutablePointer<Double>.allocate(capacity: 23)
    var ten = 1.0
    for e in 0...22 { tens[e] = ten; ten *= 10 }
    let integerTens = UnsafeMutablePointer<UInt64>.allocate(capacity: 9)
    var integerTen: UInt64 = 1
    for e in 0...8 { integerTens[e] = integerTen; integerTen *= 10 }
    let fives = UnsafeMutablePointer<UInt64>.allocate(capacity: 28)
    var five: UInt64 = 1
    for e in 0...27 { fives[e] = five; five = five &* 5 }
    return PowerTables(tens: tens, integerTens: integerTens, fives: fives)
  }()
}

/// `[-+]digits[.digits]` at `start` with at most 19 digits in all, parsed with the
/// SWAR fast path; returns the value and the number of bytes it spans, or nil when the
/// text does not start that way (the caller then parses the token with `parseDecimal`).
/// It does not look at what follows the number: the caller checks that it ends the token.
/// The sign and the last, partial group of fraction digits are handled without branches
/// (they vary from number to number, so branches on them would be mispredicted).
/// - Precondition: at least 8 readable bytes after any digit (the buffer is padded).
@inline(__always)
func parseSimpleDecimal(_ start: UnsafePointer<UInt8>, tables: PowerTables) -> (value: Double, length: Int)? {
  let first = start[0]
  let negative = first == 0x2D
  var i = negative || first == 0x2B ? 1 : 0
  var mantissa: UInt64 = 0
  let integerStart = i
  while isDigit(start[i]) {
    mantissa = mantissa &* 10 &+ UInt64(start[i] &- 0x30)
    i += 1
  }
  var digits = i - integerStart
  if digits > 19 { return nil }
  var fractionDigits = 0
  if start[i] == 0x2E {
    i += 1
    // Eight digits per step while the mantissa stays below 10^19 < 2^64.
    while digits + 8 <= 19 {
      let word = loadWord(start + i)
      guard isEightDigits(word) else { break }
      mantissa = mantissa &* 100_000_000 &+ eightDigitsValue(word)
      i += 8; digits += 8; fractionDigits += 8
    }
    // The rest (0–8 digits) from one more word.
    let word = loadWord(start + i)
    let n = leadingDigitCount(word)
    if digits + n > 19 { return nil }
    mantissa = mantissa &* tables.integerTens[n] &+ leadingDigitsValue(word, count: n)
    i += n; digits += n; fractionDigits += n
  }
  if digits == 0 { return nil }
  guard let magnitude = exactDecimal(mantissa, exponent: -fractionDigits, negative: false, tables: tables) else { return nil }
  let sign = UInt64(negative ? 1 : 0) << 63
  return (Double(bitPattern: magnitude.bitPattern | sign), i)
}

/// The eight bytes at `p` as one little-endian word (the first byte lowest).
@inline(__always) func loadWord(_ p: UnsafePointer<UInt8>) -> UInt64 {
  UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
}

/// How many of the eight bytes of `word`, from the first, are ASCII digits (0–8).
@inline(__always) func leadingDigitCount(_ word: UInt64) -> Int {
  // A zero byte in `y` ⇔ a digit (fast_float's test, byte-wise; a carry out of a byte
  // ≥ 0xFA can only misjudge bytes after that non-digit, which do not count).
  let y = ((word & 0xF0F0_F0F0_F0F0_F0F0) | (((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4))
    ^ 0x3333_3333_3333_3333
  // The high bit of each non-zero byte of y (exact: no carries between bytes).
  let nonDigits = (((y & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | y) & 0x8080_8080_8080_8080
  return nonDigits.trailingZeroBitCount >> 3  // 64 >> 3 = 8 when all are digits
}

/// The value of the first `count` (0–8) bytes of `word`, which are digits: they are
/// moved to the top and the bytes below filled with '0', then read as eight digits.
@inline(__always) func leadingDigitsValue(_ word: UInt64, count n: Int) -> UInt64 {
  let filled = (word << (8 * (8 - n))) | (0x3030_3030_3030_3030 >> (8 * n))  // shifts by 64 give 0
  return eightDigitsValue(filled)
}

@inline(__always) func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

/// Whether all eight bytes of `word` are ASCII digits (fast_float's test).
@inline(__always) func isEightDigits(_ word: UInt64) -> Bool {
  ((word & 0xF0F0_F0F0_F0F0_F0F0) | (((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4))
    == 0x3333_3333_3333_3333
}

/// The value of eight ASCII digits loaded little-endian (the first digit in the lowest
/// byte): pairs, then quadruples, then the eight, with three multiplications.
@inline(__always) func eightDigitsValue(_ word: UInt64) -> UInt64 {
  let mask: UInt64 = 0x0000_00FF_0000_00FF
  let mul1: UInt64 = 0x000F_4240_0000_0064  // 100 + (1000000 << 32)
  let mul2: UInt64 = 0x0000_2710_0000_0001  // 1 + (10000 << 32)
  var v = word &- 0x3030_3030_3030_3030
  v = (v &* 10) &+ (v >> 8)  // each byte pair: 10·first + second
  return (((v & mask) &* mul1) &+ (((v >> 16) & mask) &* mul2)) >> 32
}

/// The correctly rounded double of ±mantissa × 10^exponent, or nil when no fast path
/// applies (then `strtod` decides).
@inline(__always)
func exactDecimal(_ mantissa: UInt64, exponent e: Int, negative: Bool, tables: PowerTables) -> Double? {
  if mantissa < (1 << 53) && e >= -22 && e <= 22 {
    // Clinger: both operands exact, so one IEEE operation rounds correctly.
    let m = Double(mantissa)
    let magnitude = e >= 0 ? m * tables.tens[e] : m / tables.tens[-e]
    return negative ? -magnitude : magnitude
  }
  if mantissa == 0 { return negative ? -0.0 : 0.0 }
  if e < 0 && e >= -27 { return dividedByPowerOfTen(mantissa, -e, negative: negative, tables: tables) }
  return nil
}

/// ±m / 10^k correctly rounded, for 1 ≤ m < 2^64 and 1 ≤ k ≤ 27, by integer division:
/// m / 10^k = (m · 2^s / 5^k) · 2^−(s+k), with m normalised and s chosen so that the
/// quotient q has 63 or 64 bits (far more than the 53 + 1 needed); q's low bits and the
/// division remainder decide the rounding (half to even).
@inline(never)
func dividedByPowerOfTen(_ m: UInt64, _ k: Int, negative: Bool, tables: PowerTables) -> Double {
  let d = tables.fives[k]  // 5^k, 3 ≤ d < 2^63
  let lz = m.leadingZeroBitCount
  let normalized = m << lz  // in [2^63, 2^64)
  let s = (64 - d.leadingZeroBitCount) - 1  // 2^s ≤ d < 2^(s+1), s ≥ 1
  // N = normalized · 2^s < d · 2^64, so the quotient fits in 64 bits; N / d > 2^62.
  let high = normalized >> (64 - s), low = normalized << s
  let (q, r) = d.dividingFullWidth((high: high, low: low))
  // value = (q + r/d) · 2^−(lz + s + k)
  let dropped = (64 - q.leadingZeroBitCount) - 53  // 10 or 11 low bits to round away
  var significand = q >> dropped  // in [2^52, 2^53)
  let rest = q & ((1 << dropped) - 1), half: UInt64 = 1 << (dropped - 1)
  if rest > half || (rest == half && (r != 0 || significand & 1 == 1)) { significand += 1 }
  var binaryExponent = dropped - lz - s - k  // value = significand · 2^binaryExponent
  if significand == 1 << 53 { significand >>= 1; binaryExponent += 1 }
  // A normal double (the value lies between 10^−27 and 2^64): the leading bit is implicit.
  let biased = UInt64(binaryExponent + 52 + 1023)
  let bits = (negative ? 1 << 63 : 0) | biased << 52 | (significand & ((1 << 52) - 1))
  return Double(bitPattern: bits)
}

/// The number spelled by the `count` bytes at `start`, or NaN when they are not exactly
/// one number token (so NaN and Inf spelled in the file are rejected too). The general
/// path of `TextTable`: `[-+]digits[.digits][e[-+]digits]` with at most 19 significant
/// digits takes `exactDecimal`; anything else `strtod`.
/// - Precondition: the byte at `start + count` is readable (the buffer ends in a 0 byte).
func parseDecimal(_ start: UnsafePointer<UInt8>, count: Int, tables: PowerTables) -> Double {
  var i = 0
  var negative = false
  if i < count && (start[i] == 0x2D || start[i] == 0x2B) { negative = start[i] == 0x2D; i += 1 }
  var mantissa: UInt64 = 0
  var digits = 0, fractionDigits = 0, significant = 0
  var inFraction = false
  while i < count {
    let c = start[i]
    if c >= 0x30 && c <= 0x39 {
      if significant > 0 || c != 0x30 { significant += 1 }
      if significant <= 19 { mantissa = mantissa &* 10 &+ UInt64(c - 0x30) } else { return strtodToken(start, count: count) }
      digits += 1
      if inFraction { fractionDigits += 1 }
    } else if c == 0x2E && !inFraction {
      inFraction = true
    } else {
      break
    }
    i += 1
  }
  if digits == 0 { return strtodToken(start, count: count) }
  var exponent = 0
  if i < count {
    guard start[i] == 0x65 || start[i] == 0x45 else { return strtodToken(start, count: count) }  // 'e' / 'E'
    i += 1
    var negativeExponent = false
    if i < count && (start[i] == 0x2D || start[i] == 0x2B) { negativeExponent = start[i] == 0x2D; i += 1 }
    var exponentDigits = 0
    while i < count, start[i] >= 0x30 && start[i] <= 0x39 {
      if exponentDigits < 6 { exponent = exponent * 10 + Int(start[i] - 0x30) }
      exponentDigits += 1
      i += 1
    }
    if exponentDigits == 0 || exponentDigits > 5 || i != count { return strtodToken(start, count: count) }
    if negativeExponent { exponent = -exponent }
  }
  return exactDecimal(mantissa, exponent: exponent - fractionDigits, negative: negative, tables: tables)
    ?? strtodToken(start, count: count)
}

/// `strtod` on one token; NaN unless it consumes exactly the token and gives a finite value.
func strtodToken(_ start: UnsafePointer<UInt8>, count: Int) -> Double {
  // The buffer ends in a 0 byte, and strtod stops at the first byte that cannot continue
  // a number; the token is a number only if it stopped exactly at the token's end.
  let s = UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self)
  var stop: UnsafeMutablePointer<CChar>? = nil
  let v = strtod(s, &stop)
  let consumed = stop.map { UnsafeRawPointer($0) - UnsafeRawPointer(s) } ?? 0
  return consumed == count && v.isFinite ? v : .nan
}
