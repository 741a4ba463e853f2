import ArgumentParser
import Foundation
import Rota

/// The engine's own command line: solve one instance or benchmark a set, without the web stack.
@main
struct RotaCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "carecoop-rota", abstract: "Plans home-care visits: solve an instance or benchmark a set.",
    subcommands: [Solve.self, Bench.self, RepairCommand.self, WeekCommand.self])
}

struct Solve: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Solve one instance (Mankowska, hhcrsp JSON, Solomon, ConVRP, co-op week or UHHC JSON).")
  @Argument(help: "The instance file.") var instance: String
  @Option(help: "Time budget in seconds.") var seconds: Double = 10
  @Option(help: "Stop after exactly this many moves (same seed, same plan, any machine).") var iterations: Int?
  @Option(help: "Random seed.") var seed: UInt64 = 1
  @Option(help: "Write the plan as hhcrsp validator JSON.") var solutionOut: String?
  @OptionGroup var tuning: Tuning

  func run() throws {
    if let uhhc = try UHHCFiles.load(instance) { return try solveUHHC(uhhc) }
    let problem = try Instances.load(instance)
    let result = try Annealer(problem).solve(
      {
        var options = tuning.applied(to: SearchOptions(seed: seed, seconds: seconds, iterations: iterations))
        options.progress = Progress.stderr
        return options
      }())
    let report = Evaluator.evaluate(problem, result.plan)
    print("\(problem.name): \(result.cost) in \(result.iterations) moves, \(String(format: "%.1f", result.seconds)) s")
    if !report.isFeasible {
      FileHandle.standardError.write(Data(report.violations.joined(separator: "\n").utf8))
      throw ExitCode(2)
    }
    if let solutionOut {
      try SolutionWriter.json(problem, result.plan).write(to: URL(fileURLWithPath: solutionOut))
    }
  }
}

extension Solve {
  func solveUHHC(_ instance: UHHCInstance) throws {
    let options = tuning.applied(to: UHHCAnnealer.defaultOptions(seed: seed, seconds: seconds, iterations: iterations))
    let result = try UHHCFiles.solve(instance, options: options)
    print("\(instance.name): cost \(result.cost) (\(result.score)) in \(result.iterations) moves")
    if let solutionOut { try result.plan.json(instance).write(to: URL(fileURLWithPath: solutionOut)) }
    if result.score.forbiddenLateness > 0 {
      FileHandle.standardError.write(
        Data("\(result.score.forbiddenLateness) minutes late where lateness is forbidden: no plan avoided it\n".utf8))
      throw ExitCode(2)
    }
  }
}

enum Progress {
  static let stderr: @Sendable (SearchProgress) -> Void = { p in
    let line = String(
      format: "  %8d moves  %6.1f s  best %.2f  T %.3f\n", p.iteration, p.seconds, p.best.objective, p.temperature)
    FileHandle.standardError.write(Data(line.utf8))
  }
}

enum Instances {
  static func load(_ path: String) throws -> RotaProblem {
    let file = (path as NSString).lastPathComponent
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InstanceError(file: path, location: "file", message: "cannot be read")
    }
    if path.hasSuffix(".week.json") { return try CoopWeekReader.read(data: data, file: file) }
    if path.hasSuffix(".json") { return try HHCRSPJSONReader.read(data: data, file: file) }
    if isSolomon(data) { return try SolomonReader.read(text: String(decoding: data, as: UTF8.self), file: file) }
    if path.hasSuffix(".vrp") { return try ConVRPReader.read(text: String(decoding: data, as: UTF8.self), file: file) }
    return try MankowskaReader.read(text: String(decoding: data, as: UTF8.self), file: file)
  }
}

extension Instances {
  /// Solomon files are plain text too: they are told apart by their VEHICLE and CUSTOMER sections.
  static func isSolomon(_ data: Data) -> Bool {
    let head = String(decoding: data.prefix(400), as: UTF8.self).uppercased()
    return head.contains("VEHICLE") && head.contains("CUSTOMER")
  }
}
