// A checksum of the raw data files for the report header: FNV-1a, 64 bits
// (Fowler–Noll–Vo; offset basis 0xcbf29ce484222325, prime 0x100000001b3).
//
// Not cryptographic: it detects a changed, missing or extra file, which is all a report
// header needs, and it is short to implement and to check by hand. For a HAPT folder it
// covers exactly the files the loader reads (labels.txt and the paired acc/gyro files,
// `RawDataset.inputFiles`), so an unrelated or special file (a FIFO, a huge archive) beside
// them is neither read nor hashed; for any other folder, every regular file under it. In
// byte order of their relative paths, it hashes for each the relative path, a 0 byte, the
// size as 8 little-endian bytes, and the contents.
import Features
import Foundation

/// The 64-bit FNV-1a hash.
public struct FNV1a64: Sendable, Equatable {
  public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

  public init() {}

  /// Mixes in `bytes`.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    var h = value
    for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
    value = h
  }

  /// Mixes in the UTF-8 bytes of `string`.
  public mutating func update(_ string: String) {
    var s = string
    s.withUTF8 { update(UnsafeRawBufferPointer($0)) }
  }

  /// The hash of a string's UTF-8 bytes.
  public static func hash(_ string: String) -> UInt64 {
    var h = FNV1a64(); h.update(string); return h.value
  }

  /// `value` as 16 lower-case hex digits.
  public var hex: String {
    let s = String(value, radix: 16)
    return String(repeating: "0", count: 16 - s.count) + s
  }
}

/// The checksum of a data folder.
public struct DataChecksum: Sendable, Equatable, Codable {
  /// "fnv1a64".
  public var algorithm: String
  /// 16 hex digits.
  public var value: String
  /// Files hashed.
  public var fileCount: Int
  /// Bytes hashed (file contents).
  public var byteCount: Int

  public init(algorithm: String, value: String, fileCount: Int, byteCount: Int) {
    self.algorithm = algorithm; self.value = value; self.fileCount = fileCount; self.byteCount = byteCount
  }

  /// "fnv1a64:0123456789abcdef (122 files, 95.1 MB)".
  public var summary: String {
    "\(algorithm):\(value) (\(fileCount) files, \(String(format: "%.1f", Double(byteCount) / 1e6)) MB)"
  }

  /// Hashes the files the HAPT loader reads from `directory`, or every regular file
  /// under a folder that is not a HAPT folder (see the file comment for the order).
  /// - Throws: `CompareError.io` when the folder or a file cannot be read.
  public static func compute(directory: URL) throws -> DataChecksum {
    let root = directory.standardizedFileURL.path
    var files: [String] = []
    if let loaded = try? RawDataset.inputFiles(haptDirectory: root) {
      files = loaded.map { $0.hasPrefix(root + "/") ? String($0.dropFirst(root.count + 1)) : $0 }
    } else {
      guard let enumerator = FileManager.default.enumerator(atPath: root) else {
        throw CompareError.io(path: root, reason: "cannot list the folder")
      }
      while let relative = enumerator.nextObject() as? String {
        if let type = enumerator.fileAttributes?[.type] as? FileAttributeType, type == .typeRegular { files.append(relative) }
      }
    }
    files.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    var h = FNV1a64()
    var bytes = 0
    for relative in files {
      let data = try FileIO.read(URL(fileURLWithPath: root + "/" + relative))
      h.update(relative)
      withUnsafeBytes(of: UInt8(0)) { h.update($0) }
      withUnsafeBytes(of: UInt64(data.count).littleEndian) { h.update($0) }
      data.withUnsafeBytes { h.update($0) }
      bytes += data.count
    }
    return DataChecksum(algorithm: "fnv1a64", value: h.hex, fileCount: files.count, byteCount: bytes)
  }
}
