import Foundation

// Entry point: parse, run, and turn every failure into one line and a documented exit code
// (0 ok, 1 usage or input error, 2 store problem).
exit(CommandRunner.run(arguments: Array(CommandLine.arguments.dropFirst())))
