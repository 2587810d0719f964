// har: the command-line tool of the HAR baseline suite. It parses arguments, calls the
// library, and prints; it holds no math. Exit status: 0 success, 1 failure, 2 usage.
import Compare
import Foundation

let commands: [Command] = [compareCommand, trainCommand, featuresCommand, dataInfoCommand, dataDownloadCommand, dataWindowCommand]

let topHelp = """
  har: honest baselines for human activity recognition on UCI HAR / HAPT.

  Usage: har <command> [options]

  Commands:
  \(commands.map { "  \($0.words.joined(separator: " ").padding(toLength: 16, withPad: " ", startingAt: 0)) \($0.summary)" }.joined(separator: "\n"))

  Run 'har <command> --help' for the options of a command.
  """

@MainActor func main(_ arguments: [String]) -> Int32 {
  // Before any linear algebra: the reproducible Haswell kernels unless --native-blas
  // (docs/deep.md, "Kernels"). A plan's worker follows its plan's choice (ComparePlanMode).
  BLASKernelChoice.use(native: arguments.contains("--native-blas"))
  if arguments.isEmpty || arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"] {
    print(topHelp)
    return arguments.isEmpty ? 2 : 0
  }
  // The longest run of leading words that names a command.
  let match = commands.filter { arguments.starts(with: $0.words) }.max { $0.words.count < $1.words.count }
  guard let command = match else {
    let group = commands.filter { $0.words.first == arguments[0] }
    // `har data --help`: the group's subcommands, as help (exit 0), not as an error.
    if !group.isEmpty, arguments.count == 2, ["--help", "-h", "help"].contains(arguments[1]) {
      print("Usage: har \(arguments[0]) <subcommand> [options]\n\nSubcommands:\n"
        + group.map { "  \($0.words.joined(separator: " "))  \($0.summary)" }.joined(separator: "\n")
        + "\n\nRun 'har \(arguments[0]) <subcommand> --help' for its options.")
      return 0
    }
    if !group.isEmpty {
      let sub = arguments.count > 1 ? "'\(arguments[1])'" : "nothing"
      printError("error: 'har \(arguments[0])' needs a subcommand (\(group.map { $0.words.last! }.joined(separator: ", "))), got \(sub)\nRun 'har --help' for usage.\n")
    } else {
      printError("error: unknown command '\(arguments[0])'\nRun 'har --help' for usage.\n")
    }
    return 2
  }
  let rest = Array(arguments.dropFirst(command.words.count))
  if rest.contains("--help") || rest.contains("-h") {
    print(command.help)
    return 0
  }
  do {
    let options = try command.parse(rest)
    try command.run(options)
    return 0
  } catch let error as UsageError {
    printError("error: \(error)\n")
    return 2
  } catch {
    printError("error: \(error)\n" + (OptionTable.hint(for: error).map { "\($0)\n" } ?? ""))
    return 1
  }
}

exit(main(Array(CommandLine.arguments.dropFirst())))
