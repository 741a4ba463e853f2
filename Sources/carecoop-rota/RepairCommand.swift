import ArgumentParser
import Foundation
import Rota

/// Solves an instance, takes one carer away and times the repair: how quickly cover is found.
struct RepairCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "repair", abstract: "Solve, then re-plan after one carer drops out; print what changed.")
  @Argument(help: "The instance file.") var instance: String
  @Option(help: "Seconds to solve first.") var seconds: Double = 5
  @Option(help: "The carer who drops out (0-based); default: the first whose visits others can cover.") var carer: Int?
  @Option(help: "Random seed.") var seed: UInt64 = 1

  func run() throws {
    let problem = try Instances.load(instance)
    let solved = Annealer(problem).solve(SearchOptions(seed: seed, seconds: seconds))
    let gone =
      carer
      ?? solved.plan.routes.indices.first { c in
        !solved.plan.routes[c].isEmpty
          && solved.plan.routes[c].allSatisfy { s in problem.shifts.indices.contains { $0 != c && problem.canDo($0, s) }
          }
      } ?? 0
    let clock = ContinuousClock()
    var result: Repair.Result?
    let took = try clock.measure { result = try Repair.withoutCarer(problem, plan: solved.plan, carer: gone) }
    let repaired = result!
    let moved = repaired.changes.filter { $0.from != $0.to }
    print("\(problem.name): \(problem.services.count) visits; carer \(problem.carerName(ofShift: gone)) drops out")
    print("before: \(solved.cost)")
    print("after:  \(repaired.cost)")
    print(
      "\(moved.count) visits moved to other carers, \(repaired.changes.count - moved.count) others retimed, in \(took)")
    for change in moved {
      print(
        String(
          format: "  visit %d → %@, start %.1f → %.1f", change.service, problem.carerName(ofShift: change.to),
          change.oldStart, change.newStart))
    }
    let report = Evaluator.evaluate(problem, repaired.plan)
    if !report.isFeasible { throw ValidationError(report.violations.joined(separator: "\n")) }
  }
}

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
    let week = Week.repeating(try Instances.load(instance), days: days)
    var options = SearchOptions(seed: seed, seconds: seconds)
    let separate = Week.dayByDay(week, days: days, options: options)
    options.continuityWeight = continuityWeight
    let together = Annealer(week).solve(options).plan
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
