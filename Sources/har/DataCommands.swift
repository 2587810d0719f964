// `har data info` and `har data download`. Parse → Compare → print.
import Compare
import Foundation

let dataInfoCommand = Command(
  words: ["data", "info"],
  summary: "Summarise the raw recordings: experiments, users, hours, labelled time per activity, and window counts beside the official UCI HAR v1.0 counts.",
  options: [CommonOptions.data, CommonOptions.threads],
  run: { options in
    // Options first: a usage error (exit 2) must not depend on whether the data exists.
    let request = try CommonOptions.datasetRequest(options)
    print(try DatasetInfo.describe(request))
  })

let dataDownloadCommand = Command(
  words: ["data", "download"],
  summary: "Download the HAPT zip from the UCI repository and unpack it into ./\(DatasetDownload.defaultDirectory) (needs curl and unzip, and a network).",
  options: [.value("into", "DIR", "Where to unpack.", default: "./\(DatasetDownload.defaultDirectory)")],
  run: { options in
    let target = options.string("into") ?? DatasetDownload.defaultDirectory
    try DatasetDownload.download(into: target) { printError($0 + "\n") }
    print("HAPT data ready in \(target); run: har data info --data \(target)")
  })
