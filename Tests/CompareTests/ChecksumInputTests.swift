// The data checksum covers exactly the files the HAPT loader reads (issue 13): an
// unrelated file beside them changes nothing, and a FIFO beside them is not opened (it
// used to hang the run, as every file in the folder was read).
import Compare
import Features
import Foundation
import Testing
import _TestSupport
#if canImport(Glibc)
import Glibc
#endif

@Test func dataChecksumReadsOnlyTheLoadedFiles() throws {
  let f = try HAPTFixture()
  let before = try DataChecksum.compute(directory: f.root)
  #expect(before.fileCount == 5)  // labels.txt and two acc/gyro pairs
  try f.write("notes.txt", "not data\n")
  try "x".write(to: f.root.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
  #expect(mkfifo(f.raw.appendingPathComponent("pipe").path, 0o600) == 0)
  let after = try DataChecksum.compute(directory: f.root)
  #expect(after == before)
  // A loaded file still counts.
  try f.write("labels.txt", "1 1 1 1 200\n")
  #expect(try DataChecksum.compute(directory: f.root).value != before.value)
  #expect(try RawDataset.inputFiles(haptDirectory: f.root.path).map { ($0 as NSString).lastPathComponent }
    == ["acc_exp01_user01.txt", "acc_exp02_user02.txt", "gyro_exp01_user01.txt", "gyro_exp02_user02.txt", "labels.txt"])
}
