// NumPy's `.npy` file format, version 1.0, so that `numpy.load(path, allow_pickle=False)`
// reads our features and windows without a text parser. The format (numpy's
// `numpy/lib/format.py`, "NEP 1"):
//
//   bytes 0…5   magic "\x93NUMPY"
//   bytes 6, 7  format version 1, 0
//   bytes 8, 9  HEADER_LEN, a little-endian UInt16
//   then        HEADER_LEN bytes of ASCII: a Python dict literal
//               `{'descr': '<f8', 'fortran_order': False, 'shape': (N, 561), }`
//               padded with spaces and ending in "\n"
//   then        the elements, little-endian, in C (row-major) order.
//
// Decisions, in priority order:
// 1. Byte-for-byte what `numpy.save` writes (checked against NumPy 2.4): the dict keys in
//    sorted order, the shape as Python's `repr` of a tuple (`(5,)` for one dimension),
//    then NumPy's spare spaces for growing the first axis (21 minus the digits of the
//    first dimension), then padding so that the data starts at a multiple of 64 bytes
//    (NumPy's ARRAY_ALIGN; it pads with 1…64 spaces, never 0, counting the "\n").
//    Identical files make the test against NumPy a simple comparison.
// 2. Little-endian on every host (`<` in `descr`): values are stored through their bit
//    patterns' `littleEndian`, so a big-endian machine would write the same file.
// 3. Three element types cover what the export needs: `<f8` and `<f4` for features and
//    signals, `<i4` for labels and subject ids.
import Foundation

/// The NumPy `.npy` (version 1.0) encoding of one array.
public enum NumPyArrayFile {
  /// The element type of an array, as NumPy's `descr` names it.
  public enum ElementType: String, CaseIterable, Sendable {
    /// 64-bit IEEE float, little-endian (`numpy.float64`).
    case float64 = "<f8"
    /// 32-bit IEEE float, little-endian (`numpy.float32`).
    case float32 = "<f4"
    /// 32-bit signed integer, little-endian (`numpy.int32`).
    case int32 = "<i4"

    /// Bytes per element.
    public var byteCount: Int {
      switch self {
      case .float64: 8
      case .float32, .int32: 4
      }
    }
  }

  /// The 6-byte magic string that starts every `.npy` file.
  public static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
  /// The data starts at a multiple of this many bytes (NumPy's `ARRAY_ALIGN`).
  public static let alignment = 64
  /// Spare header room NumPy leaves for growing the first axis (`GROWTH_AXIS_MAX_DIGITS`).
  static let growthAxisMaxDigits = 21

  /// Python's `repr` of `shape` as a tuple: `()`, `(5,)`, `(2, 3)`.
  public static func shapeLiteral(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
  }

  /// The header of an array: magic, version, length and the padded dict, a multiple of
  /// 64 bytes long (see the file comment).
  ///
  /// - Precondition: every dimension is ≥ 0, and the dict fits a version 1.0 header
  ///   (< 65536 bytes, i.e. any shape of reasonable rank).
  public static func header(_ type: ElementType, shape: [Int]) -> [UInt8] {
    precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
    var dict = "{'descr': '\(type.rawValue)', 'fortran_order': False, 'shape': \(shapeLiteral(shape)), }"
    if let first = shape.first { dict += String(repeating: " ", count: max(0, growthAxisMaxDigits - String(first).count)) }
    let prefixCount = magic.count + 2 + 2  // magic, version, HEADER_LEN
    let padding = alignment - (prefixCount + dict.utf8.count + 1) % alignment  // 1…64, as NumPy
    let headerLength = dict.utf8.count + padding + 1
    precondition(headerLength <= Int(UInt16.max), "a .npy 1.0 header holds at most 65535 bytes, needed \(headerLength)")
    var bytes = magic + [1, 0, UInt8(headerLength & 0xFF), UInt8(headerLength >> 8)]
    bytes += Array(dict.utf8)
    bytes += [UInt8](repeating: 0x20, count: padding)
    bytes.append(0x0A)
    return bytes
  }

  /// A whole `.npy` file holding `values` as `type` (`.float64` or `.float32`; a
  /// `.float32` file rounds each value to the nearest Float).
  ///
  /// - Parameters:
  ///   - values: the elements in C order; their count is the product of `shape`.
  ///   - shape: the array's dimensions, e.g. `[N, 561]`.
  /// - Precondition: `values.count` is the product of `shape`; `type` is a float type.
  public static func contents(_ values: [Double], shape: [Int], as type: ElementType = .float64) -> [UInt8] {
    precondition(type != .int32, "Double values are written as float64 or float32, not \(type)")
    return encode(count: values.count, shape: shape, type: type) { data in
      values.withUnsafeBufferPointer { v in
        if type == .float64 {
          for i in v.indices { data.storeBytes(of: v[i].bitPattern.littleEndian, toByteOffset: i * 8, as: UInt64.self) }
        } else {
          for i in v.indices { data.storeBytes(of: Float(v[i]).bitPattern.littleEndian, toByteOffset: i * 4, as: UInt32.self) }
        }
      }
    }
  }

  /// A whole `.npy` file holding `values` as `type` (`.float32` or `.float64`, which is
  /// exact). See `contents(_:shape:as:)` for Double values.
  /// - Precondition: `values.count` is the product of `shape`; `type` is a float type.
  public static func contents(_ values: [Float], shape: [Int], as type: ElementType = .float32) -> [UInt8] {
    precondition(type != .int32, "Float values are written as float32 or float64, not \(type)")
    return encode(count: values.count, shape: shape, type: type) { data in
      values.withUnsafeBufferPointer { v in
        if type == .float32 {
          for i in v.indices { data.storeBytes(of: v[i].bitPattern.littleEndian, toByteOffset: i * 4, as: UInt32.self) }
        } else {
          for i in v.indices { data.storeBytes(of: Double(v[i]).bitPattern.littleEndian, toByteOffset: i * 8, as: UInt64.self) }
        }
      }
    }
  }

  /// A whole `.npy` file holding `values` as `<i4`.
  /// - Precondition: `values.count` is the product of `shape`.
  public static func contents(_ values: [Int32], shape: [Int]) -> [UInt8] {
    encode(count: values.count, shape: shape, type: .int32) { data in
      for (i, v) in values.enumerated() { data.storeBytes(of: v.littleEndian, toByteOffset: i * 4, as: Int32.self) }
    }
  }

  /// Header plus `count` elements of `type`, stored by `fill` into the data region.
  static func encode(
    count: Int, shape: [Int], type: ElementType, fill: (UnsafeMutableRawBufferPointer) -> Void
  ) -> [UInt8] {
    precondition(shape.reduce(1, *) == count, "\(count) values for shape \(shapeLiteral(shape))")
    let head = header(type, shape: shape)
    var bytes = [UInt8](repeating: 0, count: head.count + count * type.byteCount)
    bytes.withUnsafeMutableBytes { all in
      all.copyBytes(from: head)
      fill(UnsafeMutableRawBufferPointer(rebasing: all[head.count...]))
    }
    return bytes
  }
}
