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
  @Flag(help: "Several-day instances: the carer is away all week (every shift), not only one day.")
  var wholeWeek = false

  func run() throws {
    let problem = try Instances.load(instance)
    let solved = try Annealer(problem).solve(SearchOptions(seed: seed, seconds: seconds))
    let gone =
      carer
      ?? solved.plan.routes.indices.first { c in
        !solved.plan.routes[c].isEmpty
          && solved.plan.routes[c].allSatisfy { s in problem.shifts.indices.contains { $0 != c && problem.canDo($0, s) }
          }
      } ?? 0
    let clock = ContinuousClock()
    var result: Repair.Result?
    let took = try clock.measure {
      result =
        wholeWeek
        ? try Repair.withoutCarer(problem, plan: solved.plan, carer: problem.shifts[gone].carer, fromDay: 0)
        : try Repair.withoutCarer(problem, plan: solved.plan, carer: gone)
    }
    let repaired = result!
    let moved = repaired.changes.filter { $0.from != $0.to }
    let span = wholeWeek ? "for the whole horizon" : "on day \(problem.shifts[gone].day)"
    print(
      "\(problem.name): \(problem.services.count) visits; carer \(problem.carerName(ofShift: gone)) drops out \(span)")
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
