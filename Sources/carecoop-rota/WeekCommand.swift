import ArgumentParser
import Foundation
import Rota

/// Plans a week made from a one-day instance twice, at once with continuity and day by day without,
/// and prints both side by side.
struct WeekCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "week", abstract: "Weekly continuity: the week planned at once vs day by day.")
  @Argument(help: "A one-day instance; its visits repeat every day.") var instance: String
  @Option(help: "Days in the horizon.") var days = 7
  @Option(help: "Seconds for each of the two plans.") var seconds: Double = 20
  @Option(help: "Cost of each extra carer a person sees.") var continuityWeight = 30.0
  @Option(help: "Random seed.") var seed: UInt64 = 1

  func run() throws {
    let loaded = try Instances.load(instance)
    // A multi-day instance (ConVRP) is already a week; a one-day instance is repeated.
    let horizon = (loaded.shifts.map(\.day).max() ?? 0) + 1
    let days = horizon > 1 ? horizon : self.days
    let week = horizon > 1 ? loaded : Week.repeating(loaded, days: days)
    var options = SearchOptions(seed: seed, seconds: seconds)
    let separate = try Week.dayByDay(week, days: days, options: options)
    options.continuityWeight = continuityWeight
    let together = try Annealer(week).solve(options).plan
    for (label, plan) in [("day by day", separate), ("whole week", together)] {
      let report = Evaluator.evaluate(week, plan)
      guard report.isFeasible else { throw ValidationError(report.violations.joined(separator: "\n")) }
      print("\(label.padding(toLength: 11, withPad: " ", startingAt: 0)) \(report.cost)")
      print("            \(ContinuityReport(week, plan))")
    }
    let a = ContinuityReport(week, separate).travel
    let b = ContinuityReport(week, together).travel
    print(String(format: "travel: whole week is %+.1f %% against day by day", (b - a) / a * 100))
  }
}
