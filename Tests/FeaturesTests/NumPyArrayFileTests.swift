// The .npy writer against bytes written out by hand (and checked once with numpy.save of
// NumPy 2.4.6: `np.save(f, np.zeros((2, 3)))` gives exactly the first header below), so a
// change of padding, dict order or endianness fails here rather than in numpy.load.
import Features
import Foundation
import Testing

@Suite struct NumPyArrayFileTests {
  /// magic, version 1.0, then HEADER_LEN as two little-endian bytes.
  func prefix(headerLength: Int) -> [UInt8] {
    [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 0x01, 0x00, UInt8(headerLength % 256), UInt8(headerLength / 256)]
  }

  @Test func headerOfA2DFloat64ArrayByteForByte() {
    // 59 characters of dict, 20 spare spaces for the first axis (21 − 1 digit), then
    // 38 spaces of padding and "\n": 10 + 59 + 20 + 38 + 1 = 128 = 2 × 64.
    let dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"
    #expect(dict.utf8.count == 59)
    let expected = prefix(headerLength: 118) + Array(dict.utf8) + [UInt8](repeating: 0x20, count: 58) + [0x0A]
    #expect(NumPyArrayFile.header(.float64, shape: [2, 3]) == expected)
  }

  @Test func headerOf1DAnd3DArraysByteForByte() {
    // 57 characters + (21 − 1) spare + 40 padding + "\n" = 118.
    let oneD = "{'descr': '<i4', 'fortran_order': False, 'shape': (5,), }"
    #expect(oneD.utf8.count == 57)
    #expect(NumPyArrayFile.header(.int32, shape: [5])
              == prefix(headerLength: 118) + Array(oneD.utf8) + [UInt8](repeating: 0x20, count: 60) + [0x0A])
    // 67 characters + (21 − 4) spare + 33 padding + "\n" = 118 again.
    let threeD = "{'descr': '<f4', 'fortran_order': False, 'shape': (7352, 128, 9), }"
    #expect(threeD.utf8.count == 67)
    #expect(NumPyArrayFile.header(.float32, shape: [7352, 128, 9])
              == prefix(headerLength: 118) + Array(threeD.utf8) + [UInt8](repeating: 0x20, count: 50) + [0x0A])
  }

  @Test func shapeLiteralsAreTuples() {
    #expect(NumPyArrayFile.shapeLiteral([]) == "()")
    #expect(NumPyArrayFile.shapeLiteral([10411]) == "(10411,)")
    #expect(NumPyArrayFile.shapeLiteral([0, 561]) == "(0, 561)")
    #expect(NumPyArrayFile.shapeLiteral([3, 128, 9]) == "(3, 128, 9)")
  }

  @Test(arguments: [[], [0], [1], [10411, 561], [7352, 128, 9], [123456789, 2, 3, 4, 5, 6, 7]])
  func everyHeaderIsAlignedAndEndsInANewline(_ shape: [Int]) {
    for type in NumPyArrayFile.ElementType.allCases {
      let h = NumPyArrayFile.header(type, shape: shape)
      #expect(h.count % 64 == 0, "\(shape): \(h.count) bytes")
      #expect(Int(h[8]) + 256 * Int(h[9]) == h.count - 10, "HEADER_LEN counts what follows it")
      #expect(h.last == 0x0A && h[h.count - 2] == 0x20)
      #expect(String(decoding: h[10...], as: UTF8.self).contains("'shape': \(NumPyArrayFile.shapeLiteral(shape)), }"))
    }
  }

  @Test func float64DataIsLittleEndianIEEE() {
    let file = NumPyArrayFile.contents([1.0, -2.5], shape: [2], as: .float64)
    #expect(file.count == 128 + 16)
    #expect(Array(file[128...]) == [0, 0, 0, 0, 0, 0, 0xF0, 0x3F,   // 1.0 = 0x3FF0000000000000
                                    0, 0, 0, 0, 0, 0, 0x04, 0xC0])  // -2.5 = 0xC004000000000000
  }

  @Test func float32DataIsLittleEndianIEEEAndRoundsDoubles() {
    let floats = NumPyArrayFile.contents([Float(1), -2.5], shape: [1, 2], as: .float32)
    #expect(Array(floats[128...]) == [0, 0, 0x80, 0x3F, 0, 0, 0x20, 0xC0])  // 0x3F800000, 0xC0200000
    // 0.1 rounds to the Float 0x3DCCCCCD.
    let rounded = NumPyArrayFile.contents([0.1], shape: [1], as: .float32)
    #expect(Array(rounded[128...]) == [0xCD, 0xCC, 0xCC, 0x3D])
    // A Float widened to float64 is exact: Float(0.1) = 0x3FB99999A0000000.
    let widened = NumPyArrayFile.contents([Float(0.1)], shape: [1], as: .float64)
    #expect(Array(widened[128...]) == [0, 0, 0, 0xA0, 0x99, 0x99, 0xB9, 0x3F])
  }

  @Test func int32DataIsLittleEndianTwosComplement() {
    let file = NumPyArrayFile.contents([Int32(1), -2, 256], shape: [3])
    #expect(String(decoding: file[10..<67], as: UTF8.self) == "{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }")
    #expect(Array(file[128...]) == [1, 0, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF, 0, 1, 0, 0])
  }

  @Test func dataIsInCOrder() {
    // (2, 3): element [r][c] is at r * 3 + c.
    let file = NumPyArrayFile.contents([Int32(0), 1, 2, 10, 11, 12], shape: [2, 3])
    let values = stride(from: 128, to: file.count, by: 4).map { Int32(file[$0]) }
    #expect(values == [0, 1, 2, 10, 11, 12])
  }
}
