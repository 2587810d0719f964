// `har data info`, `har data download` and `har data window`. Parse → Compare → print.
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

let dataWindowCommand = Command(
  words: ["data", "window"],
  summary: "Draw one window: its 9 raw channels over 2.56 s and the amplitude spectrum of one channel, as an SVG (docs/teaching.md).",
  options: [
    .value("experiment", "E", "The recording (experiment id of RawData/acc_expEE_userUU.txt)."),
    .value("subject", "S", "The recording's subject, checked against it.", default: "the recording's"),
    .value("start", "N", "Show the first window starting at or after this sample (0-based) of the recording.", default: "0"),
    .value("channel", "NAME", "The channel whose spectrum is drawn: \(ChannelSelection.channelNames.joined(separator: ", ")).", default: "body_acc_x"),
    .value("out", "FILE", "The SVG file to write."),
    CommonOptions.data, CommonOptions.pipeline, CommonOptions.threads,
  ],
  run: { options in
    // Options first: a usage error (exit 2) must not depend on whether the data exists.
    guard let out = options.string("out"), !out.isEmpty else { throw UsageError(message: "--out FILE is required", command: options.command) }
    guard let experiment = try options.int("experiment") else { throw UsageError(message: "--experiment E is required", command: options.command) }
    let subject = try options.int("subject"), start = try options.int("start") ?? 0
    let request = try CommonOptions.datasetRequest(options, inputs: [.raw])
    let loaded = try DatasetLoader.load(request)
    let figure = try OptionTable.checking(options.command) {
      try WindowFigure(data: loaded.data, experiment: experiment, subject: subject, start: start,
                       channel: options.string("channel") ?? "body_acc_x")
    }
    try Data(figure.svg.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
    let w = figure.window
    let peak = figure.spectrum.indices.dropFirst().max { figure.spectrum[$0] < figure.spectrum[$1] }!
    print("\(out): subject \(w.subject), experiment \(w.experiment), \(w.activity.name), samples \(w.start)–\(w.start + figure.values.count - 1); "
      + String(format: "largest non-zero bin of %@: %.2f Hz", figure.spectrumChannel, figure.frequencyHz(bin: peak)))
  })
